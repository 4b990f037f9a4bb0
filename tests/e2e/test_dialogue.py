"""The desk review and dialogue in a real browser: Kenya's expert writes feedback article by article beside the
submitted answers, a stale second tab is refused, Kenya's focal point clears and sends it, Austria answers in
Arabic, Brazil sends, the phase moves to the dialogue, Kenya closes the thread, Austria records a meeting."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.conftest import requires_chromium, screenshot, sign_in
from tests.observations.dialogue.world import submitted_world
from treatyreview.accounts.models import RoleGrant, User
from treatyreview.observations.dialogue.models import FeedbackItem, Meeting, Message, Thread
from treatyreview.reviews.models import Phase
from treatyreview.web.demo import DEMO_PASSWORD, _demo_authenticator

# The world's people, signed in as they are named here (its own focal points replace the demo's).
AS = {"expert-ken": "reviewer_expert", "focal-ken": "reviewer_focal", "expert-aut": "expert", "focal-aut": "focal",
      "focal-bra": "reviewer2_focal"}

pytestmark = [pytest.mark.e2e, requires_chromium]


def _tab(browser: Any, site: str, username: str, language: str = "en") -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.add_cookies([{"name": "django_language", "value": language, "url": site}])
    page = context.new_page()
    page.set_default_timeout(45_000)  # generous: the machine running the suite may be loaded
    sign_in(page, site, AS[username])
    return page


def _messages(page: Any) -> str:
    return str(page.inner_text(".tr-messages"))


def test_feedback_cleared_answered_in_a_thread_closed_and_a_meeting(site: str, browser: Any) -> None:
    # One focal point per State: the demo's make way for those of the world under test.
    RoleGrant.objects.filter(user__username__in=["focal-aut", "focal-ken", "focal-bra"]).delete()
    w = submitted_world()
    for name in AS.values():
        person = User.objects.get(username=name)
        person.set_password(DEMO_PASSWORD)
        person.save()
        _demo_authenticator(person)
    phase_url = f"{site}/phases/{w.phase.pk}/dialogue/"

    # Kenya's expert finds the phase on "My work" and works through the articles, answers beside the form.
    expert = _tab(browser, site, "expert-ken")
    screenshot(expert, "dialogue-home-reviewer-expert", full_page=True)
    expert.click("main a:has-text('Written feedback and dialogue')")
    expert.wait_for_url(f"{phase_url}*")
    screenshot(expert, "dialogue-desk-empty", full_page=True)
    assert "Implemented by the Criminal Code." in expert.inner_text("main")
    expert.select_option("#new-kind", "clarification")
    expert.fill("#new-text", "Please clarify whether section 278a covers benefits obtained indirectly.")
    expert.click("#new-feedback button[type=submit]")
    assert "saved as a draft" in _messages(expert)
    screenshot(expert, "dialogue-desk-draft", full_page=True)
    expert.click("main a:has-text('Next: article')")
    expert.fill("#new-text", "A second thought we may withdraw.")
    expert.click("#new-feedback button[type=submit]")
    assert "saved as a draft" in _messages(expert)

    # A stale second tab: the draft changed after it was opened, so its save is refused and nothing is lost.
    first = FeedbackItem.objects.order_by("pk").first()
    assert first is not None
    stale = _tab(browser, site, "expert-ken")
    stale.goto(f"{phase_url}?article={first.article_id}")
    expert.goto(f"{phase_url}?article={first.article_id}")
    expert.fill(f"#text-{first.pk}", "Please clarify whether section 278a covers benefits obtained indirectly, "
                                      "and give an example.")
    expert.click(f"#feedback-{first.pk} button:has-text('Save the draft')")
    assert "The feedback was saved." in _messages(expert)
    stale.fill(f"#text-{first.pk}", "An older edit from another tab.")
    stale.click(f"#feedback-{first.pk} button:has-text('Save the draft')")
    assert "Someone else saved this feedback" in _messages(stale)
    assert "An older edit from another tab." in stale.input_value(f"#text-{first.pk}")
    screenshot(stale, "dialogue-desk-stale-tab", full_page=True)
    assert FeedbackItem.objects.get(pk=first.pk).text.endswith("give an example.")

    # Kenya's focal point clears the first item (a double click clears it once), withdraws the second, sends.
    focal = _tab(browser, site, "focal-ken")
    focal.goto(f"{phase_url}?article={first.article_id}")
    screenshot(focal, "dialogue-desk-focal-point-before", full_page=True)
    focal.dblclick(f"#feedback-{first.pk} button:has-text('Clear')")
    focal.wait_for_selector(".tr-messages >> text=The feedback is cleared")
    assert Thread.objects.filter(feedback=first).count() == 1
    second = FeedbackItem.objects.exclude(pk=first.pk).get()
    focal.goto(f"{phase_url}?article={second.article_id}")
    focal.click(f"#feedback-{second.pk} button:has-text('Withdraw')")
    assert "withdrawn" in _messages(focal)
    focal.click("#states button:has-text('Send our written feedback')")
    assert "once every reviewing State has sent its feedback" in _messages(focal)
    screenshot(focal, "dialogue-desk-sent", full_page=True)

    # Austria's expert, in Arabic, sees only the cleared feedback and answers it in its thread.
    arabic = _tab(browser, site, "expert-aut", language="ar")
    screenshot(arabic, "dialogue-home-under-review-ar", full_page=True)
    arabic.goto(f"{phase_url}?article={first.article_id}")
    body = arabic.inner_text("main")
    assert "section 278a" in body and "A second thought" not in body
    thread = Thread.objects.get(feedback=first)
    arabic.fill(f"#message-text-{thread.pk}", "نعم، المادة 278a تشمل المنافع غير المباشرة. Yes, indirect benefits too.")
    arabic.click(f"#thread-{thread.pk} button[type=submit]")
    arabic.wait_for_selector(f"#thread-{thread.pk} li[id^=message-]")
    screenshot(arabic, "dialogue-thread-answered-ar", full_page=True)
    assert Message.objects.filter(thread=thread, side="under_review").count() == 1

    # Brazil sends its feedback (it has no questions): the phase moves on to the dialogue.
    brazil = _tab(browser, site, "focal-bra")
    brazil.goto(phase_url)
    brazil.click("#states button:has-text('Send our written feedback')")
    assert "the phase moves on to the dialogue" in _messages(brazil)
    assert Phase.objects.get(pk=w.phase.pk).stage == "dialogue"

    # Kenya's expert reads the answer and closes the thread as resolved.
    expert.goto(f"{phase_url}?article={first.article_id}")
    expert.fill(f"#resolution-{thread.pk}", "Answered: indirect benefits are covered.")
    expert.click(f"#thread-{thread.pk} button:has-text('Close the thread')")
    assert "closed as resolved" in _messages(expert)
    screenshot(expert, "dialogue-thread-closed", full_page=True)
    expert.go_back()
    expert.reload()
    assert Thread.objects.get(pk=thread.pk).stage == "closed"

    # Austria's focal point records the virtual meeting, in French; a wrong date is refused first.
    french = _tab(browser, site, "focal-aut", language="fr")
    french.goto(f"{phase_url}meetings/")
    screenshot(french, "dialogue-meetings-empty-fr", full_page=True)
    french.select_option("#meeting-kind", "virtual")
    french.fill("#meeting-held-on", "2019-01-01")
    french.fill("#meeting-participants", "Autriche, Kenya, Brésil, secrétariat")
    french.fill("#meeting-minutes", "Les experts ont examiné les observations écrites article par article.")
    french.click("#new-meeting button[type=submit]")
    screenshot(french, "dialogue-meetings-refused-fr", full_page=True)
    assert not Meeting.objects.exists()
    assert "Autriche, Kenya" in french.input_value("#meeting-participants")
    french.fill("#meeting-held-on", timezone.localdate().isoformat())
    french.click("#new-meeting button[type=submit]")
    french.wait_for_selector("article[id^=meeting-]")
    screenshot(french, "dialogue-meetings-recorded-fr", full_page=True)
    assert Meeting.objects.count() == 1
    arabic.goto(f"{phase_url}meetings/")
    screenshot(arabic, "dialogue-meetings-ar", full_page=True)
