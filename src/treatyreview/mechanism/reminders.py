"""When a stage's deadline calls for a reminder: dates in, kinds out, no I/O and no framework.

A stage not yet done gets one reminder *before* its deadline, from `days_before` days ahead of the date it is due
(its latest granted extension, else the deadline) until that date, and one reminder *after* it, from `days_after`
days past that date on. A stage done gets none. Each kind is sent at most once per deadline and person: the
platform records what it sent, so a run missed one day is caught up the next, and a second run sends nothing.
"""

from __future__ import annotations

import datetime

__all__ = ["AFTER", "BEFORE", "KINDS", "days_between", "reminders_due"]

BEFORE = "before"
AFTER = "after"
KINDS = (BEFORE, AFTER)


def reminders_due(
    due: datetime.date,
    *,
    on: datetime.date,
    days_before: int,
    days_after: int,
    met_on: datetime.date | None = None,
) -> tuple[str, ...]:
    """The kinds of reminder a stage due on `due` calls for on the day `on` (none once the stage is done)."""
    if days_before < 0 or days_after < 0:
        raise ValueError("days before and after must not be negative")
    if met_on is not None:
        return ()
    if due - datetime.timedelta(days=days_before) <= on <= due:
        return (BEFORE,)
    if on >= due + datetime.timedelta(days=days_after):
        return (AFTER,)
    return ()


def days_between(earlier: datetime.date, later: datetime.date) -> int:
    """Whole days from `earlier` to `later` (negative when `later` comes first)."""
    return (later - earlier).days
