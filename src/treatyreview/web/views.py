"""The home page, the audit trail and the error pages; the error pages say what happened and nothing more."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.views.decorators.csrf import requires_csrf_token

from treatyreview.accounts.decorators import secretariat_only
from treatyreview.audit import selectors as audit_selectors
from treatyreview.registry import selectors as registry_selectors
from treatyreview.registry.models import Cluster
from treatyreview.web import work


def home(request: HttpRequest) -> HttpResponse:
    """For a signed-in person, their work first; for everyone, what the mechanism is."""
    return render(
        request,
        "web/home.html",
        {
            "instruments": registry_selectors.instrument_list(),
            "clusters": Cluster.choices,
            "work": work.work_of(request.user, timezone.localdate()),
        },
    )


AUDIT_PAGE_SIZE = 50


@secretariat_only
def audit_list(request: HttpRequest) -> HttpResponse:
    """The audit trail, newest first, for the secretariat."""
    actions = audit_selectors.event_actions()
    action = request.GET.get("action", "")
    if action not in {value for value, _label in actions}:
        action = ""
    events = audit_selectors.event_list(action=action)
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "web/audit_trail.html", {"page": page, "actions": actions, "action": action})


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
