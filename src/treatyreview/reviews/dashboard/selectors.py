"""The secretariat's dashboard of reviews: every review of a cycle, its phase and stage, and what is overdue.

Reviews are listed in alphabetical order of the State's name in the reader's language, never by progress, and
nothing on the dashboard ranks States (DESIGN.md §2). The queries are a fixed number, however many reviews.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet

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
    pk: int
    stage: str
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
    return CountryReview.objects.select_related("state__regional_group", "year_group", "cycle")


def stage_labels() -> dict[str, str]:
    """The stages' labels in the active language, translated once per page (not once per deadline)."""
    return {str(value): str(label) for value, label in Stage.choices}


@dataclass
class _Schedules:
    """The phases, deadlines and extensions of a set of reviews, read in three flat queries (no prefetch
    objects: a dashboard holds some 3,000 deadlines, and building a model and a manager for each costs more than
    the queries)."""

    phases: dict[int, list[Phase]]
    deadlines: dict[int, list[tuple[int, str, datetime.date, datetime.date | None]]]
    extensions: dict[int, list[tuple[str, datetime.date]]]

    @classmethod
    def of(cls, reviews: QuerySet[CountryReview]) -> _Schedules:
        review_ids = reviews.values("pk")
        phases: dict[int, list[Phase]] = defaultdict(list)
        for phase in Phase.objects.filter(review_id__in=review_ids).only(
            "pk", "review_id", "position", "cluster", "starts_on", "stage", "launched_at"
        ).order_by("review_id", "position"):
            phases[phase.review_id].append(phase)
        deadlines: dict[int, list[tuple[int, str, datetime.date, datetime.date | None]]] = defaultdict(list)
        for pk, phase_id, stage, due_on, met_on in StageDeadline.objects.filter(
            phase__review_id__in=review_ids
        ).order_by("due_on", "pk").values_list("pk", "phase_id", "stage", "due_on", "met_on"):
            deadlines[phase_id].append((pk, stage, due_on, met_on))
        extensions: dict[int, list[tuple[str, datetime.date]]] = defaultdict(list)
        for deadline_id, status, until in Extension.objects.filter(
            deadline__phase__review_id__in=review_ids
        ).order_by("requested_on", "pk").values_list("deadline_id", "status", "requested_until"):
            extensions[deadline_id].append((status, until))
        return cls(phases=phases, deadlines=deadlines, extensions=extensions)


def _deadline_item(
    row: tuple[int, str, datetime.date, datetime.date | None],
    extensions: list[tuple[str, datetime.date]],
    on: datetime.date,
    labels: dict[str, str],
) -> DeadlineItem:
    pk, stage, due_on, met_on = row
    granted = [until for status, until in extensions if status == ExtensionStatus.GRANTED]
    effective = max([due_on, *granted])
    open_and_late = met_on is None and on > effective
    return DeadlineItem(
        pk=pk,
        stage=stage,
        stage_label=labels.get(stage, stage),
        due_on=due_on,
        effective_due=effective,
        met_on=met_on,
        passed=(met_on or on) > effective,
        days_overdue=(on - effective).days if open_and_late else 0,
        pending_extension=any(status == ExtensionStatus.PENDING for status, _until in extensions),
    )


def _phase_items(
    review: CountryReview, schedules: _Schedules, on: datetime.date, labels: dict[str, str]
) -> list[PhaseItem]:
    phases = schedules.phases.get(review.pk, [])
    items = []
    for index, phase in enumerate(phases):
        deadlines = [
            _deadline_item(row, schedules.extensions.get(row[0], []), on, labels)
            for row in schedules.deadlines.get(phase.pk, [])
        ]
        if index + 1 < len(phases):
            ends_on = phases[index + 1].starts_on
        else:
            ends_on = add_months(phase.starts_on, review.cycle.phase_months)
        ends_on = max([ends_on, *(d.effective_due for d in deadlines)])
        items.append(PhaseItem(
            phase=phase, starts_on=phase.starts_on, ends_on=ends_on, launched=phase.launched_at is not None,
            stage_label=labels.get(phase.stage, phase.stage), deadlines=deadlines,
        ))
    return items


def review_row(
    review: CountryReview,
    schedules: _Schedules,
    names: dict[str, ShownName],
    on: datetime.date,
    labels: dict[str, str],
    *,
    region: str | None = None,
    status: str | None = None,
) -> ReviewRow:
    phases = _phase_items(review, schedules, on, labels)
    launched = [item for item in phases if item.launched]
    current = launched[-1] if launched else None
    active = review.status == ReviewStatus.ACTIVE
    overdue = [d for item in launched for d in item.deadlines if d.days_overdue > 0] if active else []
    return ReviewRow(
        review=review,
        state_name=names[review.state.code],
        region=region if region is not None else regional_group_name(review.state.regional_group),
        year_group=review.year_group,
        phases=phases,
        current=current,
        status_label=status if status is not None else str(review.get_status_display()),
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
    labels = stage_labels()
    schedules = _Schedules.of(reviews)
    statuses = {str(value): str(label) for value, label in ReviewStatus.choices}
    regions: dict[int | None, str] = {}
    rows = []
    for review in reviews:
        group = review.state.regional_group_id
        if group not in regions:
            regions[group] = regional_group_name(review.state.regional_group)
        rows.append(review_row(review, schedules, names, on, labels, region=regions[group],
                               status=statuses[review.status]))
    if filters.stage in Stage.values:
        rows = [row for row in rows if row.active and row.current and row.current.phase.stage == filters.stage]
    return sorted(rows, key=lambda row: sort_key(row.state_name))


def access_review_row(pk: int, on: datetime.date) -> ReviewRow:
    """One review for the secretariat's timeline page (the view is for the secretariat only)."""
    reviews = _reviews().filter(pk=pk)
    review = reviews.first()
    if review is None:
        raise NotFound
    return review_row(review, _Schedules.of(reviews), registry_selectors.state_names(), on, stage_labels())

