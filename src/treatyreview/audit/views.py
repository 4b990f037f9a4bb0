"""The audit trail page: the most recent events first, for the secretariat."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from treatyreview.audit.models import AuditEvent
from treatyreview.web.access import secretariat_only

PAGE_SIZE = 50


@secretariat_only
def audit_list(request: HttpRequest) -> HttpResponse:
    actions = list(AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct())
    action = request.GET.get("action", "")
    events = AuditEvent.objects.order_by("-id")
    if action in actions:
        events = events.filter(action=action)
    else:
        action = ""
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "audit/event_list.html", {"page": page, "actions": actions, "action": action})
