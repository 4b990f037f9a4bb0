"""Reads of the audit log: for the secretariat only."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from treatyreview.accounts.permissions import is_secretariat
from treatyreview.audit.models import AuditEvent


def event_list(*, user: Any, action: str = "") -> QuerySet[AuditEvent]:
    """Newest first, optionally one action; refused to anyone but the secretariat."""
    if not is_secretariat(user):
        raise PermissionDenied
    events = AuditEvent.objects.select_related("actor").order_by("-id")
    return events.filter(action=action) if action else events


def event_actions(*, user: Any) -> list[str]:
    if not is_secretariat(user):
        raise PermissionDenied
    return list(AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct())
