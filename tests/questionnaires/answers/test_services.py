"""Answering, saving, conflicts, submission and reopening of a phase's questionnaire."""

from __future__ import annotations

from typing import Any

import pytest

from tests.questionnaires.answers.world import World, answer_all, save, world
from treatyreview.audit.models import AuditEvent
from treatyreview.errors import Conflict, InvalidInput, NotFound, NotPermitted
from treatyreview.questionnaires.answers import services
from treatyreview.questionnaires.answers.models import Answer, AnswerRevision
from treatyreview.reviews.models import Phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> World:
    return world()


def first_code(w: World) -> str:
    return w.questionnaire.answers.filter(question__type="yes_no").order_by("question__position")[0].question.code


def test_opening_a_phase_creates_one_answer_per_question_of_its_articles(w: World) -> None:
    assert w.questionnaire.answers.count() == 6
    assert services.questionnaire_open(actor=w.people["secretariat"], phase=w.phase) == w.questionnaire


def test_a_save_keeps_every_version_and_is_audited(w: World) -> None:
    code = first_code(w)
    save(w, "expert", code, choice="no", text="Not yet.")
    save(w, "expert2", code, choice="yes", text="Adopted in 2025.",
         citations=[{"reference": "Criminal Code, section 278", "url": ""}])
    answer = w.answer(code)
    assert (answer.choice, answer.version, answer.updated_by) == ("yes", 3, w.people["expert2"])
    assert [r.text for r in AnswerRevision.objects.filter(answer=answer)] == ["Not yet.", "Adopted in 2025."]
    assert AuditEvent.objects.filter(action="answer.save", target_id=str(answer.pk)).count() == 2


def test_a_second_save_from_a_stale_version_is_refused_with_the_current_version(w: World) -> None:
    code = first_code(w)
    stale = w.answer(code)
    save(w, "expert", code, choice="yes", text="First expert's text.")
    with pytest.raises(Conflict) as refused:
        services.answer_save(actor=w.people["expert2"], answer=stale, expected_version=stale.version,
                             content={"choice": "no", "text": "Second expert's text."})
    assert refused.value.current_version == 2
    assert w.answer(code).text == "First expert's text."


@pytest.mark.parametrize(("content", "where"), [
    ({"choice": "maybe"}, "choice"),
    ({"language": "de"}, "language"),
    ({"text": "x" * 20_001}, "text"),
    ({"text": "null\x00byte"}, "text"),
    ({"citations": [{"reference": "", "url": "https://example.org"}]}, "citation 1"),
    ({"citations": [{"reference": "Code", "url": "javascript:alert(1)"}]}, "citation 1"),
    ({"citations": [{"reference": "Code"}] * 21}, "citations"),
    ({"citations": "Criminal Code"}, "citations"),
    ({"other_bodies": [{"body": "interpol", "reference": "report"}]}, "other review body 1"),
    ({"other_bodies": [{"body": "fatf", "reference": ""}]}, "other review body 1"),
    ({"statistics": [{"label": "Convictions", "year": "", "value": 3}]}, "statistics, row 1"),
    ({"statistics": [{"label": "Convictions", "year": 1066, "value": 3}]}, "statistics, row 1"),
    ({"statistics": [{"label": "Convictions", "year": 2024, "value": -1}]}, "statistics, row 1"),
    ({"statistics": [{"label": "Convictions", "year": 2024, "value": "many"}]}, "statistics, row 1"),
])
def test_bad_input_is_refused_naming_where_and_nothing_is_saved(w: World, content: dict[str, Any], where: str) -> None:
    code = first_code(w)
    before = w.answer(code)
    with pytest.raises(InvalidInput) as refused:
        services.answer_save(actor=w.people["expert"], answer=before, expected_version=before.version, content=content)
    assert refused.value.where == where
    after = w.answer(code)
    assert (after.version, after.content()) == (before.version, before.content())
    assert not AnswerRevision.objects.filter(answer=after).exists()


def test_an_observer_reads_but_cannot_answer(w: World) -> None:
    code = first_code(w)
    with pytest.raises(NotPermitted):
        save(w, "observer", code, choice="yes")


@pytest.mark.parametrize("who", ["reviewer_expert", "other_expert", "secretariat", "delegate", "nobody"])
def test_nobody_outside_the_state_under_review_can_touch_a_draft(w: World, who: str) -> None:
    with pytest.raises(NotFound):
        save(w, who, first_code(w), choice="yes")


def test_only_the_focal_point_submits(w: World) -> None:
    answer_all(w)
    with pytest.raises(NotPermitted) as refused:
        services.questionnaire_submit(actor=w.people["expert"], questionnaire=w.fresh(),
                                      expected_version=w.fresh().version)
    assert "focal point" in refused.value.message
    assert w.fresh().stage == "draft"


