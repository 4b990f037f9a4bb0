"""The costing pages in the browser: together and in turn side by side, a scenario page, editing with a stale
second tab and a double submit, in English, Arabic (right to left) and French; screenshots in var/screenshots."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import requires_chromium, screenshot, sign_in
from treatyreview.accounts.models import User
from treatyreview.budget.models import Scenario
from treatyreview.web.demo import demo_scenarios_create

pytestmark = [pytest.mark.e2e, requires_chromium, pytest.mark.django_db(transaction=True)]

HEADINGS = {"en": "Scenarios side by side", "ar": "السيناريوهات جنبًا إلى جنب", "fr": "Scénarios côte à côte"}


@pytest.mark.parametrize("language", ["en", "ar", "fr"])
def test_together_in_turn_and_the_outcome_models_compare_at_a_glance(site: str, page: Any, language: str) -> None:
    demo_scenarios_create(User.objects.get(username="secretariat"))
    page.context.add_cookies([{"name": "django_language", "value": language, "url": site}])
    sign_in(page, site, "delegate")
    page.goto(f"{site}/costs/")
    screenshot(page, f"costs-home-delegate-{language}", full_page=True)
    page.check("input[value='p:together']")
    page.check("input[value='p:in-turn']")
    page.check("input[value='p:outcome-b']")
    page.check("input[value='p:outcome-c']")
    page.click("main form button[type=submit]")
    assert page.locator("h1").inner_text() == HEADINGS[language]
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator(".tr-compare thead th").count() == 5
    assert page.locator("svg.tr-chart-bar").count() >= 8  # totals and documentation volume, four bars each
    screenshot(page, f"costs-compare-{language}", full_page=True)
    scenario = Scenario.objects.get(preset="together")
    page.goto(f"{site}/costs/{scenario.pk}/")
    assert page.locator("#plan").count() == 1 and page.locator("svg.tr-chart-plan").count() == 1
    screenshot(page, f"costs-scenario-{language}", full_page=True)


def test_the_secretariat_edits_and_a_stale_tab_is_told_nothing_was_saved(site: str, page: Any) -> None:
    demo_scenarios_create(User.objects.get(username="secretariat"))
    scenario = Scenario.objects.get(preset="together")
    sign_in(page, site, "secretariat")
    page.goto(f"{site}/costs/")
    screenshot(page, "costs-home-secretariat-en", full_page=True)
    edit = f"{site}/costs/{scenario.pk}/edit/"
    second = page.context.new_page()
    page.goto(edit)
    second.goto(edit)
    page.fill("#id_rates__translation_per_word__fr", "0.11")
    page.fill("#id_source__rates__translation_per_word", "Conference services, rates for 2027")
    page.uncheck("#id_illustrative__rates__translation_per_word")
    page.fill("#id_reason", "rates for 2027")
    screenshot(page, "costs-edit-secretariat-en")
    page.locator("main form.tr-scenario-form button[type=submit]").dblclick()
    page.wait_for_url(f"{site}/costs/{scenario.pk}/")
    assert "Version 2" in page.locator(".tr-messages").inner_text()
    scenario.refresh_from_db()
    assert scenario.version == 2  # the double click saved once
    second.fill("#id_burden_threshold", "6")
    second.fill("#id_reason", "from the other tab")
    second.locator("main form.tr-scenario-form button[type=submit]").click()
    assert "Someone else changed this record" in second.locator(".tr-messages").inner_text()
    screenshot(second, "costs-edit-stale-en")
    scenario.refresh_from_db()
    assert scenario.version == 2 and scenario.data["burden_threshold"] == 3
    page.go_back()
    page.reload()
    assert page.locator("#id_expected_version").input_value() == "2"  # the form reloads what is stored now
