"""Reads of review schedules: who someone is in a review, the review's timeline, the articles of a phase, what is
overdue, and the public status of every review (only its phase, or that it opted out; never its content).

A review's page is read only through `access_review`, which logs the read and answers "not found" to anyone who
is not one of its participants or the secretariat.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from treatyreview.accounts.models import Role, User
from treatyreview.accounts.permissions import Visitor, active_grants, is_secretariat, states_of
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.errors import NotFound
from treatyreview.mechanism import workflow
from treatyreview.mechanism.schedule import add_months
from treatyreview.registry import selectors as registry_selectors
from treatyreview.registry.choices import instrument_label
from treatyreview.registry.collation import sort_key
from treatyreview.registry.models import Article, Cluster, Competence, Participation, ParticipationStatus
from treatyreview.reviews.models import CountryReview, Cycle, Extension, Phase, StageDeadline, Unavailability
from treatyreview.reviews.phases.choices import ExtensionStatus, ReviewStatus, Stage


def review_roles(user: Visitor, review: CountryReview) -> set[str]:
    """The roles `user` holds in this review, as the PHASE machine names them."""
    roles: set[str] = set()
    grants = active_grants(user)
    if any(grant.role == Role.SECRETARIAT for grant in grants):
        roles.add(workflow.SECRETARIAT)
    reviewing = reviewing_state_ids(review)
    for grant in grants:
        if grant.state_id is None:
            continue
        if grant.state_id == review.state_id:
            if grant.role == Role.FOCAL_POINT:
                roles.add(workflow.FOCAL_POINT)
            elif grant.role == Role.EXPERT:
                roles.add(workflow.EXPERT)
        elif grant.state_id in reviewing:
            if grant.role == Role.FOCAL_POINT:
                roles.add(workflow.REVIEWER_FOCAL_POINT)
            elif grant.role == Role.EXPERT:
                roles.add(workflow.REVIEWER_EXPERT)
    return roles


def reviewing_state_ids(review: CountryReview) -> set[int]:
    cached: set[int] | None = getattr(review, "_reviewing_state_ids", None)
    if cached is None:
        cached = set(review.assignments.values_list("reviewer_id", flat=True))
        review._reviewing_state_ids = cached  # type: ignore[attr-defined]
    return cached


def states_reviewed_by(user: Visitor) -> frozenset[int]:
    """The States under review whose review `user` takes part in as a focal point, expert or observer of one of
    its reviewing States (in any cycle the State was drawn for)."""
    states = {grant.state_id for grant in active_grants(user)
              if grant.state_id and grant.role in (Role.FOCAL_POINT, Role.EXPERT, Role.OBSERVER)}
    if not states:
        return frozenset()
    return frozenset(CountryReview.objects.filter(assignments__reviewer_id__in=states)
                     .values_list("state_id", flat=True).distinct())


def _reviews() -> QuerySet[CountryReview]:
    return CountryReview.objects.select_related("cycle__rules", "state", "year_group").prefetch_related("state__names")


def access_review(user: User, pk: int) -> CountryReview:
    """A review's schedule for its page: its participants and the secretariat; the read is logged."""
    review = _reviews().filter(pk=pk).first()
    if review is None or not review_roles(user, review):
        raise NotFound
    with transaction.atomic():
        audit.record(actor=user, action=AuditAction.REVIEW_READ, target=review)
    return review


def reviews_of(user: Visitor) -> QuerySet[CountryReview]:
    """The reviews whose schedule `user` may open: all for the secretariat, else those their State takes part in as
    State under review or reviewing State, for its focal point and experts — the people `review_roles` finds, so
    that the list, the page and the API agree (tests/permissions)."""
    if is_secretariat(user):
        return _reviews().all()
    states = states_of(user, Role.FOCAL_POINT, Role.EXPERT)
    return _reviews().filter(Q(state_id__in=states) | Q(assignments__reviewer_id__in=states)).distinct()


def opted_out_state_ids(cycle: Cycle) -> set[int]:
    """The States that opted out of this cycle: neither reviewed nor drawn as reviewing States.

    Both records say it: the review's status (from the note verbale) and the cycle's unavailability, which the
    draw input reads. `review_opt_out` writes both; an unavailability recorded before the year groups were
    drawn, when the State had no review yet, counts too.
    """
    reviews = CountryReview.objects.filter(cycle=cycle, status=ReviewStatus.OPTED_OUT).values_list(
        "state_id", flat=True
    )
    unavailable = Unavailability.objects.filter(cycle=cycle, reason=Unavailability.Reason.OPTED_OUT).values_list(
        "state_id", flat=True
    )
    return set(reviews) | set(unavailable)


