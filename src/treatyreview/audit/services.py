"""Writing to and checking the audit log; every service calls `record` inside its own transaction."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from treatyreview.audit.actions import AuditAction
from treatyreview.audit.models import AuditChainHead, AuditEvent

GENESIS = "0" * 64


def _digest(prev_hash: str, payload: dict[str, Any]) -> str:
    body = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def _payload(event: AuditEvent) -> dict[str, Any]:
    return {
        "at": event.at.isoformat(),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "target_label": event.target_label,
        "before": event.before,
        "after": event.after,
        "note": event.note,
    }


def record(
    *,
    actor: Any,
    action: AuditAction | str,
    target: models.Model | None = None,
    target_type: str = "",
    target_id: str = "",
    before: Any = None,
    after: Any = None,
    note: str = "",
) -> AuditEvent:
    """Append one event; must run inside the transaction of the change it records.

    `action` is an `AuditAction` (or its value); anything else raises ValueError, so the audit trail can
    label every event it shows.
    """
    try:
        known = AuditAction(action)
    except ValueError:
        raise ValueError(f"{action!r} is not an audit action (treatyreview.audit.actions.AuditAction)") from None
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must run inside the transaction of the change it records")
    head, _created = AuditChainHead.objects.select_for_update().get_or_create(pk=1, defaults={"last_hash": GENESIS})
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    event = AuditEvent(
        at=timezone.now(),
        actor=actor if authenticated else None,
        actor_label=actor.get_username() if authenticated else "system",
        action=known.value,
        target_type=target._meta.label_lower if target is not None else target_type,
        target_id=str(target.pk) if target is not None else target_id,
        target_label=str(target)[:300] if target is not None else target_id,
        before=_jsonable(before),
        after=_jsonable(after),
        note=note,
        prev_hash=head.last_hash,
    )
    event.hash = _digest(event.prev_hash, _payload(event))
    event.save()
    head.last_hash = event.hash
    head.save(update_fields=["last_hash"])
    return event


def _jsonable(value: Any) -> Any:
    if value is None:
        return None
    return json.loads(json.dumps(value, default=str))


@dataclass(frozen=True)
class ChainCheck:
    events: int
    ok: bool
    problem: str = ""


def audit_verify_chain() -> ChainCheck:
    """Recompute every hash in order; report the first event that does not match."""
    prev = GENESIS
    count = 0
    for event in AuditEvent.objects.order_by("id").iterator():
        count += 1
        if event.prev_hash != prev:
            return ChainCheck(count, False, f"event {event.pk}: previous hash does not match the event before it")
        if _digest(prev, _payload(event)) != event.hash:
            return ChainCheck(count, False, f"event {event.pk}: content does not match its hash")
        prev = event.hash
    return ChainCheck(count, True)

