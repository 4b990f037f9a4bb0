"""The secretariat's dashboard of reviews: filters, order, overdue stages, permission, and the timeline chart."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.reviews import schedule_data
from treatyreview.accounts.models import Role, User
from treatyreview.reviews.models import Cycle
from treatyreview.reviews.phases.choices import Stage

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def cycle(secretariat: User) -> Cycle:
    cycle = schedule_data.make_cycle(groups=(TODAY.year - 1, TODAY.year))
    first, second = cycle.year_groups.all()
    # Austria (WEOG) overdue on everything, Kenya (African States) in time, Brazil (GRULAC) in the second group.
    schedule_data.make_review(cycle, "AUT", starts_on=TODAY - dt.timedelta(days=400), year_group=first, phases=2)
    kenya = schedule_data.make_review(cycle, "KEN", starts_on=TODAY - dt.timedelta(days=7), year_group=first)
    schedule_data.make_review(cycle, "BRA", starts_on=TODAY - dt.timedelta(days=10), year_group=second)
    done = schedule_data.deadline(kenya, "focal_point")
    done.met_on = TODAY
    done.save()
    kenya.phases.update(stage=Stage.EXPERTS)
    return cycle


def _rows(html: str) -> list[str]:
    table = html.split('id="reviews"')[1].split("</table>")[0]
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r'<th scope="row">(.*?)</th>', table, re.S)]


def test_every_review_in_alphabetical_order_of_the_readers_language(
    cycle: Cycle, secretariat: User, client_as: Callable[[User], Client]
) -> None:
    client = client_as(secretariat)
    assert _rows(client.get("/secretariat/reviews/").content.decode()) == ["Austria", "Brazil", "Kenya"]
    russian = client.get("/secretariat/reviews/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert _rows(russian) == ["Австрия", "Бразилия", "Кения"]


def test_overdue_stages_say_by_how_long(cycle: Cycle, secretariat: User, client_as: Callable[[User], Client]) -> None:
    html = client_as(secretariat).get("/secretariat/reviews/").content.decode()
    austria = html.split('id="reviews"')[1].split("</tr>")[1]
    assert "overdue by 386 days" in austria  # focal point due 14 days after a start 400 days ago
    assert "3 overdue stages" in html  # Austria's focal point, experts and questionnaire; Kenya and Brazil in time


def test_filters_by_year_group_region_and_stage(
    cycle: Cycle, secretariat: User, client_as: Callable[[User], Client]
) -> None:
    client = client_as(secretariat)
    second = cycle.year_groups.get(number=2)
    assert _rows(client.get(f"/secretariat/reviews/?year_group={second.pk}").content.decode()) == ["Brazil"]
    assert _rows(client.get("/secretariat/reviews/?stage=experts").content.decode()) == ["Kenya"]
    assert _rows(client.get("/secretariat/reviews/?stage=focal_point").content.decode()) == ["Austria", "Brazil"]
    # An unknown value is no filter at all, never an error.
    assert len(_rows(client.get("/secretariat/reviews/?stage=nonsense&year_group=x").content.decode())) == 3


def test_the_region_filter_uses_the_registrys_codes(
    cycle: Cycle, secretariat: User, client_as: Callable[[User], Client]
) -> None:
    from treatyreview.registry.models import State

    code = State.objects.get(code="KEN").regional_group.code
    html = client_as(secretariat).get(f"/secretariat/reviews/?region={code}").content.decode()
    assert _rows(html) == ["Kenya"]
    assert f'value="{code}" selected' in html


def test_only_the_secretariat_sees_the_dashboard(
    cycle: Cycle, any_role_user: User, client_as: Callable[[User], Client], client: Client
) -> None:
    expected = 200 if any_role_user.role_grants.get().role == Role.SECRETARIAT else 403
    assert client_as(any_role_user).get("/secretariat/reviews/").status_code == expected
    review = cycle.reviews.first()
    assert client_as(any_role_user).get(f"/secretariat/reviews/{review.pk}/").status_code == expected
    assert client.get("/secretariat/reviews/")["Location"].startswith("/accounts/login/")


def test_a_review_that_does_not_exist_is_not_found(secretariat: User, client_as: Callable[[User], Client]) -> None:
    assert client_as(secretariat).get("/secretariat/reviews/999999/").status_code == 404
    assert client_as(secretariat).get("/secretariat/reviews/?cycle=999999").status_code == 404


def test_the_timeline_is_an_svg_with_a_table_that_says_the_same(
    cycle: Cycle, secretariat: User, client_as: Callable[[User], Client]
) -> None:
    html = client_as(secretariat).get("/secretariat/reviews/").content.decode()
    svgs = re.findall(r"<svg xmlns[^>]*>", html)
    assert len(svgs) == 2  # one chart per year group
    for svg in svgs:
        described = re.search(r'aria-describedby="([^"]+)"', svg).group(1)
        assert 'role="group"' in svg and f'<table class="table table-sm table-tr mt-2" id="{described}">' in html
    table = html.split('mt-2" id="timeline-')[1].split("</table>")[0]
    assert "Austria" in table and "Phase 2 · cluster 4" in table and "(planned)" in table
    assert "<script" not in html.split("<main")[1]


def test_in_arabic_the_time_axis_runs_from_right_to_left(
    cycle: Cycle, secretariat: User, client_as: Callable[[User], Client]
) -> None:
    client = client_as(secretariat)
    review = cycle.reviews.get(state__code="AUT")

    def years(language: str) -> list[tuple[float, int]]:
        html = client.get(f"/secretariat/reviews/{review.pk}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        svg = html.split("<svg xmlns")[1].split("</svg>")[0]
        return [(float(x), int(y)) for x, y in re.findall(r'class="tl-year" x="([\d.]+)"[^>]*>(\d{4})<', svg)]

    english, arabic = years("en"), years("ar")
    assert [y for _x, y in english] == [y for _x, y in arabic]
    assert english[0][0] < english[-1][0]  # later years to the right
    assert arabic[0][0] > arabic[-1][0]  # later years to the left
    page = client.get(f"/secretariat/reviews/{review.pk}/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'direction="rtl"' in page and "النمسا" in page


def test_the_number_of_queries_does_not_grow_with_the_reviews(
    cycle: Cycle, secretariat: User, client_as: Callable[[User], Client]
) -> None:
    client = client_as(secretariat)
    client.get("/secretariat/reviews/")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/secretariat/reviews/").status_code == 200
        return len(queries)

    before = count()
    for code in ("FRA", "DEU", "ITA", "ESP", "PHL"):
        schedule_data.make_review(cycle, code, starts_on=TODAY - dt.timedelta(days=100), phases=3)
    assert count() == before


def test_no_cycle_yet(secretariat: User, client_as: Callable[[User], Client]) -> None:
    html = client_as(secretariat).get("/secretariat/reviews/").content.decode()
    assert "No review cycle has been opened yet." in html
