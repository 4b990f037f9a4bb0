"""Reads of the audit log; the pages that show it admit the secretariat (and a focal point its own reads)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db.models import Q, QuerySet

from treatyreview.audit.actions import READ_ACTIONS, AuditAction, action_label
from treatyreview.audit.models import AuditEvent


def event_list(*, action: str = "", actor: str = "", target: str = "") -> QuerySet[AuditEvent]:
    """Newest first; optionally one action, one user (by user name) and a target (by its label or id)."""
    events = AuditEvent.objects.select_related("actor").order_by("-id")
    if action:
        events = events.filter(action=action)
    if actor:
        events = events.filter(actor_label=actor)
    if target:
        events = events.filter(Q(target_label__icontains=target) | Q(target_id=target))
    return events


def event_actions() -> list[tuple[str, str]]:
    """(action, label) of each action recorded so far, in the order of the enumeration."""
    recorded = set(AuditEvent.objects.values_list("action", flat=True).distinct())
    order = {value: position for position, value in enumerate(AuditAction.values)}
    return [(action, action_label(action)) for action in sorted(recorded, key=lambda a: (order.get(a, len(order)), a))]


def event_actors() -> list[str]:
    """The user names that appear in the log, alphabetically."""
    return sorted(set(AuditEvent.objects.values_list("actor_label", flat=True).distinct()))


def read_events(targets: Mapping[str, Iterable[str]]) -> QuerySet[AuditEvent]:
    """Reads of confidential material whose target is one of `targets` ({target type: [ids]}), newest first."""
    query = Q(pk__in=[])
    for target_type, ids in targets.items():
        query |= Q(target_type=target_type, target_id__in=list(ids))
    return AuditEvent.objects.filter(query, action__in=READ_ACTIONS).order_by("-id")
