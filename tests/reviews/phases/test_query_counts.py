"""Pages and API calls that list reviews read them in a fixed number of queries, however many reviews there are:
one more review, with its phases and deadlines, must not add a query."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.reviews.phases.conftest import LAUNCH
from treatyreview.accounts.models import Role, User
from treatyreview.registry.models import State
from treatyreview.reviews.models import CountryReview, ReviewerAssignment, YearGroup
from treatyreview.reviews.phases import services

pytestmark = pytest.mark.django_db


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def _add_reviews(group: YearGroup, codes: list[str], reviewer: str) -> None:
    """More reviews in the year group, each reviewed by `reviewer`."""
    first = ReviewerAssignment.objects.filter(review__cycle=group.cycle).select_related("draw", "instrument").first()
    assert first is not None
    draw, untoc = first.draw, first.instrument
    for code in codes:
        state = State.objects.get(code=code)
        group.states.add(state)
        review = CountryReview.objects.create(cycle=group.cycle, state=state, year_group=group)
        ReviewerAssignment.objects.create(review=review, instrument=untoc, reviewer=State.objects.get(code=reviewer),
                                          slot="other-group", draw=draw)


@pytest.mark.parametrize("url", ["/api/reviews", "/"])
def test_listing_reviews_costs_the_same_queries_for_three_or_eight_reviews(
    url: str, group: YearGroup, secretariat: User, make_user: Callable[..., User]
) -> None:
    reader = make_user(Role.FOCAL_POINT, state="KEN", username="focal-ken")
    client = Client()
    client.force_login(reader if url == "/" else secretariat)
    _add_reviews(group, ["FRA", "ITA"], reviewer="KEN")
    services.year_group_launch(actor=secretariat, year_group=group, on=LAUNCH)
    _queries(client, url)  # the first call also opens the rate limit's window of the minute
    few = _queries(client, url)
    # Five more reviews, launched: each with its phases and deadlines.
    second = group.cycle.year_groups.get(number=2)
    _add_reviews(second, ["ESP", "PRT", "NLD", "BEL", "SWE"], reviewer="KEN")
    services.year_group_launch(actor=secretariat, year_group=second, on=dt.date(2022, 1, 31))
    assert CountryReview.objects.filter(cycle=group.cycle, phases__launched_at__isnull=False).distinct().count() == 10
    many = _queries(client, url)
    assert many == few
