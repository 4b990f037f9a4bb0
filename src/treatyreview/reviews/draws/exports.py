"""A draw's results as rows in the reader's language: the CSV download and the printable page are built here.

Everything is read from the draw's record, the document that verifies, so a printout or a spreadsheet says
exactly what the record says. Codes become translated labels; States are listed alphabetically, never by
any measure.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from treatyreview.mechanism import lots
from treatyreview.registry.choices import InstrumentCode, instrument_label
from treatyreview.registry.collation import sort_key
from treatyreview.reviews.draws.labels import SLOT_NAMES, note_text
from treatyreview.reviews.models import Draw, DrawRequest

# The Convention, then the Protocols, in the order the registry lists them.
INSTRUMENTS: tuple[str, ...] = tuple(InstrumentCode.values)
SLOTS: tuple[str, ...] = (lots.SAME_GROUP, lots.OTHER_GROUP)

REDRAW_KINDS: dict[str, Promise] = {
    "requested": DrawRequest.Kind.REDRAW.label,
    "declined": DrawRequest.Kind.DECLINE.label,
}

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def name_key(name: str) -> tuple[object, ...]:
    """Alphabetical order of names in the reader's language, whatever their case and accents: "Côte d'Ivoire"
    among the C, "Türkiye" before "Turkmenistan", Chinese by pinyin (registry.collation)."""
    return sort_key(name)


def slot_name(slot: str) -> str:
    return str(SLOT_NAMES.get(slot, slot))


# ------------------------------------------------------------------------------------ reviewing States


@dataclass(frozen=True)
class AssignmentRow:
    """One assignment of the record: who reviews one State under review for one instrument in one slot."""

    under_review: str
    under_review_name: str
    instrument: str
    reviewer: str
    reviewer_name: str
    slot: str
    supplementary: bool

    @property
    def instrument_name(self) -> str:
        return instrument_label(self.instrument)

    @property
    def slot_name(self) -> str:
        return slot_name(self.slot)


def _order(sequence: tuple[str, ...], value: str) -> int:
    return sequence.index(value) if value in sequence else len(sequence)


def assignment_rows(draw: Draw, names: dict[str, str]) -> list[AssignmentRow]:
    """The record's assignments by State under review (alphabetical), then instrument, then slot."""
    if draw.kind != Draw.Kind.REVIEWERS or not draw.record:
        return []
    rows = [
        AssignmentRow(
            under_review=item["under_review"],
            under_review_name=names.get(item["under_review"], item["under_review"]),
            instrument=item["instrument"],
            reviewer=item["reviewer"],
            reviewer_name=names.get(item["reviewer"], item["reviewer"]),
            slot=item["slot"],
            supplementary=bool(item.get("supplementary", False)),
        )
        for item in draw.record.get("assignments", [])
    ]
    return sorted(
        rows,
        key=lambda row: (
            name_key(row.under_review_name),
            row.under_review,
            _order(INSTRUMENTS, row.instrument),
            _order(SLOTS, row.slot),
            row.supplementary,
        ),
    )


@dataclass(frozen=True)
class ResultCell:
    reviewer: str
    reviewer_name: str
    supplementary: bool


@dataclass(frozen=True)
class ResultRow:
    """One State under review on the printable table: for each of INSTRUMENTS, its reviewing States in the
    same-group and the other-group slot (None where it is not reviewed for that instrument)."""

    under_review: str
    name: str
    by_instrument: list[tuple[ResultCell | None, ResultCell | None]]
    notes: list[str]


def result_rows(draw: Draw, names: dict[str, str]) -> list[ResultRow]:
    """Every State under review of the draw, alphabetical, with its reviewing States for each instrument."""
    if draw.kind != Draw.Kind.REVIEWERS or not draw.record:
        return []
    under_review = draw.record.get("input", {}).get("under_review", [])
    cells: dict[str, dict[tuple[str, str], ResultCell]] = {code: {} for code in under_review}
    for row in assignment_rows(draw, names):
        cells.setdefault(row.under_review, {})[(row.instrument, row.slot)] = ResultCell(
            row.reviewer, row.reviewer_name, row.supplementary
        )
    notes: dict[str, list[str]] = {}
    for note in draw.record.get("notes", []):
        # The core writes its notes in English for the record; the reader gets them from their code.
        code = note.get("under_review", "")
        text = note_text(note.get("code", ""), names.get(code, code), note.get("message", ""))
        notes.setdefault(code, []).append(text)
    rows = [
        ResultRow(
            under_review=code,
            name=names.get(code, code),
            by_instrument=[
                (by_slot.get((instrument, lots.SAME_GROUP)), by_slot.get((instrument, lots.OTHER_GROUP)))
                for instrument in INSTRUMENTS
            ],
            notes=notes.get(code, []),
        )
        for code, by_slot in cells.items()
    ]
    return sorted(rows, key=lambda row: (name_key(row.name), row.under_review))


