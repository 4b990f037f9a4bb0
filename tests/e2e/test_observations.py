"""A phase's list of observations and its summary in a real browser: begun after the dialogue, drafted per article
with similar suggestions offered while typing, a stale tab refused, agreed by every focal point, final; the
summary drafted from it and agreed; the follow-up reported; outsiders get 404; in English and Arabic."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.conftest import requires_chromium, screenshot, sign_in
from treatyreview.accounts.models import User
from treatyreview.observations.lists.consistency import analysed_terms
from treatyreview.observations.lists.models import ObservationList, Recommendation, Summary
from treatyreview.registry.models import Article, Instrument, State
from treatyreview.reviews.models import CountryReview, Cycle, Draw, Phase, ReviewerAssignment
from treatyreview.reviews.rules.selectors import rules_current

pytestmark = [pytest.mark.e2e, requires_chromium]

EARLIER = "Consider keeping national statistics of convictions for participation in an organized criminal group."


def _tab(browser: Any, site: str, username: str | None, language: str = "en") -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.add_cookies([{"name": "django_language", "value": language, "url": site}])
    page = context.new_page()
    page.set_default_timeout(45_000)  # generous: the machine running the suite may be loaded
    if username:
        sign_in(page, site, username)
    return page


def _phase_at_dialogue() -> tuple[Phase, Article]:
    """Austria under review by Kenya and Brazil, its first phase at the dialogue; and, from an earlier cycle, the
    final list of the Philippines with a suggestion on the same article."""
    secretariat = User.objects.get(username="secretariat")
    untoc = Instrument.objects.get(code="UNTOC")
    article = Article.objects.filter(instrument=untoc, cluster=1).order_by("number").first()
    assert article is not None
    earlier_cycle = Cycle.objects.create(name="Earlier cycle", rules=rules_current())
    earlier = CountryReview.objects.create(cycle=earlier_cycle, state=State.objects.get(code="PHL"))
    earlier_phase = Phase.objects.create(review=earlier, position=1, cluster=1, starts_on=timezone.localdate(),
                                         stage="closed", launched_at=timezone.now())
    final = ObservationList.objects.create(phase=earlier_phase, stage="final", final_at=timezone.now(),
                                           created_by=secretariat)
    Recommendation.objects.create(observation_list=final, article=article, text=EARLIER, language="en",
                                  terms=analysed_terms(EARLIER, "en", article.pk), created_by=secretariat)
    cycle = Cycle.objects.create(name="Cycle under way", rules=rules_current())
    review = CountryReview.objects.create(cycle=cycle, state=State.objects.get(code="AUT"))
    draw = Draw.objects.create(cycle=cycle, kind="reviewers", status="confirmed", input={}, input_sha256="0" * 64,
                               created_by=secretariat)
    for code, slot in (("KEN", "other_group"), ("BRA", "same_group")):
        ReviewerAssignment.objects.create(review=review, instrument=untoc, reviewer=State.objects.get(code=code),
                                          slot=slot, draw=draw)
    phase = Phase.objects.create(review=review, position=1, cluster=1, starts_on=timezone.localdate(),
                                 stage="dialogue", launched_at=timezone.now())
    return phase, article


def _step(page: Any, label: str) -> None:
    page.click(f"#stage button:has-text('{label}')")
    page.wait_for_load_state()


def test_draft_agree_finalise_summarise_and_follow_up(site: str, browser: Any) -> None:
    phase, article = _phase_at_dialogue()
    list_url = f"{site}/phases/{phase.pk}/observations/"

    # The reviewing State's focal point begins the list once the dialogue is held.
    kenya = _tab(browser, site, "focal-ken")
    kenya.goto(list_url)
    screenshot(kenya, "observations-not-begun", full_page=True)
    kenya.click("main button:has-text('Begin the list of observations')")
    assert "The list of observations is begun" in kenya.inner_text(".tr-messages")
    phase.refresh_from_db()
    assert phase.stage == "observations"
    screenshot(kenya, "observations-begun-empty", full_page=True)

    # An expert of Kenya drafts the first article; similar suggestions show while typing, without the State.
    expert = _tab(browser, site, "expert-ken")
    expert.goto(f"{list_url}?article={article.pk}")
    expert.fill("#implementation", "The Criminal Code, section 278, makes participation an offence.")
    expert.fill("#successes", "A specialised prosecution office for organized crime.")
    expert.fill("#challenges", "Few convictions; statistics are kept court by court.")
    expert.click("main button:has-text('Save the observation')")
    assert "The observation on this article was saved." in expert.inner_text(".tr-messages")
    expert.fill("#suggestion-new", "Keep statistics of convictions")
    expert.wait_for_selector("#similar >> text=national statistics of convictions")
    similar = expert.inner_text("#similar")
    assert "a State (its list is not public)" in similar and "Philippines" not in similar
    screenshot(expert, "observations-similar-while-typing", full_page=False)
    expert.fill("#suggestion-new", "Consider keeping national statistics of convictions, as other States do.")
    expert.click("main button:has-text('Add the suggestion')")
    expert.select_option("#kind-new", "data_collection")
    expert.fill("#description-new", "A case-management system shared by prosecutors and courts.")
    expert.click("main button:has-text('Add the need')")
    assert "The technical assistance need was recorded." in expert.inner_text(".tr-messages")
    screenshot(expert, "observations-article-drafted", full_page=True)

    # A stale tab: Brazil's focal point saves over the version it opened; refused, its text kept, nothing lost.
    brazil = _tab(browser, site, "focal-bra")
    brazil.goto(f"{list_url}?article={article.pk}")
    expert.fill("#challenges", "Few convictions; statistics are kept by each court separately.")
    expert.click("main button:has-text('Save the observation')")
    brazil.fill("#challenges", "Convictions are rare.")
    brazil.click("main button:has-text('Save the observation')")
    brazil.wait_for_load_state()
    assert "after you opened it" in brazil.inner_text(".tr-messages")
    assert brazil.input_value("#challenges") == "Convictions are rare."
    screenshot(brazil, "observations-stale-tab", full_page=False)

    # Agreeing: an expert may not; each reviewing State's focal point, then the State under review's.
    before = ObservationList.objects.get(phase=phase).version
    assert expert.locator("#stage button:has-text('Agree on behalf')").count() == 0
    kenya.goto(list_url)
    _step(kenya, "Agree on behalf of your reviewing State")
    assert "Your State's agreement is recorded." in kenya.inner_text(".tr-messages")
    assert "Waiting for the agreement of:" in kenya.inner_text("#stage")
    kenya.reload()
    kenya.go_back()
    brazil.goto(list_url)
    _step(brazil, "Agree on behalf of your reviewing State")
    assert ObservationList.objects.get(phase=phase).stage == "agreed_by_reviewing"
    assert ObservationList.objects.get(phase=phase).version == before + 1
    # Editing the agreed list from a tab opened before: refused at the top of the page, nothing changed.
    expert.goto(f"{list_url}?article={article.pk}")
    assert expert.locator("#implementation").count() == 0
    screenshot(expert, "observations-agreed-read-only", full_page=False)
    austria = _tab(browser, site, "focal-aut")
    austria.goto(list_url)
    screenshot(austria, "observations-agree-under-review", full_page=False)
    _step(austria, "Agree on behalf of the State under review")
    office = _tab(browser, site, "secretariat")
    office.goto(list_url)
    _step(office, "Record as final")
    assert "The list of observations is final." in office.inner_text(".tr-messages")
    phase.refresh_from_db()
    assert phase.stage == "summary"
    screenshot(office, "observations-final", full_page=True)

    # The summary, drafted from the list and agreed the same way; the phase closes.
    expert.goto(list_url)
    expert.click("main button:has-text('Draft the summary from this list')")
    assert "first draft of the summary" in expert.inner_text(".tr-messages")
    assert "A case-management system" in expert.input_value("#assistance_needs")
    screenshot(expert, "summary-first-draft", full_page=True)
    summary_url = f"{site}/phases/{phase.pk}/summary/"
    for tab, label in ((kenya, "Agree on behalf of your reviewing State"),
                       (brazil, "Agree on behalf of your reviewing State"),
                       (austria, "Agree on behalf of the State under review"), (office, "Record as final")):
        tab.goto(summary_url)
        tab.click(f"main form button:has-text('{label}')")
        tab.wait_for_load_state()
    assert Summary.objects.get(phase=phase).stage == "final"
    phase.refresh_from_db()
    assert phase.stage == "closed"
    screenshot(office, "summary-final", full_page=True)

    # Later, the State under review reports where it stands with the suggestion.
    reporting = _tab(browser, site, "expert-aut")
    reporting.goto(f"{list_url}?article={article.pk}")
    reporting.select_option("select[name=status]", "in_progress")
    reporting.fill("input[name=note]", "A bill on judicial statistics is before parliament.")
    reporting.click("main button:has-text('Record the follow-up')")
    assert "The follow-up of the suggestion was recorded." in reporting.inner_text(".tr-messages")
    screenshot(reporting, "observations-follow-up", full_page=True)
    home = _tab(browser, site, "focal-aut")
    screenshot(home, "observations-my-work", full_page=True)

    # Another State's expert, civil society and the public get 404 for the list and the summary.
    for username in ("expert-phl", "civil-society", None):
        outsider = _tab(browser, site, username)
        assert outsider.goto(list_url).status == 404
        assert outsider.goto(summary_url).status == 404

    # In Arabic, right to left.
    arabic = _tab(browser, site, "expert-ken", language="ar")
    arabic.goto(f"{list_url}?article={article.pk}")
    assert arabic.get_attribute("html", "dir") == "rtl"
    screenshot(arabic, "observations-final-ar", full_page=True)
    arabic.goto(summary_url)
    screenshot(arabic, "summary-final-ar", full_page=True)
    arabic.goto(f"{site}/phases/{phase.pk}/observations/versions/?from=1&to=5")
    screenshot(arabic, "observations-versions-ar", full_page=True)
    french = _tab(browser, site, "focal-aut", language="fr")
    french.goto(f"{list_url}?article={article.pk}")
    screenshot(french, "observations-final-fr", full_page=True)