def phase_articles(phase: Phase) -> list[Article]:
    """The articles a phase reviews: those of its cluster in the instruments the State is party to (only its
    instrument when it has one), and for a regional economic integration organization only those within its
    declared competence. An article whose cluster is provisional is included and says so (`cluster_provisional`)."""
    state = phase.review.state
    instruments = Participation.objects.filter(state=state, status=ParticipationStatus.PARTY).values_list(
        "instrument_id", flat=True
    )
    articles = Article.objects.filter(cluster=phase.cluster, instrument_id__in=instruments)
    if phase.instrument_id is not None:
        articles = articles.filter(instrument_id=phase.instrument_id)
    if state.is_reio:
        articles = articles.filter(pk__in=Competence.objects.filter(state=state).values_list("article_id", flat=True))
    return list(
        articles.select_related("instrument").prefetch_related("titles").order_by("instrument__position", "number")
    )


@dataclass
class DeadlineRow:
    deadline: StageDeadline
    stage_label: str
    due_on: datetime.date
    effective_due: datetime.date
    met_on: datetime.date | None
    passed: bool
    days_late: int
    extensions: list[Extension]
    pending: Extension | None


@dataclass
class PhaseRow:
    phase: Phase
    stage_label: str
    launched: bool
    ends_on: datetime.date
    deadlines: list[DeadlineRow] = field(default_factory=list)

    @property
    def any_passed(self) -> bool:
        return any(row.passed for row in self.deadlines)


def _deadline_row(deadline: StageDeadline, on: datetime.date, labels: dict[str, str]) -> DeadlineRow:
    extensions = list(deadline.extensions.all())
    effective = deadline.effective_due
    done = deadline.met_on or on
    return DeadlineRow(
        deadline=deadline,
        stage_label=labels.get(deadline.stage, deadline.stage),
        due_on=deadline.due_on,
        effective_due=effective,
        met_on=deadline.met_on,
        passed=deadline.is_passed(on),
        days_late=max(0, (done - effective).days),
        extensions=extensions,
        pending=next((e for e in extensions if e.status == ExtensionStatus.PENDING), None),
    )


def _timeline_phases() -> QuerySet[Phase]:
    return (
        Phase.objects.select_related("instrument")
        .prefetch_related(
            Prefetch(
                "deadlines",
                queryset=StageDeadline.objects.prefetch_related(
                    Prefetch("extensions", queryset=Extension.objects.select_related("requested_by", "decided_by"))
                ),
            )
        )
        .order_by("position")
    )


def timeline_prefetch() -> Prefetch:
    """For a list of reviews: their phases, deadlines and extensions in four queries in all, however many
    reviews (`review_timeline` then reads them without a query of its own)."""
    return Prefetch("phases", queryset=_timeline_phases(), to_attr="timeline_phases")


def review_timeline(review: CountryReview, on: datetime.date | None = None) -> list[PhaseRow]:
    """Every phase of the review in work-plan order, with its stages' deadlines, extensions and passed flags.

    Reads the phases prefetched with `timeline_prefetch` when there are, else queries them."""
    on = on or datetime.date.today()
    phases: list[Phase] | None = getattr(review, "timeline_phases", None)
    if phases is None:
        phases = list(_timeline_phases().filter(review=review))
    labels = {str(value): str(label) for value, label in Stage.choices}  # translated once, not once per deadline
    return [
        PhaseRow(
            phase=phase,
            stage_label=labels.get(phase.stage, phase.stage),
            launched=phase.launched_at is not None,
            ends_on=add_months(phase.starts_on, review.cycle.phase_months),
            deadlines=[_deadline_row(deadline, on, labels) for deadline in phase.deadlines.all()],
        )
        for phase in phases
    ]


def current_phase(review: CountryReview) -> Phase | None:
    """The latest launched phase of the review: the one it is in."""
    return review.phases.filter(launched_at__isnull=False).order_by("-position").first()


@dataclass(frozen=True)
class OverdueRow:
    deadline: StageDeadline
    review: CountryReview
    effective_due: datetime.date
    days: int


def overdue(on: datetime.date) -> list[OverdueRow]:
    """Deadlines not met by their (extended) date as of `on`, in reviews still under way: flags, never blocks.

    Listed by State name and stage: an order of names, not of progress.
    """
    deadlines = (
        StageDeadline.objects.filter(
            met_on__isnull=True,
            phase__launched_at__isnull=False,
            phase__review__status=ReviewStatus.ACTIVE,
            due_on__lt=on,
        )
        .select_related("phase__review__state", "phase__review__cycle", "phase__instrument")
        .prefetch_related("extensions", "phase__review__state__names")
    )
    rows = []
    for deadline in deadlines:
        effective = deadline.effective_due
        if effective < on:
            rows.append(OverdueRow(deadline, deadline.phase.review, effective, (on - effective).days))
    names = registry_selectors.state_names()
    return sorted(
        rows,
        key=lambda row: (
            sort_key(names.get(row.review.state.code, row.review.state.name)),
            row.deadline.phase.position,
            list(Stage.values).index(row.deadline.stage),
        ),
    )


