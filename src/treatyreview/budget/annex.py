"""A Word annex of the kind submitted to the Conference: the estimated costs of one or more scenarios (python-docx)."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from treatyreview.budget.labels import FUNDING_LABELS, ITEM_LABELS, label
from treatyreview.mechanism import costs

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _amount(value: Decimal) -> str:
    return number_format(value.quantize(Decimal(1)), decimal_pos=0, use_l10n=True, force_grouping=True)


def _table(document: Any, head: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, row, strict=True)):
            cell.text = text
            if index:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def annex(scenarios: list[tuple[dict[str, Any], costs.Estimate]]) -> bytes:
    """Cost per item and source of funding side by side, cost per year, and the sources of the inputs."""
    document = Document()
    document.add_heading(_("Annex: estimated costs of the Review Mechanism"), level=1)
    document.add_paragraph(_("Prepared on %(date)s with the States parties, year groups, clusters and articles of "
                             "the registry on that day.") % {"date": timezone.localdate().isoformat()})
    document.add_paragraph(_("Inputs marked illustrative have no published source: the figures built on them show "
                             "the shape of the costs, not official amounts."))
    currency = scenarios[0][1].currency if scenarios else ""
    document.add_heading(_("Cost for the cycle (%(currency)s)") % {"currency": currency}, level=2)
    rows = [[label(ITEM_LABELS, item), *[_amount(r.per_item[item]) for _d, r in scenarios]] for item in costs.ITEMS]
    rows.append([_("Total for the cycle"), *[_amount(r.total) for _d, r in scenarios]])
    rows += [[label(FUNDING_LABELS, source), *[_amount(r.funding[source]) for _d, r in scenarios]]
             for source in costs.FUNDING_SOURCES]
    rows.append([_("Review exercises"), *[str(r.exercises) for _d, r in scenarios]])
    _table(document, [_("Item"), *[str(r.name) for _d, r in scenarios]], rows)
    document.add_heading(_("Cost per year (%(currency)s)") % {"currency": currency}, level=2)
    years = sorted({year for _d, r in scenarios for year in r.per_year})
    _table(document, [_("Year"), *[str(r.name) for _d, r in scenarios]],
           [[str(year), *[_amount(r.per_year[year]) if year in r.per_year else "—" for _d, r in scenarios]]
            for year in years])
    for data, result in scenarios:
        document.add_heading(_("Sources of the inputs: %(name)s") % {"name": result.name}, level=2)
        for key, source in sorted(data.get("sources", {}).items()):
            mark = _("illustrative") if source.get("illustrative", True) else _("sourced")
            date = f" ({source['date']})" if source.get("date") else ""
            document.add_paragraph(f"{key}: {source.get('text', '')}{date} — {mark}", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
