"""The secretariat's dashboard of reviews: every review of a cycle, its phase and stage, and what is overdue.

Reviews are listed in alphabetical order of the State's name in the reader's language, never by progress, and
nothing on the dashboard ranks States (DESIGN.md §2). The queries are a fixed number, however many reviews.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from treatyreview.errors import NotFound
from treatyreview.mechanism.schedule import add_months
from treatyreview.registry import selectors as registry_selectors
from treatyreview.registry.collation import sort_key
from treatyreview.registry.labels import regional_group_name
from treatyreview.registry.models import RegionalGroup
from treatyreview.registry.names import ShownName
from treatyreview.reviews.models import CountryReview, Cycle, Extension, Phase, StageDeadline, YearGroup
from treatyreview.reviews.phases.choices import ExtensionStatus, ReviewStatus, Stage


@dataclass(frozen=True)
class DeadlineItem:
    deadline: StageDeadline
    stage_label: str
    due_on: datetime.date
    effective_due: datetime.date
    met_on: datetime.date | None
    passed: bool
    days_overdue: int  # 0 unless the stage is open and its (extended) date has passed
    pending_extension: bool

    @property
    def extended(self) -> bool:
        return self.effective_due != self.due_on


@dataclass(frozen=True)
class PhaseItem:
    phase: Phase
    starts_on: datetime.date
    ends_on: datetime.date
    launched: bool
    stage_label: str
    deadlines: list[DeadlineItem]


@dataclass(frozen=True)
class ReviewRow:
    review: CountryReview
    state_name: ShownName
    region: str
    year_group: YearGroup | None
    phases: list[PhaseItem]
    current: PhaseItem | None
    status_label: str
    overdue: list[DeadlineItem] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return self.review.status == ReviewStatus.ACTIVE


def cycle_list() -> QuerySet[Cycle]:
    return Cycle.objects.order_by("-created_at", "-pk")


def cycle_get(pk: str | None) -> Cycle | None:
    """The cycle named in the address, else the newest one; None when there is no cycle at all."""
    cycles = cycle_list()
    if pk:
        cycle = cycles.filter(pk=int(pk)).first() if pk.isdigit() else None
        if cycle is None:
            raise NotFound
        return cycle
    return cycles.first()


def _reviews() -> QuerySet[CountryReview]:
    """Reviews with their State, region, year group, phases, deadlines and extensions: five queries in all."""
    deadlines = StageDeadline.objects.order_by("due_on", "pk").prefetch_related(
        Prefetch("extensions", queryset=Extension.objects.order_by("requested_on", "pk"))
    )
    phases = Phase.objects.order_by("position").prefetch_related(Prefetch("deadlines", queryset=deadlines))
    return CountryReview.objects.select_related("state__regional_group", "year_group", "cycle").prefetch_related(
        Prefetch("phases", queryset=phases)
    )


def _deadline_item(deadline: StageDeadline, on: datetime.date) -> DeadlineItem:
    extensions = list(deadline.extensions.all())
    granted = [e.requested_until for e in extensions if e.status == ExtensionStatus.GRANTED]
    effective = max([deadline.due_on, *granted])
    open_and_late = deadline.met_on is None and on > effective
    return DeadlineItem(
        deadline=deadline,
        stage_label=str(deadline.get_stage_display()),
        due_on=deadline.due_on,
        effective_due=effective,
        met_on=deadline.met_on,
        passed=(deadline.met_on or on) > effective,
        days_overdue=(on - effective).days if open_and_late else 0,
        pending_extension=any(e.status == ExtensionStatus.PENDING for e in extensions),
    )


def _phase_items(review: CountryReview, on: datetime.date) -> list[PhaseItem]:
    phases = list(review.phases.all())
    items = []
    for index, phase in enumerate(phases):
        deadlines = [_deadline_item(deadline, on) for deadline in phase.deadlines.all()]
        if index + 1 < len(phases):
            ends_on = phases[index + 1].starts_on
        else:
            ends_on = add_months(phase.starts_on, review.cycle.phase_months)
        ends_on = max([ends_on, *(d.effective_due for d in deadlines)])
        items.append(PhaseItem(
            phase=phase, starts_on=phase.starts_on, ends_on=ends_on, launched=phase.launched_at is not None,
            stage_label=str(phase.get_stage_display()), deadlines=deadlines,
        ))
    return items


def review_row(review: CountryReview, names: dict[str, ShownName], on: datetime.date) -> ReviewRow:
    phases = _phase_items(review, on)
    launched = [item for item in phases if item.launched]
    current = launched[-1] if launched else None
    active = review.status == ReviewStatus.ACTIVE
    overdue = [d for item in launched for d in item.deadlines if d.days_overdue > 0] if active else []
    return ReviewRow(
        review=review,
        state_name=names[review.state.code],
        region=regional_group_name(review.state.regional_group),
        year_group=review.year_group,
        phases=phases,
        current=current,
        status_label=str(review.get_status_display()),
        overdue=overdue,
    )


@dataclass(frozen=True)
class Filters:
    year_group: int | None = None
    region: str = ""
    stage: str = ""


def filters_from(query: dict[str, str], cycle: Cycle | None) -> Filters:
    """The filters of the address; an unknown value is ignored (the page then shows the filter as unset)."""
    groups = {str(group.pk): group.pk for group in cycle.year_groups.all()} if cycle else {}
    regions = set(RegionalGroup.objects.values_list("code", flat=True))
    stage = query.get("stage", "")
    return Filters(
        year_group=groups.get(query.get("year_group", "")),
        region=query.get("region", "") if query.get("region", "") in regions else "",
        stage=stage if stage in Stage.values or stage in (ReviewStatus.OPTED_OUT, ReviewStatus.DEFERRED) else "",
    )


def dashboard_rows(cycle: Cycle, filters: Filters, on: datetime.date) -> list[ReviewRow]:
    """The reviews of a cycle that pass the filters, alphabetically by the State's name in the reader's language."""
    reviews = _reviews().filter(cycle=cycle)
    if filters.year_group:
        reviews = reviews.filter(year_group_id=filters.year_group)
    if filters.region:
        reviews = reviews.filter(state__regional_group__code=filters.region)
    if filters.stage in (ReviewStatus.OPTED_OUT, ReviewStatus.DEFERRED):
        reviews = reviews.filter(status=filters.stage)
    names = registry_selectors.state_names()
    rows = [review_row(review, names, on) for review in reviews]
    if filters.stage in Stage.values:
        rows = [row for row in rows if row.active and row.current and row.current.phase.stage == filters.stage]
    return sorted(rows, key=lambda row: sort_key(row.state_name))


def access_review_row(pk: int, on: datetime.date) -> ReviewRow:
    """One review for the secretariat's timeline page (the view is for the secretariat only)."""
    review = _reviews().filter(pk=pk).first()
    if review is None:
        raise NotFound
    return review_row(review, registry_selectors.state_names(), on)

