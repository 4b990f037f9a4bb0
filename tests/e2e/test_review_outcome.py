"""One review from its submitted questionnaire to a summary published in two languages, in a real browser and
without shortcuts between the steps: written feedback → cleared and sent → a thread answered and closed → the
list of observations with a technical-assistance need → agreed → final → the summary drafted from it → agreed →
generated, translated into French → consent → published; before consent the public and another State get 404."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import requires_chromium, screenshot, sign_in
from tests.observations.dialogue.world import article, submitted_world
from treatyreview.accounts.models import RoleGrant, User
from treatyreview.observations.dialogue.models import FeedbackItem, Thread
from treatyreview.observations.lists.models import AssistanceNeed, ObservationList, Summary
from treatyreview.publishing.demo import french_file
from treatyreview.publishing.models import Consent, Document
from treatyreview.reviews.models import Phase
from treatyreview.web.demo import DEMO_PASSWORD, _demo_authenticator

pytestmark = [pytest.mark.e2e, requires_chromium]

# The people of the review under test (Austria, reviewed by Kenya and Brazil), by their user names.
UNDER_REVIEW_FOCAL, UNDER_REVIEW_EXPERT = "focal", "expert"
KENYA_FOCAL, KENYA_EXPERT, BRAZIL_FOCAL = "reviewer_focal", "reviewer_expert", "reviewer2_focal"


def _tab(browser: Any, site: str, username: str | None, language: str = "en") -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.add_cookies([{"name": "django_language", "value": language, "url": site}])
    page = context.new_page()
    page.set_default_timeout(45_000)  # generous: the machine running the suite may be loaded
    if username:
        sign_in(page, site, username)
    return page


def _messages(page: Any) -> str:
    return str(page.inner_text(".tr-messages"))


def _stage(page: Any, label: str) -> None:
    page.click(f"main form button:has-text('{label}')")
    page.wait_for_load_state()


def test_a_review_goes_from_its_questionnaire_to_a_published_summary(site: str, browser: Any,
                                                                     tmp_path: Path) -> None:
    # One focal point per State: the demo's make way for those of the review under test.
    RoleGrant.objects.filter(user__username__in=["focal-aut", "focal-ken", "focal-bra"]).delete()
    w = submitted_world()
    for name in (UNDER_REVIEW_FOCAL, UNDER_REVIEW_EXPERT, KENYA_FOCAL, KENYA_EXPERT, BRAZIL_FOCAL):
        person = User.objects.get(username=name)
        person.set_password(DEMO_PASSWORD)
        person.save()
        _demo_authenticator(person)
    first = article(w)
    dialogue = f"{site}/phases/{w.phase.pk}/dialogue/"
    observations = f"{site}/phases/{w.phase.pk}/observations/"
    summary_page = f"{site}/phases/{w.phase.pk}/summary/"
    documents = f"{site}/reviews/{w.review.pk}/documents/"

    # Written feedback: Kenya's expert asks, Kenya's focal point clears and sends, Brazil sends.
    kenya_expert = _tab(browser, site, KENYA_EXPERT)
    kenya_expert.goto(f"{dialogue}?article={first.pk}")
    kenya_expert.select_option("#new-kind", "clarification")
    kenya_expert.fill("#new-text", "Please say whether the offence covers benefits obtained indirectly.")
    kenya_expert.click("#new-feedback button[type=submit]")
    assert "saved as a draft" in _messages(kenya_expert)
    kenya_focal = _tab(browser, site, KENYA_FOCAL)
    kenya_focal.goto(f"{dialogue}?article={first.pk}")
    item = FeedbackItem.objects.get()
    kenya_focal.click(f"#feedback-{item.pk} button:has-text('Clear')")
    kenya_focal.wait_for_selector(".tr-messages >> text=The feedback is cleared")
    kenya_focal.click("#states button:has-text('Send our written feedback')")
    brazil = _tab(browser, site, BRAZIL_FOCAL)
    brazil.goto(dialogue)
    brazil.click("#states button:has-text('Send our written feedback')")
    assert "the phase moves on to the dialogue" in _messages(brazil)
    assert Phase.objects.get(pk=w.phase.pk).stage == "dialogue"

    # The State under review answers in the thread (in Arabic); Kenya's expert closes it as resolved.
    thread = Thread.objects.get()
    austria_expert = _tab(browser, site, UNDER_REVIEW_EXPERT, language="ar")
    austria_expert.goto(f"{dialogue}?article={first.pk}")
    austria_expert.fill(f"#message-text-{thread.pk}", "نعم، تشمل الجريمة المنافع غير المباشرة.")
    austria_expert.click(f"#thread-{thread.pk} button[type=submit]")
    austria_expert.wait_for_selector(f"#thread-{thread.pk} li[id^=message-]")
    screenshot(austria_expert, "outcome-thread-answered-ar", full_page=True)
    kenya_expert.goto(f"{dialogue}?article={first.pk}")
    kenya_expert.fill(f"#resolution-{thread.pk}", "Answered: indirect benefits are covered.")
    kenya_expert.click(f"#thread-{thread.pk} button:has-text('Close the thread')")
    assert "closed as resolved" in _messages(kenya_expert)

    # The list of observations: begun, drafted with a need, agreed by both reviewing States and Austria, final.
    kenya_focal.goto(observations)
    kenya_focal.click("main button:has-text('Begin the list of observations')")
    assert "The list of observations is begun" in _messages(kenya_focal)
    kenya_expert.goto(f"{observations}?article={first.pk}")
    kenya_expert.fill("#implementation", "The Criminal Code makes participation in an organized group an offence.")
    kenya_expert.fill("#challenges", "Few convictions; statistics are kept court by court.")
    kenya_expert.click("main button:has-text('Save the observation')")
    kenya_expert.fill("#suggestion-new", "Consider keeping national statistics of convictions.")
    kenya_expert.click("main button:has-text('Add the suggestion')")
    kenya_expert.select_option("#kind-new", "data_collection")
    kenya_expert.fill("#description-new", "A case-management system shared by prosecutors and courts.")
    kenya_expert.click("main button:has-text('Add the need')")
    assert "The technical assistance need was recorded." in _messages(kenya_expert)
    assert AssistanceNeed.objects.filter(kind="data_collection").count() == 1
    screenshot(kenya_expert, "outcome-list-drafted", full_page=True)
    office = _tab(browser, site, "secretariat")
    austria = _tab(browser, site, UNDER_REVIEW_FOCAL)
    for tab in (kenya_focal, brazil):
        tab.goto(observations)
        _stage(tab, "Agree on behalf of your reviewing State")
    austria.goto(observations)
    screenshot(austria, "outcome-list-agree", full_page=True)
    _stage(austria, "Agree on behalf of the State under review")
    assert ObservationList.objects.get().stage == "agreed_by_under_review"
    office.goto(observations)
    _stage(office, "Record as final")
    assert ObservationList.objects.get().stage == "final"

    # The summary, drafted from the list and agreed the same way.
    kenya_expert.goto(observations)
    kenya_expert.click("main button:has-text('Draft the summary from this list')")
    assert "A case-management system" in kenya_expert.input_value("#assistance_needs")
    for tab, label in ((kenya_focal, "Agree on behalf of your reviewing State"),
                       (brazil, "Agree on behalf of your reviewing State"),
                       (austria, "Agree on behalf of the State under review"), (office, "Record as final")):
        tab.goto(summary_page)
        _stage(tab, label)
    assert Summary.objects.get().stage == "final"
    assert Phase.objects.get(pk=w.phase.pk).stage == "closed"

    # The secretariat generates the summary and records its verified French translation.
    office.goto(documents)
    office.click("text=Record the proposal")
    office.click("text=Decide the working languages")
    office.click("form[action$='/documents/summary/generate/'] button")
    assert "The document is generated" in office.inner_text(".alert-success")
    office.select_option("select[name=language]", "fr")
    office.click("button:has-text('Request')")
    french = tmp_path / "summary-fr.docx"
    french.write_bytes(french_file(Document.objects.get(kind="summary")))
    office.set_input_files("input[type=file]", str(french))
    office.click("text=Record the translation")
    office.click("text=Mark verified")
    summary = Document.objects.get(kind="summary")

    # Before consent: 404 for the public and for another State.
    public = _tab(browser, site, None)
    assert public.goto(f"{site}/publications/{summary.pk}/").status == 404
    other = _tab(browser, site, "expert-phl")
    assert other.goto(f"{site}/publications/{summary.pk}/").status == 404

    # Austria's focal point consents to English and French (in Arabic); the secretariat publishes.
    consenting = _tab(browser, site, UNDER_REVIEW_FOCAL, language="ar")
    consenting.goto(documents)
    consenting.check("form[action$='/consent/'] input[value=en]")
    consenting.check("form[action$='/consent/'] input[value=fr]")
    consenting.click("form[action$='/consent/'] button[type=submit]")
    screenshot(consenting, "outcome-consent-ar", full_page=True)
    assert Consent.objects.get().languages == ["en", "fr"]
    assert public.goto(f"{site}/publications/{summary.pk}/").status == 404
    office.goto(documents)
    office.click("form[action$='/publish/'] button")
    assert "The document is published" in office.inner_text(".alert-success")

    # Public: the summary in English and in French, Word and HTML; nothing else of the review.
    assert public.goto(f"{site}/publications/{summary.pk}/").status == 200
    screenshot(public, "outcome-published-en", full_page=True)
    assert "case-management system" in public.inner_text("main")
    with public.expect_download() as download:
        public.click("text=Download (Word)")
    assert download.value.suggested_filename.endswith("-en.docx")
    assert public.goto(f"{site}/publications/{summary.pk}/fr/").status == 200
    assert public.goto(observations).status == 404
    arabic = _tab(browser, site, None, "ar")
    arabic.goto(f"{site}/publications/")
    screenshot(arabic, "outcome-publications-ar", full_page=True)
