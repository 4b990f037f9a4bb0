"""Writes to questionnaire templates: drafts, edits, publication and withdrawal, each audited; a published
version never changes; a stale write is a conflict; a refusal changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.questionnaires.books import FOLLOW_UP, QUESTION, workbook
from treatyreview.accounts.models import Role
from treatyreview.audit.models import AuditEvent
from treatyreview.errors import Conflict, InvalidInput, NotPermitted
from treatyreview.questionnaires.models import Question, TemplateVersion
from treatyreview.questionnaires.saq import selectors, services
from treatyreview.questionnaires.saq.choices import condition_met
from treatyreview.questionnaires.saq.demo import demo_template_create
from treatyreview.registry.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(secretariat: Any) -> TemplateVersion:
    return services.template_import(actor=secretariat, content=workbook([QUESTION, FOLLOW_UP]), filename="t.xlsx")


def _edit(actor: Any, question: Question, **changes: Any) -> Question:
    values: dict[str, Any] = {
        "paragraph": question.paragraph, "type": question.type, "condition": question.condition,
        "text": dict(question.text), "guidance": dict(question.guidance), "expected_revision": question.revision,
    }
    values.update(changes)
    return services.question_update(actor=actor, question=question, **values)


def _actions() -> list[str]:
    events = AuditEvent.objects.filter(action__startswith="template.").order_by("pk")
    return list(events.values_list("action", flat=True))


def test_every_write_is_audited(secretariat: Any, draft: TemplateVersion) -> None:
    question = draft.questions.get(code="untoc-5")
    _edit(secretariat, question, text={**question.text, "es": "¿Ha tipificado su Estado?"})
    draft.refresh_from_db()
    services.version_publish(actor=secretariat, version=draft, expected_revision=draft.revision)
    second = services.version_draft_create(actor=secretariat, template=draft.template)
    services.version_withdraw(actor=secretariat, version=second, expected_revision=second.revision, reason="unused")
    assert _actions() == [
        "template.import", "template.question_update", "template.publish", "template.new_draft", "template.withdraw",
    ]
    edit = AuditEvent.objects.get(action="template.question_update")
    assert edit.before == {"text": QUESTION_TEXTS} and edit.after["text"]["es"] == "¿Ha tipificado su Estado?"


QUESTION_TEXTS = {"en": QUESTION["text_en"], "fr": QUESTION["text_fr"]}


def test_a_published_version_never_changes(secretariat: Any, draft: TemplateVersion) -> None:
    services.version_publish(actor=secretariat, version=draft, expected_revision=draft.revision)
    question = draft.questions.get(code="untoc-5")
    with pytest.raises(InvalidInput, match="is Published and cannot change"):
        _edit(secretariat, question, text={"en": "Another question?"})
    question.refresh_from_db()
    assert question.text == QUESTION_TEXTS


def test_a_stale_edit_is_a_conflict_carrying_the_current_revision(secretariat: Any, draft: TemplateVersion) -> None:
    question = draft.questions.get(code="untoc-5")
    _edit(secretariat, question, text={"en": "First edit?"})
    with pytest.raises(Conflict) as conflict:
        _edit(secretariat, question, text={"en": "Second edit from an old form?"}, expected_revision=1)
    assert conflict.value.current_version == 2
    question.refresh_from_db()
    assert question.text == {"en": "First edit?"}


def test_publishing_what_was_not_read_is_a_conflict(secretariat: Any, draft: TemplateVersion) -> None:
    read = draft.revision
    _edit(secretariat, draft.questions.get(code="untoc-5"), text={"en": "Changed meanwhile?"})
    with pytest.raises(Conflict):
        services.version_publish(actor=secretariat, version=draft, expected_revision=read)
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_template_has_one_draft_at_a_time(secretariat: Any, draft: TemplateVersion) -> None:
    with pytest.raises(InvalidInput, match="already has a draft"):
        services.version_draft_create(actor=secretariat, template=draft.template)
    with pytest.raises(InvalidInput, match="already has a draft"):
        services.template_import(actor=secretariat, content=workbook([QUESTION]))
    assert TemplateVersion.objects.count() == 1


def test_a_new_draft_copies_the_newest_version_whole(secretariat: Any) -> None:
    published = demo_template_create(actor=secretariat)
    draft = services.version_draft_create(actor=secretariat, template=published.template, note="2027 revision")
    def shape(version: TemplateVersion) -> list[tuple[Any, ...]]:
        return [(q.code, q.article_id, q.type, q.parent.code if q.parent else "", q.condition, q.text, q.guidance)
                for q in selectors.version_questions(version)]
    assert draft.number == 2 and draft.status == "draft" and draft.note == "2027 revision"
    assert shape(draft) == shape(published)
    assert not Question.objects.filter(version=draft, parent__version=published).exists()


def test_a_type_with_conditional_follow_ups_stays_yes_no(secretariat: Any, draft: TemplateVersion) -> None:
    with pytest.raises(InvalidInput, match="clear their conditions") as refusal:
        _edit(secretariat, draft.questions.get(code="untoc-5"), type="text")
    assert refusal.value.where == "type"


def test_a_control_character_in_an_edit_is_refused_naming_the_field(secretariat: Any, draft: TemplateVersion) -> None:
    with pytest.raises(InvalidInput) as refusal:
        _edit(secretariat, draft.questions.get(code="untoc-5"), guidance={"ar": "نص\x00"})
    assert refusal.value.where == "guidance_ar"


def test_only_the_secretariat_writes_templates(make_user: Any, draft: TemplateVersion) -> None:
    expert = make_user(Role.EXPERT, state="AUT")
    with pytest.raises(NotPermitted):
        services.template_import(actor=expert, content=workbook([QUESTION], name="other"))
    with pytest.raises(NotPermitted):
        services.version_publish(actor=expert, version=draft, expected_revision=draft.revision)
    with pytest.raises(NotPermitted):
        _edit(expert, draft.questions.get(code="untoc-5"), text={"en": "Mine?"})


def test_the_questions_of_a_phase_come_by_article_each_followed_by_its_follow_ups(secretariat: Any) -> None:
    version = demo_template_create(actor=secretariat)
    articles = Article.objects.filter(instrument__code__in=["TIP", "UNTOC"], number__in=[5, 6])
    codes = [q.code for q in selectors.questions_for_articles(version, articles)]
    assert codes == [
        "untoc-5", "untoc-5-legislation", "untoc-5-challenges", "untoc-5-cases",
        "untoc-6", "untoc-6-legislation", "untoc-6-challenges", "untoc-6-cases",
        "tip-5", "tip-5-legislation", "tip-5-challenges", "tip-5-cases",
        "tip-6", "tip-6-legislation", "tip-6-challenges",
    ]


def test_the_demo_template_asks_about_every_article_in_six_languages(secretariat: Any) -> None:
    version = demo_template_create(actor=secretariat)
    assert demo_template_create(actor=secretariat) == version  # idempotent
    questions = list(version.questions.select_related("article"))
    assert version.status == "published" and len(questions) >= 300
    assert {q.article_id for q in questions} == set(Article.objects.values_list("pk", flat=True))
    first = version.questions.get(code="untoc-1")
    assert first.text["en"] == "Has your State adopted the measures required by article 1 (Statement of purpose)?"
    assert first.text["fr"] == "Votre État a-t-il adopté les mesures requises par l’article 1 (Objet) ?"
    assert all(set(q.text) == {"ar", "zh", "en", "fr", "ru", "es"} for q in questions)
    assert all(q.text[lang] != q.text["en"] for q in questions for lang in ("ar", "zh", "fr", "ru", "es"))


def test_a_follow_up_is_shown_on_the_answers_its_condition_names() -> None:
    assert condition_met("yes_or_in_part", "yes_in_part") and not condition_met("yes_or_in_part", "no")
    assert condition_met("no", "no") and not condition_met("no", None)
    assert condition_met("", None)
