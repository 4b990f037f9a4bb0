"""When a deadline calls for a reminder: properties of the arithmetic, and the cases a reader checks by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatyreview.mechanism.reminders import AFTER, BEFORE, reminders_due

days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))
spans = st.integers(min_value=0, max_value=90)


def test_the_cases_by_hand() -> None:
    due = dt.date(2024, 7, 1)
    assert reminders_due(due, on=dt.date(2024, 6, 16), days_before=14, days_after=7) == ()
    assert reminders_due(due, on=dt.date(2024, 6, 17), days_before=14, days_after=7) == (BEFORE,)
    assert reminders_due(due, on=due, days_before=14, days_after=7) == (BEFORE,)
    assert reminders_due(due, on=dt.date(2024, 7, 7), days_before=14, days_after=7) == ()
    assert reminders_due(due, on=dt.date(2024, 7, 8), days_before=14, days_after=7) == (AFTER,)
    assert reminders_due(due, on=dt.date(2024, 7, 8), days_before=14, days_after=7, met_on=due) == ()
    with pytest.raises(ValueError):
        reminders_due(due, on=due, days_before=-1, days_after=7)


@given(due=days, on=days, before=spans, after=spans)
def test_at_most_one_kind_and_never_early_or_late(due: dt.date, on: dt.date, before: int, after: int) -> None:
    kinds = reminders_due(due, on=on, days_before=before, days_after=after)
    assert len(kinds) <= 1
    if BEFORE in kinds:
        assert due - dt.timedelta(days=before) <= on <= due
    if AFTER in kinds:
        assert on > due and (on - due).days >= after


@given(due=days, before=spans, after=st.integers(min_value=1, max_value=90), met=days)
def test_a_daily_run_meets_each_kind_and_a_done_stage_none(due: dt.date, before: int, after: int, met: dt.date) -> None:
    window = [due + dt.timedelta(days=offset) for offset in range(-before - 3, after + 3)]
    seen = [kind for on in window for kind in reminders_due(due, on=on, days_before=before, days_after=after)]
    assert BEFORE in seen and AFTER in seen
    assert all(reminders_due(due, on=on, days_before=before, days_after=after, met_on=met) == () for on in window)
