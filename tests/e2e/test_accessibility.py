"""Accessibility in the browser: the main pages as each role in English and Arabic (axe-core checks every one of
them, tests/e2e/accessibility.py), a keyboard-only walk through a draw session and a questionnaire, forms whose
errors are announced and tied to their fields, and the reading order a screen reader follows."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.conftest import next_code, requires_chromium, screenshot, sign_in
from tests.reviews.draws import steps
from treatyreview.accounts.models import User
from treatyreview.questionnaires.answers import selectors as answer_selectors
from treatyreview.questionnaires.answers import services as answer_services
from treatyreview.questionnaires.answers.models import Answer
from treatyreview.questionnaires.saq.demo import demo_template_create
from treatyreview.reviews.cycles.services import cycle_create
from treatyreview.reviews.demo import demo_cycle_create
from treatyreview.reviews.draws import services as draw_services
from treatyreview.reviews.models import Draw
from treatyreview.reviews.phases import services as phases
from treatyreview.reviews.phases.choices import Stage
from treatyreview.web.demo import DEMO_PASSWORD, DEMO_STATES

pytestmark = [pytest.mark.e2e, requires_chromium, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["en", "ar"]
PUBLIC = ["/", "/states/", "/states/KEN/", "/instruments/", "/draws/", "/library/", "/reviews/status/",
          "/accounts/login/", "/audit/anchor/"]
SIGNED_IN = ["/", "/rules/", "/reminders/", "/calendar/", "/accounts/security/", "/accounts/tokens/"]
# Each role's own pages besides; the secretariat's are the longest list.
ROLE_PAGES = {
    "secretariat": ["/secretariat/reviews/", "/secretariat/draws/", "/secretariat/questionnaires/", "/costs/",
                    "/audit/", "/secretariat/accounts/", "/participation/import/", "/states/AUT/experts/"],
    "focal-aut": ["/states/AUT/reads/", "/states/AUT/experts/propose/"],
    "expert-ken": [],
    "observer": [],
    "delegate": [],
    "civil-society": [],
}

# The focus a keyboard user sees at each stop: the element, on screen, with a ring of at least 2px or a shadow.
_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const style = getComputedStyle(e), box = e.getBoundingClientRect();
  return {
    tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute('name') || '',
    text: (e.getAttribute('aria-label') || e.innerText || e.value || '').trim().slice(0, 60),
    ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none',
    shown: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < window.innerHeight,
  };
}"""


def _context(browser: Any, site: str, language: str) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.add_cookies([{"name": "django_language", "value": language, "url": site}])
    context.set_default_timeout(45_000)  # generous: the machine running the suite may be loaded
    return context


def test_the_main_pages_pass_axe_as_each_role_in_english_and_arabic(site: str, browser: Any) -> None:
    """Visiting is the test: axe-core runs on each page as it opens and fails on a serious or critical finding."""
    demo_cycle_create(User.objects.get(username="secretariat"))
    draw = Draw.objects.filter(kind=Draw.Kind.REVIEWERS, status=Draw.Status.CONFIRMED).get()
    for language in LANGUAGES:
        context = _context(browser, site, language)
        page = context.new_page()
        for path in [*PUBLIC, f"/draws/{draw.pk}/"]:
            response = page.goto(f"{site}{path}")
            assert response is not None and response.status == 200, path
            assert page.get_attribute("html", "lang") == language
            assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
        context.close()
        for username, own in ROLE_PAGES.items():
            context = _context(browser, site, language)
            page = context.new_page()
            sign_in(page, site, username)
            # The pages every signed-in reader has, in full for one role; the home page ("My work") for each.
            for path in [*(SIGNED_IN if username == "observer" else SIGNED_IN[:1]), *own]:
                response = page.goto(f"{site}{path}")
                assert response is not None and response.status == 200, (username, path)
                assert page.get_attribute("html", "lang") == language
            context.close()


# --- Keyboard only ----------------------------------------------------------------------------------------------


class Keyboard:
    """Tab, Shift+Tab, Enter and Space only; every stop is checked to show its focus, and remembered."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.stops: list[dict[str, Any]] = []
        # Bootstrap scrolls smoothly unless the reader asks for less motion: the focused element is then on
        # screen at once, when the check looks.
        page.emulate_media(reduced_motion="reduce")
        page.set_default_timeout(45_000)

    def tab_to(self, selector: str, *, limit: int = 120, backwards: bool = False) -> None:
        for _ in range(limit):
            self.page.keyboard.press("Shift+Tab" if backwards else "Tab")
            focused = self.page.evaluate(_FOCUSED)
            if focused is None:
                continue
            self.stops.append(focused)
            assert focused["shown"], f"the focus is on something not on screen: {focused}"
            assert focused["ring"], f"the focus shows no ring: {focused}"
            if self.page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"{selector} was not reached in {limit} presses of Tab on {self.page.url}")

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def press(self, key: str) -> None:
        assert key in ("Enter", "Space", "Tab", "Shift+Tab", "ArrowDown", "ArrowUp"), key
        self.page.keyboard.press(key)


def _keyboard_sign_in(page: Any, site: str, username: str) -> Keyboard:
    """Sign in with the keyboard: the skip link first, then the form, then the authenticator's code if asked."""
    keys = Keyboard(page)
    page.goto(f"{site}/accounts/login/")
    if page.evaluate("document.activeElement.id") != "id_username":  # the page puts the focus there itself
        keys.tab_to(".skip-link", limit=1)
        keys.press("Enter")
        keys.tab_to("#id_username", limit=3)
    keys.type(username)
    keys.tab_to("#id_password", limit=1)
    keys.type(DEMO_PASSWORD)
    keys.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    if "/accounts/two-factor/verify/" in page.url:
        if page.evaluate("document.activeElement.id") != "id_code":
            keys.tab_to("#id_code")
        keys.type(next_code(username))
        keys.press("Enter")
    page.wait_for_url(f"{site}/")
    return keys


