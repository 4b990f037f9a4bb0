"""A review of Austria in its first phase, with the people of Austria and Kenya and a secretariat officer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.reviews import schedule_data
from tests.reviews.clients import client_as
from treatyreview.accounts.models import Role, User
from treatyreview.reviews.models import CountryReview

__all__ = ["client_as"]

START = dt.date(2024, 1, 1)  # focal point due 15 January, experts 29 January, questionnaire 1 July 2024


@dataclass
class World:
    review: CountryReview
    focal_aut: User
    expert_aut: User
    expert_ken: User
    officer: User


@pytest.fixture
def world(make_user: Callable[..., User]) -> World:
    def person(role: str, state: str | None, username: str, language: str, email: bool = True) -> User:
        user = make_user(role, state=state, username=username)
        user.preferred_language = language
        user.email = f"{username}@example.org" if email else ""
        user.full_name = username.replace("-", " ").title()
        user.save()
        return user

    cycle = schedule_data.make_cycle()
    review = schedule_data.make_review(cycle, "AUT", starts_on=START, feedback_due=dt.date(2025, 1, 1))
    return World(
        review=review,
        focal_aut=person(Role.FOCAL_POINT, "AUT", "focal-aut", "fr"),
        expert_aut=person(Role.EXPERT, "AUT", "expert-aut", "ar"),
        expert_ken=person(Role.EXPERT, "KEN", "expert-ken", "es"),
        officer=person(Role.SECRETARIAT, None, "officer-one", "en"),
    )


@pytest.fixture
def run(django_capture_on_commit_callbacks: Any) -> Callable[[dt.date], Any]:
    """Run `reminders_send` for a day, with the e-mails delivered after the commit as in production."""
    from treatyreview.reviews.reminders.services import reminders_send

    def go(on: dt.date) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return reminders_send(actor=None, on=on)

    return go
