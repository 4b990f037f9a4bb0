"""What a draw produces: assignments, notes, redraw entries and records, and their sealed JSON form."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from treatyreview.mechanism.lots.inputs import (
    ALGORITHM_NAME,
    ALGORITHM_VERSION,
    DrawInput,
    canonical_json,
    input_to_json,
)

RECORD_FORMAT = "treatyreview-draw-record"


@dataclass(frozen=True)
class Assignment:
    """One State under review, one instrument, one slot: who reviews it (supplementary when not the slot's
    Convention reviewer)."""

    under_review: str
    instrument: str
    reviewer: str
    slot: str
    supplementary: bool = False


@dataclass(frozen=True)
class Note:
    """Something the record must say about a State under review (e.g. it has no regional group)."""

    under_review: str
    code: str
    message: str


@dataclass(frozen=True)
class RedrawEntry:
    """One granted redraw: who asked or declined, when, with which seed, and what it replaced."""

    under_review: str
    slot: str
    kind: str  # "requested" by the State under review, or "declined" by the drawn reviewer
    by: str
    refused: str
    at: str
    seed: str
    previous_record_sha256: str
    attempts: int
    replaced: tuple[Assignment, ...]
    replacement: tuple[Assignment, ...]


@dataclass(frozen=True)
class DrawRecord:
    """The published outcome of a draw of reviewing States and of the redraws made on it."""

    draw_input: DrawInput
    input_sha256: str
    seed: str
    attempts: int
    assignments: tuple[Assignment, ...]
    notes: tuple[Note, ...] = ()
    completion_attempts: int = 0
    redraws: tuple[RedrawEntry, ...] = ()
    record_sha256: str = ""


@dataclass(frozen=True)
class YearGroupRecord:
    """The published outcome of splitting States parties into year groups by lot."""

    draw_input: DrawInput
    input_sha256: str
    seed: str
    groups: int
    attempts: int
    year_groups: tuple[tuple[str, ...], ...]
    record_sha256: str = ""


@dataclass(frozen=True)
class Verification:
    """The result of verifying a record: ok, or the reasons it fails."""

    ok: bool
    problems: tuple[str, ...] = ()


def refused_by_state(redraws: Sequence[RedrawEntry]) -> dict[str, frozenset[str]]:
    """The States refused for each State under review by the redraws so far."""
    refused: dict[str, set[str]] = {}
    for r in redraws:
        refused.setdefault(r.under_review, set()).add(r.refused)
    return {k: frozenset(v) for k, v in refused.items()}


def _assignment_json(a: Assignment) -> dict[str, Any]:
    return {"under_review": a.under_review, "instrument": a.instrument, "reviewer": a.reviewer, "slot": a.slot,
            "supplementary": a.supplementary}


def algorithm_json(version: int = ALGORITHM_VERSION) -> dict[str, Any]:
    """The `algorithm` field of a record: the name and the version its input was written in."""
    return {"name": ALGORITHM_NAME, "version": version}


def record_to_json(record: DrawRecord | YearGroupRecord) -> dict[str, Any]:
    """The record as a JSON object, `record_sha256` included."""
    data = _unsealed_json(record)
    data["record_sha256"] = record.record_sha256
    return data


def _unsealed_json(record: DrawRecord | YearGroupRecord) -> dict[str, Any]:
    if isinstance(record, YearGroupRecord):
        return {"format": RECORD_FORMAT, "kind": "year-groups", "algorithm": algorithm_json(record.draw_input.version),
                "input": input_to_json(record.draw_input), "input_sha256": record.input_sha256, "seed": record.seed,
                "groups": record.groups, "attempts": record.attempts,
                "year_groups": [{"year_group": i + 1, "states": list(m)} for i, m in enumerate(record.year_groups)]}
    return {
        "format": RECORD_FORMAT, "kind": "reviewers", "algorithm": algorithm_json(record.draw_input.version),
        "input": input_to_json(record.draw_input), "input_sha256": record.input_sha256, "seed": record.seed,
        "attempts": record.attempts, "completion_attempts": record.completion_attempts,
        "assignments": [_assignment_json(a) for a in record.assignments],
        "notes": [{"under_review": n.under_review, "code": n.code, "message": n.message} for n in record.notes],
        "redraws": [{"under_review": r.under_review, "slot": r.slot, "kind": r.kind, "by": r.by, "refused": r.refused,
                     "at": r.at, "seed": r.seed, "previous_record_sha256": r.previous_record_sha256,
                     "attempts": r.attempts, "replaced": [_assignment_json(a) for a in r.replaced],
                     "replacement": [_assignment_json(a) for a in r.replacement]} for r in record.redraws],
    }


def record_digest(record: DrawRecord | YearGroupRecord) -> str:
    """The `record_sha256` of a record: SHA-256 of its canonical JSON without that field."""
    return hashlib.sha256(canonical_json(_unsealed_json(record))).hexdigest()


def seal(record: DrawRecord) -> DrawRecord:
    """The record with its `record_sha256` filled in."""
    return DrawRecord(**{**record.__dict__, "record_sha256": record_digest(record)})


def seal_year_groups(record: YearGroupRecord) -> YearGroupRecord:
    """The year-group record with its `record_sha256` filled in."""
    return YearGroupRecord(**{**record.__dict__, "record_sha256": record_digest(record)})
