"""The audit pages in the browser, in English, Arabic (right to left) and French, as each role that sees
them: the secretariat's filtered trail, a focal point's page of reads, the public anchor."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import requires_chromium, screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), requires_chromium]


@pytest.mark.parametrize("language", ["en", "ar", "fr"])
def test_the_audit_pages_read_in_each_language(site: str, browser: Any, language: str) -> None:
    direction = "rtl" if language == "ar" else "ltr"
    for username, path, name in [
        ("secretariat", "/states/KEN/experts/", None),  # a read to show on the pages below
        ("secretariat", "/audit/?action=experts.read", "audit-trail"),
        ("focal-ken", "/states/KEN/reads/", "state-reads"),
        (None, "/audit/anchor/", "audit-anchor"),
    ]:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(10_000)
        if username:
            sign_in(page, site, username)
        context.add_cookies([{"name": "django_language", "value": language, "url": site}])
        response = page.goto(f"{site}{path}")
        assert response is not None and response.status == 200, path
        assert page.get_attribute("html", "dir") == direction
        if name:
            screenshot(page, f"{name}-{language}", full_page=True)
        if name == "state-reads":
            assert page.locator("tbody tr").count() >= 1 and "secretariat" in page.inner_text("tbody")
        context.close()
