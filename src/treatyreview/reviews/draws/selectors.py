"""Reads for the draw screens: draws by visibility, eligibility tables, results by State under review."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from treatyreview.accounts.models import User
from treatyreview.accounts.permissions import is_secretariat
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.errors import NotFound
from treatyreview.mechanism import lots
from treatyreview.registry import selectors as registry_selectors
from treatyreview.registry.collation import sort_key
from treatyreview.registry.models import Participation, ParticipationStatus
from treatyreview.reviews.draws import exports
from treatyreview.reviews.draws.labels import SLOT_NAMES, reason_text
from treatyreview.reviews.models import Cycle, Draw

PUBLISHED = (Draw.Status.COMMITTED, Draw.Status.PROVISIONAL, Draw.Status.CONFIRMED, Draw.Status.CANCELLED)


def draw_list_public() -> QuerySet[Draw]:
    """Draws whose commitment has been published, and every cancelled attempt: the public can check them."""
    return (
        Draw.objects.filter(status__in=PUBLISHED).select_related("cycle", "year_group__cycle").order_by("-created_at")
    )


def draw_get_public(pk: int) -> Draw:
    """A published draw; `Draw.DoesNotExist` for one still in preparation, as for one that does not exist."""
    return draw_list_public().get(pk=pk)


def access_draw_public(pk: int) -> Draw:
    try:
        return draw_get_public(pk)
    except Draw.DoesNotExist:
        raise NotFound from None


def access_draw(user: User, pk: int, *, shows_input: bool = True) -> Draw:
    """A draw for the session pages: the secretariat only. Reading the input of a draw whose commitment is not
    yet published is logged, since until then it is known to the secretariat alone; a page that shows no part of
    the input (the projection, which shows status and hashes) says so with `shows_input=False`."""
    draw = Draw.objects.select_related("cycle__rules", "year_group__cycle").filter(pk=pk).first()
    if draw is None or not is_secretariat(user):
        raise NotFound
    if shows_input and draw.status == Draw.Status.PREPARED:
        with transaction.atomic():
            audit.record(actor=user, action=AuditAction.DRAW_READ, target=draw)
    return draw


def attempts_of(draw: Draw) -> list[Draw]:
    """Every published attempt at the same draw (same cycle, kind and year group), in order."""
    return list(
        draw_list_public()
        .filter(cycle_id=draw.cycle_id, kind=draw.kind, year_group_id=draw.year_group_id)
        .order_by("attempt", "pk")
    )


def draw_page(draw: Draw, names: dict[str, str]) -> dict[str, Any]:
    """What every page of one draw shows: the draw, its input in figures, its result, its redraws, its attempts."""
    before_seed = draw.status in (Draw.Status.PREPARED, Draw.Status.COMMITTED)
    return {
        "summary": draw_summary(draw),
        **draw_results_page(draw, names),
        "requests": draw.requests.select_related("under_review", "refused_reviewer", "replacement", "recorded_by"),
        "attempts": attempts_of(draw),
        # Worth acting on only while the input can still be prepared again: before the seed is known.
        "unknown_standing": unknown_standing_under_review(draw, names) if before_seed else [],
    }


def draw_results_page(draw: Draw, names: dict[str, str]) -> dict[str, Any]:
    """The result of a draw as every page shows it (session, public page, projection)."""
    return {
        "draw": draw,
        "results": exports.result_rows(draw, names),
        "year_groups": exports.year_group_results(draw, names),
        "instruments": exports.INSTRUMENTS,
    }


def cycle_list() -> QuerySet[Cycle]:
    return Cycle.objects.select_related("rules").prefetch_related("year_groups__states").order_by("-created_at")


def state_names() -> dict[str, str]:
    """The names of the States in the reader's language, used by every draw page, CSV file and printable."""
    return dict(registry_selectors.state_names())


@dataclass(frozen=True)
class CandidateRow:
    code: str
    name: str
    eligible: bool
    reasons: list[str]


@dataclass(frozen=True)
class EligibilityTable:
    slot: str
    slot_label: str
    instrument: str
    eligible_count: int
    candidates: list[CandidateRow]

    @property
    def eligible(self) -> list[CandidateRow]:
        return [row for row in self.candidates if row.eligible]

    @property
    def excluded_by_reason(self) -> list[tuple[str, list[CandidateRow]]]:
        """Excluded candidates grouped by their reasons, the largest group first, names alphabetical."""
        groups: dict[str, list[CandidateRow]] = {}
        for row in self.candidates:
            if not row.eligible:
                groups.setdefault("; ".join(row.reasons), []).append(row)
        return sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))


