"""An estimate as the pages show it: rows in the reader's language, and the geometry of the charts beside them.

Every chart has its table: the table carries the figures, the chart only draws them (SVG, no script).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from treatyreview.budget.labels import (
    BASIS_LABELS,
    DOCUMENT_LABELS,
    FUNDING_LABELS,
    GRADE_LABELS,
    ITEM_LABELS,
    ORIGINAL,
    STAGE_LABELS,
    label,
)
from treatyreview.listing import joined
from treatyreview.mechanism import costs
from treatyreview.mechanism.rules import LANGUAGES
from treatyreview.registry.choices import instrument_label
from treatyreview.registry.collation import sort_key
from treatyreview.registry.labels import LANGUAGE_NAMES
from treatyreview.registry.names import ShownName

# Distinct colours, in the order of the items, readable on white (the table beside carries the figures).
COLOURS = ("#00689d", "#e07b00", "#5b8c2a", "#8a4f9e", "#c23b3b", "#3a8c8c", "#7a6a3a")
CHART_WIDTH = 600
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Segment:
    x: Decimal
    width: Decimal
    colour: str
    title: str


def legend() -> list[dict[str, str]]:
    return [{"label": label(ITEM_LABELS, item), "colour": colour} for item, colour in zip(costs.ITEMS, COLOURS,
                                                                                          strict=True)]


def _bar(amounts: dict[str, Decimal], scale: Decimal) -> list[Segment]:
    segments, x = [], Decimal(0)
    for item, colour in zip(costs.ITEMS, COLOURS, strict=True):
        width = (amounts.get(item, Decimal(0)) * scale).quantize(CENT)
        if width > 0:
            segments.append(Segment(x, width, colour, label(ITEM_LABELS, item)))
            x += width
    return segments


def _scale(largest: Decimal) -> Decimal:
    return Decimal(CHART_WIDTH) / largest if largest > 0 else Decimal(0)


def summary(result: costs.Estimate, funding_rule: dict[str, str]) -> dict[str, Any]:
    items = [{"label": label(ITEM_LABELS, item), "amount": result.per_item[item],
              "funding": label(FUNDING_LABELS, funding_rule[item]), "colour": colour}
             for item, colour in zip(costs.ITEMS, COLOURS, strict=True)]
    return {
        "items": items,
        "funding": [{"label": label(FUNDING_LABELS, source), "amount": result.funding[source]}
                    for source in costs.FUNDING_SOURCES],
        "years": (min(result.per_year), max(result.per_year)) if result.per_year else None,
    }


def year_rows(result: costs.Estimate) -> list[dict[str, Any]]:
    scale = _scale(max(result.per_year.values(), default=Decimal(0)))
    return [{"year": year, "items": [result.per_year_item[year][item] for item in costs.ITEMS],
             "total": result.per_year[year],
             "funding": [result.per_year_funding[year][source] for source in costs.FUNDING_SOURCES],
             "bar": _bar(result.per_year_item[year], scale)}
            for year in result.per_year]


def volume_rows(result: costs.Estimate) -> tuple[list[str], list[dict[str, Any]]]:
    """Pages a year in the original language and in each language documents are translated into."""
    present = [code for code in LANGUAGES if any(code in pages for pages in result.pages_per_year.values())]
    heads = [str(ORIGINAL)] + [str(LANGUAGE_NAMES[code]) for code in present]
    rows = [{"year": year, "pages": [pages.get("original", Decimal(0))] + [pages.get(c, Decimal(0)) for c in present],
             "words": result.words_translated_per_year.get(year, Decimal(0))}
            for year, pages in result.pages_per_year.items()]
    return heads, rows


def staff_rows(result: costs.Estimate) -> tuple[list[str], list[dict[str, Any]]]:
    heads = [label(GRADE_LABELS, grade) for grade in costs.GRADES]
    rows = [{"year": year, "months": [months[grade] for grade in costs.GRADES], "total": sum(months.values())}
            for year, months in result.person_months_per_year.items()]
    return heads, rows


def burden_rows(result: costs.Estimate, names: dict[str, ShownName], language: str) -> list[dict[str, Any]]:
    """Per year: how many States take part in how many exercises; the States above the threshold by name."""
    def by_name(codes: tuple[str, ...]) -> list[ShownName]:
        return sorted((names.get(code, ShownName(code)) for code in codes), key=lambda n: sort_key(n, language))

    largest = max((count for b in result.burden for count in b.distribution.values()), default=0)
    rows = []
    for burden in result.burden:
        rows.append({
            "year": burden.year,
            "distribution": [{"exercises": k, "states": v,
                              "width": (Decimal(v) * _scale(Decimal(largest)) / 2).quantize(CENT)}
                             for k, v in burden.distribution.items()],
            "maximum": burden.maximum,
            "above": by_name(burden.above_threshold),
            "undrawn": burden.undrawn,
        })
    return rows


def burden_by_state(result: costs.Estimate, names: dict[str, ShownName], language: str) -> list[dict[str, Any]]:
    """Each State in alphabetical order of its name, with its own count for each year: a fact, not a score."""
    codes = sorted(result.burden[0].reviewed, key=lambda code: sort_key(str(names.get(code, code)), language)) \
        if result.burden else []
    return [{"name": names.get(code, ShownName(code)), "code": code,
             "years": [(b.reviewed[code], b.reviewing[code]) for b in result.burden]} for code in codes]


def plan_rows(result: costs.Estimate) -> list[dict[str, Any]]:
    if not result.plan:
        return []
    start = min(entry.start for entry in result.plan)
    end = max(entry.end for entry in result.plan)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    scale = Decimal(CHART_WIDTH) / months
    rows = []
    for entry in result.plan:
        offset = (entry.start.year - start.year) * 12 + entry.start.month - start.month
        length = (entry.end.year - entry.start.year) * 12 + entry.end.month - entry.start.month + 1
        rows.append({
            "entry": entry,
            "instruments": joined(instrument_label(code) for code in entry.instruments),
            "deadlines": [(label(STAGE_LABELS, stage), day) for stage, day in entry.deadlines],
            "x": (offset * scale).quantize(CENT), "width": (length * scale).quantize(CENT),
        })
    return rows


def plan_years(result: costs.Estimate) -> list[dict[str, Any]]:
    """Tick marks of the timeline: one per year."""
    if not result.plan:
        return []
    start = min(entry.start for entry in result.plan)
    end = max(entry.end for entry in result.plan)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    scale = Decimal(CHART_WIDTH) / months
    ticks = []
    for year in range(start.year, end.year + 1):
        x = ((year - start.year) * 12 * scale).quantize(CENT)
        ticks.append({"year": year, "x": x, "x_rtl": Decimal(CHART_WIDTH) - x})
    return ticks


def bases(result: costs.Estimate) -> dict[str, Any]:
    """Where the counts come from: the registry, the drawn year groups, recorded pages, or illustrations."""
    articles = [{"instrument": instrument_label(instrument), "cluster": cluster, "count": count,
                 "basis": label(BASIS_LABELS, basis)}
                for (instrument, cluster), (count, basis) in result.articles.items()]
    return {
        "articles": articles,
        "year_groups": label(BASIS_LABELS, result.year_groups_basis),
        "pages": [{"document": label(DOCUMENT_LABELS, kind), "basis": label(BASIS_LABELS, basis)}
                  for kind, basis in result.pages_basis.items()],
    }


def comparison_bars(results: list[costs.Estimate]) -> list[dict[str, Any]]:
    scale = _scale(max((r.total for r in results), default=Decimal(0)))
    return [{"name": r.name, "total": r.total, "bar": _bar(r.per_item, scale)} for r in results]


def comparison_years(results: list[costs.Estimate]) -> tuple[list[int], list[dict[str, Any]]]:
    years = sorted({year for r in results for year in r.per_year})
    return years, [{"name": r.name, "amounts": [r.per_year.get(year) for year in years]} for r in results]


def comparison_volumes(results: list[costs.Estimate]) -> list[dict[str, Any]]:
    totals = [sum((sum(p.values(), Decimal(0)) for p in r.pages_per_year.values()), Decimal(0)) for r in results]
    scale = _scale(max(totals, default=Decimal(0)))
    return [{"name": r.name, "pages": pages, "width": (pages * scale).quantize(CENT),
             "words": sum(r.words_translated_per_year.values(), Decimal(0)),
             "months": sum((sum(m.values(), Decimal(0)) for m in r.person_months_per_year.values()), Decimal(0))}
            for r, pages in zip(results, totals, strict=True)]


def comparison_burden(results: list[costs.Estimate]) -> list[dict[str, Any]]:
    return [{"name": r.name, "maximum": max((b.maximum for b in r.burden), default=0),
             "above": max((len(b.above_threshold) for b in r.burden), default=0),
             "exercises": r.exercises, "units": len(r.units)} for r in results]


def comparison_items(results: list[costs.Estimate]) -> list[dict[str, Any]]:
    return [{"label": label(ITEM_LABELS, item), "amounts": [r.per_item[item] for r in results]} for item in costs.ITEMS]
