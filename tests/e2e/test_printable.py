"""The printable results of a draw in a real browser: on screen and as print, left to right and right to left."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.conftest import SCREENSHOTS, requires_chromium, screenshot
from tests.reviews.draws import steps
from treatyreview.accounts.models import User
from treatyreview.registry.models import State
from treatyreview.reviews.demo import demo_cycle_create
from treatyreview.reviews.draws import services
from treatyreview.reviews.models import Draw
from treatyreview.web.demo import demo_experts_create

pytestmark = [pytest.mark.e2e, requires_chromium]

# The width of a landscape A4 page inside 12 mm margins, in CSS pixels (96 per inch).
PRINT_WIDTH = round((297 - 2 * 12) / 25.4 * 96)


@pytest.fixture
def demo_draws(site: str) -> dict[str, Draw]:
    secretariat = User.objects.get(username="secretariat")
    demo_experts_create(secretariat)
    demo_cycle_create(secretariat)
    return {draw.kind: draw for draw in Draw.objects.filter(status=Draw.Status.CONFIRMED)}


def _fits(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"))


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_printable_results_read_on_screen_on_paper_and_as_pdf(
    site: str, page: Any, demo_draws: dict[str, Draw], language: str
) -> None:
    draw = demo_draws[Draw.Kind.REVIEWERS]
    page.goto(f"{site}/draws/{draw.pk}/print/?lang={language}")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    first = draw.record["assignments"][0]
    row = page.locator(f"#result-{first['under_review']}")
    # The reviewing State is named in the page's language (its M49 name in Arabic).
    assert State.objects.get(code=first["reviewer"]).name_in(language) in row.inner_text()
    assert page.locator("code.tr-seed").get_attribute("dir") == "ltr"
    assert _fits(page)
    screenshot(page, f"printable-{language}")
    screenshot(page, f"printable-{language}-full", full_page=True)

    # As printed: no navigation, the table inside the width of the page.
    page.emulate_media(media="print")
    page.set_viewport_size({"width": PRINT_WIDTH, "height": 800})
    assert not page.locator("body > header").is_visible()
    assert not page.locator("body > footer").is_visible()
    assert page.locator(".tr-print-results").is_visible()
    assert _fits(page)
    assert page.evaluate(
        "[...document.querySelectorAll('.tr-print-results, .tr-hash')]"
        ".every(e => e.getBoundingClientRect().right <= document.documentElement.clientWidth + 1)"
    )
    screenshot(page, f"printable-{language}-print")
    pdf = page.pdf(print_background=True, prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    assert 1 <= len(re.findall(rb"/Type\s*/Page\b", pdf)) <= 8
    (SCREENSHOTS / f"printable-{language}.pdf").write_bytes(pdf)


def test_the_printable_year_groups_list_the_states_of_each_group(
    site: str, page: Any, demo_draws: dict[str, Draw]
) -> None:
    draw = demo_draws[Draw.Kind.YEAR_GROUPS]
    page.goto(f"{site}/draws/{draw.pk}/print/")
    for group in draw.record["year_groups"]:
        items = page.locator(f"#year-group-{group['year_group']} li")
        assert items.count() == len(group["states"])
    assert "year_group" not in page.inner_text("main")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": PRINT_WIDTH, "height": 800})
    assert _fits(page)
    screenshot(page, "printable-year-groups-print", full_page=True)
    assert page.pdf(prefer_css_page_size=True).startswith(b"%PDF")


def test_a_provisional_draw_prints_with_its_banner_in_arabic(site: str, page: Any, demo_draws: dict[str, Draw]) -> None:
    secretariat = User.objects.get(username="secretariat")
    cycle = demo_draws[Draw.Kind.REVIEWERS].cycle
    second = cycle.year_groups.get(number=2)
    draw = services.draw_prepare(actor=secretariat, cycle=cycle, kind=Draw.Kind.REVIEWERS, year_group=second)
    steps.commit(secretariat, draw)
    steps.run(secretariat, draw, "6 1 2")
    page.goto(f"{site}/draws/{draw.pk}/print/?lang=ar")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": PRINT_WIDTH, "height": 800})
    banner = page.locator(".tr-print-banner")
    assert banner.is_visible() and banner.bounding_box()["y"] < 300
    assert _fits(page)
    screenshot(page, "printable-provisional-ar-print")
