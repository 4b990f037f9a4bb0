"""Written feedback, its clearing and sending, threads and meetings: what each step does and what it refuses."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.observations.dialogue.world import article, clear, cleared_thread, draft, phase, set_secretariat_role
from tests.observations.dialogue.world import submitted_world as world
from treatyreview.audit.models import AuditEvent
from treatyreview.errors import Conflict, InvalidInput, NotFound, NotPermitted
from treatyreview.observations.dialogue import services
from treatyreview.observations.dialogue.models import FeedbackItem, Meeting, Message, Thread
from treatyreview.registry.models import Article

pytestmark = pytest.mark.django_db


def test_an_expert_drafts_feedback_that_only_its_state_and_the_secretariat_see() -> None:
    w = world()
    item = draft(w)
    assert item.stage == "draft"
    assert item.reviewing_state.code == "KEN"
    assert item.revisions.count() == 1
    assert AuditEvent.objects.filter(action="feedback.save", target_id=str(item.pk)).exists()
    from treatyreview.observations.dialogue.permissions import can_read_feedback

    readers = {who for who, person in w.people.items() if can_read_feedback(person, item)}
    assert readers == {"secretariat", "reviewer_focal", "reviewer_expert"}


def test_clearing_by_the_focal_point_shows_it_to_the_state_under_review_and_opens_a_thread() -> None:
    w = world()
    item = clear(w, draft(w))
    assert item.stage == "cleared" and item.cleared_by == w.people["reviewer_focal"]
    assert Thread.objects.filter(feedback=item, stage="open").exists()
    from treatyreview.observations.dialogue.permissions import can_read_feedback

    assert can_read_feedback(w.people["expert"], item)
    assert can_read_feedback(w.people["reviewer2_expert"], item)
    assert not can_read_feedback(w.people["other_expert"], item)


def test_clearing_by_an_expert_or_another_states_focal_point_is_refused() -> None:
    w = world()
    item = draft(w)
    with pytest.raises(NotPermitted, match="focal point of Kenya"):
        clear(w, item, who="reviewer_expert")
    with pytest.raises(NotFound):
        clear(w, item, who="reviewer2_focal")
    with pytest.raises(NotFound):
        clear(w, item, who="focal")
    assert FeedbackItem.objects.get(pk=item.pk).stage == "draft"


def test_cleared_feedback_can_no_longer_be_edited() -> None:
    w = world()
    item = clear(w, draft(w))
    with pytest.raises(InvalidInput, match="can no longer be changed"):
        services.feedback_update(actor=w.people["reviewer_expert"], item=item, expected_version=item.version,
                                 text="Changed after clearing", kind="question")
    assert FeedbackItem.objects.get(pk=item.pk).text == item.text


def test_feedback_on_an_article_outside_the_phase_is_refused() -> None:
    w = world()
    outside = Article.objects.filter(instrument__code="UNTOC").exclude(cluster=1).first()
    with pytest.raises(InvalidInput, match="not reviewed in this phase") as refused:
        services.feedback_create(actor=w.people["reviewer_expert"], phase=phase(w), article=outside, text="Why?")
    assert refused.value.where == "article"
    assert not FeedbackItem.objects.exists()


def test_feedback_before_the_questionnaire_is_submitted_is_refused() -> None:
    from tests.questionnaires.answers.world import world as draft_world

    w = draft_world()
    with pytest.raises(InvalidInput, match="Self-assessment questionnaire") as refused:
        services.feedback_create(actor=w.people["reviewer_expert"], phase=w.phase, article=article(w), text="?")
    assert refused.value.where == "phase"


def test_the_state_under_review_and_an_unrelated_state_cannot_write_feedback() -> None:
    w = world()
    with pytest.raises(NotPermitted):
        services.feedback_create(actor=w.people["expert"], phase=phase(w), article=article(w), text="Self-review")
    with pytest.raises(NotFound):
        services.feedback_create(actor=w.people["other_expert"], phase=phase(w), article=article(w), text="?")


def test_empty_or_too_long_feedback_is_refused_naming_the_field() -> None:
    w = world()
    with pytest.raises(InvalidInput) as empty:
        draft(w, text="   ")
    assert empty.value.where == "text"
    with pytest.raises(InvalidInput, match="10000"):
        draft(w, text="x" * 10_001)
    with pytest.raises(InvalidInput) as kind:
        draft(w, kind="ranking")
    assert kind.value.where == "kind"


def test_a_stale_edit_is_a_conflict_and_keeps_the_stored_text() -> None:
    w = world()
    item = draft(w)
    services.feedback_update(actor=w.people["reviewer_focal"], item=item, expected_version=1, text="Focal's words",
                             kind="clarification")
    with pytest.raises(Conflict) as conflict:
        services.feedback_update(actor=w.people["reviewer_expert"], item=item, expected_version=1,
                                 text="Expert's words", kind="question")
    assert conflict.value.current_version == 2
    stored = FeedbackItem.objects.get(pk=item.pk)
    assert (stored.text, stored.kind) == ("Focal's words", "clarification")
    assert [r.text for r in stored.revisions.order_by("version")] == [item.text, "Focal's words"]


def test_the_secretariat_drafts_only_where_the_rules_say_it_drafts() -> None:
    w = world()
    with pytest.raises(NotPermitted):
        services.feedback_create(actor=w.people["secretariat"], phase=phase(w), article=article(w), text="Draft",
                                 reviewing_state=w.review.assignments.first().reviewer)
    set_secretariat_role(w, "drafts")
    item = services.feedback_create(actor=w.people["secretariat"], phase=phase(w), article=article(w),
                                    text="Drafted by the secretariat",
                                    reviewing_state=w.review.assignments.first().reviewer)
    assert item.stage == "draft"
    with pytest.raises(NotPermitted):
        services.feedback_clear(actor=w.people["secretariat"], item=item, expected_version=item.version)


def test_sending_needs_every_draft_cleared_or_withdrawn() -> None:
    w = world()
    kept = draft(w)
    dropped = draft(w, text="A second thought", index=1)
    with pytest.raises(InvalidInput, match="still drafts"):
        services.feedback_send(actor=w.people["reviewer_focal"], phase=phase(w))
    clear(w, kept)
    services.feedback_withdraw(actor=w.people["reviewer_expert"], item=dropped, expected_version=dropped.version)
    dispatch = services.feedback_send(actor=w.people["reviewer_focal"], phase=phase(w))
    assert dispatch.items == 1
    assert phase(w).stage == "feedback"  # Brazil has not sent yet
    with pytest.raises(InvalidInput, match="was sent on"):
        draft(w)


def test_the_phase_moves_to_the_dialogue_when_every_reviewing_state_sent_its_feedback() -> None:
    w = world()
    clear(w, draft(w))
    services.feedback_send(actor=w.people["reviewer_focal"], phase=phase(w))
    again = services.feedback_send(actor=w.people["reviewer_focal"], phase=phase(w))
    assert again.items == 1
    services.feedback_send(actor=w.people["reviewer2_focal"], phase=phase(w))
    moved = phase(w)
    assert moved.stage == "dialogue"
    assert moved.deadlines.get(stage="feedback").met_on == timezone.localdate()


def test_sending_by_an_expert_is_refused() -> None:
    w = world()
    with pytest.raises(NotPermitted):
        services.feedback_send(actor=w.people["reviewer_expert"], phase=phase(w))


def test_the_state_under_review_answers_in_the_thread_and_the_reviewing_state_closes_it() -> None:
    w = world()
    thread = cleared_thread(w)
    answer = services.message_post(actor=w.people["expert"], thread=thread, text="Section 278a applies.")
    assert answer.side == "under_review"
    twice = services.message_post(actor=w.people["expert"], thread=thread, text="Section 278a applies.")
    assert twice.pk == answer.pk
    services.message_post(actor=w.people["reviewer_expert"], thread=thread, text="Thank you.")
    with pytest.raises(NotPermitted):
        services.message_post(actor=w.people["reviewer2_expert"], thread=thread, text="Not my thread")
    with pytest.raises(NotPermitted):
        services.thread_close(actor=w.people["expert"], thread=thread, expected_version=1)
    closed = services.thread_close(actor=w.people["reviewer_expert"], thread=thread, expected_version=1,
                                   resolution="Answered")
    assert closed.stage == "closed"
    with pytest.raises(InvalidInput, match="closed as resolved"):
        services.message_post(actor=w.people["expert"], thread=thread, text="One more thing")
    assert Message.objects.filter(thread=thread).count() == 2
    reopened = services.thread_reopen(actor=w.people["focal"], thread=thread, expected_version=2)
    assert reopened.stage == "open"


def test_an_observer_only_reads_the_thread() -> None:
    w = world()
    thread = cleared_thread(w)
    with pytest.raises(NotPermitted):
        services.message_post(actor=w.people["observer"], thread=thread, text="Observer speaks")


def test_the_secretariat_comments_only_where_it_assists() -> None:
    w = world()
    thread = cleared_thread(w)
    comment = services.message_post(actor=w.people["secretariat"], thread=thread, text="Note from the secretariat")
    assert comment.side == "secretariat"
    set_secretariat_role(w, "none")
    thread = Thread.objects.get(pk=thread.pk)
    with pytest.raises(NotPermitted):
        services.message_post(actor=w.people["secretariat"], thread=thread, text="Another")


def test_a_meeting_is_recorded_with_date_participants_and_minutes() -> None:
    w = world()
    meeting = services.meeting_save(actor=w.people["reviewer_focal"], phase=phase(w), kind="virtual",
                                    held_on=dt.date(2026, 3, 2), participants="Austria, Kenya, Brazil",
                                    minutes="Discussed article 5.")
    assert meeting.version == 1
    changed = services.meeting_save(actor=w.people["focal"], phase=phase(w), meeting=meeting, expected_version=1,
                                    kind="vienna", held_on="2026-03-03", participants="Austria, Kenya, Brazil",
                                    minutes="Discussed articles 5 and 6.")
    assert (changed.version, changed.kind) == (2, "vienna")
    with pytest.raises(Conflict):
        services.meeting_save(actor=w.people["focal"], phase=phase(w), meeting=meeting, expected_version=1,
                              kind="vienna", held_on="2026-03-03", participants="x", minutes="")
    with pytest.raises(InvalidInput) as bad_date:
        services.meeting_save(actor=w.people["focal"], phase=phase(w), kind="virtual", held_on="2020-01-01",
                              participants="x")
    assert bad_date.value.where == "held_on"
    with pytest.raises(NotPermitted):
        services.meeting_save(actor=w.people["expert"], phase=phase(w), kind="virtual", held_on="2026-03-03",
                              participants="x")
    assert Meeting.objects.count() == 1
