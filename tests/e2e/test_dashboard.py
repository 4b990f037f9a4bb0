"""The secretariat's dashboard and timeline, the reminders and the calendar page in the browser, in English,
Arabic (right to left) and Chinese; screenshots kept in var/screenshots to be looked at."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.conftest import requires_chromium, screenshot, sign_in
from tests.reviews import schedule_data
from treatyreview.accounts.models import User
from treatyreview.reviews.reminders.services import reminders_send

pytestmark = [pytest.mark.e2e, requires_chromium, pytest.mark.django_db(transaction=True)]

LANGUAGES = {"en": "ltr", "ar": "rtl", "zh-hans": "ltr"}


def _cycle_in_motion() -> Any:
    today = timezone.localdate()
    officer = User.objects.get(username="secretariat")
    cycle = schedule_data.make_cycle("Second review cycle", groups=(today.year - 1, today.year))
    first, second = cycle.year_groups.all()
    for index, code in enumerate(["AUT", "KEN", "BRA", "PHL", "FRA", "EGY", "JPN", "MEX"]):
        group = first if index % 2 == 0 else second
        start = today - dt.timedelta(days=300 - 60 * index if group == first else 40 + 5 * index)
        review = schedule_data.make_review(cycle, code, starts_on=start, phases=4, year_group=group,
                                           feedback_due=start + dt.timedelta(days=400))
        if code in ("KEN", "FRA"):
            for stage in ("focal_point", "experts"):
                item = schedule_data.deadline(review, stage)
                item.met_on = item.due_on
                item.save()
        if code == "AUT":
            item = schedule_data.deadline(review, "questionnaire")
            schedule_data.grant_extension(item, item.due_on + dt.timedelta(days=90), by=officer)
    return cycle


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_dashboard_and_timeline_read_in_each_language(site: str, page: Any, language: str) -> None:
    cycle = _cycle_in_motion()
    page.context.add_cookies([{"name": "django_language", "value": language, "url": site}])
    sign_in(page, site, "secretariat")
    page.goto(f"{site}/secretariat/reviews/")
    assert page.locator("html").get_attribute("dir") == LANGUAGES[language]
    assert page.locator("#reviews tbody tr").count() == 8
    assert page.locator("svg.tr-timeline").count() == 2
    screenshot(page, f"dashboard-{language}", full_page=True)
    page.locator("details summary").first.click()
    assert page.locator("details table").first.is_visible()
    page.locator("details").first.scroll_into_view_if_needed()
    screenshot(page, f"dashboard-table-{language}")
    first_group = cycle.year_groups.get(number=1)
    page.select_option("#f-group", str(first_group.pk))
    page.click("form[method=get] button[type=submit]")
    page.wait_for_url(f"**year_group={first_group.pk}**")
    assert page.locator("#reviews tbody tr").count() == 4
    austria = cycle.reviews.get(state__code="AUT")
    page.goto(f"{site}/secretariat/reviews/{austria.pk}/")
    assert page.locator("svg.tr-timeline").count() == 1
    assert page.locator("#timeline-review tbody tr").count() == 4
    screenshot(page, f"review-timeline-{language}", full_page=True)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_focal_point_reads_the_reminders_and_gets_a_calendar_address(site: str, page: Any, language: str) -> None:
    _cycle_in_motion()
    reminders_send(actor=None, on=timezone.localdate())
    page.context.add_cookies([{"name": "django_language", "value": language, "url": site}])
    sign_in(page, site, "focal-aut")
    page.goto(f"{site}/reminders/")
    assert page.locator(".tr-reminder").count() >= 1
    screenshot(page, f"reminders-{language}", full_page=True)
    page.locator(".tr-reminder form button").first.click()
    page.wait_for_url(f"{site}/reminders/")
    assert page.locator(".tr-reminder-unread").count() == page.locator(".tr-reminder").count() - 1
    page.goto(f"{site}/calendar/")
    page.click("main form button[type=submit]")
    address = page.locator("#calendar-address").input_value()
    assert address.endswith(".ics")
    screenshot(page, f"calendar-{language}", full_page=True)
    page.go_back()  # the back button: the page is not cached, the address is not shown again
    page.reload()
    assert page.locator("#calendar-address").count() == 0
    response = page.request.get(address)
    assert response.status == 200 and b"BEGIN:VEVENT" in response.body()
