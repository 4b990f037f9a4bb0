"""Reads for the draw screens: draws by visibility, eligibility tables, results by State under review."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from treatyreview.mechanism import lots
from treatyreview.registry.models import Participation, ParticipationStatus, State
from treatyreview.reviews.draws.labels import SLOT_NAMES, reason_text
from treatyreview.reviews.models import Cycle, Draw

PUBLISHED = (Draw.Status.COMMITTED, Draw.Status.PROVISIONAL, Draw.Status.CONFIRMED, Draw.Status.CANCELLED)


def draw_list_public() -> QuerySet[Draw]:
    """Draws whose commitment has been published: the public can check them."""
    return (
        Draw.objects.filter(status__in=PUBLISHED).select_related("cycle", "year_group__cycle").order_by("-created_at")
    )


def draw_get_public(pk: int) -> Draw:
    return draw_list_public().get(pk=pk)


def draw_get(pk: int) -> Draw:
    return Draw.objects.select_related("cycle__rules", "year_group__cycle").get(pk=pk)


def cycle_list() -> QuerySet[Cycle]:
    return Cycle.objects.select_related("rules").prefetch_related("year_groups__states").order_by("-created_at")


def state_names() -> dict[str, str]:
    return dict(State.objects.values_list("code", "name"))


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
        tables = lots.eligibility(lots.parse_input(draw.input), under_review=[under_review])
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
            for c in sorted(table.candidates, key=lambda c: (not c.eligible, names.get(c.code, c.code)))
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
        (names.get(code, code), instrument) for code, instrument in unknown_standing() if code in under_review
    )


@dataclass(frozen=True)
class ResultRow:
    code: str
    name: str
    by_instrument: dict[str, dict[str, str]]  # instrument -> slot -> reviewer name
    notes: list[str]


def draw_results(draw: Draw, names: dict[str, str]) -> list[ResultRow]:
    """The record's assignments, one row per State under review, alphabetical by name."""
    if not draw.record:
        return []
    rows: dict[str, ResultRow] = {}
    for code in draw.record["input"].get("under_review", []):
        rows[code] = ResultRow(code, names.get(code, code), {}, [])
    for assignment in draw.record.get("assignments", []):
        row = rows[assignment["under_review"]]
        row.by_instrument.setdefault(assignment["instrument"], {})[assignment["slot"]] = names.get(
            assignment["reviewer"], assignment["reviewer"]
        )
    for note in draw.record.get("notes", []):
        if note.get("under_review") in rows:
            rows[note["under_review"]].notes.append(note.get("message", ""))
    return sorted(rows.values(), key=lambda row: row.name)


def year_group_results(draw: Draw, names: dict[str, str]) -> list[list[tuple[str, str]]]:
    if not draw.record or draw.kind != Draw.Kind.YEAR_GROUPS:
        return []
    return [
        sorted(((code, names.get(code, code)) for code in group), key=lambda item: item[1])
        for group in draw.record.get("year_groups", [])
    ]


def draw_summary(draw: Draw) -> dict[str, Any]:
    data = draw.input
    return {
        "states": len(data.get("states", [])),
        "under_review": len(data.get("under_review", [])),
        "cannot_review": sum(not s.get("can_review", True) for s in data.get("states", [])),
        "exclusions": len(data.get("exclusions", [])),
        "existing": len(data.get("existing", [])),
    }