def test_a_draw_session_by_keyboard_only(site: str, page: Any) -> None:
    page.set_default_timeout(45_000)  # generous: the machine running the suite may be loaded
    secretariat = User.objects.get(username="secretariat")
    cycle = cycle_create(actor=secretariat, name="First cycle")
    year_groups = draw_services.draw_prepare(actor=secretariat, cycle=cycle, kind=Draw.Kind.YEAR_GROUPS)
    steps.commit(secretariat, year_groups)
    steps.run(secretariat, year_groups, "4 1 6 3 2 5")
    steps.confirm(secretariat, year_groups)

    keys = _keyboard_sign_in(page, site, "secretariat")
    keys.tab_to("header a[href='/secretariat/draws/']")
    screenshot(page, "a11y-focus-nav-link")
    keys.press("Enter")
    page.wait_for_url(f"{site}/secretariat/draws/")
    keys.tab_to(f"main a[href='/secretariat/draws/cycles/{cycle.pk}/']")
    keys.press("Enter")
    page.wait_for_url(f"**/cycles/{cycle.pk}/")
    keys.tab_to("form:has(input[name=year_group][value='1']) button[type=submit]")
    screenshot(page, "a11y-focus-button")
    keys.press("Enter")
    page.wait_for_selector("#eligibility")

    keys.tab_to("form:has(input[name=step][value=commit]) button[type=submit]")
    keys.press("Enter")
    page.wait_for_selector(".tr-messages .alert-success")
    keys.tab_to("input[name=seed_kind][value=dice]")
    keys.press("Space")
    screenshot(page, "a11y-focus-radio")
    keys.tab_to("#id_seed_count")
    keys.type("6")
    keys.tab_to("#id_seed")
    keys.type("2 2 5 6 1 3")
    screenshot(page, "a11y-focus-field")
    keys.tab_to("#id_seed_source")
    keys.type("dice rolled by the Chair")
    keys.tab_to("form:has(input[name=step][value=run]) button[type=submit]")
    keys.press("Enter")
    page.wait_for_selector("#main .tr-results")
    keys.tab_to("form:has(input[name=step][value=confirm]) button[type=submit]")
    keys.press("Enter")
    page.wait_for_selector(".tr-messages .alert-success")
    reviewers = Draw.objects.get(kind=Draw.Kind.REVIEWERS)
    assert reviewers.status == Draw.Status.CONFIRMED and reviewers.seed == "2 2 5 6 1 3"
    screenshot(page, "a11y-keyboard-draw-confirmed")
    # Every stop showed its focus (checked at each press); the walk crossed the header, the forms and the results.
    assert len(keys.stops) > 10


