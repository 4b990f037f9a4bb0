from __future__ import annotations

from collections.abc import Callable

import pytest

from treatyreview.accounts.models import Role, User
from treatyreview.budget.models import Scenario
from treatyreview.budget.services import scenario_create


@pytest.fixture
def delegate(make_user: Callable[..., User]) -> User:
    return make_user(Role.DELEGATE, username="delegate-user")


@pytest.fixture
def scenario(secretariat: User) -> Scenario:
    return scenario_create(actor=secretariat, name="Together 2027", preset="together")
