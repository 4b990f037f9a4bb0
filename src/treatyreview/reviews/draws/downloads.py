"""The public downloads of a draw's results: a CSV table and a printable page, in any of the six languages."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from treatyreview.reviews.draws import exports, selectors

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def _requested_language(request: HttpRequest) -> str | None:
    """The language asked for with `?lang=`, or None to keep the one the site's language switcher set.

    Raises ValueError, naming the choices, for a language that is not one of the six."""
    asked = request.GET.get("lang", "").strip().lower()
    if not asked:
        return None
    if asked not in LANGUAGE_CODES:
        raise ValueError(
            _("'%(value)s' is not a language of the site; lang must be one of: %(choices)s")
            % {"value": asked, "choices": ", ".join(LANGUAGE_CODES)}
        )
    return asked


def _in_language(request: HttpRequest, build: Callable[[], HttpResponse]) -> HttpResponse:
    """The response built in the language asked for, or a plain error naming the six choices."""
    try:
        language = _requested_language(request)
    except ValueError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    with translation.override(language or translation.get_language()):
        response = build()
        response["Content-Language"] = translation.get_language()
    return response


def draw_results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The results as a spreadsheet: one row per assignment, or per State for a draw of year groups."""
    draw = selectors.access_draw_public(pk)

    def build() -> HttpResponse:
        rows = exports.csv_rows(draw, selectors.state_names())
        response = HttpResponse(exports.csv_text(rows), content_type="text/csv; charset=utf-8")
        filename = f"draw-{draw.pk}-results-{translation.get_language()}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    return _in_language(request, build)


def draw_printable(request: HttpRequest, pk: int) -> HttpResponse:
    """The results as a page to print or save as PDF, with what anyone needs to verify the draw."""
    draw = selectors.access_draw_public(pk)

    def build() -> HttpResponse:
        names = selectors.state_names()
        return render(
            request,
            "reviews/draws/printable.html",
            {
                "draw": draw,
                "instruments": [(code, exports.instrument_label(code)) for code in exports.INSTRUMENTS],
                "results": exports.result_rows(draw, names),
                "year_groups": exports.year_group_results(draw, names),
                "redraws": exports.redraw_rows(draw, names),
                "verify_url": request.build_absolute_uri(reverse("draw_public_detail", args=[draw.pk])),
            },
        )

    return _in_language(request, build)
