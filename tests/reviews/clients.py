"""Clients signed in as a given user, for the page tests of reminders, calendars and the dashboard."""

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
