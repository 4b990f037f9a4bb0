"""Every write to questionnaire templates: import a workbook, start a draft, edit a draft's question, publish.

Each is one transaction with its audit event; a refusal changes nothing. A published version is never
changed: editing starts a new draft copied from the newest version (ADR 0014).
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from treatyreview.accounts.models import User
from treatyreview.accounts.permissions import roles_of
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.errors import InvalidInput, require, require_step, require_version
from treatyreview.locking import locked
from treatyreview.mechanism.workflow import SECRETARIAT
from treatyreview.questionnaires.saq.choices import (
    GUIDANCE_MAX,
    NOTE_MAX,
    PARAGRAPH_MAX,
    TEMPLATE_LANGUAGES,
    TEXT_MAX,
    TITLE_MAX,
    VersionStatus,
)
from treatyreview.questionnaires.saq.models import Question, QuestionnaireTemplate, TemplateVersion
from treatyreview.questionnaires.saq.permissions import can_edit_templates
from treatyreview.questionnaires.saq.validation import condition_problem, normalized, text_problem, type_problem
from treatyreview.questionnaires.saq.workbooks import QuestionRow, TemplateWorkbook, workbook_read
from treatyreview.questionnaires.saq.workflow import STEP_LABELS, TEMPLATE_VERSION
from treatyreview.registry.models import Article


def _require_editor(actor: User | None) -> None:
    require(can_edit_templates(actor), _("Only the secretariat edits questionnaire templates."))


def _roles(actor: User | None) -> set[str]:
    # The operator at the command line acts for the secretariat.
    return {SECRETARIAT} if actor is None else roles_of(actor)


def _stage_labels() -> dict[str, Any]:
    return dict(VersionStatus.choices)


def _require_draft(version: TemplateVersion) -> None:
    if version.status != VersionStatus.DRAFT:
        raise InvalidInput("status", _(
            "version %(number)s of “%(name)s” is %(status)s and cannot change; create a new draft to edit it"
        ) % {"number": version.number, "name": version.template.name, "status": version.get_status_display()})


def _clean_note(note: str) -> str:
    note = normalized(note)
    if problem := text_problem(note, NOTE_MAX):
        raise InvalidInput("note", problem)
    return note


def _clean_title(title: dict[str, str]) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    for lang, text in title.items():
        if lang not in TEMPLATE_LANGUAGES:
            raise InvalidInput(f"title_{lang}", _("“%(lang)s” is not a UN language") % {"lang": lang})
        text = normalized(text)
        if problem := text_problem(text, TITLE_MAX):
            raise InvalidInput(f"title_{lang}", problem)
        if text:
            cleaned[lang] = text
    return cleaned


def _actor_or_none(actor: User | None) -> User | None:
    return actor if actor is not None and actor.is_authenticated else None


def _next_number(template: QuestionnaireTemplate) -> int:
    return (template.versions.aggregate(highest=Max("number"))["highest"] or 0) + 1


def _new_draft(template: QuestionnaireTemplate, actor: User | None, note: str) -> TemplateVersion:
    draft = template.versions.filter(status=VersionStatus.DRAFT).first()
    if draft is not None:
        raise InvalidInput("template", _(
            "“%(name)s” already has a draft (version %(number)s); publish or withdraw it first, "
            "so that no one's edits are lost"
        ) % {"name": template.name, "number": draft.number})
    try:
        with transaction.atomic():
            return TemplateVersion.objects.create(
                template=template, number=_next_number(template), note=note, created_by=_actor_or_none(actor)
            )
    except IntegrityError:  # another draft was started at the same moment
        raise InvalidInput("template", _(
            "someone else started a draft of “%(name)s” at the same moment; reload the page"
        ) % {"name": template.name}) from None


def _questions_create(version: TemplateVersion, rows: list[QuestionRow]) -> list[Question]:
    articles = {
        (article.instrument.code, article.number): article
        for article in Article.objects.select_related("instrument")
    }
    created: dict[str, Question] = {}
    for position, row in enumerate(rows, start=1):
        article = articles[(row.instrument, row.article)]
        created[row.code] = Question(
            version=version, code=row.code, instrument=article.instrument, article=article,
            paragraph=row.paragraph, type=row.type, condition=row.condition, position=position,
            text=row.text, guidance=row.guidance,
        )
    # Parents first, so that each follow-up is stored with its parent (a condition needs one).
    Question.objects.bulk_create([created[row.code] for row in rows if not row.parent])
    for row in rows:
        if row.parent:
            created[row.code].parent = created[row.parent]
    Question.objects.bulk_create([created[row.code] for row in rows if row.parent])
    return list(created.values())


def _template_get_or_create(name: str, title: dict[str, str]) -> tuple[QuestionnaireTemplate, bool]:
    template, created = QuestionnaireTemplate.objects.get_or_create(
        name=name, defaults={"title": title or {"en": name}}
    )
    return template, created


@transaction.atomic
def template_import(
    *, actor: User | None, content: bytes, filename: str = "", name: str = "", note: str = ""
) -> TemplateVersion:
    """Import a workbook as a new draft version of its template (the template is created when new).

    The workbook's questions replace nothing: they become the next version, a draft. A workbook with any
    problem is refused whole, naming every problem's sheet, row and column.
    """
    _require_editor(actor)
    note = _clean_note(note)
    articles = set(Article.objects.values_list("instrument__code", "number"))
    book = workbook_read(content, articles=articles, name=name.strip())
    title = _clean_title(book.title)
    template, created = _template_get_or_create(book.name, title)
    if not created and title and title != template.title:
        before = template.title
        template.title = title
        template.save(update_fields=["title"])
    else:
        before = None
    version = _new_draft(template, actor, note)
    questions = _questions_create(version, list(book.questions))
    audit.record(
        actor=actor, action=AuditAction.TEMPLATE_IMPORT, target=version,
        before={"title": before} if before is not None else None,
        after={"file": filename, "questions": len(questions), "template_created": created, "title": template.title},
    )
    return version


@transaction.atomic
def template_create(*, actor: User | None, name: str, title: dict[str, str]) -> QuestionnaireTemplate:
    """A new template with no version yet (a first draft comes from an import or from `version_draft_create`)."""
    _require_editor(actor)
    title = _clean_title(title)
    if not title.get("en"):
        raise InvalidInput("title_en", _("the English title is empty; every template has one"))
    if QuestionnaireTemplate.objects.filter(name=name).exists():
        raise InvalidInput("name", _("a template named “%(name)s” exists already") % {"name": name})
    template = QuestionnaireTemplate(name=name, title=title)
    template.full_clean()
    template.save()
    audit.record(actor=actor, action=AuditAction.TEMPLATE_CREATE, target=template, after={"title": title})
    return template


@transaction.atomic
def version_draft_create(*, actor: User | None, template: QuestionnaireTemplate, note: str = "") -> TemplateVersion:
    """A new draft copied from the newest version (published or withdrawn), or an empty one for a new template."""
    _require_editor(actor)
    note = _clean_note(note)
    template = QuestionnaireTemplate.objects.select_for_update().get(pk=template.pk)
    source = template.versions.order_by("-number").first()
    draft = _new_draft(template, actor, note)
    copied = 0
    if source is not None:
        rows = [
            QuestionRow(
                code=q.code, instrument=q.instrument.code, article=q.article.number, paragraph=q.paragraph,
                type=q.type, parent=q.parent.code if q.parent else "", condition=q.condition,
                text=q.text, guidance=q.guidance,
            )
            for q in source.questions.select_related("instrument", "article", "parent").order_by("position", "pk")
        ]
        copied = len(_questions_create(draft, rows))
    audit.record(
        actor=actor, action=AuditAction.TEMPLATE_DRAFT_CREATE, target=draft,
        after={"from_version": source.number if source else None, "questions": copied, "note": note},
    )
    return draft


def _clean_texts(values: dict[str, str], prefix: str, limit: int) -> dict[str, str]:
    texts: dict[str, str] = {}
    for lang in TEMPLATE_LANGUAGES:
        text = normalized(values.get(lang, ""))
        if problem := text_problem(text, limit):
            raise InvalidInput(f"{prefix}_{lang}", problem)
        if text:
            texts[lang] = text
    return texts


@transaction.atomic
def question_update(
    *,
    actor: User | None,
    question: Question,
    expected_revision: int | None,
    paragraph: str,
    type: str,
    condition: str,
    text: dict[str, str],
    guidance: dict[str, str],
) -> Question:
    """Change one question of a draft; refused as a conflict when someone changed it since it was read."""
    _require_editor(actor)
    question = (
        locked(Question.objects)
        .select_related("version__template", "parent")
        .get(pk=question.pk)
    )
    version = TemplateVersion.objects.select_for_update().get(pk=question.version_id)
    _require_draft(version)
    require_version(question.revision, expected_revision, _(
        "Someone else saved this question after you opened it, so nothing was saved. What they saved is shown "
        "beside your text: keep what you want of both and save again."
    ))
    paragraph = normalized(paragraph)
    if problem := text_problem(paragraph, PARAGRAPH_MAX):
        raise InvalidInput("paragraph", problem)
    if problem := type_problem(type):
        raise InvalidInput("type", problem)
    if problem := condition_problem(
        condition, has_parent=question.parent_id is not None,
        parent_type=question.parent.type if question.parent else None,
    ):
        raise InvalidInput("condition", problem)
    if type != "yes_no" and question.follow_ups.exclude(condition="").exists():
        raise InvalidInput("type", _(
            "follow-up questions are shown on this question's yes / yes in part / no answer; "
            "clear their conditions before changing its type"
        ))
    texts = _clean_texts(text, "text", TEXT_MAX)
    if not texts.get("en"):
        raise InvalidInput("text_en", _("the English text is empty; every question has one"))
    guidances = _clean_texts(guidance, "guidance", GUIDANCE_MAX)
    before = question.snapshot()
    question.paragraph, question.type, question.condition = paragraph, type, condition
    question.text, question.guidance = texts, guidances
    after = question.snapshot()
    if after == before:
        return question
    question.revision += 1
    question.full_clean(exclude=["version", "parent", "instrument", "article"])
    question.save()
    version.revision += 1
    version.save(update_fields=["revision"])
    changed = {key for key in after if after[key] != before[key]}
    audit.record(
        actor=actor, action=AuditAction.TEMPLATE_QUESTION_UPDATE, target=question,
        before={key: before[key] for key in sorted(changed)}, after={key: after[key] for key in sorted(changed)},
    )
    return question


@transaction.atomic
def version_publish(*, actor: User | None, version: TemplateVersion, expected_revision: int | None) -> TemplateVersion:
    """Publish a draft exactly as the publisher read it; from now on it never changes."""
    _require_editor(actor)
    version = TemplateVersion.objects.select_for_update().select_related("template").get(pk=version.pk)
    require_step(
        TEMPLATE_VERSION, "publish", stage=version.status, roles=_roles(actor), stage_labels=_stage_labels(),
        step_labels=STEP_LABELS, subject=_("the version"),
    )
    require_version(version.revision, expected_revision)
    if not version.questions.exists():
        raise InvalidInput("questions", _("this draft has no questions; import a workbook into it first"))
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.revision += 1
    version.save(update_fields=["status", "published_at", "revision"])
    audit.record(
        actor=actor, action=AuditAction.TEMPLATE_PUBLISH, target=version,
        after={"questions": version.questions.count()},
    )
    return version


@transaction.atomic
def version_withdraw(
    *, actor: User | None, version: TemplateVersion, expected_revision: int | None, reason: str
) -> TemplateVersion:
    """Withdraw a draft (discarding it, kept on record) or a published version (no longer used for new phases)."""
    _require_editor(actor)
    version = TemplateVersion.objects.select_for_update().select_related("template").get(pk=version.pk)
    require_step(
        TEMPLATE_VERSION, "withdraw", stage=version.status, roles=_roles(actor), stage_labels=_stage_labels(),
        step_labels=STEP_LABELS, subject=_("the version"),
    )
    require_version(version.revision, expected_revision)
    reason = _clean_note(reason)
    if not reason:
        raise InvalidInput("reason", _("say why the version is withdrawn"))
    before = version.status
    version.status = VersionStatus.WITHDRAWN
    version.withdrawn_at = timezone.now()
    version.note = (f"{version.note}\n{reason}" if version.note else reason)[:NOTE_MAX]
    version.revision += 1
    version.save(update_fields=["status", "withdrawn_at", "note", "revision"])
    audit.record(
        actor=actor, action=AuditAction.TEMPLATE_WITHDRAW, target=version,
        before={"status": before}, after={"status": version.status}, note=reason,
    )
    return version


def book_of(version: TemplateVersion, questions: list[Question]) -> TemplateWorkbook:
    """The workbook content of a version's questions (in the order they are asked)."""
    return TemplateWorkbook(
        name=version.template.name,
        title=dict(version.template.title),
        questions=tuple(
            QuestionRow(
                code=q.code, instrument=q.instrument.code, article=q.article.number, paragraph=q.paragraph,
                type=q.type, parent=q.parent.code if q.parent else "", condition=q.condition,
                text=dict(q.text), guidance=dict(q.guidance),
            )
            for q in questions
        ),
    )
