"""Building the input of a drawing of lots from the registry: who is party to what, who can review."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef

from treatyreview.mechanism import lots
from treatyreview.registry.models import GovernmentalExpert, Participation, ParticipationStatus, State
from treatyreview.reviews.models import Cycle, ExcludedPair, ReviewerAssignment, Unavailability


def draw_rules(values: dict[str, Any]) -> dict[str, Any]:
    return {name: values[name] for name in lots.RULE_FIELDS if name in values}


def parties() -> list[State]:
    """States parties to the Convention, alphabetical by code (a stable order for the canonical input)."""
    has_experts = GovernmentalExpert.objects.filter(
        state=OuterRef("pk"), active=True, kind=GovernmentalExpert.Kind.EXPERT
    )
    return list(
        State.objects.filter(participations__instrument__code="UNTOC", participations__status=ParticipationStatus.PARTY)
        .select_related("regional_group")
        .annotate(has_experts=Exists(has_experts))
        .order_by("code")
    )


def cannot_review_reasons(
    cycle: Cycle | None, states: Iterable[State], reio_instruments: Iterable[str] = ()
) -> dict[str, str]:
    """Why each State that cannot serve as reviewing State cannot; States absent from the result can.

    A regional economic integration organization reviews only where the rules record designates it
    (`reio_review_instruments`, empty until the Conference decides).
    """
    reasons: dict[str, str] = {}
    designated = tuple(reio_instruments)
    for state in states:
        if state.is_reio and not designated:
            reasons[state.code] = "reio_not_designated"
        elif not getattr(state, "has_experts", True):
            reasons[state.code] = "no_experts"
    if cycle is not None:
        for unavailable in Unavailability.objects.filter(cycle=cycle).select_related("state"):
            # The code itself (opted_out, deferred): no language may enter the draw input or its hash.
            reasons[unavailable.state.code] = str(unavailable.reason)
    return reasons


def draw_input_build(
    *, rules: dict[str, Any], under_review: Iterable[str], cycle: Cycle | None = None
) -> dict[str, Any]:
    """The draw input of the issue's JSON format, built from the registry and the cycle's earlier draws."""
    states = parties()
    codes = {state.code for state in states}
    cells: dict[str, list[str]] = {state.code: [] for state in states}
    for code, instrument in (
        Participation.objects.filter(state__code__in=codes, status=ParticipationStatus.PARTY)
        .order_by("instrument__position")
        .values_list("state__code", "instrument__code")
    ):
        cells[code].append(instrument)
    reio_instruments = tuple(rules.get("reio_review_instruments", ()))
    unable = cannot_review_reasons(cycle, states, reio_instruments)
    exclusions: list[list[str]] = []
    existing: list[dict[str, str]] = []
    if cycle is not None:
        exclusions = sorted(
            sorted([pair.first.code, pair.second.code])
            for pair in ExcludedPair.objects.filter(cycle=cycle).select_related("first", "second")
        )
        existing = [
            {"under_review": a.review.state.code, "reviewer": a.reviewer.code, "instrument": a.instrument.code}
            for a in ReviewerAssignment.objects.filter(review__cycle=cycle)
            .select_related("review__state", "reviewer", "instrument")
            .order_by("review__state__code", "instrument__position", "slot")
        ]
    return {
        "rules": draw_rules(rules),
        "states": [
            {
                "code": state.code,
                "group": state.regional_group.code if state.regional_group else None,
                "parties": cells[state.code],
                "can_review": state.code not in unable,
                **({"cannot_review_reason": unable[state.code]} if state.code in unable else {}),
                # A designated organization reviews for the designated instruments only.
                **({"may_review": list(reio_instruments)} if state.is_reio and reio_instruments else {}),
            }
            for state in states
        ],
        "under_review": sorted(code for code in set(under_review) if code in codes),
        "exclusions": exclusions,
        "existing": existing,
    }
