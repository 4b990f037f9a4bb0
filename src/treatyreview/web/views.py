"""The home page and the error pages; the error pages say what happened and nothing more."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from treatyreview.registry import selectors as registry_selectors
from treatyreview.registry.models import Cluster


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/home.html",
        {
            "instruments": registry_selectors.instrument_list(),
            "clusters": Cluster.choices,
        },
    )


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request's context: the failure may lie in the database or a context processor.
    return HttpResponseServerError(loader.get_template("500.html").render())
