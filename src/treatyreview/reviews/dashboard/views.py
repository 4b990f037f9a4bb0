"""The secretariat's dashboard of reviews and the timeline of one review."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from treatyreview.accounts.decorators import SignedInRequest, secretariat_only
from treatyreview.registry.labels import regional_group_choices
from treatyreview.reviews.dashboard import selectors
from treatyreview.reviews.dashboard.texts import DeadlineTexts
from treatyreview.reviews.dashboard.timeline import ChartRow, timeline_svg
from treatyreview.reviews.phases.choices import ReviewStatus, Stage


def _lang(name: object) -> str:
    return getattr(name, "lang", "")


def _cells(rows: list[selectors.ReviewRow], texts: DeadlineTexts) -> list[dict[str, Any]]:
    """What each row's cells say, written once per page (see texts.py)."""
    # One reverse() for the page: the address of every review's timeline differs only by its number.
    address = reverse("dashboard_review", args=[0]).removesuffix("0/")
    phase_name = _("Phase %(position)s · cluster %(cluster)s")
    planned = _("planned")
    cells = []
    for row in rows:
        phases = []
        for item in row.phases:
            label = phase_name % {"position": item.phase.position, "cluster": item.phase.cluster}
            phases.append({
                "item": item,
                "label": label if item.launched else f"{label} ({planned})",
                "dates": f"{texts.day(item.starts_on)} – {texts.day(item.ends_on)}",
                "deadlines": texts.lines(item.deadlines),
            })
        current = phase_name % {"position": row.current.phase.position, "cluster": row.current.phase.cluster} if (
            row.current) else ""
        cells.append({"row": row, "current": current, "overdue": texts.lines(row.overdue), "phases": phases,
                      "href": f"{address}{row.review.pk}/"})
    return cells


@secretariat_only
def dashboard(request: SignedInRequest) -> HttpResponse:
    on = timezone.localdate()
    cycle = selectors.cycle_get(request.GET.get("cycle"))
    filters = selectors.filters_from(request.GET.dict(), cycle)
    rows = selectors.dashboard_rows(cycle, filters, on) if cycle else []
    rtl = translation.get_language_bidi()
    texts = DeadlineTexts()
    cells = _cells(rows, texts)
    by_group = defaultdict(list)
    for cell in cells:
        by_group[cell["row"].year_group].append(cell)
    charts = []
    for group in sorted(by_group, key=lambda g: (g is None, g.number if g else 0)):
        group_cells = by_group[group]
        if group:
            title = _("Timeline of year group %(number)s (starting %(year)s)") % {
                "number": group.number, "year": group.start_year}
        else:
            title = _("Timeline of reviews without a year group")
        chart_id = f"timeline-{group.pk if group else 'none'}"
        svg = timeline_svg(
            [ChartRow(label=cell["row"].state_name, href=cell["href"], phases=cell["row"].phases,
                      lang=_lang(cell["row"].state_name)) for cell in group_cells],
            on=on, rtl=rtl, title=title, describedby=chart_id,
        )
        charts.append({"group": group, "title": title, "id": chart_id, "svg": svg,
                       "table": texts.table_rows(group_cells, no_phase=_("No phase planned yet"))})
    return render(request, "reviews/dashboard/dashboard.html", {
        "cycle": cycle,
        "cycles": selectors.cycle_list(),
        "filters": filters,
        "rows": cells,
        "charts": charts,
        "today": on,
        "year_groups": cycle.year_groups.all() if cycle else [],
        "regions": regional_group_choices(),
        "stages": [*Stage.choices, (ReviewStatus.OPTED_OUT.value, ReviewStatus.OPTED_OUT.label),
                   (ReviewStatus.DEFERRED.value, ReviewStatus.DEFERRED.label)],
        "overdue_count": sum(len(row.overdue) for row in rows),
    })


@secretariat_only
def review_timeline_page(request: SignedInRequest, pk: int) -> HttpResponse:
    on = timezone.localdate()
    row = selectors.access_review_row(pk, on)
    title = _("Timeline of the review of %(state)s") % {"state": row.state_name}
    svg = timeline_svg(
        [ChartRow(label=_("Phase %(position)s · cluster %(cluster)s") % {
            "position": item.phase.position, "cluster": item.phase.cluster}, href="", phases=[item])
         for item in row.phases],
        on=on, rtl=translation.get_language_bidi(), title=title, describedby="timeline-review",
    )
    return render(request, "reviews/dashboard/review.html", {
        "row": row, "cells": _cells([row], DeadlineTexts())[0], "svg": svg, "title": title, "today": on})
