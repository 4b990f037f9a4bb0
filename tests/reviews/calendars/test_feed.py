"""Each person's private iCalendar feed: only their own deadlines, in their language, at a secret address."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import icalendar
import pytest
from django.test import Client

from tests.reviews import schedule_data
from treatyreview.accounts.models import Role, User
from treatyreview.reviews.models import CalendarFeed

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviews(make_user: Callable[..., User]) -> dict[str, object]:
    officer = make_user(Role.SECRETARIAT)
    cycle = schedule_data.make_cycle()
    austria = schedule_data.make_review(cycle, "AUT", starts_on=dt.date(2024, 1, 1), feedback_due=dt.date(2025, 1, 1))
    brazil = schedule_data.make_review(cycle, "BRA", starts_on=dt.date(2024, 3, 1))
    schedule_data.assign_reviewer(austria, "KEN", by=officer)
    schedule_data.grant_extension(schedule_data.deadline(austria, "questionnaire"), dt.date(2024, 9, 1), by=officer)
    return {"austria": austria, "brazil": brazil, "officer": officer}


def _address(client: Client) -> str:
    page = client.post("/calendar/").content.decode()
    found = re.search(r'value="http://testserver(/calendar/[^"]+\.ics)"', page)
    assert found, "the page shows the new address once"
    return found.group(1)


def _events(client: Client, address: str) -> list[icalendar.Event]:
    response = client.get(address)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    return list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))


def test_the_feed_parses_and_holds_only_the_persons_deadlines(
    reviews: dict, make_user: Callable[..., User], client_as: Callable[[User], Client]
) -> None:
    focal = make_user(Role.FOCAL_POINT, state="AUT")
    address = _address(client_as(focal))
    events = _events(Client(), address)  # a calendar program: no session
    summaries = [str(event["summary"]) for event in events]
    assert len(events) == 4 and all("Austria" in text for text in summaries)  # not Brazil's
    questionnaire = next(e for e in events if "questionnaire" in str(e["summary"]))
    assert questionnaire.decoded("dtstart") == dt.date(2024, 9, 1)  # the granted extension
    assert "Extended to: Sept. 1, 2024" in str(questionnaire["description"])
    again = _events(Client(), address)
    assert sorted(str(e["uid"]) for e in again) == sorted(str(e["uid"]) for e in events)  # stable UIDs


def test_a_reviewing_states_expert_sees_the_review_they_take_part_in(
    reviews: dict, make_user: Callable[..., User], client_as: Callable[[User], Client]
) -> None:
    expert = make_user(Role.EXPERT, state="KEN")
    events = _events(Client(), _address(client_as(expert)))
    assert {str(e["summary"]).split(": ")[-1] for e in events} == {"review of Austria"}


def test_the_feed_is_written_in_the_persons_language(
    reviews: dict, make_user: Callable[..., User], client_as: Callable[[User], Client]
) -> None:
    focal = make_user(Role.FOCAL_POINT, state="AUT")
    focal.preferred_language = "ar"
    focal.save()
    events = _events(Client(), _address(client_as(focal)))
    assert all("النمسا" in str(e["summary"]) for e in events)


def test_a_wrong_or_reset_address_is_not_found(
    reviews: dict, make_user: Callable[..., User], client_as: Callable[[User], Client]
) -> None:
    focal = make_user(Role.FOCAL_POINT, state="AUT")
    client = client_as(focal)
    first = _address(client)
    assert Client().get("/calendar/not-the-secret.ics").status_code == 404
    second = _address(client)
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    assert CalendarFeed.objects.filter(user=focal).count() == 1
    assert second.split("/")[-1].removesuffix(".ics") not in CalendarFeed.objects.get(user=focal).digest


def test_the_page_says_whether_an_address_exists_and_never_shows_it_again(
    reviews: dict, make_user: Callable[..., User], client_as: Callable[[User], Client]
) -> None:
    focal = make_user(Role.FOCAL_POINT, state="AUT")
    client = client_as(focal)
    assert "You have no calendar address yet." in client.get("/calendar/").content.decode()
    address = _address(client)
    page = client.get("/calendar/")
    assert address not in page.content.decode() and "You have a calendar address" in page.content.decode()
    assert page["Cache-Control"] == "no-store"
    assert Client().get("/calendar/")["Location"].startswith("/accounts/login/")
