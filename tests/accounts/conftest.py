"""Clients for the account tests: signed in completely, or after the password only (the second step still due)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from treatyreview.accounts.models import User


@pytest.fixture
def client_as(db: Any) -> Callable[[User], Client]:
    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def client_after_password(db: Any) -> Callable[[User], Client]:
    def make(user: User) -> Client:
        client = Client()
        client.force_login_password_only(user)  # type: ignore[attr-defined]
        return client

    return make
