"""The audit trail page: the most recent events first, for the secretariat."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from treatyreview.audit import selectors
from treatyreview.web.access import secretariat_only

PAGE_SIZE = 50


@secretariat_only
def audit_list(request: HttpRequest) -> HttpResponse:
    actions = selectors.event_actions(user=request.user)
    action = request.GET.get("action", "")
    if action not in actions:
        action = ""
    events = selectors.event_list(user=request.user, action=action)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "audit/event_list.html", {"page": page, "actions": actions, "action": action})
