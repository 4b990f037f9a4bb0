"""The desk review page: a reviewer works article by article with the answers beside the feedback form; the
State under review sees cleared feedback only and answers in its thread; refusals say why at the top."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.observations.dialogue.world import article, clear, draft, phase
from tests.observations.dialogue.world import submitted_world as world
from treatyreview.observations.dialogue.models import FeedbackItem, Meeting, Message, Thread

pytestmark = pytest.mark.django_db


def client_of(w, who: str) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(w.people[who])
    return client


def test_a_reviewer_sees_the_answers_beside_the_form_and_saves_a_draft() -> None:
    w = world()
    client = client_of(w, "reviewer_expert")
    first = article(w)
    page = client.get(f"/phases/{w.phase.pk}/dialogue/?article={first.pk}")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Implemented by the Criminal Code." in body
    assert 'id="new-feedback"' in body
    saved = client.post(f"/phases/{w.phase.pk}/dialogue/feedback/",
                        {"article": first.pk, "kind": "clarification", "text": "Which courts apply it?"}, follow=True)
    assert saved.status_code == 200
    assert "saved as a draft" in saved.content.decode()
    assert FeedbackItem.objects.get().text == "Which courts apply it?"


def test_a_refused_draft_comes_back_with_what_was_typed() -> None:
    w = world()
    client = client_of(w, "reviewer_expert")
    refused = client.post(f"/phases/{w.phase.pk}/dialogue/feedback/",
                          {"article": article(w).pk, "kind": "question", "text": "x" * 10_001})
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "Nothing was changed" in body and "x" * 200 in body
    assert not FeedbackItem.objects.exists()


def test_the_state_under_review_sees_cleared_feedback_only_and_answers_it() -> None:
    w = world()
    hidden = draft(w, text="A draft the State must not see")
    shown = clear(w, draft(w, text="Cleared question on article"))
    client = client_of(w, "expert")
    body = client.get(f"/phases/{w.phase.pk}/dialogue/?article={shown.article_id}").content.decode()
    assert "Cleared question on article" in body
    assert hidden.text not in body
    assert 'id="new-feedback"' not in body
    thread = Thread.objects.get(feedback=shown)
    posted = client.post(f"/phases/{w.phase.pk}/dialogue/threads/{thread.pk}/messages/", {"text": "Our answer"},
                         follow=True)
    assert "Our answer" in posted.content.decode()
    assert Message.objects.get().side == "under_review"


def test_clearing_by_the_expert_is_refused_at_the_top_of_the_page() -> None:
    w = world()
    item = draft(w)
    client = client_of(w, "reviewer_expert")
    response = client.post(f"/phases/{w.phase.pk}/dialogue/feedback/{item.pk}/clear/",
                           {"expected_version": item.version}, follow=True)
    assert "Only the focal point of Kenya clears its feedback." in response.content.decode()
    assert FeedbackItem.objects.get(pk=item.pk).stage == "draft"


def test_sending_from_the_page_moves_the_phase_once_both_states_sent() -> None:
    w = world()
    clear(w, draft(w))
    client_of(w, "reviewer_focal").post(f"/phases/{w.phase.pk}/dialogue/feedback/send/")
    response = client_of(w, "reviewer2_focal").post(f"/phases/{w.phase.pk}/dialogue/feedback/send/", follow=True)
    assert "moves on to the dialogue" in response.content.decode()
    assert phase(w).stage == "dialogue"


def test_a_stale_tab_closing_a_thread_is_refused() -> None:
    w = world()
    thread = Thread.objects.get(feedback=clear(w, draft(w)))
    client = client_of(w, "reviewer_expert")
    client.post(f"/phases/{w.phase.pk}/dialogue/threads/{thread.pk}/close/", {"expected_version": 1})
    client_of(w, "focal").post(f"/phases/{w.phase.pk}/dialogue/threads/{thread.pk}/reopen/", {"expected_version": 2})
    stale = client.post(f"/phases/{w.phase.pk}/dialogue/threads/{thread.pk}/close/", {"expected_version": 1},
                        follow=True)
    assert "changed after you opened it" in stale.content.decode()
    assert Thread.objects.get(pk=thread.pk).stage == "open"


def test_meetings_are_recorded_and_edited_from_their_page() -> None:
    w = world()
    client = client_of(w, "focal")
    response = client.post(f"/phases/{w.phase.pk}/dialogue/meetings/", {
        "kind": "virtual", "held_on": "2026-02-20", "place": "Video link", "participants": "Austria; Kenya; Brazil",
        "minutes": "Article 5 discussed."}, follow=True)
    assert response.status_code == 200 and "Article 5 discussed." in response.content.decode()
    meeting = Meeting.objects.get()
    edit = client.get(f"/phases/{w.phase.pk}/dialogue/meetings/{meeting.pk}/")
    assert 'value="2026-02-20"' in edit.content.decode()
    refused = client.post(f"/phases/{w.phase.pk}/dialogue/meetings/", {"kind": "virtual", "held_on": "soon",
                                                                       "participants": "x"})
    assert refused.status_code == 400 and "YYYY-MM-DD" in refused.content.decode()