@dataclass(frozen=True)
class RedrawRow:
    """A redraw asked by the State under review, or a decline by a drawn reviewer, as the record keeps it."""

    kind: str
    under_review_name: str
    slot: str
    refused_name: str
    replacement_names: list[str]
    seed: str
    at: dt.datetime | str

    @property
    def kind_name(self) -> str:
        return str(REDRAW_KINDS.get(self.kind, self.kind))

    @property
    def slot_name(self) -> str:
        return slot_name(self.slot)


def _moment(value: str) -> dt.datetime | str:
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return value


def redraw_rows(draw: Draw, names: dict[str, str]) -> list[RedrawRow]:
    """The redraws and declines in the order they were made."""
    if draw.kind != Draw.Kind.REVIEWERS or not draw.record:
        return []
    return [
        RedrawRow(
            kind=item.get("kind", ""),
            under_review_name=names.get(item["under_review"], item["under_review"]),
            slot=item.get("slot", ""),
            refused_name=names.get(item.get("refused", ""), item.get("refused", "")),
            replacement_names=sorted(
                {names.get(a["reviewer"], a["reviewer"]) for a in item.get("replacement", [])}, key=name_key
            ),
            seed=item.get("seed", ""),
            at=_moment(item.get("at", "")),
        )
        for item in draw.record.get("redraws", [])
    ]


# ------------------------------------------------------------------------------------------ year groups


@dataclass(frozen=True)
class YearGroupResult:
    """One year group of the record: its number, the year its reviews start, its States (code, name)."""

    number: int
    start_year: int | None
    states: list[tuple[str, str]]


def year_group_results(draw: Draw, names: dict[str, str]) -> list[YearGroupResult]:
    """The record's year groups in order; the States of each alphabetical by name."""
    if draw.kind != Draw.Kind.YEAR_GROUPS or not draw.record:
        return []
    start_years = {group.number: group.start_year for group in draw.cycle.year_groups.all()}
    results = []
    # The record lists objects {"year_group": n, "states": [codes]}, not bare lists of codes.
    for group in draw.record.get("year_groups", []):
        number = int(group["year_group"])
        states = sorted(
            ((code, names.get(code, code)) for code in group.get("states", [])),
            key=lambda item: (name_key(item[1]), item[0]),
        )
        results.append(YearGroupResult(number, start_years.get(number), states))
    return sorted(results, key=lambda group: group.number)


# ------------------------------------------------------------------------------------------------- CSV


def csv_safe(value: object) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets a leading apostrophe."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_rows(draw: Draw, names: dict[str, str]) -> list[list[str]]:
    """The header, then one row per assignment (reviewing States) or per State (year groups)."""
    if draw.kind == Draw.Kind.YEAR_GROUPS:
        header = [_("Year group"), _("Start year"), _("State"), _("Code")]
        body: list[list[Any]] = [
            [group.number, group.start_year or "", name, code]
            for group in year_group_results(draw, names)
            for code, name in group.states
        ]
    else:
        header = [
            _("State under review"),
            _("Code of the State under review"),
            _("Instrument"),
            _("Slot"),
            _("Reviewing State"),
            _("Code of the reviewing State"),
            _("Supplementary draw"),
        ]
        body = [
            [
                row.under_review_name,
                row.under_review,
                row.instrument_name,
                row.slot_name,
                row.reviewer_name,
                row.reviewer,
                _("Yes") if row.supplementary else _("No"),
            ]
            for row in assignment_rows(draw, names)
        ]
    return [[csv_safe(cell) for cell in row] for row in [header, *body]]


def csv_text(rows: list[list[str]]) -> str:
    """The rows as CSV text, with the byte-order mark that makes spreadsheets read it as UTF-8."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()
