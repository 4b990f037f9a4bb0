"""Reads for the costing pages: the registry's counts as the model's membership, scenarios, and their estimates."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, QuerySet

from treatyreview.accounts.permissions import Visitor
from treatyreview.budget.models import Scenario, ScenarioVersion
from treatyreview.budget.permissions import can_view_budget
from treatyreview.errors import NotFound
from treatyreview.mechanism import costs
from treatyreview.registry.models import Article, Participation, ParticipationStatus
from treatyreview.reviews.models import Cycle, ReviewerAssignment

COMPARE_AT_MOST = 4


def recorded_document_pages() -> dict[str, Decimal]:
    """Pages per article or per review of each kind of document, measured on the platform's recorded documents
    (their originals: `publishing.selectors.recorded_pages_by_kind`). Kinds not yet recorded are absent, and the
    estimate uses its scenario's volumes for them, labelled illustrative."""
    from treatyreview.publishing.selectors import recorded_pages_by_kind

    return recorded_pages_by_kind()


def membership() -> costs.Membership:
    """The States parties to the Convention and the Protocols they are party to, with the latest cycle's
    year groups and confirmed reviewing States where they exist, and the articles assigned to each cluster."""
    instruments: dict[str, list[str]] = defaultdict(list)
    party = Participation.objects.filter(status=ParticipationStatus.PARTY)
    for code, instrument in party.order_by("instrument__position").values_list("state__code", "instrument__code"):
        instruments[code].append(instrument)
    cycle = Cycle.objects.order_by("-created_at", "-pk").first()
    groups: dict[str, int] = {}
    reviewers: dict[str, list[str]] = defaultdict(list)
    if cycle is not None:
        for number, code in cycle.year_groups.values_list("number", "states__code"):
            if code:
                groups[code] = number
        assignments = ReviewerAssignment.objects.filter(review__cycle=cycle).order_by("reviewer__code")
        for under_review, reviewer in assignments.values_list("review__state__code", "reviewer__code").distinct():
            if reviewer not in reviewers[under_review]:
                reviewers[under_review].append(reviewer)
    parties = tuple(
        costs.Party(code, tuple(instruments[code]), groups.get(code))
        for code in sorted(instruments) if "UNTOC" in instruments[code]
    )
    articles: dict[tuple[str, int], int] = {
        (str(row["instrument__code"]), int(row["cluster"] or 0)): int(row["count"])
        for row in Article.objects.filter(cluster__isnull=False).values("instrument__code", "cluster")
        .annotate(count=Count("pk"))
    }
    return costs.Membership(
        parties=parties,
        articles=articles,
        reviewers={code: tuple(names) for code, names in reviewers.items()},
        recorded_pages=recorded_document_pages(),
    )


def scenario_list(*, user: Visitor) -> QuerySet[Scenario]:
    if not can_view_budget(user):
        return Scenario.objects.none()
    return Scenario.objects.order_by("name")


def scenario_get(*, user: Visitor, pk: int) -> Scenario:
    """A scenario the user may see; NotFound otherwise (costing scenarios are not confidential, only internal)."""
    scenario = scenario_list(user=user).filter(pk=pk).first()
    if scenario is None:
        raise NotFound
    return scenario


def scenario_versions(scenario: Scenario) -> QuerySet[ScenarioVersion]:
    return scenario.versions.select_related("created_by", "estimate").order_by("-version")


def scenario_estimate(data: dict[str, object], members: costs.Membership | None = None) -> costs.Estimate:
    """The estimate of scenario data (already validated when it was saved) with today's registry."""
    return costs.estimate(costs.scenario_from_dict(data), members if members is not None else membership())
