"""A phase's questionnaire in a real browser, from the launch of a year group to the reviewers reading it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.conftest import requires_chromium, screenshot, sign_in
from treatyreview.accounts.models import Role, RoleGrant, User
from treatyreview.questionnaires.answers import selectors, services
from treatyreview.questionnaires.answers.models import Answer, Questionnaire
from treatyreview.questionnaires.saq.demo import demo_template_create
from treatyreview.registry.models import GovernmentalExpert, State
from treatyreview.reviews.demo import demo_cycle_create
from treatyreview.web.demo import DEMO_PASSWORD, DEMO_STATES

pytestmark = [pytest.mark.e2e, requires_chromium]


def _tab(browser: Any, site: str, username: str | None, language: str = "en") -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.add_cookies([{"name": "django_language", "value": language, "url": site}])
    page = context.new_page()
    page.set_default_timeout(45_000)  # generous: the machine running the suite may be loaded
    if username:
        sign_in(page, site, username)
    return page


def _account(username: str, state: State, role: str = Role.EXPERT) -> User:
    user = User.objects.create_user(username=username, password=DEMO_PASSWORD, full_name=username)
    RoleGrant.objects.create(user=user, role=role, state=state, valid_from=dt.date(2020, 1, 1))
    return user


def test_launch_name_experts_answer_with_a_conflict_submit_and_read(site: str, browser: Any) -> None:
    secretariat = User.objects.get(username="secretariat")
    cycle = demo_cycle_create(secretariat)
    assert cycle is not None
    demo_template_create(actor=secretariat)
    group = cycle.year_groups.get(number=1)
    review = group.reviews.filter(state__code__in=DEMO_STATES).order_by("state__code").first()
    assert review is not None, "a State with demo accounts is in the first year group"
    state = review.state
    reviewing = review.assignments.select_related("reviewer").first().reviewer
    reviewer = _account("reviewer-expert", reviewing)
    outsiders = [code for code in DEMO_STATES if code != state.code and code != reviewing.code
                 and not review.assignments.filter(reviewer__code=code).exists()]
    outsider = f"expert-{outsiders[0].lower()}"

    # The secretariat launches year group 1 and opens its questionnaires.
    office = _tab(browser, site, "secretariat")
    office.goto(f"{site}/secretariat/draws/cycles/{cycle.pk}/groups/1/launch/")
    office.fill("#id_on", timezone.localdate().isoformat())
    office.click("main button:has-text('Confirm: launch year group')", timeout=60_000)
    office.goto(f"{site}/secretariat/questionnaires/")
    screenshot(office, "saq-open-before", full_page=True)
    # Some sixty questionnaires of fifty questions each are opened in one request: give it time on a slow machine.
    office.click("main button:has-text('Open the questionnaires')", timeout=120_000)
    assert "questionnaires were opened" in office.inner_text(".tr-messages")
    questionnaire = Questionnaire.objects.get(phase__review=review, phase__position=1)

    # The focal point proposes two experts; the secretariat confirms them against the note verbale.
    focal = _tab(browser, site, f"focal-{state.code.lower()}")
    for name in ("Anna Berger", "Lukas Huber"):
        focal.goto(f"{site}/states/{state.code}/experts/propose/")
        focal.fill("#id_full_name", name)
        focal.fill("#id_email", f"{name.split()[0].lower()}@example.org")
        focal.fill("#id_expertise", "criminal law")
        focal.check("input[name=languages][value=en]")
        focal.click("main button:has-text('Send the proposal')")
        assert "The proposal was sent" in focal.inner_text(".tr-messages")
    screenshot(focal, "saq-experts-proposed", full_page=True)
    for number in range(2):
        office.goto(f"{site}/states/{state.code}/experts/")
        office.locator("input[name=note_verbale_ref]").first.fill(f"NV/{state.code}/2026/{10 + number}")
        office.locator("input[name=note_verbale_date]").first.fill(timezone.localdate().isoformat())
        office.locator("main form button:has-text('Confirm')").first.click()
        assert "is confirmed" in office.inner_text(".tr-messages")
    assert GovernmentalExpert.objects.filter(state=state, status="confirmed", full_name="Lukas Huber").exists()
    # Their accounts (accounts come from the confirmed nominations).
    first, second = _account("anna-berger", state), _account("lukas-huber", state)

    # The focal point records the two first stages on the review's page.
    focal.goto(f"{site}/reviews/{review.pk}/")
    focal.click("main button:has-text('Record:')")
    focal.click("main button:has-text('Record:')")
    assert "Self-assessment questionnaire to be answered" in focal.inner_text("#phase-1")

    # Both experts open the same article; the second saves over a version that is no longer current.
    one = _tab(browser, site, first.username)
    two = _tab(browser, site, second.username)
    page_url = f"{site}/questionnaires/{questionnaire.pk}/"
    one.goto(page_url)
    two.goto(page_url)
    code = selectors.questionnaire_outline(questionnaire)[0].items[0].question.code
    card_one, card_two = one.locator(f"#q-{code}"), two.locator(f"#q-{code}")
    card_one.locator("input[value=yes]").check()
    card_one.locator("textarea[name=text]").fill("The Criminal Code, section 278a, covers it.")
    card_one.locator("textarea[name=text]").blur()
    one.wait_for_selector(f"#status-{code} >> text=version 3")
    card_two.locator("textarea[name=text]").fill("Covered since 2002 by section 278a.")
    card_two.locator("textarea[name=text]").blur()
    two.wait_for_selector(f"#status-{code} >> text=Not saved")
    screenshot(two, "saq-conflict", full_page=False)
    two.locator(f"#merge-{code}").fill("Covered since 2002 by the Criminal Code, section 278a.")
    two.click(f"#q-{code} button:has-text('Save the merged answer')")
    two.wait_for_load_state()
    screenshot(two, "saq-after-merge", full_page=False)
    assert "Your answer was saved." in two.inner_text(".tr-messages")
    answer = Answer.objects.get(questionnaire=questionnaire, question__code=code)
    assert answer.text == "Covered since 2002 by the Criminal Code, section 278a." and answer.choice == "yes"
    screenshot(two, "saq-answering", full_page=True)

    # The rest is answered (by both experts), then the focal point submits.
    for index, item in enumerate(Answer.objects.filter(questionnaire=questionnaire).select_related("question")
                                 .order_by("question__position")):
        if item.pk == answer.pk or item.question.parent_id:
            continue
        author = (first, second)[index % 2]
        content: dict[str, Any] = {"choice": "no", "text": "Being prepared."} if item.question.type == "yes_no" \
            else {"text": "Two cases in 2025.", "statistics": []}
        services.answer_save(actor=author, answer=item, expected_version=item.version, content=content)
    for item in Answer.objects.filter(questionnaire=questionnaire, question__parent__isnull=False) \
            .select_related("question"):
        fresh = Answer.objects.get(pk=item.pk)
        services.answer_save(actor=first, answer=fresh, expected_version=fresh.version, content={
            "text": "A bill is before parliament.",
            "citations": [{"reference": "Criminal Code, section 278a", "url": ""}]})
    focal.goto(page_url)
    focal.click("main button:has-text('Submit the questionnaire')")
    assert "can now read it" in focal.inner_text(".tr-messages")
    screenshot(focal, "saq-submitted", full_page=False)

    # The reviewing State's expert now reads it; another State's expert, civil society and the public get 404.
    reading = _tab(browser, site, reviewer.username)
    assert reading.goto(page_url).status == 200
    assert "Covered since 2002" in reading.inner_text("main")
    screenshot(reading, "saq-read-by-reviewer", full_page=True)
    for username in (outsider, "civil-society", None):
        assert _tab(browser, site, username).goto(page_url).status == 404

    # In Arabic, right to left.
    arabic = _tab(browser, site, reviewer.username, language="ar")
    arabic.goto(page_url)
    assert arabic.get_attribute("html", "dir") == "rtl"
    screenshot(arabic, "saq-read-by-reviewer-ar", full_page=True)
    arabic_focal = _tab(browser, site, f"focal-{state.code.lower()}", language="ar")
    arabic_focal.goto(f"{site}/")
    screenshot(arabic_focal, "saq-home-focal-point-ar", full_page=True)