def draw_eligibility(draw: Draw, under_review: str, names: dict[str, str]) -> list[EligibilityTable]:
    """Every candidate for each slot and instrument of one State under review, with readable reasons."""
    if draw.kind != Draw.Kind.REVIEWERS:
        return []
    if draw.record:
        record = lots.record_from_json(draw.record)
        assert isinstance(record, lots.DrawRecord)
        tables = lots.eligibility(
            record.draw_input,
            assignments=record.assignments,
            refused=lots.refused_by_state(record.redraws),
            under_review=[under_review],
        )
    else:
        draw_input = lots.parse_input(draw.input, version=lots.input_version(draw.input))
        tables = lots.eligibility(draw_input, under_review=[under_review])
    unknown = unknown_standing()
    result = []
    for table in tables:
        rows = [
            CandidateRow(
                c.code,
                names.get(c.code, c.code),
                c.eligible,
                [reason_text(r, names, unknown, c.code) for r in c.reasons],
            )
            for c in sorted(table.candidates, key=lambda c: (not c.eligible, sort_key(names.get(c.code, c.code))))
        ]
        result.append(
            EligibilityTable(
                table.slot, str(SLOT_NAMES[table.slot]), table.instrument, sum(r.eligible for r in rows), rows
            )
        )
    return result


def unknown_standing() -> set[tuple[str, str]]:
    """(State, instrument) pairs whose standing the sources do not establish: drawn as not party, said so."""
    return set(
        Participation.objects.filter(status=ParticipationStatus.UNKNOWN).values_list("state__code", "instrument__code")
    )


def unknown_standing_under_review(draw: Draw, names: dict[str, str]) -> list[tuple[str, str]]:
    """States under review with a Protocol whose standing is not established (they are not reviewed for it)."""
    under_review = set(draw.input.get("under_review", []))
    return sorted(
        ((names.get(code, code), instrument) for code, instrument in unknown_standing() if code in under_review),
        key=lambda item: (sort_key(item[0]), item[1]),
    )


def cycle_overview(cycle: Cycle) -> dict[str, Any]:
    """The cycle page: each year group with its current draw of reviewing States and its attempts."""
    draws = list(cycle.draws.select_related("cycle", "year_group__cycle").order_by("attempt", "pk"))
    current: dict[int | None, Draw] = {}
    cancelled: dict[int | None, int] = {}
    for draw in draws:
        scope = draw.year_group_id if draw.kind == Draw.Kind.REVIEWERS else None
        if draw.status == Draw.Status.CANCELLED:
            cancelled[scope] = cancelled.get(scope, 0) + 1
        else:
            current[scope] = draw
    groups = list(cycle.year_groups.all())
    return {
        "draws": sorted(draws, key=lambda d: d.created_at, reverse=True),
        "year_groups": [(group, current.get(group.pk), cancelled.get(group.pk, 0) + 1) for group in groups],
        "year_groups_draw": current.get(None),
        "year_groups_attempt": cancelled.get(None, 0) + 1,
        # Derived from the year groups already prefetched with their States.
        "groups_drawn": any(group.states.all() for group in groups),
    }


def public_overview() -> list[dict[str, Any]]:
    """Published draws by cycle, then by what they draw (the year groups, then each year group), attempts in order."""
    cycles: dict[int, dict[str, Any]] = {}
    for draw in draw_list_public().order_by("cycle__created_at", "year_group__number", "kind", "attempt", "pk"):
        entry = cycles.setdefault(draw.cycle_id, {"cycle": draw.cycle, "scopes": {}})
        key = (draw.kind, draw.year_group_id)
        entry["scopes"].setdefault(key, {"kind": draw.get_kind_display(), "year_group": draw.year_group, "draws": []})
        entry["scopes"][key]["draws"].append(draw)
    result = []
    for entry in cycles.values():
        scopes = sorted(entry["scopes"].items(), key=lambda item: (item[0][0] != Draw.Kind.YEAR_GROUPS,
                                                                 getattr(item[1]["year_group"], "number", 0)))
        result.append({"cycle": entry["cycle"], "scopes": [scope for _, scope in scopes]})
    return result


def draw_summary(draw: Draw) -> dict[str, Any]:
    data = draw.input
    return {
        "states": len(data.get("states", [])),
        "under_review": len(data.get("under_review", [])),
        "cannot_review": sum(not s.get("can_review", True) for s in data.get("states", [])),
        "exclusions": len(data.get("exclusions", [])),
        "existing": len(data.get("existing", [])),
    }
