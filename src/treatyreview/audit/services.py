"""Writing to and checking the audit log; every service calls `record` inside its own transaction."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from treatyreview.audit import triggers
from treatyreview.audit.actions import AuditAction
from treatyreview.audit.checkpoints import Checkpoint
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
    head.length += 1
    head.save(update_fields=["last_hash", "length"])
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
    head_hash: str = GENESIS


def audit_verify_chain(*, against: Checkpoint | None = None) -> ChainCheck:
    """Recompute every hash in order and compare the end of the chain with its recorded head.

    Reports the first event that does not match its hash or its predecessor, a head that does not name
    the newest event (events removed from the end, or all of them), missing triggers, and, with
    `against`, a checkpoint whose sequence number and hash the log no longer reproduces.
    """
    prev = GENESIS
    count = 0
    at_checkpoint = ""
    for event in AuditEvent.objects.order_by("id").iterator():
        count += 1
        if event.prev_hash != prev:
            return ChainCheck(count, False, _("event %(id)s: previous hash does not match the event before it")
                              % {"id": event.pk})
        if _digest(prev, _payload(event)) != event.hash:
            return ChainCheck(count, False, _("event %(id)s: content does not match its hash") % {"id": event.pk})
        prev = event.hash
        if against is not None and count == against.sequence:
            at_checkpoint = event.hash
    head = AuditChainHead.objects.filter(pk=1).first()
    length, head_hash = (head.length, head.last_hash) if head else (0, GENESIS)
    if length != count or head_hash != prev:
        return ChainCheck(count, False, _(
            "the chain head records %(length)s events ending in %(head)s, but the log holds %(count)s ending in "
            "%(last)s: events were removed or added outside the platform"
        ) % {"length": length, "head": head_hash[:16], "count": count, "last": prev[:16]})
    if against is not None:
        if count < against.sequence:
            return ChainCheck(count, False, _(
                "the checkpoint of %(at)s covers %(sequence)s events, but the log holds only %(count)s: "
                "events were removed"
            ) % {"at": against.at, "sequence": against.sequence, "count": count})
        if at_checkpoint != against.hash:
            return ChainCheck(count, False, _(
                "event number %(sequence)s does not have the hash of the checkpoint of %(at)s: the history up to "
                "the checkpoint was rewritten"
            ) % {"sequence": against.sequence, "at": against.at})
    if not triggers.present(connection):
        return ChainCheck(count, False, _(
            "the database triggers that refuse changes to audit events are missing (run `treatyreview migrate`, "
            "and find out who removed them)"
        ))
    return ChainCheck(count, True, head_hash=prev)


def chain_head() -> tuple[int, str]:
    """(sequence number, hash) of the newest event: the anchor the public page and checkpoints publish."""
    head = AuditChainHead.objects.filter(pk=1).first()
    return (head.length, head.last_hash) if head else (0, GENESIS)


@transaction.atomic
def audit_export(*, actor: Any, action: str = "", user: str = "", target: str = "") -> list[AuditEvent]:
    """The events a filter selects, read in the transaction that logs the export itself."""
    from treatyreview.audit.selectors import event_list

    events = list(event_list(action=action, actor=user, target=target))
    record(
        actor=actor, action=AuditAction.AUDIT_EXPORT, target_type="audit.auditevent", target_id="",
        after={"action": action, "user": user, "target": target, "events": len(events)},
    )
    return events
