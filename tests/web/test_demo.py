"""The demo accounts: one per role, created once, safe to create again."""

from __future__ import annotations

import pytest
from django.http import HttpRequest

from treatyreview.accounts.models import Role, RoleGrant, User
from treatyreview.web.demo import DEMO_PASSWORD, demo_accounts_create

pytestmark = pytest.mark.django_db


def test_demo_accounts_cover_every_role_and_sign_in(client) -> None:
    accounts = demo_accounts_create()
    assert {grant.role for grant in RoleGrant.objects.all()} == set(Role.values)
    regions = {grant.state.regional_group_id for grant in RoleGrant.objects.filter(role=Role.FOCAL_POINT)}
    assert len(regions) >= 3
    for account in accounts:
        # django-axes counts sign-ins per request, so the test client is given one.
        assert client.login(request=HttpRequest(), username=account.username, password=DEMO_PASSWORD), account.username


def test_creating_demo_accounts_twice_changes_nothing() -> None:
    demo_accounts_create()
    before = (User.objects.count(), RoleGrant.objects.count())
    demo_accounts_create()
    assert (User.objects.count(), RoleGrant.objects.count()) == before