@dataclass(frozen=True)
class PublicStatus:
    code: str
    name: str
    cycle: str
    status: str
    phase: str


def public_status(cycle: Cycle) -> list[PublicStatus]:
    """For each State under review in the cycle: only which phase its review is in, or that it opted out or was
    deferred. Alphabetical in the reader's language, never in an order of progress."""
    names = registry_selectors.state_names()
    opted_out = opted_out_state_ids(cycle)
    launched = {
        phase.review_id: phase
        for phase in Phase.objects.filter(review__cycle=cycle, launched_at__isnull=False)
        .select_related("instrument")
        .order_by("review_id", "position")
    }
    rows = []
    for review in CountryReview.objects.filter(cycle=cycle).select_related("state", "year_group"):
        if review.state_id in opted_out:
            status, phase_text = str(ReviewStatus.OPTED_OUT.label), ""
        elif review.status == ReviewStatus.DEFERRED:
            status, phase_text = str(ReviewStatus.DEFERRED.label), ""
        else:
            phase = launched.get(review.pk)
            status = str(ReviewStatus.ACTIVE.label) if phase is not None else _("Not started yet")
            phase_text = phase_label(phase) if phase is not None else ""
        rows.append(
            PublicStatus(
                code=review.state.code,
                name=names.get(review.state.code, review.state.name),
                cycle=cycle.name,
                status=status,
                phase=phase_text,
            )
        )
    return sorted(rows, key=lambda row: sort_key(row.name))


def phase_label(phase: Phase) -> str:
    """ "Phase 2: cluster 4 (International cooperation, …)", with the instrument when reviewed in turn."""

    cluster = dict(Cluster.choices).get(phase.cluster, phase.cluster)
    if phase.instrument_id is not None and phase.instrument is not None:
        return _("Phase %(position)s: %(cluster)s, %(instrument)s") % {
            "position": phase.position,
            "cluster": cluster,
            "instrument": instrument_label(phase.instrument.code),
        }
    return _("Phase %(position)s: %(cluster)s") % {"position": phase.position, "cluster": cluster}


def cycle_schedule(cycle: Cycle) -> list[dict[str, Any]]:
    """Each year group of the cycle: its start year, how many reviews, how many launched, and when."""
    groups = []
    for group in cycle.year_groups.all():
        reviews = CountryReview.objects.filter(year_group=group)
        launched = Phase.objects.filter(review__year_group=group, position=1, launched_at__isnull=False)
        first = launched.order_by("launched_at").first()
        groups.append(
            {
                "group": group,
                "reviews": reviews.count(),
                "active": reviews.filter(status=ReviewStatus.ACTIVE)
                .exclude(state_id__in=opted_out_state_ids(cycle))
                .count(),
                "launched": launched.count(),
                "launched_on": first.starts_on if first else None,
                "has_states": group.states.exists(),
            }
        )
    return groups


def work_plan_rows(cycle: Cycle) -> list[tuple[int, str]]:
    """The clusters of the work plan in review order, as (phase, cluster name)."""
    names = dict(Cluster.choices)
    return [(position, str(names.get(number, number))) for position, number in enumerate(cycle.cluster_order, 1)]


def cycle_schedule_page(cycle: Cycle) -> dict[str, Any]:
    """What the cycle page shows of the schedule: the work plan, and for each year group its reviews."""
    names = registry_selectors.state_names()
    opted_out = opted_out_state_ids(cycle)
    reviews: dict[int, list[tuple[CountryReview, str, str, bool]]] = {}
    launched_ids = set(
        Phase.objects.filter(review__cycle=cycle, launched_at__isnull=False).values_list("review_id", flat=True)
    )
    for review in CountryReview.objects.filter(cycle=cycle).select_related("state").prefetch_related("state__names"):
        status = ReviewStatus.OPTED_OUT if review.state_id in opted_out else ReviewStatus(review.status)
        reviews.setdefault(review.year_group_id or 0, []).append(
            (review, str(status.value), str(status.label), review.pk in launched_ids)
        )
    for rows in reviews.values():
        rows.sort(key=lambda row: sort_key(names.get(row[0].state.code, row[0].state.name)))
    groups = cycle_schedule(cycle)
    for group in groups:
        group["review_rows"] = reviews.get(group["group"].pk, [])
    return {
        "work_plan": work_plan_rows(cycle),
        "work_plan_locked": Phase.objects.filter(review__cycle=cycle).exists(),
        "schedule_groups": groups,
        "state_names": names,
    }
