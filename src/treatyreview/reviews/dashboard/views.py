"""The secretariat's dashboard of reviews and the timeline of one review."""

from __future__ import annotations

from collections import defaultdict

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from treatyreview.accounts.decorators import SignedInRequest, secretariat_only
from treatyreview.registry.labels import regional_group_choices
from treatyreview.reviews.dashboard import selectors
from treatyreview.reviews.dashboard.timeline import ChartRow, timeline_svg
from treatyreview.reviews.phases.choices import ReviewStatus, Stage


def _lang(name: object) -> str:
    return getattr(name, "lang", "")


@secretariat_only
def dashboard(request: SignedInRequest) -> HttpResponse:
    on = timezone.localdate()
    cycle = selectors.cycle_get(request.GET.get("cycle"))
    filters = selectors.filters_from(request.GET.dict(), cycle)
    rows = selectors.dashboard_rows(cycle, filters, on) if cycle else []
    rtl = translation.get_language_bidi()
    by_group = defaultdict(list)
    for row in rows:
        by_group[row.year_group].append(row)
    charts = []
    for group in sorted(by_group, key=lambda g: (g is None, g.number if g else 0)):
        group_rows = by_group[group]
        if group:
            title = _("Timeline of year group %(number)s (starting %(year)s)") % {
                "number": group.number, "year": group.start_year}
        else:
            title = _("Timeline of reviews without a year group")
        chart_id = f"timeline-{group.pk if group else 'none'}"
        svg = timeline_svg(
            [ChartRow(label=row.state_name, href=reverse("dashboard_review", args=[row.review.pk]),
                      phases=row.phases, lang=_lang(row.state_name)) for row in group_rows],
            on=on, rtl=rtl, title=title, describedby=chart_id,
        )
        charts.append({"group": group, "title": title, "id": chart_id, "svg": svg, "rows": group_rows})
    return render(request, "reviews/dashboard/dashboard.html", {
        "cycle": cycle,
        "cycles": selectors.cycle_list(),
        "filters": filters,
        "rows": rows,
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
    return render(request, "reviews/dashboard/review.html", {"row": row, "svg": svg, "title": title, "today": on})
