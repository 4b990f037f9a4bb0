"""Reviews with phases, deadlines and extensions, written straight to the database for the tests and the bench.

The schedule's own services (reviews.phases) launch reviews the way the secretariat does; these helpers only
lay out the rows a test needs, with dates chosen by the test.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from treatyreview.accounts.models import User
from treatyreview.registry.models import Instrument, State
from treatyreview.reviews.models import (
    CountryReview,
    Cycle,
    Draw,
    Extension,
    MechanismRules,
    Phase,
    ReviewerAssignment,
    StageDeadline,
    YearGroup,
)


def make_cycle(name: str = "Test cycle", *, groups: Iterable[int] = (2024,)) -> Cycle:
    rules = MechanismRules.objects.get(preset="UNTOC 2018", version=1)
    cycle = Cycle.objects.create(name=name, rules=rules, cluster_order=[1, 4, 2, 3], phase_months=24)
    for number, year in enumerate(groups, start=1):
        YearGroup.objects.create(cycle=cycle, number=number, start_year=year)
    return cycle


def make_review(
    cycle: Cycle,
    state: str,
    *,
    starts_on: dt.date,
    phases: int = 1,
    launched: int = 1,
    year_group: YearGroup | None = None,
    feedback_due: dt.date | None = None,
) -> CountryReview:
    """A review whose first `launched` phases are launched; phase 1 has the usual deadlines (+2 weeks, +4 weeks,
    +6 months) and, when given, the written feedback's."""
    review = CountryReview.objects.create(
        cycle=cycle, state=State.objects.get(code=state), year_group=year_group or cycle.year_groups.first()
    )
    from treatyreview.mechanism.schedule import add_months

    for position in range(1, phases + 1):
        start = add_months(starts_on, (position - 1) * 24)
        phase = Phase.objects.create(
            review=review, position=position, cluster=[1, 4, 2, 3][position - 1], starts_on=start,
            launched_at=timezone.now() if position <= launched else None,
        )
        due = {
            "focal_point": start + dt.timedelta(weeks=2),
            "experts": start + dt.timedelta(weeks=4),
            "questionnaire": add_months(start, 6),
        }
        if position == 1 and feedback_due:
            due["feedback"] = feedback_due
        StageDeadline.objects.bulk_create([StageDeadline(phase=phase, stage=s, due_on=d) for s, d in due.items()])
    return review


def deadline(review: CountryReview, stage: str, position: int = 1) -> StageDeadline:
    return StageDeadline.objects.get(phase__review=review, phase__position=position, stage=stage)


def assign_reviewer(review: CountryReview, reviewer: str, *, by: User) -> ReviewerAssignment:
    draw = Draw.objects.filter(cycle=review.cycle, kind=Draw.Kind.REVIEWERS).first() or Draw.objects.create(
        cycle=review.cycle, kind=Draw.Kind.REVIEWERS, input={}, input_sha256="0" * 64, created_by=by
    )
    slot = ReviewerAssignment.Slot.SAME_GROUP
    if ReviewerAssignment.objects.filter(review=review, instrument__code="UNTOC", slot=slot).exists():
        slot = ReviewerAssignment.Slot.OTHER_GROUP
    return ReviewerAssignment.objects.create(
        review=review, instrument=Instrument.objects.get(code="UNTOC"), reviewer=State.objects.get(code=reviewer),
        slot=slot, draw=draw,
    )


def grant_extension(item: StageDeadline, until: dt.date, *, by: User, granted: bool = True) -> Extension:
    return Extension.objects.create(
        deadline=item, requested_by=by, requested_on=item.due_on - dt.timedelta(days=3), requested_until=until,
        reason="More time to consult the ministries.",
        status=Extension.Status.GRANTED if granted else Extension.Status.PENDING,
        decided_by=by if granted else None, decided_at=timezone.now() if granted else None,
    )
