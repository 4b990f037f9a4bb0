"""The audit log is a hash chain: any edit of a past event is detected."""

from __future__ import annotations

import itertools

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from treatyreview.audit import services as audit
from treatyreview.audit import triggers
from treatyreview.audit.actions import AuditAction
from treatyreview.audit.models import AuditEvent
from treatyreview.registry.models import State

pytestmark = pytest.mark.django_db

READ = AuditAction.EXPERT_LIST_READ


def _record_three(actor) -> None:
    for name in ("a", "b", "c"):
        with transaction.atomic():
            audit.record(actor=actor, action=READ, target=State.objects.get(code="AUT"), after={"n": name})


def test_the_chain_verifies_and_links_each_event_to_the_previous(secretariat) -> None:
    _record_three(secretariat)
    events = list(AuditEvent.objects.order_by("id"))
    assert all(later.prev_hash == earlier.hash for earlier, later in itertools.pairwise(events))
    assert audit.audit_verify_chain().ok


def test_editing_a_past_event_breaks_the_chain(secretariat) -> None:
    _record_three(secretariat)
    victim = AuditEvent.objects.filter(action=READ).order_by("id")[1]
    with triggers.suspended(connection):  # someone who owns the database
        AuditEvent.objects.filter(pk=victim.pk).update(after={"n": "changed"})
    check = audit.audit_verify_chain()
    assert not check.ok and f"event {victim.pk}" in check.problem
    with pytest.raises(CommandError, match=f"event {victim.pk}"):
        call_command("verify_audit")


def test_deleting_an_event_breaks_the_chain(secretariat) -> None:
    _record_three(secretariat)
    with triggers.suspended(connection):
        AuditEvent.objects.filter(action=READ).order_by("id")[1].delete()
    assert not audit.audit_verify_chain().ok


@pytest.mark.django_db(transaction=True)
def test_an_event_outside_a_transaction_is_refused() -> None:
    with pytest.raises(RuntimeError, match="inside the transaction"):
        audit.record(actor=None, action=READ, target_type="x", target_id="1")
    assert not AuditEvent.objects.filter(action=READ).exists()


def test_an_action_the_enumeration_does_not_know_is_refused(secretariat) -> None:
    before = AuditEvent.objects.count()
    with transaction.atomic(), pytest.raises(ValueError, match=r"draw\.shuffle"):
        audit.record(actor=secretariat, action="draw.shuffle", target=State.objects.get(code="AUT"))
    assert AuditEvent.objects.count() == before


def test_an_action_given_by_its_value_is_stored_as_that_value(secretariat) -> None:
    with transaction.atomic():
        event = audit.record(actor=secretariat, action="draw.commit", target=State.objects.get(code="AUT"))
    stored = AuditEvent.objects.get(pk=event.pk)
    assert type(stored.action) is str and stored.action == "draw.commit"
    assert audit.audit_verify_chain().ok
