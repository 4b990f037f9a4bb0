"""In the browser: the secretariat launches year group 1 from the cycle page (with its confirm step), a focal point
records a stage and asks for more time, the secretariat grants it and records an opt-out, and the public status
page shows phases only. Screenshots of the cycle page, a review's timeline and the public status page in English,
Arabic and French are kept in var/screenshots to be looked at."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.e2e.conftest import browser, page, requires_chromium, screenshot, sign_in, site  # noqa: F401
from treatyreview.accounts.models import Role, RoleGrant, User
from treatyreview.reviews.demo import demo_cycle_create
from treatyreview.reviews.models import CountryReview, Extension, Phase
from treatyreview.web.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, requires_chromium, pytest.mark.django_db(transaction=True)]


def _language(page: Any, site: str, language: str) -> None:  # noqa: F811
    page.context.add_cookies([{"name": "django_language", "value": language, "url": site}])


def test_a_year_group_is_launched_and_its_reviews_move_on(site: str, page: Any) -> None:  # noqa: F811
    cycle = demo_cycle_create(User.objects.get(username="secretariat"))
    assert cycle is not None
    first = cycle.year_groups.get(number=1)
    reviews = list(CountryReview.objects.filter(year_group=first).select_related("state").order_by("state__name"))
    # The focal point of a State of year group 1: a demo account where the demo has one, else a new one.
    demo_focal = {"AUT": "focal-aut", "KEN": "focal-ken", "BRA": "focal-bra", "PHL": "focal-phl"}
    under_review = next((r for r in reviews if r.state.code in demo_focal), reviews[0])
    opting_out = next(r for r in reviews if r != under_review)
    focal_name = demo_focal.get(under_review.state.code, "focal-under-review")
    if focal_name not in demo_focal.values():
        focal = User.objects.create_user(username=focal_name, password=DEMO_PASSWORD)
        RoleGrant.objects.create(user=focal, role=Role.FOCAL_POINT, state=under_review.state,
                                 valid_from=dt.date(2020, 1, 1))

    sign_in(page, site, "secretariat")
    page.goto(f"{site}/secretariat/draws/cycles/{cycle.pk}/")
    screenshot(page, "schedule-cycle-before-launch-en", full_page=True)
    page.click(f"a[href='/secretariat/draws/cycles/{cycle.pk}/groups/1/launch/']")
    assert "will be launched" in page.locator("main").inner_text()
    screenshot(page, "schedule-launch-confirm-en", full_page=True)
    page.fill("#id_on", "2020-03-02")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{site}/secretariat/draws/cycles/{cycle.pk}/")
    assert "Year group 1 is launched" in page.locator("body").inner_text()
    assert Phase.objects.filter(review__year_group=first, launched_at__isnull=False).count() == len(reviews)

    # The secretariat records an opt-out with its note verbale.
    page.goto(f"{site}/reviews/{opting_out.pk}/status/")
    page.check("input[name=status][value=opted_out]")
    page.fill("#id_note_verbale_ref", "NV/2020/17")
    page.fill("#id_note_verbale_date", "2020-02-20")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{site}/reviews/{opting_out.pk}/")
    assert "note verbale NV/2020/17" in page.locator("main").inner_text()

    # The focal point of the State under review records the focal point named (late: flagged) and asks for time.
    page.context.clear_cookies()
    sign_in(page, site, focal_name)
    page.goto(f"{site}/reviews/{under_review.pk}/")
    page.fill("#on-" + str(under_review.phases.get(position=1).pk), "2020-03-30")
    page.click("text=Record: Focal point named")
    page.wait_for_url(f"{site}/reviews/{under_review.pk}/")
    assert "done 14 days late" in page.locator("main").inner_text()
    questionnaire = under_review.phases.get(position=1).deadlines.get(stage="questionnaire")
    page.click("summary:has-text('Ask for more time: Self-assessment questionnaire')")
    page.fill(f"#until-{questionnaire.pk}", "2020-11-30")
    page.fill(f"#reason-{questionnaire.pk}", "Elections: the new government names its experts in October.")
    page.click(f"form:has(#until-{questionnaire.pk}) button[type=submit]")
    page.wait_for_url(f"{site}/reviews/{under_review.pk}/")
    assert Extension.objects.filter(deadline=questionnaire, status="pending").exists()

    page.context.clear_cookies()
    sign_in(page, site, "secretariat")
    page.goto(f"{site}/reviews/{under_review.pk}/")
    page.check("input[name=decision][value=grant]")
    page.click("text=Record the decision")
    page.wait_for_url(f"{site}/reviews/{under_review.pk}/")
    assert Extension.objects.get(deadline=questionnaire).status == "granted"

    for language in ("en", "ar", "fr"):
        _language(page, site, language)
        page.goto(f"{site}/secretariat/draws/cycles/{cycle.pk}/")
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        screenshot(page, f"schedule-cycle-{language}", full_page=True)
        page.goto(f"{site}/reviews/{under_review.pk}/")
        screenshot(page, f"schedule-review-{language}", full_page=True)
        page.goto(f"{site}/reviews/status/")
        screenshot(page, f"schedule-status-{language}", full_page=True)

    # The public status page, signed out: phases only, never content.
    page.context.clear_cookies()
    _language(page, site, "en")
    page.goto(f"{site}/reviews/status/")
    text = page.locator("main").inner_text()
    assert "Phase 1: Criminalization and jurisdiction" in text and "Opted out" in text
    assert "Elections" not in text and "NV/2020/17" not in text
    screenshot(page, "schedule-status-public-en", full_page=True)
