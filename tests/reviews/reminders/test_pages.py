"""The list of reminders a signed-in person sees, with read and unread."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from tests.reviews import schedule_data
from tests.reviews.reminders.conftest import World
from treatyreview.accounts.models import User
from treatyreview.reviews.models import Reminder

pytestmark = pytest.mark.django_db


def _reminded(world: World, run: Callable) -> None:
    for stage in ("focal_point", "experts"):
        item = schedule_data.deadline(world.review, stage)
        item.met_on = item.due_on
        item.save()
    run(dt.date(2024, 6, 20))


def test_the_list_shows_ones_own_reminders_in_the_readers_language(
    world: World, run: Callable, client_as: Callable[[User], Client]
) -> None:
    _reminded(world, run)
    client = client_as(world.focal_aut)
    page = client.get("/reminders/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Autriche" in page and "1 juillet 2024" in page
    assert "1 unread reminder" in client.get("/reminders/").content.decode()
    other = client_as(world.expert_ken).get("/reminders/").content.decode()
    assert "Austria" not in other and "You have no reminders" in other


def test_marking_read_one_and_all_and_never_another_persons(
    world: World, run: Callable, client_as: Callable[[User], Client]
) -> None:
    _reminded(world, run)
    mine = Reminder.objects.get(recipient=world.focal_aut)
    theirs = Reminder.objects.get(recipient=world.expert_aut)
    client = client_as(world.focal_aut)
    client.post("/reminders/read/", {"reminder": theirs.pk})
    theirs.refresh_from_db()
    assert theirs.read_at is None
    response = client.post("/reminders/read/", {"reminder": mine.pk})
    assert response.status_code == 302 and response["Location"] == "/reminders/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    first_read = mine.read_at
    client.post("/reminders/read/", {"reminder": mine.pk})  # a double submit changes nothing
    mine.refresh_from_db()
    assert mine.read_at == first_read
    assert "0 unread reminders" in client.get("/reminders/").content.decode()
    response = client_as(world.expert_aut).post("/reminders/read/", follow=True)
    assert "1 reminder marked as read." in response.content.decode()


def test_a_bad_reminder_number_is_refused_and_changes_nothing(
    world: World, run: Callable, client_as: Callable[[User], Client]
) -> None:
    _reminded(world, run)
    response = client_as(world.focal_aut).post("/reminders/read/", {"reminder": "x"}, follow=True)
    assert "Nothing was changed" in response.content.decode()
    assert Reminder.objects.filter(read_at__isnull=False).count() == 0


def test_the_partial_renders_for_the_home_page(world: World, run: Callable) -> None:
    from django.template.loader import render_to_string

    from treatyreview.reviews.reminders.presentation import recent_reminders

    assert "You have no reminders" in render_to_string(
        "reviews/reminders/_list.html", {"reminders": recent_reminders(world.focal_aut)})
    _reminded(world, run)
    html = render_to_string("reviews/reminders/_list.html", {"reminders": recent_reminders(world.focal_aut)})
    assert "Austria" in html and "Mark as read" in html


def test_anonymous_visitors_are_sent_to_sign_in(client: Client) -> None:
    assert client.get("/reminders/")["Location"].startswith("/accounts/login/")
    assert client.post("/reminders/read/")["Location"].startswith("/accounts/login/")
