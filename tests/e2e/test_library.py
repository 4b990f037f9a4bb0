"""The knowledge library in the browser: a search in English, French, Arabic and Chinese, a record opened from
the results, a record restricted to a review, and a focal point adding a record (screenshots in var/screenshots/)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import requires_chromium, screenshot, sign_in
from treatyreview.accounts.models import User
from treatyreview.knowledge.models import LegalRecord
from treatyreview.web.demo import demo_library_create

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), requires_chromium]


def choose_language(page: Any, code: str) -> None:
    page.click(f"button[name=language][value={code}]")
    page.wait_for_load_state()


@pytest.fixture
def library(site: str, page: Any) -> str:
    demo_library_create(User.objects.get(username="secretariat"))
    page.set_default_timeout(60_000)  # a shared 2-core machine under load
    return site


def test_search_in_four_languages_finds_and_highlights_inflected_words(page: Any, library: str) -> None:
    page.goto(f"{library}/library/")
    screenshot(page, "library-en-anonymous-all", full_page=False)
    for language, query, shown in (("en", "laundered", "laundering"), ("fr", "blanchiment", "blanchi"),
                                   ("ar", "الأموال", "الأموال"), ("zh-hans", "洗钱", "洗钱")):
        page.goto(f"{library}/library/")
        choose_language(page, language)
        page.fill("input[name=q]", query)
        page.press("input[name=q]", "Enter")
        page.wait_for_selector(".tr-result")
        assert page.locator("mark").first.inner_text().lower().startswith(shown[:4].lower())
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        screenshot(page, f"library-{language}-search")
    # A facet narrows the results and says so; the record opens from the results with its words marked.
    page.locator(".tr-facets a").first.click()
    page.wait_for_selector(".tr-facets a[aria-current=true]")
    page.locator(".tr-result h2 a").first.click()
    page.wait_for_selector("h1")
    assert page.locator("mark").count() >= 1
    screenshot(page, "library-zh-hans-record")


def test_nothing_found_says_what_to_try(page: Any, library: str) -> None:
    page.goto(f"{library}/library/?q=zzzzqqq")
    assert "Try fewer words" in page.content()
    screenshot(page, "library-en-nothing-found")


def test_a_restricted_record_is_shown_to_its_state_and_hidden_from_others(page: Any, library: str) -> None:
    record = LegalRecord.objects.filter(state__code="KEN", visibility="review").first()
    assert record is not None
    response = page.goto(f"{library}/library/records/{record.pk}/")
    assert response.status == 404
    sign_in(page, library, "focal-ken")
    page.goto(f"{library}/library/records/{record.pk}/")
    choose_language(page, "ar")
    assert page.locator(".alert-warning").count() == 1
    screenshot(page, "library-ar-focal-ken-restricted-record", full_page=True)


def test_a_focal_point_adds_a_record_and_finds_it_at_once(page: Any, library: str) -> None:
    sign_in(page, library, "focal-ken")
    page.goto(f"{library}/library/records/new/")
    choose_language(page, "fr")
    page.click("main button[type=submit]")  # empty: refused, said at the top
    assert page.locator(".alert-danger").count() >= 1
    screenshot(page, "library-fr-focal-ken-add-refused", full_page=True)
    page.select_option("select[name=kind]", "legislation")
    page.select_option("select[name=language]", "fr")
    page.fill("input[name=title]", "Loi de démonstration sur le blanchiment (essai)")
    page.fill("textarea[name=text]", "Quiconque blanchit le produit du crime est puni.")
    page.click("main button[type=submit]")
    page.wait_for_selector("h1")
    assert "Loi de démonstration sur le blanchiment (essai)" in page.inner_text("h1")
    page.go_back()  # the back button shows the form again; a second submit adds nothing new silently
    page.goto(f"{library}/library/?q=blanchir&country=KEN")
    assert page.locator(".tr-result").count() == 1
    screenshot(page, "library-fr-focal-ken-found")


def test_a_reviewer_opens_a_cited_record_and_from_it_the_answers_citing_it(page: Any, library: str) -> None:
    from tests.questionnaires.answers.world import answer_all, save, world
    from treatyreview.accounts.models import RoleGrant
    from treatyreview.questionnaires.answers import services
    from treatyreview.web.demo import DEMO_PASSWORD

    # The questionnaire's test world brings its own focal points of Austria and Kenya (one per State).
    RoleGrant.objects.filter(role="focal_point", state__code__in=["AUT", "KEN"]).delete()
    w = world(articles=1)
    record = LegalRecord.objects.get(official_link__contains="legislation.gov.uk")  # a real provision, sourced
    answer_all(w)
    code = next(a.question.code for a in w.questionnaire.answers.select_related("question")
                if a.question.type == "citation")
    save(w, "expert", code, citations=[{"reference": "Proceeds of Crime Act 2002, s. 327", "url": "",
                                        "record": record.pk}])
    services.questionnaire_submit(actor=w.people["focal"], questionnaire=w.fresh(), expected_version=w.fresh().version)
    reviewer = w.people["reviewer_expert"]  # an expert of Kenya, which reviews Austria
    reviewer.set_password(DEMO_PASSWORD)
    reviewer.save()
    sign_in(page, library, reviewer.username)

    # In the submitted questionnaire, the cited law opens in one click.
    page.goto(f"{library}/questionnaires/{w.questionnaire.pk}/#q-{code}")
    page.click(f"#q-{code} a[href='/library/records/{record.pk}/']")
    page.wait_for_selector("#citing-answers")
    screenshot(page, "library-en-record-cited-by-answers", full_page=True)
    for language in ("ar", "fr"):
        choose_language(page, language)
        page.wait_for_selector("#citing-answers")
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        screenshot(page, f"library-{language}-record-cited-by-answers", full_page=True)
    choose_language(page, "en")
    # And back from the record to the answer.
    link = page.locator("section[aria-labelledby=citing-answers] a").first
    assert link.get_attribute("href").endswith(f"#q-{code}")
    link.click()
    page.wait_for_selector(f"#q-{code}")
    assert f"/questionnaires/{w.questionnaire.pk}/" in page.url
    screenshot(page, "library-en-answer-opened-from-record")
