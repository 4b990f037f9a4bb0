"""Role grants: the database itself refuses an impossible grant."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from treatyreview.accounts.models import Role, RoleGrant
from treatyreview.accounts.permissions import is_secretariat, states_of
from treatyreview.registry.models import State

pytestmark = pytest.mark.django_db


def test_a_state_has_at_most_one_open_focal_point(make_user) -> None:
    make_user(Role.FOCAL_POINT, state="AUT")
    second = make_user()
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleGrant.objects.create(user=second, role=Role.FOCAL_POINT, state=State.objects.get(code="AUT"))


def test_a_new_focal_point_may_follow_once_the_previous_grant_has_ended(make_user) -> None:
    first = make_user(Role.FOCAL_POINT, state="AUT")
    first.role_grants.update(valid_to=dt.date(2024, 12, 31))
    second = make_user()
    RoleGrant.objects.create(user=second, role=Role.FOCAL_POINT, state=State.objects.get(code="AUT"))
    assert RoleGrant.objects.filter(state__code="AUT", role=Role.FOCAL_POINT).count() == 2


def test_a_state_role_must_name_its_state(make_user) -> None:
    user = make_user()
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleGrant.objects.create(user=user, role=Role.EXPERT)


def test_an_ended_grant_gives_no_rights(make_user) -> None:
    user = make_user(Role.SECRETARIAT)
    assert is_secretariat(user)
    user.role_grants.update(valid_to=dt.date(2021, 1, 1))
    user = type(user).objects.get(pk=user.pk)
    assert not is_secretariat(user)


def test_states_of_lists_the_states_a_user_works_for(make_user) -> None:
    user = make_user(Role.EXPERT, state="KEN")
    assert states_of(user) == {State.objects.get(code="KEN").pk}
    assert states_of(user, Role.FOCAL_POINT) == set()