def test_submission_is_refused_while_questions_are_open_or_a_yes_cites_no_law(w: World) -> None:
    code = first_code(w)
    save(w, "expert", code, choice="yes", text="Adopted.")
    with pytest.raises(InvalidInput) as refused:
        services.questionnaire_submit(actor=w.people["focal"], questionnaire=w.fresh(),
                                      expected_version=w.fresh().version)
    problems = " | ".join(refused.value.problems)
    assert "cites no legislation" in problems and "is not answered" in problems
    assert w.fresh().stage == "draft"


def test_submitting_opens_the_answers_to_the_reviewers_and_moves_the_phase_to_feedback(w: World) -> None:
    answer_all(w)
    services.questionnaire_submit(actor=w.people["focal"], questionnaire=w.fresh(), expected_version=w.fresh().version)
    assert w.fresh().stage == "submitted"
    assert Phase.objects.get(pk=w.phase.pk).stage == "feedback"
    with pytest.raises(InvalidInput) as refused:
        save(w, "expert", first_code(w), choice="no")
    assert "was submitted on" in refused.value.message


def test_a_second_click_on_submit_is_a_conflict_and_changes_nothing(w: World) -> None:
    answer_all(w)
    read = w.fresh()
    services.questionnaire_submit(actor=w.people["focal"], questionnaire=read, expected_version=read.version)
    with pytest.raises((Conflict, InvalidInput)):
        services.questionnaire_submit(actor=w.people["focal"], questionnaire=read, expected_version=read.version)
    assert AuditEvent.objects.filter(action="questionnaire.submit").count() == 1


def test_the_secretariat_reopens_a_submitted_questionnaire_with_a_reason(w: World) -> None:
    answer_all(w)
    services.questionnaire_submit(actor=w.people["focal"], questionnaire=w.fresh(), expected_version=w.fresh().version)
    with pytest.raises(InvalidInput):
        services.questionnaire_reopen(actor=w.people["secretariat"], questionnaire=w.fresh(),
                                      expected_version=w.fresh().version, reason=" ")
    services.questionnaire_reopen(actor=w.people["secretariat"], questionnaire=w.fresh(),
                                  expected_version=w.fresh().version, reason="Note verbale NV/AUT/2026/7")
    assert w.fresh().stage == "draft"
    save(w, "expert", first_code(w), choice="yes_in_part", citations=[{"reference": "Criminal Code, s. 278"}])


def test_a_later_phase_is_prefilled_from_the_states_submitted_answers_marked_carried_over(w: World) -> None:
    answer_all(w)
    services.questionnaire_submit(actor=w.people["focal"], questionnaire=w.fresh(), expected_version=w.fresh().version)
    later = world(name="Second cycle")
    # The same question codes in the later cycle's template: the State's answers are carried over.
    carried = Answer.objects.filter(questionnaire=later.questionnaire, carried_over=True)
    assert carried.count() == 6
    answer = carried.filter(question__type="yes_no").first()
    assert answer is not None and answer.choice == "yes" and answer.carried_from is not None
    # Saving a carried-over answer makes it this phase's answer.
    answer_all(later)
    assert not Answer.objects.filter(questionnaire=later.questionnaire, carried_over=True).exists()


def test_a_carried_over_answer_is_confirmed_unchanged(w: World) -> None:
    answer_all(w)
    services.questionnaire_submit(actor=w.people["focal"], questionnaire=w.fresh(), expected_version=w.fresh().version)
    later = world(name="Second cycle")
    answer = Answer.objects.filter(questionnaire=later.questionnaire, carried_over=True).first()
    assert answer is not None
    with pytest.raises(InvalidInput) as refused:
        services.questionnaire_submit(actor=later.people["focal"], questionnaire=later.fresh(),
                                      expected_version=later.fresh().version)
    assert any("not yet confirmed" in problem for problem in refused.value.problems)
    confirmed = services.answer_confirm(actor=later.people["expert"], answer=answer, expected_version=answer.version)
    assert not confirmed.carried_over and confirmed.text == answer.text and confirmed.version == answer.version + 1


def test_an_answer_cites_a_record_of_the_knowledge_library_and_its_title_names_it(w: World) -> None:
    from treatyreview.knowledge.demo import demo_library_create
    from treatyreview.knowledge.models import LegalRecord

    demo_library_create(w.people["secretariat"])
    record = LegalRecord.objects.filter(visibility="public").first()
    assert record is not None
    code = w.questionnaire.answers.filter(question__type="citation").order_by("question__position")[0].question.code
    saved = save(w, "expert", code, citations=[{"reference": "", "url": "", "record": record.pk}])
    assert saved.citations[0]["record"] == record.pk and saved.citations[0]["reference"] == str(record)[:500]
    with pytest.raises(InvalidInput) as refused:
        save(w, "expert", code, citations=[{"reference": "", "url": "", "record": 10**9}])
    assert refused.value.where == "citation 1" and "knowledge library" in refused.value.message
