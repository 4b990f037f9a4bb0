"""A cycle with one year group of three reviews (Austria, Kenya, Brazil), Austria reviewed by Kenya and Brazil,
made directly in the database: the schedule's tests do not need the drawing of lots to run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from treatyreview.accounts.models import Role, User
from treatyreview.registry.models import Instrument, State
from treatyreview.reviews.cycles.services import cycle_create
from treatyreview.reviews.models import CountryReview, Cycle, Draw, Phase, ReviewerAssignment, YearGroup
from treatyreview.reviews.phases import services

LAUNCH = dt.date(2021, 1, 31)


@pytest.fixture
def cycle(secretariat: User) -> Cycle:
    return cycle_create(actor=secretariat, name="Test cycle", start_years=[2021, 2022, 2023])


@pytest.fixture
def group(cycle: Cycle, secretariat: User) -> YearGroup:
    group = cycle.year_groups.get(number=1)
    states = list(State.objects.filter(code__in=["AUT", "KEN", "BRA"]))
    group.states.set(states)
    for state in states:
        CountryReview.objects.create(cycle=cycle, state=state, year_group=group)
    draw = Draw.objects.create(
        cycle=cycle, year_group=group, kind=Draw.Kind.REVIEWERS, input={}, input_sha256="0" * 64, created_by=secretariat
    )
    austria = CountryReview.objects.get(cycle=cycle, state__code="AUT")
    untoc = Instrument.objects.get(code="UNTOC")
    for code, slot in (("DEU", "same-group"), ("KEN", "other-group")):
        ReviewerAssignment.objects.create(
            review=austria, instrument=untoc, reviewer=State.objects.get(code=code), slot=slot, draw=draw
        )
    return group


@pytest.fixture
def austria(group: YearGroup) -> CountryReview:
    return CountryReview.objects.get(cycle=group.cycle, state__code="AUT")


@pytest.fixture
def launched(group: YearGroup, secretariat: User) -> YearGroup:
    services.year_group_launch(actor=secretariat, year_group=group, on=LAUNCH)
    return group


@pytest.fixture
def first_phase(launched: YearGroup, austria: CountryReview) -> Phase:
    return austria.phases.get(position=1)


@pytest.fixture
def people(make_user: Callable[..., User]) -> dict[str, User]:
    """The focal point and an expert of Austria (under review), of Kenya (reviewing Austria), and of Chile."""
    return {
        "focal": make_user(Role.FOCAL_POINT, state="AUT", username="focal-aut"),
        "expert": make_user(Role.EXPERT, state="AUT", username="expert-aut"),
        "reviewer_focal": make_user(Role.FOCAL_POINT, state="KEN", username="focal-ken"),
        "reviewer_expert": make_user(Role.EXPERT, state="KEN", username="expert-ken"),
        "other": make_user(Role.EXPERT, state="CHL", username="expert-chl"),
        "observer": make_user(Role.OBSERVER, username="observer"),
    }


def fresh(obj: Any) -> Any:
    return type(obj).objects.get(pk=obj.pk)
