"""The main journeys in a real browser: signing in as each role, the States list, RTL, a correction."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import requires_chromium, screenshot, sign_in
from treatyreview.audit.models import AuditEvent
from treatyreview.registry.collation import sort_key
from treatyreview.registry.models import Participation

pytestmark = [pytest.mark.e2e, requires_chromium]

DEMO_ROLES = {
    "secretariat": "Secretariat officer",
    "focal-aut": "Focal point",
    "expert-ken": "Governmental expert",
    "observer": "Observer",
    "delegate": "Conference or working-group delegate",
    "civil-society": "Civil-society representative",
}


def test_each_demo_role_signs_in_and_sees_its_roles_on_the_home_page(site: str, browser: Any) -> None:
    for username, role in DEMO_ROLES.items():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        sign_in(page, site, username)
        assert page.locator("#your-roles").is_visible()
        assert role in page.locator("header").inner_text()
        assert role in page.locator("main").inner_text()
        if username in ("secretariat", "focal-aut"):
            screenshot(page, f"home-{username}")
        page.click("header button:has-text('Sign out')")
        page.wait_for_url(f"{site}/")
        assert page.locator("header a:has-text('Sign in')").is_visible()
        context.close()


def test_the_states_list_filters_to_the_parties_to_the_firearms_protocol(site: str, page: Any) -> None:
    page.goto(f"{site}/states/")
    assert "198 States and other parties" in page.locator("#state-count").inner_text()
    page.select_option("#id_instrument", "FIREARMS")
    page.wait_for_url("**/states/?*instrument=FIREARMS*")
    page.select_option("#id_status", "party")
    expected = Participation.objects.filter(instrument__code="FIREARMS", status="party").count()
    page.wait_for_function(
        "n => document.querySelector('#state-count').innerText.startsWith(String(n) + ' ')", arg=expected)
    rows = page.locator("#state-results tbody tr")
    assert rows.count() == expected
    names = rows.locator("th").all_inner_texts()
    assert names == sorted(names, key=lambda name: sort_key(name, "en"))  # alphabetical, never by any measure
    screenshot(page, "states-firearms-parties")


def test_a_state_profile_reads_in_english_and_in_arabic_right_to_left(site: str, page: Any) -> None:
    page.goto(f"{site}/states/KEN/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert "Participation in the instruments" in page.inner_text("main")
    screenshot(page, "state-ken-en", full_page=True)
    page.click("button[name=language][value=ar]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert "المشاركة في الصكوك" in page.inner_text("main")
    # Nothing overflows sideways in right-to-left layout.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "state-ken-ar", full_page=True)


def test_the_secretariat_corrects_a_participation_cell_through_the_form(site: str, page: Any) -> None:
    sign_in(page, site, "secretariat")
    page.goto(f"{site}/states/AUT/")
    page.click("a[href='/states/AUT/participation/SOM/']")
    page.fill("#id_declarations", "Declaration under article 18, paragraph 8 (test).")
    page.fill("#id_source", "C.N.77.2026.TREATIES-XVIII.12.b")
    screenshot(page, "participation-form")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{site}/states/AUT/")
    assert "The participation was corrected" in page.inner_text("main")
    assert "Declaration under article 18, paragraph 8 (test)." in page.inner_text("main table")
    screenshot(page, "participation-corrected", full_page=True)
    cell = Participation.objects.get(state__code="AUT", instrument__code="SOM")
    assert cell.declarations == "Declaration under article 18, paragraph 8 (test)."
    assert AuditEvent.objects.filter(action="participation.update", note="C.N.77.2026.TREATIES-XVIII.12.b").exists()
