"""The log proves itself: the database refuses edits, removing the newest events is caught, and a signed
checkpoint catches a history rewritten with every hash recomputed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test import override_settings

from treatyreview.audit import checkpoints, triggers
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.audit.models import AuditChainHead, AuditEvent
from treatyreview.registry.models import State

pytestmark = pytest.mark.django_db

READ = AuditAction.EXPERT_LIST_READ


def _record(actor, n: int) -> None:
    for i in range(n):
        with transaction.atomic():
            audit.record(actor=actor, action=READ, target=State.objects.get(code="AUT"), after={"i": i})


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    path = tmp_path / "audit-key.pem"
    checkpoints.generate_private_key(path)
    return path


def _checkpoint(key_file: Path, tmp_path: Path) -> Path:
    out = tmp_path / "checkpoint.json"
    with override_settings(TREATYREVIEW_AUDIT_SIGNING_KEY_FILE=str(key_file)):
        call_command("audit_checkpoint", output=str(out))
    return out


def _verify(checkpoint: Path | None = None, key_file: Path | None = None) -> None:
    with override_settings(TREATYREVIEW_AUDIT_SIGNING_KEY_FILE=str(key_file or "")):
        call_command("verify_audit", against=str(checkpoint) if checkpoint else None)


def test_the_database_refuses_update_and_delete_of_an_event(secretariat) -> None:
    _record(secretariat, 2)
    event = AuditEvent.objects.order_by("id").last()
    assert event is not None
    for change in (
        lambda: AuditEvent.objects.filter(pk=event.pk).update(note="rewritten"),
        lambda: AuditEvent.objects.filter(pk=event.pk).delete(),
        event.delete,
        lambda: AuditEvent.objects.all().delete(),
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            change()
    assert AuditEvent.objects.get(pk=event.pk).note == ""
    assert audit.audit_verify_chain().ok


def test_raw_sql_is_refused_too(secretariat) -> None:
    _record(secretariat, 1)
    for sql in ("UPDATE audit_auditevent SET note = 'x'", "DELETE FROM audit_auditevent"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as c:
            c.execute(sql)
    assert triggers.present(connection)


@pytest.mark.parametrize("removed", ["newest", "newest three", "all"])
def test_removing_the_newest_events_is_caught_by_the_chain_head(secretariat, removed: str) -> None:
    _record(secretariat, 5)
    ids = list(AuditEvent.objects.order_by("-id").values_list("id", flat=True))
    doomed = {"newest": ids[:1], "newest three": ids[:3], "all": ids}[removed]
    with triggers.suspended(connection):
        AuditEvent.objects.filter(id__in=doomed).delete()
    check = audit.audit_verify_chain()
    assert not check.ok and "removed" in check.problem
    with pytest.raises(CommandError, match="chain head"):
        call_command("verify_audit")


def test_missing_triggers_are_reported(secretariat) -> None:
    _record(secretariat, 1)
    triggers.drop(connection)
    try:
        check = audit.audit_verify_chain()
        assert not check.ok and "triggers" in check.problem
    finally:
        triggers.install(connection)
    assert audit.audit_verify_chain().ok


def test_a_checkpoint_verifies_while_the_log_grows(secretariat, key_file: Path, tmp_path: Path, capsys) -> None:
    _record(secretariat, 3)
    checkpoint = _checkpoint(key_file, tmp_path)
    data = json.loads(checkpoint.read_text())
    assert (data["sequence"], data["hash"]) == audit.chain_head()
    _record(secretariat, 2)
    _verify(checkpoint, key_file)
    assert "unchanged" in capsys.readouterr().out


def _rewrite_from(position: int) -> None:
    """Change the event at `position` (1-based) and recompute every hash after it, head included."""
    events = list(AuditEvent.objects.order_by("id"))
    prev = events[position - 2].hash if position > 1 else audit.GENESIS
    with triggers.suspended(connection):
        for number, event in enumerate(events, start=1):
            if number < position:
                continue
            if number == position:
                event.note = "history rewritten"
            event.prev_hash = prev
            event.hash = audit._digest(prev, audit._payload(event))
            AuditEvent.objects.filter(pk=event.pk).update(note=event.note, prev_hash=prev, hash=event.hash)
            prev = event.hash
    AuditChainHead.objects.filter(pk=1).update(last_hash=prev)


def test_a_rewritten_history_passes_the_chain_but_not_the_checkpoint(secretariat, key_file, tmp_path) -> None:
    _record(secretariat, 4)
    checkpoint = _checkpoint(key_file, tmp_path)
    _record(secretariat, 2)
    _rewrite_from(2)
    assert audit.audit_verify_chain().ok  # consistent again: only the anchor can tell
    with pytest.raises(CommandError, match="rewritten"):
        _verify(checkpoint, key_file)


def test_a_truncated_log_with_a_forged_head_fails_the_checkpoint(secretariat, key_file, tmp_path) -> None:
    _record(secretariat, 4)
    checkpoint = _checkpoint(key_file, tmp_path)
    with triggers.suspended(connection):
        AuditEvent.objects.all().delete()
    AuditChainHead.objects.all().delete()
    assert audit.audit_verify_chain().ok  # an empty log looks like a new instance
    with pytest.raises(CommandError, match="removed"):
        _verify(checkpoint, key_file)


def test_an_altered_or_foreign_checkpoint_is_refused(secretariat, key_file, tmp_path) -> None:
    _record(secretariat, 2)
    checkpoint = _checkpoint(key_file, tmp_path)
    data = json.loads(checkpoint.read_text())
    data["sequence"] = 1
    checkpoint.write_text(json.dumps(data))
    with pytest.raises(CommandError, match="signature"):
        _verify(checkpoint, key_file)
    other = tmp_path / "other.pem"
    checkpoints.generate_private_key(other)
    genuine = _checkpoint(key_file, tmp_path)
    with pytest.raises(CommandError, match="signature"):
        _verify(genuine, other)


def test_verifying_with_only_the_public_key(secretariat, key_file, tmp_path, capsys) -> None:
    _record(secretariat, 2)
    checkpoint = _checkpoint(key_file, tmp_path)
    public = json.loads(checkpoint.read_text())["public_key"]
    call_command("verify_audit", against=str(checkpoint), public_key=public)
    assert "unchanged" in capsys.readouterr().out
    with pytest.raises(CommandError, match="no public key"):
        _verify(checkpoint)


def test_no_checkpoint_without_a_key_or_of_a_broken_chain(secretariat, key_file, tmp_path) -> None:
    with pytest.raises(CommandError, match="TREATYREVIEW_AUDIT_SIGNING_KEY_FILE"):
        call_command("audit_checkpoint", output=str(tmp_path / "c.json"))
    _record(secretariat, 2)
    with triggers.suspended(connection):
        AuditEvent.objects.order_by("id").last().delete()  # type: ignore[union-attr]
    with pytest.raises(CommandError, match="no checkpoint written"):
        _checkpoint(key_file, tmp_path)
    assert not (tmp_path / "checkpoint.json").exists()


def test_a_key_is_never_overwritten(key_file) -> None:
    with pytest.raises(CommandError, match="never overwritten"):
        call_command("audit_checkpoint", new_key=str(key_file))
