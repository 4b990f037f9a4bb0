"""Deadline arithmetic of a review's phases: dataclasses in, dates out, no I/O and no framework.

A phase starts on a date; its stages are due a number of weeks or months after that start (the focal point,
the governmental experts, the self-assessment questionnaire), and the reviewers' written feedback a number of
months after the questionnaire is received. Months are calendar months: 31 January plus one month is the last
day of February (28 or 29), never 3 March. A State under review with a capacity flag (least developed, small
island or landlocked developing) may get a percentage more time on each of its own stages, rounded up to whole
days. An extension moves the date a stage is due to the latest granted date; the deadline itself never moves.
"""

from __future__ import annotations

import calendar
import datetime
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "STAGES_OF_THE_STATE_UNDER_REVIEW",
    "PlannedPhase",
    "ScheduleRules",
    "WorkPlan",
    "add_months",
    "effective_due",
    "feedback_due",
    "is_passed",
    "lengthened",
    "plan_phases",
    "stage_deadlines",
]

# The stages whose work falls on the State under review: the capacity setting lengthens these.
STAGES_OF_THE_STATE_UNDER_REVIEW = ("focal_point", "experts", "questionnaire")


@dataclass(frozen=True)
class ScheduleRules:
    """The numbers of the rules record that set deadlines (`mechanism.rules.RulesValues` has them all)."""

    focal_point_weeks: int
    experts_weeks: int
    questionnaire_months: int
    feedback_months: int
    capacity_extension_percent: int = 0

    @classmethod
    def of(cls, values: object) -> ScheduleRules:
        """The schedule's numbers from a rules record's values (any object with these attributes)."""
        return cls(
            focal_point_weeks=int(getattr(values, "focal_point_weeks")),  # noqa: B009
            experts_weeks=int(getattr(values, "experts_weeks")),  # noqa: B009
            questionnaire_months=int(getattr(values, "questionnaire_months")),  # noqa: B009
            feedback_months=int(getattr(values, "feedback_months")),  # noqa: B009
            capacity_extension_percent=int(getattr(values, "capacity_extension_percent", 0)),
        )


@dataclass(frozen=True)
class WorkPlan:
    """A cycle's work plan: clusters in review order, the length of a phase, instruments together or in turn."""

    cluster_order: tuple[int, ...]
    phase_months: int
    instruments_review: str = "together"


@dataclass(frozen=True)
class PlannedPhase:
    """One phase as the work plan places it; `instrument` is None when the instruments are reviewed together."""

    position: int
    cluster: int
    instrument: str | None
    starts_on: datetime.date


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` plus whole calendar months; a day the target month lacks becomes its last day (31 Jan + 1 = 28/29 Feb)."""
    if months < 0:
        raise ValueError("months must not be negative")
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def lengthened(start: datetime.date, due: datetime.date, percent: int) -> datetime.date:
    """`due` moved later by `percent` of the time from `start` to `due`, rounded up to whole days."""
    if percent < 0:
        raise ValueError("percent must not be negative")
    span = (due - start).days
    return due + datetime.timedelta(days=math.ceil(span * percent / 100))


def stage_deadlines(
    starts_on: datetime.date, rules: ScheduleRules, *, capacity: bool = False
) -> dict[str, datetime.date]:
    """The dates the State under review's stages are due, each counted from the start of the phase."""
    due = {
        "focal_point": starts_on + datetime.timedelta(weeks=rules.focal_point_weeks),
        "experts": starts_on + datetime.timedelta(weeks=rules.experts_weeks),
        "questionnaire": add_months(starts_on, rules.questionnaire_months),
    }
    if capacity and rules.capacity_extension_percent:
        due = {stage: lengthened(starts_on, day, rules.capacity_extension_percent) for stage, day in due.items()}
    return due


def feedback_due(received_on: datetime.date, rules: ScheduleRules) -> datetime.date:
    """The reviewers' written feedback is due `feedback_months` after the questionnaire is received."""
    return add_months(received_on, rules.feedback_months)


def effective_due(due_on: datetime.date, granted_until: Iterable[datetime.date] = ()) -> datetime.date:
    """The date a stage is due: the latest granted extension, never earlier than the deadline itself."""
    return max([due_on, *granted_until])


def is_passed(
    due_on: datetime.date, *, on: datetime.date, met_on: datetime.date | None = None,
    granted_until: Iterable[datetime.date] = (),
) -> bool:
    """Whether the deadline is passed on `on`: not done by its effective date, or done after it."""
    return (met_on or on) > effective_due(due_on, granted_until)


def plan_phases(
    plan: WorkPlan, first_start: datetime.date, instruments: Sequence[str] = ()
) -> list[PlannedPhase]:
    """The phases of one review in work-plan order, each starting `phase_months` after the one before.

    Reviewed together, there is one phase per cluster. In turn, each cluster is reviewed for each instrument in
    `instruments` (in the order given) before the next cluster begins.
    """
    if plan.phase_months < 1:
        raise ValueError("a phase lasts at least one month")
    if len(set(plan.cluster_order)) != len(plan.cluster_order) or not plan.cluster_order:
        raise ValueError("the work plan must list each cluster once")
    pieces: list[tuple[int, str | None]] = []
    for cluster in plan.cluster_order:
        if plan.instruments_review == "in_turn":
            pieces.extend((cluster, instrument) for instrument in instruments)
        else:
            pieces.append((cluster, None))
    return [
        PlannedPhase(
            position=index,
            cluster=cluster,
            instrument=instrument,
            starts_on=add_months(first_start, (index - 1) * plan.phase_months),
        )
        for index, (cluster, instrument) in enumerate(pieces, start=1)
    ]
