"""A whole draw session in a real browser: year groups, then the reviewing States of one year group."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import requires_chromium, screenshot, sign_in
from tests.reviews.draws import steps
from treatyreview.accounts.models import User
from treatyreview.audit.actions import AuditAction
from treatyreview.audit.models import AuditEvent
from treatyreview.mechanism import lots
from treatyreview.registry.models import State
from treatyreview.reviews.cycles.services import cycle_create
from treatyreview.reviews.draws import selectors, services
from treatyreview.reviews.models import Draw, ReviewerAssignment

pytestmark = [pytest.mark.e2e, requires_chromium]


def _run(page: Any, seed: str) -> None:
    page.click("button:has-text('Publish the commitment')")
    page.fill("#id_seed_count", str(len(seed.split())))
    page.fill("#id_seed", seed)
    page.fill("#id_seed_source", "dice rolled by the Chair")
    page.click("main form button:has-text('Draw')")
    page.wait_for_selector("h2:has-text('Result')")


def test_the_secretariat_runs_a_draw_session_end_to_end(site: str, page: Any) -> None:
    sign_in(page, site, "secretariat")
    page.click("header a:has-text('Drawing of lots')")
    page.fill("#id_name", "First cycle")
    page.click("button:has-text('Open the cycle')")
    page.click("button:has-text('Prepare the draw of year groups')")
    _run(page, "4 1 6 3 2 5")
    screenshot(page, "draw-year-groups", full_page=True)
    page.click("button:has-text('Confirm the draw')")
    page.wait_for_selector("text=The draw is confirmed.")

    page.click("nav[aria-label='Breadcrumb'] a:has-text('First cycle')")
    page.click("button:has-text('Prepare the draw of reviewing States for 2020')")
    page.wait_for_selector("#eligibility")
    screenshot(page, "draw-prepared-eligibility", full_page=True)
    assert "same State" in page.inner_text("#main")

    # The projection for the room refreshes itself as the draw is made.
    projection = page.context.new_page()
    projection.goto(page.url + "projection/")
    assert "Waiting for the seed" in projection.inner_text("body")

    _run(page, "2 2 5 6 1 3")
    draw = Draw.objects.get(kind=Draw.Kind.REVIEWERS)
    under_review = draw.record["assignments"][0]["under_review"]
    projection.wait_for_selector(f"#result-{under_review}", timeout=15_000)
    screenshot(projection, "draw-projection", full_page=True)
    projection.close()

    page.select_option("#id_kind", "redraw")
    page.fill("#id_under_review", under_review)
    page.select_option("#id_slot", "other-group")
    page.fill("#id_seed_count", "3")
    page.fill("#id_seed", "6 5 4")
    page.click("button:has-text('Redraw this slot')")
    page.wait_for_selector("text=The slot was redrawn")
    assert "Redraws and declines" in page.inner_text("#main")
    screenshot(page, "draw-after-redraw", full_page=True)
    page.click("button:has-text('Confirm the draw')")
    page.wait_for_selector("text=The draw is confirmed.")
    draw.refresh_from_db()
    assert draw.status == Draw.Status.CONFIRMED
    assert ReviewerAssignment.objects.filter(draw=draw).count() == len(draw.record["assignments"])

    # Anyone can download the record from the public page and verify it.
    public = page.context.browser.new_context().new_page()
    public.goto(f"{site}/draws/")
    public.click(f"a[href='/draws/{draw.pk}/']")
    screenshot(public, "draw-public", full_page=False)
    with public.expect_download() as download:
        public.click("a:has-text('record')")
    record = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert lots.verify_record(record).ok


# --- The session as its users walk it: in English and in Arabic, every refusal said at the top. ---------------------

LANGUAGES = ["en", "ar"]
ERROR = ".tr-messages .alert-danger"
SUCCESS = ".tr-messages .alert-success"


def _secretariat() -> User:
    return User.objects.get(username="secretariat")


def _button(page: Any, step: str) -> Any:
    """The submit button of the session form of one step, whatever the language of the page."""
    return page.locator(f"form:has(input[name=step][value={step}]) button[type=submit]")


def _seed(page: Any, seed: str, count: int | None = None, source: str = "dice rolled by the Chair") -> None:
    page.check("input[name=seed_kind][value=dice]")
    page.fill("#id_seed_count", str(count if count is not None else len(seed.split())))
    page.fill("#id_seed", seed)
    page.fill("#id_seed_source", source)


def _signed_in(page: Any, site: str, language: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": language, "url": site}])
    sign_in(page, site, "secretariat")


def _loaded(page: Any) -> Any:
    """The main area of the page as it is shown after a navigation."""
    page.wait_for_selector("#main h1")
    return page.locator("#main")


def _year_groups(seed: str = "4 1 6 3 2 5", *, confirm: bool = True) -> Draw:
    """A cycle whose year groups are drawn (confirmed unless told otherwise), made through the services."""
    actor = _secretariat()
    cycle = cycle_create(actor=actor, name="First cycle")
    draw = services.draw_prepare(actor=actor, cycle=cycle, kind=Draw.Kind.YEAR_GROUPS)
    steps.commit(actor, draw)
    steps.run(actor, draw, seed)
    return steps.confirm(actor, draw) if confirm else Draw.objects.get(pk=draw.pk)


def _reviewers(group: int = 1) -> Draw:
    draw = _year_groups()
    return services.draw_prepare(
        actor=_secretariat(), cycle=draw.cycle, kind=Draw.Kind.REVIEWERS, year_group=draw.cycle.year_groups.get(
            number=group)
    )


def _no_raw_codes(page: Any) -> None:
    text = page.inner_text("#main").replace("same-group slot", "")  # prose of a note, not a code
    for code in ("same-group", "other-group", "draw.commit", "draw.run", "year_groups", "provisional", "committed"):
        assert code not in text, code


def test_a_whole_session_in_arabic_right_to_left(site: str, page: Any) -> None:
    sign_in(page, site, "secretariat")
    page.click("button[name=language][value=ar]")
    page.wait_for_selector("html[lang=ar][dir=rtl]")
    page.click("header a[href='/secretariat/draws/']")
    page.fill("#id_name", "الدورة الأولى")
    page.click("main form button[type=submit]")
    _loaded(page)
    screenshot(page, "draw-ar-cycle-opened", full_page=True)
    assert page.locator(SUCCESS).count() == 1

    page.click("form:has(input[name=kind][value=year_groups]) button[type=submit]")
    _loaded(page)
    screenshot(page, "draw-ar-year-groups-prepared", full_page=True)
    _button(page, "commit").click()
    page.wait_for_selector(SUCCESS)
    screenshot(page, "draw-ar-year-groups-committed", full_page=True)
    _seed(page, "3 3 1 6 2 5", 6, "نرد ألقاه الرئيس")
    assert page.locator("#id_seed").evaluate("e => getComputedStyle(e).direction") == "ltr"  # typed as read out
    _button(page, "run").click()
    page.wait_for_selector("#main .tr-columns")
    screenshot(page, "draw-ar-year-groups-provisional", full_page=True)

    # The faces of the dice read in the order they were rolled, left to right, inside a right-to-left page.
    seed = page.locator("#main code", has_text="3 3 1 6 2 5").first
    assert seed.get_attribute("dir") == "ltr"
    assert seed.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert seed.inner_text() == "3 3 1 6 2 5"
    boxes = seed.evaluate(
        "e => { const r = document.createRange(); const t = e.firstChild; const xs = [];"
        " for (let i = 0; i < t.length; i += 2) { r.setStart(t, i); r.setEnd(t, i + 1);"
        " xs.push(r.getBoundingClientRect().left); } return xs; }"
    )
    assert boxes == sorted(boxes)  # the first die is the leftmost
    assert page.evaluate("getComputedStyle(document.querySelector('#main')).direction") == "rtl"
    _no_raw_codes(page)

    _button(page, "confirm").click()
    page.wait_for_selector(SUCCESS)
    screenshot(page, "draw-ar-year-groups-confirmed", full_page=True)
    draw = Draw.objects.get(kind=Draw.Kind.YEAR_GROUPS)
    assert draw.status == Draw.Status.CONFIRMED and draw.seed == "3 3 1 6 2 5"

    page.click(f"nav[aria-label] a[href='/secretariat/draws/cycles/{draw.cycle_id}/']")
    _loaded(page)
    screenshot(page, "draw-ar-cycle-year-groups", full_page=True)
    page.click("form:has(input[name=year_group][value='1']) button[type=submit]")
    page.wait_for_selector("#eligibility")
    screenshot(page, "draw-ar-reviewers-prepared", full_page=True)
    _button(page, "commit").click()
    page.wait_for_selector(SUCCESS)
    screenshot(page, "draw-ar-reviewers-committed", full_page=True)
    _seed(page, "2 2 5 6 1 3", source="نرد ألقاه الرئيس")
    _button(page, "run").click()
    page.wait_for_selector("#main .tr-results")
    screenshot(page, "draw-ar-reviewers-provisional", full_page=True)
    _no_raw_codes(page)
    _button(page, "confirm").click()
    page.wait_for_selector(SUCCESS)
    screenshot(page, "draw-ar-reviewers-confirmed", full_page=True)
    reviewers = Draw.objects.get(kind=Draw.Kind.REVIEWERS)
    assert reviewers.status == Draw.Status.CONFIRMED
    assert not page.locator("#main .alert-warning").count()

    page.goto(f"{site}/draws/")
    _loaded(page)
    screenshot(page, "draw-ar-public-list", full_page=True)
    page.goto(f"{site}/draws/{reviewers.pk}/")
    _loaded(page)
    screenshot(page, "draw-ar-public-detail", full_page=True)
    _no_raw_codes(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_stale_tab_is_told_the_draw_changed_and_nothing_was_done(site: str, page: Any, language: str) -> None:
    draw = _reviewers()
    steps.commit(_secretariat(), draw)
    _signed_in(page, site, language)
    address = f"{site}/secretariat/draws/{draw.pk}/"
    other = page.context.new_page()
    other.set_default_timeout(10_000)
    page.goto(address)
    other.goto(address)

    committed_page = page.content()
    _seed(page, "2 2 5 6 1 3")
    _button(page, "run").click()
    page.wait_for_selector("#main .tr-results")
    seed = Draw.objects.get(pk=draw.pk).seed

    _seed(other, "6 6 6 6")
    _button(other, "run").click()
    other.wait_for_selector(ERROR)
    screenshot(other, f"draw-{language}-stale-tab", full_page=True)
    refusal = other.locator(ERROR)
    if language == "en":
        assert "another tab" in refusal.inner_text() and "Nothing was done" in refusal.inner_text()
    assert other.locator("#main .tr-results").is_visible()  # the draw as it is now: provisional, with its result
    assert not _button(other, "run").count()
    assert Draw.objects.get(pk=draw.pk).seed == seed
    # The error is the first thing in the main area, before the title.
    assert other.evaluate("document.querySelector('#main').firstElementChild.classList.contains('tr-messages')")

    # The address reloads into the page as it is now.
    assert other.url == address
    response = other.goto(other.url)
    assert response.status == 200 and other.locator("#main .tr-results").is_visible()
    other.reload()
    assert other.locator("#main .tr-results").is_visible()
    other.close()

    # The back button: this browser asks the server again, and shows the draw as it is now...
    page.go_back()
    _loaded(page)
    assert page.locator("#main .tr-results").is_visible() and not _button(page, "run").count()
    # ... while a browser that keeps pages in its history shows the form as it was; sent again, it changes nothing.
    page.go_forward()
    _loaded(page)
    page.route(address, lambda route: route.fulfill(body=committed_page, content_type="text/html"), times=1)
    page.go_back()
    _seed(page, "1 1 1 1")
    _button(page, "run").click()
    page.wait_for_selector(ERROR)
    screenshot(page, f"draw-{language}-back-button", full_page=True)
    assert page.locator("#main .tr-results").is_visible()
    assert Draw.objects.get(pk=draw.pk).seed == seed
    assert page.url == address
    response = page.goto(page.url)
    assert response.status == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_double_click_publishes_the_commitment_once(site: str, page: Any, language: str) -> None:
    draw = _year_groups()
    draw = services.draw_prepare(
        actor=_secretariat(), cycle=draw.cycle, kind=Draw.Kind.REVIEWERS, year_group=draw.cycle.year_groups.get(
            number=2)
    )
    _signed_in(page, site, language)
    page.goto(f"{site}/secretariat/draws/{draw.pk}/")
    _loaded(page)
    responses: list[int] = []
    page.on("response", lambda r: responses.append(r.status) if r.request.method == "POST" else None)
    # The first click's request reaches the server, but the browser shows only the answer to the second.
    first = page.evaluate(
        "() => { const form = document.querySelector('form:has(input[name=step][value=commit])');"
        " return fetch(form.action, {method: 'POST', body: new FormData(form), redirect: 'manual'})"
        ".then(r => r.type); }"
    )
    assert first == "opaqueredirect"
    _button(page, "commit").click()
    page.wait_for_selector("#id_seed")
    screenshot(page, f"draw-{language}-double-click", full_page=True)
    draw.refresh_from_db()
    assert draw.status == Draw.Status.COMMITTED
    assert AuditEvent.objects.filter(action=AuditAction.DRAW_COMMIT, target_id=str(draw.pk)).count() == 1
    assert 500 not in responses
    assert not page.locator(ERROR).count()  # nothing went wrong: it was done once
    if language == "en":
        assert "already published" in page.inner_text(".tr-messages")
    response = page.goto(page.url)
    assert response.status == 200

    # Two clicks in the same instant on "Confirm the draw", once the draw is made.
    _seed(page, "2 2 5 6 1 3")
    _button(page, "run").click()
    page.wait_for_selector("#main .tr-results")
    page.evaluate(
        "() => { const b = document.querySelector('form:has(input[name=step][value=confirm]) button');"
        " b.click(); b.click(); }"
    )
    page.wait_for_selector(SUCCESS)
    page.wait_for_load_state()
    assert 500 not in responses
    draw.refresh_from_db()
    assert draw.status == Draw.Status.CONFIRMED
    assert AuditEvent.objects.filter(action=AuditAction.DRAW_CONFIRM, target_id=str(draw.pk)).count() == 1
    screenshot(page, f"draw-{language}-double-click-confirm", full_page=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_cancelled_attempt_stays_public_and_the_next_names_it(site: str, page: Any, language: str) -> None:
    draw = _year_groups(confirm=False)
    _signed_in(page, site, language)
    page.goto(f"{site}/secretariat/draws/{draw.pk}/")
    _loaded(page)
    page.click("details:has(input[name=step][value=cancel]) summary")
    _button(page, "cancel").click()
    page.wait_for_selector(ERROR)
    screenshot(page, f"draw-{language}-cancel-empty-reason", full_page=True)
    details = page.locator("details:has(input[name=step][value=cancel])")
    assert details.get_attribute("open") is not None
    assert page.locator("#id_reason.is-invalid").is_visible()
    assert page.locator("#id_reason ~ .invalid-feedback, #id_reason + .invalid-feedback").first.is_visible()
    assert Draw.objects.get(pk=draw.pk).status == Draw.Status.PROVISIONAL

    page.fill("#id_reason", "The dice fell off the table.")
    _button(page, "cancel").click()
    page.wait_for_selector(SUCCESS)
    screenshot(page, f"draw-{language}-cancelled", full_page=True)
    assert Draw.objects.get(pk=draw.pk).status == Draw.Status.CANCELLED
    assert "The dice fell off the table." in page.inner_text("#main")

    page.goto(f"{site}/secretariat/draws/cycles/{draw.cycle_id}/")
    _loaded(page)
    screenshot(page, f"draw-{language}-cycle-attempt-2", full_page=True)
    prepare = page.locator("form:has(input[name=kind][value=year_groups]) button[type=submit]")
    assert "2" in prepare.inner_text()
    prepare.click()
    page.wait_for_selector(SUCCESS)
    screenshot(page, f"draw-{language}-attempt-2-prepared", full_page=True)
    second = Draw.objects.exclude(pk=draw.pk).get(kind=Draw.Kind.YEAR_GROUPS)
    assert second.attempt == 2
    assert page.locator(f"#main a[href='/secretariat/draws/{draw.pk}/']").count() == 1

    # The public list: both attempts in order once the second is committed, the cancelled one with its reason.
    steps.commit(_secretariat(), second)
    public = page.context.browser.new_context(locale="en-GB").new_page()
    public.context.add_cookies([{"name": "django_language", "value": language, "url": site}])
    public.goto(f"{site}/draws/")
    _loaded(public)
    screenshot(public, f"draw-{language}-public-attempts", full_page=True)
    links = public.locator("#main a[href^='/draws/'][href$='/']")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs.index(f"/draws/{draw.pk}/") < hrefs.index(f"/draws/{second.pk}/")
    assert "The dice fell off the table." in public.inner_text("#main")
    public.goto(f"{site}/draws/{draw.pk}/")
    _loaded(public)
    screenshot(public, f"draw-{language}-public-cancelled", full_page=True)
    text = public.inner_text("#main")
    assert "The dice fell off the table." in text and "4 1 6 3 2 5" in text
    assert public.locator("#main .tr-columns").count() == 3  # the result: the three year groups
    _no_raw_codes(public)
    public.context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_refused_seed_reloads_into_a_working_page(site: str, page: Any, language: str) -> None:
    draw = _reviewers()
    steps.commit(_secretariat(), draw)
    _signed_in(page, site, language)
    page.goto(f"{site}/secretariat/draws/{draw.pk}/")
    _seed(page, "2 7 5")
    _button(page, "run").click()
    page.wait_for_selector(ERROR)
    screenshot(page, f"draw-{language}-seed-refused", full_page=True)
    assert page.locator("#id_seed.is-invalid").is_visible()
    assert page.input_value("#id_seed") == "2 7 5"  # what was typed is kept, to be corrected
    _seed(page, "2 2 5", count=4)
    _button(page, "run").click()
    page.wait_for_selector(ERROR)
    screenshot(page, f"draw-{language}-seed-count-refused", full_page=True)
    assert Draw.objects.get(pk=draw.pk).status == Draw.Status.COMMITTED

    page.once("dialog", lambda dialog: dialog.accept())
    page.reload()
    _loaded(page)
    assert _button(page, "run").is_visible()
    response = page.goto(page.url)
    assert response.status == 200 and _button(page, "run").is_visible()
    _seed(page, "2 2 5 6")
    _button(page, "run").click()
    page.wait_for_selector("#main .tr-results")


def test_the_not_established_standing_is_shown_only_before_the_seed(site: str, page: Any) -> None:
    year_groups = _year_groups()
    unknown = selectors.unknown_standing()
    angola = State.objects.get(code="AGO")
    assert any(code == "AGO" for code, _ in unknown)
    group = year_groups.cycle.year_groups.get(states=angola)
    _signed_in(page, site, "en")
    page.goto(f"{site}/secretariat/draws/cycles/{year_groups.cycle_id}/")
    page.click(f"form:has(input[name=year_group][value='{group.number}']) button[type=submit]")
    page.wait_for_selector("#eligibility")
    warning = page.locator("#main .alert-warning")
    assert "Angola" in warning.inner_text()
    screenshot(page, "draw-en-not-established", full_page=True)
    _no_raw_codes(page)

    draw = Draw.objects.get(kind=Draw.Kind.REVIEWERS)
    steps.through(_secretariat(), draw, "5 3 1 2")
    page.reload()
    _loaded(page)
    assert not page.locator("#main .alert-warning").count()
    screenshot(page, "draw-en-confirmed", full_page=True)


@pytest.mark.parametrize("language", ["fr"])
def test_the_cycle_page_and_the_public_list_in_french(site: str, page: Any, language: str) -> None:
    draw = _year_groups()
    _signed_in(page, site, language)
    page.goto(f"{site}/secretariat/draws/")
    _loaded(page)
    screenshot(page, "draw-fr-cycles", full_page=True)
    page.goto(f"{site}/secretariat/draws/cycles/{draw.cycle_id}/")
    _loaded(page)
    screenshot(page, "draw-fr-cycle", full_page=True)
    assert page.locator("html").get_attribute("lang") == "fr"
    page.goto(f"{site}/draws/")
    _loaded(page)
    screenshot(page, "draw-fr-public-list", full_page=True)
    page.goto(f"{site}/draws/{draw.pk}/")
    _loaded(page)
    screenshot(page, "draw-fr-public-detail", full_page=True)
