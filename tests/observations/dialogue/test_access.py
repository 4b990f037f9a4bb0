"""Who reads and who writes the written feedback, its threads and messages and the meetings, at every stage,
through the pages and the API: everyone not entitled gets 404, and every read is logged."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from tests.observations.dialogue.world import EXTRA, clear, draft, phase
from tests.observations.dialogue.world import submitted_world as world
from tests.questionnaires.answers.world import PEOPLE
from tests.questionnaires.answers.world import world as draft_world
from treatyreview.audit.models import AuditEvent
from treatyreview.observations.dialogue import services
from treatyreview.observations.dialogue.models import FeedbackItem, Meeting, Message, Thread

pytestmark = pytest.mark.django_db

EVERYONE = [*PEOPLE, *EXTRA, "anonymous"]
UNDER_REVIEW = {"focal", "expert", "expert2", "observer"}
KENYA = {"reviewer_focal", "reviewer_expert"}
BRAZIL = {"reviewer_observer", "reviewer2_focal", "reviewer2_expert"}
PARTICIPANTS = {"secretariat"} | UNDER_REVIEW | KENYA | BRAZIL
STAGES = ["questionnaire", "feedback_draft", "feedback_cleared", "dialogue"]


def client_of(w: Any, who: str) -> Client:
    client = Client()
    if who != "anonymous":
        client.force_login(w.people[who])
    return client


def staged(stage: str) -> tuple[Any, dict[str, Any]]:
    """A world at `stage`, with the texts that should and should not show."""
    if stage == "questionnaire":
        w = draft_world()
        for key in EXTRA:
            from tests.questionnaires.answers.world import user

            w.people[key] = user(key, *EXTRA[key])
        return w, {}
    w = world()
    hidden = draft(w, text="Draft of Kenya, not yet cleared")
    facts: dict[str, Any] = {"draft": hidden}
    meeting = services.meeting_save(actor=w.people["focal"], phase=phase(w), kind="virtual",
                                    held_on=dt.date(2026, 2, 1), participants="Austria, Kenya, Brazil",
                                    minutes="Minutes of the first meeting")
    facts["meeting"] = meeting
    if stage in ("feedback_cleared", "dialogue"):
        cleared = clear(w, draft(w, text="Cleared question of Kenya"))
        facts["cleared"] = cleared
        facts["thread"] = Thread.objects.get(feedback=cleared)
        services.message_post(actor=w.people["expert"], thread=facts["thread"], text="Answer of Austria in thread")
    if stage == "dialogue":
        services.feedback_withdraw(actor=w.people["reviewer_expert"], item=hidden, expected_version=hidden.version)
        services.feedback_send(actor=w.people["reviewer_focal"], phase=phase(w))
        services.feedback_send(actor=w.people["reviewer2_focal"], phase=phase(w))
        assert phase(w).stage == "dialogue"
    return w, facts


@pytest.mark.parametrize("stage", STAGES)
def test_every_role_reads_only_what_it_is_entitled_to_through_pages_and_api(stage: str) -> None:
    w, facts = staged(stage)
    for who in EVERYONE:
        _reads(w, facts, stage, who)


def _reads(w: Any, facts: dict[str, Any], stage: str, who: str) -> None:
    client = client_of(w, who)
    reads_before = AuditEvent.objects.filter(action="feedback.read").count()
    page = client.get(f"/phases/{w.phase.pk}/dialogue/")
    meetings = client.get(f"/phases/{w.phase.pk}/dialogue/meetings/")
    feedback_api = client.get(f"/api/reviews/{w.review.pk}/feedback")
    threads_api = client.get(f"/api/reviews/{w.review.pk}/threads")
    entitled = who in PARTICIPANTS and stage != "questionnaire"
    if who == "anonymous":
        assert (page.status_code, meetings.status_code) == (404, 404)
        assert (feedback_api.status_code, threads_api.status_code) == (401, 401)
        return
    expected = 200 if entitled else 404
    assert (page.status_code, meetings.status_code, feedback_api.status_code, threads_api.status_code) == (
        expected, expected, expected, expected)
    if not entitled:
        assert AuditEvent.objects.filter(action="feedback.read").count() == reads_before
        if "meeting" in facts:
            assert client.get(f"/phases/{w.phase.pk}/dialogue/meetings/{facts['meeting'].pk}/").status_code == 404
        return
    assert AuditEvent.objects.filter(action="feedback.read", actor=w.people[who]).count() > 0
    body = page.content.decode()
    texts = [item["text"] for item in feedback_api.json()]
    sees_drafts = who in KENYA or who == "secretariat"
    assert ("Draft of Kenya, not yet cleared" in body) == sees_drafts
    assert ("Draft of Kenya, not yet cleared" in texts) == sees_drafts
    if "cleared" in facts:
        assert "Cleared question of Kenya" in texts
        assert "Answer of Austria in thread" in body
        assert [m["text"] for t in threads_api.json() for m in t["messages"]] == ["Answer of Austria in thread"]
    assert "Minutes of the first meeting" in meetings.content.decode()
    assert client.get(f"/phases/{w.phase.pk}/dialogue/meetings/{facts['meeting'].pk}/").status_code == 200


WRITERS = {"reviewer_focal", "reviewer_expert", "reviewer2_focal", "reviewer2_expert"}


def test_who_writes_feedback_through_the_page_and_the_api() -> None:
    w, _facts = staged("feedback_draft")
    for who in EVERYONE:
        _writes_feedback(w, who)


def _writes_feedback(w: Any, who: str) -> None:
    client = client_of(w, who)
    before = FeedbackItem.objects.count()
    from treatyreview.reviews.phases.selectors import phase_articles

    article = phase_articles(w.phase)[0]
    page = client.post(f"/phases/{w.phase.pk}/dialogue/feedback/", {"article": article.pk, "text": "Page question"})
    api = client.post(f"/api/reviews/{w.review.pk}/feedback", {
        "phase": 1, "instrument": "UNTOC", "article": article.number, "text": "API question"},
        content_type="application/json")
    made = FeedbackItem.objects.count() - before
    if who in WRITERS:
        assert (page.status_code, api.status_code, made) == (302, 201, 2)
    elif who == "anonymous":
        assert (page.status_code, api.status_code, made) == (404, 401, 0)
    elif who in PARTICIPANTS:
        assert page.status_code in (400, 403) and api.status_code in (400, 403) and made == 0
    else:
        assert (page.status_code, api.status_code, made) == (404, 404, 0)


def test_only_the_reviewing_focal_point_clears_its_feedback() -> None:
    w, facts = staged("feedback_draft")
    # The one who may comes last: until then the item is a draft for everyone else to try.
    for who in [*(who for who in EVERYONE if who != "reviewer_focal"), "reviewer_focal"]:
        _clears(w, facts["draft"], who)


def _clears(w: Any, item: Any, who: str) -> None:
    item = FeedbackItem.objects.get(pk=item.pk)
    client = client_of(w, who)
    api = client.post(f"/api/reviews/{w.review.pk}/feedback/{item.pk}/clear", {"version": item.version},
                      content_type="application/json")
    cleared = FeedbackItem.objects.get(pk=item.pk).stage == "cleared"
    assert cleared == (who == "reviewer_focal")
    if who == "reviewer_focal":
        assert api.status_code == 200
    elif who == "anonymous":
        assert api.status_code == 401
    elif who in KENYA or who == "secretariat":
        assert api.status_code == 403
    else:
        assert api.status_code == 404  # a draft of Kenya's: nobody else may know it exists


@pytest.mark.parametrize("stage", ["feedback_cleared", "dialogue"])
def test_who_writes_in_a_thread_and_who_closes_it(stage: str) -> None:
    w, facts = staged(stage)
    for who in [*(who for who in EVERYONE if who not in KENYA), *sorted(KENYA)]:
        if Thread.objects.get(pk=facts["thread"].pk).stage == "closed":
            services.thread_reopen(actor=w.people["focal"], thread=facts["thread"],
                                   expected_version=Thread.objects.get(pk=facts["thread"].pk).version)
        _writes_in_thread(w, facts["thread"], who)


def _writes_in_thread(w: Any, thread: Any, who: str) -> None:
    client = client_of(w, who)
    before = Message.objects.count()
    posted = client.post(f"/api/reviews/{w.review.pk}/threads/{thread.pk}/messages", {"text": f"From {who}"},
                         content_type="application/json")
    writes = {"focal", "expert", "expert2", "reviewer_focal", "reviewer_expert", "secretariat"}  # rules: assists
    assert (Message.objects.count() - before == 1) == (who in writes)
    if who == "anonymous":
        assert posted.status_code == 401
    elif who in writes:
        assert posted.status_code == 201
    elif who in PARTICIPANTS:
        assert posted.status_code == 403
    else:
        assert posted.status_code == 404
    closed = client.post(f"/api/reviews/{w.review.pk}/threads/{thread.pk}/close",
                         {"version": Thread.objects.get(pk=thread.pk).version}, content_type="application/json")
    assert (Thread.objects.get(pk=thread.pk).stage == "closed") == (who in KENYA)
    assert closed.status_code == (200 if who in KENYA else 401 if who == "anonymous"
                                  else 403 if who in PARTICIPANTS else 404)


def test_who_records_a_meeting() -> None:
    w, _facts = staged("feedback_draft")
    for who in EVERYONE:
        _records_meeting(w, who)


def _records_meeting(w: Any, who: str) -> None:
    client = client_of(w, who)
    before = Meeting.objects.count()
    response = client.post(f"/phases/{w.phase.pk}/dialogue/meetings/", {
        "kind": "vienna", "held_on": "2026-03-01", "participants": "Delegations", "minutes": ""})
    recorders = {"focal", "reviewer_focal", "reviewer2_focal", "secretariat"}
    assert (Meeting.objects.count() - before == 1) == (who in recorders)
    if who in recorders:
        assert response.status_code == 302
    elif who in PARTICIPANTS:
        assert response.status_code == 403
    else:
        assert response.status_code == 404
