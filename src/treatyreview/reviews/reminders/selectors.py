"""Who is concerned by a deadline, which deadlines are still open, and a person's own list of reminders."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet

from treatyreview.accounts.models import Role, RoleGrant, User
from treatyreview.reviews.models import Extension, Reminder, ReviewerAssignment, StageDeadline
from treatyreview.reviews.phases.choices import ReviewStatus, Stage

# The stages whose work falls on the State under review, and the one that falls on the reviewing States.
STAGES_OF_THE_STATE_UNDER_REVIEW = (Stage.FOCAL_POINT, Stage.EXPERTS, Stage.QUESTIONNAIRE)
STAGES_OF_THE_REVIEWING_STATES = (Stage.FEEDBACK,)
STATE_ROLES = (Role.FOCAL_POINT, Role.EXPERT)


def grants_in_force(on: datetime.date) -> Q:
    return Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))


def people_of_states(state_ids: Iterable[int], on: datetime.date) -> dict[int, list[User]]:
    """The focal point and governmental experts of each State on a day, each person once, in a stable order."""
    people: dict[int, dict[int, User]] = defaultdict(dict)
    grants = (
        RoleGrant.objects.filter(grants_in_force(on), role__in=STATE_ROLES, state_id__in=set(state_ids))
        .select_related("user")
        .order_by("state_id", "role", "user__username")
    )
    for grant in grants:
        if grant.user.is_active and grant.state_id is not None:
            people[grant.state_id].setdefault(grant.user_id, grant.user)
    return {state_id: list(users.values()) for state_id, users in people.items()}


def secretariat_officers(on: datetime.date) -> list[User]:
    grants = RoleGrant.objects.filter(grants_in_force(on), role=Role.SECRETARIAT).select_related("user")
    return sorted({grant.user for grant in grants if grant.user.is_active}, key=lambda user: user.username)


def deadlines_with_context() -> QuerySet[StageDeadline]:
    """Deadlines with what every page and message says about them, in a fixed number of queries."""
    return StageDeadline.objects.select_related(
        "phase__review__state", "phase__review__cycle__rules", "phase__instrument"
    ).prefetch_related(Prefetch("extensions", queryset=Extension.objects.order_by("requested_on", "pk")))


def open_deadlines() -> QuerySet[StageDeadline]:
    """Deadlines of launched phases of reviews under way whose stage is not yet done."""
    return deadlines_with_context().filter(
        met_on__isnull=True,
        phase__launched_at__isnull=False,
        phase__review__status=ReviewStatus.ACTIVE,
    )


def reviewers_by_review(review_ids: Iterable[int]) -> dict[int, set[int]]:
    """The reviewing States (ids) of each review."""
    reviewers: dict[int, set[int]] = defaultdict(set)
    for review_id, state_id in ReviewerAssignment.objects.filter(review_id__in=set(review_ids)).values_list(
        "review_id", "reviewer_id"
    ):
        reviewers[review_id].add(state_id)
    return reviewers


def concerned_states(deadline: StageDeadline, reviewers: dict[int, set[int]]) -> set[int]:
    """The States whose people a deadline concerns: the State under review for its own stages, the reviewing
    States for the written feedback. Later stages (dialogue, observations, summary) remind no one yet."""
    review = deadline.phase.review
    if deadline.stage in STAGES_OF_THE_STATE_UNDER_REVIEW:
        return {review.state_id}
    if deadline.stage in STAGES_OF_THE_REVIEWING_STATES:
        return set(reviewers.get(review.pk, set()))
    return set()


def reminder_list(user: User) -> QuerySet[Reminder]:
    """A person's reminders, newest first, with what the list shows of each."""
    return Reminder.objects.filter(recipient=user).select_related(
        "deadline__phase__review__state", "deadline__phase__review__cycle", "deadline__phase__instrument"
    )


def unread_count(user: User) -> int:
    return Reminder.objects.filter(recipient=user, read_at__isnull=True).count()


def language_of(user: User) -> str:
    """The page language a person's messages are written in: their preferred one, else the site's."""
    codes = {code for code, _name in settings.LANGUAGES}
    wanted = (user.preferred_language or "").lower()
    if wanted in codes:
        return wanted
    by_un_code = {code.split("-")[0]: code for code in codes}
    return by_un_code.get(wanted.split("-")[0], settings.LANGUAGE_CODE)
