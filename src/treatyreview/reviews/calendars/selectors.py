"""The deadlines a person's calendar shows, and the person an address belongs to."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from treatyreview.accounts.models import User
from treatyreview.accounts.permissions import is_secretariat, states_of
from treatyreview.errors import NotFound
from treatyreview.reviews.models import CalendarFeed, StageDeadline
from treatyreview.reviews.phases.choices import ReviewStatus
from treatyreview.reviews.reminders.selectors import deadlines_with_context


def deadlines_of(user: User) -> QuerySet[StageDeadline]:
    """Every deadline of the launched phases of the reviews the person takes part in: as the State under review,
    as a reviewing State, or as the secretariat (every review)."""
    deadlines = deadlines_with_context().filter(
        phase__launched_at__isnull=False, phase__review__status=ReviewStatus.ACTIVE
    )
    if not is_secretariat(user):
        states = states_of(user)
        deadlines = deadlines.filter(
            Q(phase__review__state_id__in=states) | Q(phase__review__assignments__reviewer_id__in=states)
        ).distinct()
    return deadlines.order_by("due_on", "pk")


def access_feed_owner(token: str) -> User:
    """The person whose calendar address holds this secret; NotFound for any other text (wrong, reset, or
    belonging to an account no longer active)."""
    feed = CalendarFeed.objects.select_related("user").filter(digest=CalendarFeed.digest_of(token)).first()
    if feed is None or not feed.user.is_active:
        raise NotFound
    CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=timezone.now())
    return feed.user


def feed_of(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()
