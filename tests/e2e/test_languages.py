"""The main pages in the six languages, in the browser: names of States in the page's language, in the
reader's alphabetical order, right to left in Arabic; screenshots kept in var/screenshots to be looked at."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import requires_chromium, screenshot, sign_in
from treatyreview.accounts.models import User
from treatyreview.registry.collation import sort_key
from treatyreview.reviews.demo import demo_cycle_create
from treatyreview.reviews.models import Draw

pytestmark = [pytest.mark.e2e, requires_chromium, pytest.mark.django_db(transaction=True)]

GERMANY = {"ar": "ألمانيا", "zh-hans": "德国", "en": "Germany", "fr": "Allemagne", "ru": "Германия", "es": "Alemania"}
# The Smuggling of Migrants Protocol's full title: sourced in five languages, English (marked) in Arabic.
SOM_TITLE = {
    "ar": "Protocol against the Smuggling of Migrants by Land, Sea and Air",
    "zh-hans": "联合国打击跨国有组织犯罪公约关于打击陆、海、空偷运移民的补充议定书",
    "en": "Protocol against the Smuggling of Migrants by Land, Sea and Air",
    "fr": "Protocole contre le trafic illicite de migrants par terre, air et mer",
    "ru": "Протокол против незаконного ввоза мигрантов по суше, морю и воздуху",
    "es": "Protocolo contra el tráfico ilícito de migrantes por tierra, mar y aire",
}


@pytest.mark.parametrize("language", ["ar", "zh-hans", "en", "fr", "ru", "es"])
def test_the_main_pages_read_in_the_reader_language(site: str, page: Any, language: str) -> None:
    demo_cycle_create(User.objects.get(username="secretariat"))
    draw = Draw.objects.filter(kind=Draw.Kind.REVIEWERS, status=Draw.Status.CONFIRMED).get()
    direction = "rtl" if language == "ar" else "ltr"
    page.context.add_cookies([{"name": "django_language", "value": language, "url": site}])

    page.goto(f"{site}/states/")
    assert page.locator("html").get_attribute("dir") == direction
    names = page.locator("#state-results tbody th a").all_inner_texts()
    assert GERMANY[language] in names
    assert names == sorted(names, key=lambda name: sort_key(name, language))
    screenshot(page, f"states-{language}")

    page.goto(f"{site}/states/DEU/")
    assert page.locator("h1").inner_text().startswith(GERMANY[language])
    screenshot(page, f"state-{language}", full_page=True)

    page.goto(f"{site}/instruments/")
    assert SOM_TITLE[language] in page.locator("#SOM").inner_text()
    screenshot(page, f"instruments-{language}")

    page.goto(f"{site}/draws/{draw.pk}/")
    assert page.locator("html").get_attribute("lang") == language
    screenshot(page, f"draw-{language}", full_page=True)

    sign_in(page, site, "observer")  # the rules page is for signed-in readers
    page.goto(f"{site}/rules/")
    assert page.locator("h1").count() == 1 and page.locator("html").get_attribute("dir") == direction
    screenshot(page, f"rules-{language}", full_page=True)
