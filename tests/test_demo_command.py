"""`treatyreview demo` (run by `make run`): everything a new user needs, and nothing changes the second time."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from treatyreview.accounts.models import RoleGrant, User
from treatyreview.audit.models import AuditEvent
from treatyreview.audit.services import audit_verify_chain
from treatyreview.mechanism import lots
from treatyreview.registry.models import Participation, State
from treatyreview.reviews.models import Draw, ReviewerAssignment

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (State, Participation, User, RoleGrant, Draw,
                                                     ReviewerAssignment, AuditEvent))


def test_demo_prints_the_accounts_and_is_safe_to_run_again() -> None:
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "Demo accounts (password for all: review-demo-2026)" in out.getvalue()
    assert "secretariat" in out.getvalue() and "focal-ken" in out.getvalue()
    confirmed = Draw.objects.filter(status=Draw.Status.CONFIRMED)
    assert {draw.kind for draw in confirmed} == {Draw.Kind.YEAR_GROUPS, Draw.Kind.REVIEWERS}
    assert all(lots.verify_record(draw.record).ok for draw in confirmed)
    before = _counts()
    call_command("demo", stdout=io.StringIO())
    assert _counts() == before
    assert audit_verify_chain().ok
