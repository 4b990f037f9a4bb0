"""The public draw pages: every published draw and cancelled attempt, its files, and how to verify it."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from treatyreview.errors import NotFound
from treatyreview.mechanism import lots
from treatyreview.reviews.draws import selectors


def draw_public_list(request: HttpRequest) -> HttpResponse:
    return render(request, "reviews/draws/public_list.html", {
        "cycles": selectors.public_overview(), "verifier_name": lots.VERIFIER_NAME,
        "verifier_sha256": lots.verifier_sha256()})


def draw_public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    draw = selectors.access_draw_public(pk)
    return render(request, "reviews/draws/public_detail.html", selectors.draw_page(draw, selectors.state_names()))


def _json_download(data: Any, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n", content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def draw_input_download(request: HttpRequest, pk: int) -> HttpResponse:
    draw = selectors.access_draw_public(pk)
    return _json_download(draw.input, f"draw-{draw.pk}-input.json")


def draw_record_download(request: HttpRequest, pk: int) -> HttpResponse:
    draw = selectors.access_draw_public(pk)
    if not draw.record:
        raise NotFound
    return _json_download(draw.record, f"draw-{draw.pk}-record.json")


def draw_verifier_download(request: HttpRequest) -> HttpResponse:
    """The single-file verifier, byte for byte as shipped (its SHA-256 is on the page of published draws)."""
    response = HttpResponse(lots.verifier_source(), content_type="text/x-python; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{lots.VERIFIER_NAME}"'
    return response
