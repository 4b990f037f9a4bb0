"""Reads of the audit log; the pages that show it admit the secretariat only."""

from __future__ import annotations

from django.db.models import QuerySet

from treatyreview.audit.models import AuditEvent


def event_list(*, action: str = "") -> QuerySet[AuditEvent]:
    """Newest first, optionally one action."""
    events = AuditEvent.objects.select_related("actor").order_by("-id")
    return events.filter(action=action) if action else events


def event_actions() -> list[str]:
    return list(AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct())
