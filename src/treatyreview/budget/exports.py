"""Spreadsheets of estimates (openpyxl): a summary side by side, then each scenario's years and its inputs."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from treatyreview.budget.labels import FUNDING_LABELS, ITEM_LABELS, label
from treatyreview.mechanism import costs

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CENT = Decimal("0.01")


def _money(amount: Decimal) -> Decimal:
    return amount.quantize(CENT)


def _flat(data: Any, prefix: str = "") -> list[tuple[str, Any]]:
    if isinstance(data, dict):
        rows: list[tuple[str, Any]] = []
        for key, value in data.items():
            rows += _flat(value, f"{prefix}.{key}" if prefix else str(key))
        return rows
    if isinstance(data, list):
        return [(prefix, ", ".join(str(v) for v in data))]
    return [(prefix, data)]


FORBIDDEN_IN_TITLES = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(index: int, name: str) -> str:
    cleaned = FORBIDDEN_IN_TITLES.sub(" ", name)
    return f"{index} {cleaned}"[:31]


def workbook(scenarios: list[tuple[dict[str, Any], costs.Estimate]]) -> bytes:
    """One workbook: the comparison, then for each scenario its costs per year and its inputs with their sources."""
    book = Workbook()
    summary = book.active
    summary.title = _("Comparison")[:31]
    bold = Font(bold=True)
    summary.append([_("Scenario"), *[result.name for _data, result in scenarios]])
    summary.append([_("Currency"), *[result.currency for _data, result in scenarios]])
    summary.append([_("Total for the cycle"), *[_money(result.total) for _data, result in scenarios]])
    for item in costs.ITEMS:
        summary.append([label(ITEM_LABELS, item), *[_money(r.per_item[item]) for _d, r in scenarios]])
    for source in costs.FUNDING_SOURCES:
        summary.append([label(FUNDING_LABELS, source), *[_money(r.funding[source]) for _d, r in scenarios]])
    summary.append([_("States reviewed"), *[r.reviews for _d, r in scenarios]])
    summary.append([_("Review exercises"), *[r.exercises for _d, r in scenarios]])
    summary.append([_("Review units (State × instrument × cluster)"), *[len(r.units) for _d, r in scenarios]])
    summary.append([_("Cost per State reviewed"), *[r.per_review for _d, r in scenarios]])
    for cell in summary[1]:
        cell.font = bold
    summary.column_dimensions["A"].width = 48
    for index, (data, result) in enumerate(scenarios, start=1):
        years = book.create_sheet(_sheet_title(index, result.name))
        years.append([_("Year"), *[label(ITEM_LABELS, item) for item in costs.ITEMS], _("Total"),
                      *[label(FUNDING_LABELS, source) for source in costs.FUNDING_SOURCES]])
        for year, total in result.per_year.items():
            years.append([year, *[_money(result.per_year_item[year][item]) for item in costs.ITEMS], _money(total),
                          *[_money(result.per_year_funding[year][s]) for s in costs.FUNDING_SOURCES]])
        years.append([_("Total"), *[_money(result.per_item[item]) for item in costs.ITEMS], _money(result.total),
                      *[_money(result.funding[s]) for s in costs.FUNDING_SOURCES]])
        for cell in years[1]:
            cell.font = bold
        inputs = book.create_sheet(_sheet_title(index, _("inputs") + " " + result.name))
        inputs.append([_("Input"), _("Value"), _("Source"), _("Date of the source"), _("Illustrative")])
        sources = data.get("sources", {})
        for path, value in _flat({k: v for k, v in data.items() if k != "sources"}):
            group = next((key for key in sorted(sources, key=len, reverse=True)
                          if path == key or path.startswith(key + ".")), None)
            source = sources.get(group, {}) if group else {}
            inputs.append([path, str(value), source.get("text", ""), source.get("date") or "",
                           (_("yes") if source.get("illustrative", True) else _("no")) if source else ""])
        for cell in inputs[1]:
            cell.font = bold
        inputs.column_dimensions["A"].width = 50
        inputs.column_dimensions["C"].width = 80
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
