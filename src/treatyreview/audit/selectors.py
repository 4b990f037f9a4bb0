"""Reads of the audit log; the pages that show it admit the secretariat only."""

from __future__ import annotations

from django.db.models import QuerySet

from treatyreview.audit.actions import AuditAction, action_label
from treatyreview.audit.models import AuditEvent


def event_list(*, action: str = "") -> QuerySet[AuditEvent]:
    """Newest first, optionally one action."""
    events = AuditEvent.objects.select_related("actor").order_by("-id")
    return events.filter(action=action) if action else events


def event_actions() -> list[tuple[str, str]]:
    """(action, label) of each action recorded so far, in the order of the enumeration."""
    recorded = set(AuditEvent.objects.values_list("action", flat=True).distinct())
    order = {value: position for position, value in enumerate(AuditAction.values)}
    return [(action, action_label(action)) for action in sorted(recorded, key=lambda a: (order.get(a, len(order)), a))]
