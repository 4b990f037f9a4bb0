"""Country reviews for scripts: the reviews the caller may see, with their reviewing States, phases, stages and
deadlines. Only schedules: no content (answers have their own endpoints, for those entitled)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from treatyreview.accounts.auth import session_or_token
from treatyreview.api_errors import READ_ERRORS
from treatyreview.errors import NotFound
from treatyreview.reviews.models import CountryReview, ReviewerAssignment
from treatyreview.reviews.phases import selectors

router = Router(tags=["reviews"], auth=session_or_token)


class ReviewerOut(Schema):
    state: str
    slot: str


class DeadlineOut(Schema):
    stage: str
    due_on: dt.date
    effective_due: dt.date
    met_on: dt.date | None
    passed: bool
    days_late: int
    extension_pending: bool


class PhaseOut(Schema):
    position: int
    cluster: int
    instrument: str | None
    starts_on: dt.date
    ends_on: dt.date
    launched: bool
    stage: str
    deadlines: list[DeadlineOut]


class ReviewOut(Schema):
    id: int
    cycle: str
    state_under_review: str
    status: str
    year_group: int | None
    reviewing_states: dict[str, list[ReviewerOut]]
    phases: list[PhaseOut]


def _review_out(review: CountryReview, on: dt.date) -> dict[str, Any]:
    reviewing: dict[str, list[dict[str, str]]] = {}
    for assignment in review.assignments.all():
        reviewing.setdefault(assignment.instrument.code, []).append(
            {"state": assignment.reviewer.code, "slot": assignment.slot})
    return {
        "id": review.pk,
        "cycle": review.cycle.name,
        "state_under_review": review.state.code,
        "status": review.status,
        "year_group": review.year_group.number if review.year_group else None,
        "reviewing_states": reviewing,
        "phases": [
            {
                "position": row.phase.position, "cluster": row.phase.cluster,
                "instrument": row.phase.instrument.code if row.phase.instrument else None,
                "starts_on": row.phase.starts_on, "ends_on": row.ends_on, "launched": row.launched,
                "stage": row.phase.stage,
                "deadlines": [
                    {"stage": d.deadline.stage, "due_on": d.due_on, "effective_due": d.effective_due,
                     "met_on": d.met_on, "passed": d.passed, "days_late": d.days_late,
                     "extension_pending": d.pending is not None}
                    for d in row.deadlines
                ],
            }
            for row in selectors.review_timeline(review, on)
        ],
    }


def _visible(request: HttpRequest) -> Any:
    # Only what the answer holds: no names of States in six languages, no rules record (`reviews_of` reads them
    # for the pages), which cost more than everything else for the secretariat's 190 reviews.
    return selectors.reviews_of(request.user).select_related(None).select_related(
        "cycle", "state", "year_group").prefetch_related(None).prefetch_related(
        Prefetch("assignments", queryset=ReviewerAssignment.objects.select_related("instrument", "reviewer")
                 .order_by("instrument__position", "slot")),
        selectors.timeline_prefetch(),
    ).order_by("cycle__created_at", "state__name")


@router.get("/reviews", response={200: list[ReviewOut], **READ_ERRORS},
            summary="The country reviews the caller takes part in (every review, for the secretariat)")
def reviews_list(request: HttpRequest) -> list[dict[str, Any]]:
    on = timezone.localdate()
    return [_review_out(review, on) for review in _visible(request)]


@router.get("/reviews/{review_id}", response={200: ReviewOut, **READ_ERRORS},
            summary="One country review: reviewing States per instrument, phases, stages and deadlines")
def review_get(request: HttpRequest, review_id: int) -> dict[str, Any]:
    review = _visible(request).filter(pk=review_id).first()
    if review is None:
        raise NotFound
    return _review_out(review, timezone.localdate())