def test_a_questionnaire_answered_by_keyboard_only_saves_itself(site: str, page: Any) -> None:
    page.set_default_timeout(45_000)  # generous: the machine running the suite may be loaded
    secretariat = User.objects.get(username="secretariat")
    cycle = demo_cycle_create(secretariat)
    assert cycle is not None
    group = cycle.year_groups.get(number=1)
    review = group.reviews.filter(state__code__in=DEMO_STATES).order_by("state__code").first()
    assert review is not None
    phases.year_group_launch(actor=secretariat, year_group=group, on=timezone.localdate())
    version = demo_template_create(actor=secretariat)
    phase = review.phases.get(position=1)
    for stage in (Stage.FOCAL_POINT, Stage.EXPERTS):
        phases.phase_stage_complete(actor=secretariat, phase=phase, stage=stage, on=timezone.localdate())
        phase.refresh_from_db()
    questionnaire = answer_services.questionnaire_open(actor=secretariat, phase=phase, template_version=version)
    first = answer_selectors.questionnaire_outline(questionnaire)[0].items[0].question
    assert first.type == "yes_no"

    keys = _keyboard_sign_in(page, site, f"expert-{review.state.code.lower()}")
    page.goto(f"{site}/questionnaires/{questionnaire.pk}/")
    keys.tab_to(".skip-link", limit=1)
    keys.press("Enter")
    keys.tab_to(f"#choice-{first.code}-yes")
    keys.press("Space")
    keys.tab_to(f"#text-{first.code}")
    keys.type("The Criminal Code, section 278a, covers it.")
    screenshot(page, "a11y-focus-answer")
    keys.press("Tab")  # leaving the field saves it
    page.wait_for_selector(f"#status-{first.code} >> text=version")
    # The choice and the text may be two saves, the second sent a moment after the first answered: wait (bounded)
    # until the text is stored before reading the answer.
    saved = Answer.objects.filter(questionnaire=questionnaire, question=first,
                                  text="The Criminal Code, section 278a, covers it.")
    for _ in range(150):
        if saved.exists():
            break
        page.wait_for_timeout(200)
    answer = Answer.objects.get(questionnaire=questionnaire, question=first)
    assert answer.choice == "yes" and answer.text == "The Criminal Code, section 278a, covers it."

    # The collapsible section opens with the keyboard and lets the focus go on past it (no trap).
    keys.tab_to(f"#q-{first.code} form details > summary")
    keys.press("Enter")
    assert page.locator(f"#q-{first.code} form details").get_attribute("open") is not None
    screenshot(page, "a11y-focus-details-open")
    keys.tab_to(f"#body-{first.code}-0")
    keys.tab_to(f"#lang-{first.code}")
    keys.tab_to(f"#q-{first.code} button[type=submit]")
    keys.press("Enter")
    page.locator(".tr-messages").wait_for()  # the page the submitted form answers with, not the one before it
    assert page.locator(".tr-messages").count() == 1


def test_the_whole_home_page_tabs_round_without_a_trap(site: str, page: Any) -> None:
    """From the skip link to the footer and back to the top: every stop visible and ringed, none held."""
    page.set_default_timeout(45_000)  # generous: the machine running the suite may be loaded
    page.goto(f"{site}/")
    keys = Keyboard(page)
    keys.tab_to(".skip-link", limit=1)
    screenshot(page, "a11y-focus-skip-link")
    keys.tab_to("footer a[href='/audit/anchor/']")
    screenshot(page, "a11y-focus-footer-link")
    keys.tab_to(".skip-link", limit=5)  # past the end the browser leaves the page, then comes back to the top
    texts = [stop["text"] for stop in keys.stops]
    assert len(texts) > 10 and len(set(texts)) > 10


# --- Forms --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_refused_form_says_so_first_and_ties_each_error_to_its_field(site: str, browser: Any,
                                                                      language: str) -> None:
    context = _context(browser, site, language)
    page = context.new_page()
    sign_in(page, site, "secretariat")
    page.goto(f"{site}/secretariat/draws/")
    page.fill("#id_name", "")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    summary = page.locator("[data-tr-error-summary]")
    if not summary.count():  # the browser's own check of a required field stopped the form: send it past that
        page.evaluate("document.querySelector('#id_name').removeAttribute('required')")
        page.fill("#id_name", "   ")
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()
    assert summary.count() == 1
    # The focus is on the summary, so a screen reader reads it first; its link leads to the field.
    assert page.evaluate("document.activeElement.hasAttribute('data-tr-error-summary')")
    field = page.locator("#id_name")
    assert field.get_attribute("aria-invalid") == "true"
    described = (field.get_attribute("aria-describedby") or "").split()
    assert "id_name_error" in described
    assert page.locator("#id_name_error").inner_text().strip()
    assert page.locator("[data-tr-error-summary] a[href='#id_name']").count() == 1
    screenshot(page, f"a11y-form-errors-{language}")
    context.close()


def test_every_field_has_a_label_and_required_ones_say_so_in_words(site: str, page: Any) -> None:
    page.set_default_timeout(45_000)  # generous: the machine running the suite may be loaded
    sign_in(page, site, "secretariat")
    page.goto(f"{site}/participation/import/")
    page.goto(f"{site}/states/AUT/participation/SOM/")
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('main input, main select, main textarea')]
        .filter(e => e.type !== 'hidden' && !e.labels.length && !e.getAttribute('aria-label')
                && !e.getAttribute('aria-labelledby')).map(e => e.name)""")
    assert unlabelled == []
    required = page.evaluate("""() => [...document.querySelectorAll('main [required]')]
        .map(e => (e.labels[0] || e.closest('fieldset')?.querySelector('legend'))?.innerText || '')""")
    assert required and all("(required)" in text for text in required), required


# --- Reading order (what a screen reader reads) ------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_screen_reader_meets_the_skip_link_the_banner_the_main_content_then_the_footer(
        site: str, browser: Any, language: str) -> None:
    context = _context(browser, site, language)
    page = context.new_page()
    page.goto(f"{site}/states/KEN/")
    tree = page.locator("body").aria_snapshot()
    order = [tree.index(mark) for mark in ("- link", "- banner", "- main", "- contentinfo")]
    assert order == sorted(order), tree[:2000]
    heading = page.locator("main h1").inner_text()
    assert tree.index(heading) > tree.index("- main")
    context.close()
