"""The deadline arithmetic of `mechanism.schedule`: calendar months, month ends, leap years, the capacity
setting, extensions and the work plan, as properties over many dates."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatyreview.mechanism import schedule
from treatyreview.mechanism.rules import UNTOC_2018

days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31))
months = st.integers(min_value=0, max_value=120)
percents = st.integers(min_value=0, max_value=200)
UNTOC = schedule.ScheduleRules.of(UNTOC_2018.values)


def test_a_month_after_31_january_is_the_last_day_of_february() -> None:
    assert schedule.add_months(dt.date(2021, 1, 31), 1) == dt.date(2021, 2, 28)
    assert schedule.add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert schedule.add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert schedule.add_months(dt.date(2021, 8, 31), 6) == dt.date(2022, 2, 28)
    assert schedule.add_months(dt.date(2021, 12, 15), 1) == dt.date(2022, 1, 15)


@given(days, months)
def test_adding_months_lands_in_the_right_month_on_the_same_day_or_the_month_end(day: dt.date, count: int) -> None:
    result = schedule.add_months(day, count)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == count
    last = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(day.day, last)
    assert result >= day


@given(days, months, months)
def test_adding_months_never_goes_backwards_and_grows_with_the_months(day: dt.date, a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert schedule.add_months(day, low) <= schedule.add_months(day, high)


@given(days)
def test_a_phase_of_the_untoc_preset_has_its_stages_in_order(start: dt.date) -> None:
    due = schedule.stage_deadlines(start, UNTOC)
    assert start < due["focal_point"] < due["experts"] < due["questionnaire"]
    assert due["focal_point"] - start == dt.timedelta(weeks=2)
    assert due["experts"] - start == dt.timedelta(weeks=4)
    assert due["questionnaire"] == schedule.add_months(start, 6)


@given(days, percents)
def test_the_capacity_setting_lengthens_each_stage_by_its_percent_rounded_up(start: dt.date, percent: int) -> None:
    rules = schedule.ScheduleRules(2, 4, 6, 6, capacity_extension_percent=percent)
    normal = schedule.stage_deadlines(start, rules)
    longer = schedule.stage_deadlines(start, rules, capacity=True)
    for stage, day in normal.items():
        span = (day - start).days
        extra = (longer[stage] - day).days
        assert extra * 100 >= span * percent  # at least the percent
        assert (extra - 1) * 100 < span * percent or extra == 0  # rounded up by less than one day
    # A State without a capacity flag gets the normal dates whatever the setting.
    assert schedule.stage_deadlines(start, rules, capacity=False) == normal


@given(days, percents, percents)
def test_more_percent_never_gives_less_time(start: dt.date, a: int, b: int) -> None:
    low, high = sorted((a, b))
    due_low = schedule.stage_deadlines(start, schedule.ScheduleRules(2, 4, 6, 6, low), capacity=True)
    due_high = schedule.stage_deadlines(start, schedule.ScheduleRules(2, 4, 6, 6, high), capacity=True)
    assert all(due_low[stage] <= due_high[stage] for stage in due_low)


def test_fifty_percent_on_two_weeks_is_three_weeks() -> None:
    rules = schedule.ScheduleRules(2, 4, 6, 6, capacity_extension_percent=50)
    due = schedule.stage_deadlines(dt.date(2024, 2, 29), rules, capacity=True)
    assert due["focal_point"] == dt.date(2024, 3, 21)
    # 29 Feb 2024 + 6 months = 29 Aug 2024 (182 days); half of it is 91 days more.
    assert due["questionnaire"] == dt.date(2024, 8, 29) + dt.timedelta(days=91)


@given(days, st.lists(days, max_size=4))
def test_an_extension_only_ever_moves_the_date_later(due: dt.date, granted: list[dt.date]) -> None:
    effective = schedule.effective_due(due, granted)
    assert effective >= due
    assert effective == max([due, *granted])


@given(days, st.lists(days, max_size=3), days, st.one_of(st.none(), days))
def test_a_deadline_is_passed_exactly_when_done_or_today_is_after_the_effective_date(
    due: dt.date, granted: list[dt.date], on: dt.date, met_on: dt.date | None
) -> None:
    passed = schedule.is_passed(due, on=on, met_on=met_on, granted_until=granted)
    assert passed == ((met_on or on) > schedule.effective_due(due, granted))


@given(days)
def test_the_feedback_is_due_six_months_after_the_questionnaire_is_received(received: dt.date) -> None:
    assert schedule.feedback_due(received, UNTOC) == schedule.add_months(received, 6)


@given(days, st.permutations([1, 2, 3, 4]), st.integers(min_value=1, max_value=60))
def test_phases_follow_the_work_plan_each_starting_a_phase_length_after_the_first(
    start: dt.date, order: list[int], length: int
) -> None:
    planned = schedule.plan_phases(schedule.WorkPlan(tuple(order), length), start)
    assert [p.cluster for p in planned] == order
    assert [p.position for p in planned] == [1, 2, 3, 4]
    assert all(p.instrument is None for p in planned)
    assert [p.starts_on for p in planned] == [schedule.add_months(start, i * length) for i in range(4)]


def test_in_turn_each_cluster_is_reviewed_for_each_instrument_before_the_next() -> None:
    plan = schedule.WorkPlan((1, 4), 6, "in_turn")
    planned = schedule.plan_phases(plan, dt.date(2020, 1, 31), ["UNTOC", "TIP"])
    assert [(p.cluster, p.instrument) for p in planned] == [(1, "UNTOC"), (1, "TIP"), (4, "UNTOC"), (4, "TIP")]
    assert [p.starts_on for p in planned] == [dt.date(2020, 1, 31), dt.date(2020, 7, 31), dt.date(2021, 1, 31),
                                              dt.date(2021, 7, 31)]


@pytest.mark.parametrize("plan", [schedule.WorkPlan((1, 1, 2), 24), schedule.WorkPlan((), 24),
                                  schedule.WorkPlan((1, 2), 0)])
def test_an_impossible_work_plan_is_refused(plan: schedule.WorkPlan) -> None:
    with pytest.raises(ValueError):
        schedule.plan_phases(plan, dt.date(2020, 1, 1))
