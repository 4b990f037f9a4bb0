"""API tokens: created for oneself, stored only as a digest, revoked once, each step audited."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from treatyreview.accounts import services
from treatyreview.accounts.models import ApiToken, Role, User
from treatyreview.audit.models import AuditEvent
from treatyreview.errors import InvalidInput

pytestmark = pytest.mark.django_db


def test_a_token_is_stored_only_as_its_sha256_and_the_creation_is_audited(make_user: Callable[..., User]) -> None:
    user = make_user(Role.OBSERVER)
    record, token = services.token_create(actor=user, name="  nightly export ")
    assert token.startswith("tr_") and len(token) > 40
    assert record.name == "nightly export" and record.digest == ApiToken.digest_of(token)
    assert token not in str(ApiToken.objects.filter(pk=record.pk).values().get())
    assert AuditEvent.objects.filter(action="token.create", target_id=str(record.pk), actor=user).exists()


def test_a_token_needs_a_name_and_a_signed_in_user(make_user: Callable[..., User]) -> None:
    with pytest.raises(InvalidInput) as error:
        services.token_create(actor=make_user(Role.OBSERVER), name="   ")
    assert error.value.where == "name"
    with pytest.raises(PermissionDenied):
        services.token_create(actor=AnonymousUser(), name="x")
    assert not ApiToken.objects.exists()


def test_only_the_owner_revokes_a_token_and_revoking_twice_keeps_the_first_date(
    make_user: Callable[..., User],
) -> None:
    owner, other = make_user(Role.OBSERVER), make_user(Role.SECRETARIAT)
    record, _token = services.token_create(actor=owner, name="script")
    with pytest.raises(PermissionDenied):
        services.token_revoke(actor=other, token=record)
    first = services.token_revoke(actor=owner, token=record).revoked_at
    assert first is not None
    assert services.token_revoke(actor=owner, token=record).revoked_at == first
    assert AuditEvent.objects.filter(action="token.revoke", target_id=str(record.pk)).count() == 1
