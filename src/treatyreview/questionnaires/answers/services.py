"""Every write to a questionnaire: opening it for a phase, saving an answer, confirming a carried-over one,
submitting (the focal point only) and reopening (the secretariat, at the State's request)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from treatyreview.accounts.models import User
from treatyreview.accounts.permissions import is_secretariat
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.errors import InvalidInput, NotFound, NotPermitted, require, require_step, require_version
from treatyreview.knowledge import selectors as knowledge
from treatyreview.mechanism import workflow
from treatyreview.mechanism.workflow import QUESTIONNAIRE
from treatyreview.questionnaires.answers import permissions, selectors
from treatyreview.questionnaires.answers.choices import REFERENCE_MAX, STEP_NAMES, Choice, Stage
from treatyreview.questionnaires.answers.content import clean_content, clean_text, is_answered
from treatyreview.questionnaires.answers.models import Answer, AnswerRevision, Questionnaire
from treatyreview.questionnaires.saq.choices import VersionStatus
from treatyreview.questionnaires.saq.models import TemplateVersion
from treatyreview.questionnaires.saq.selectors import questions_for_articles
from treatyreview.reviews.phases import selectors as phase_selectors
from treatyreview.reviews.phases import services as phase_services
from treatyreview.reviews.phases.models import Phase

REASON_MAX = 1000
# How many open questions a refused submission names before saying "and N more".
NAMED_AT_MOST = 10


def template_version_current() -> TemplateVersion | None:
    """The newest published version of a questionnaire template: what a phase opened today answers."""
    return (
        TemplateVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .order_by("-published_at", "-pk")
        .first()
    )


@transaction.atomic
def questionnaire_open(*, actor: User, phase: Any, template_version: TemplateVersion | None = None) -> Questionnaire:
    """Open the questionnaire of a phase: one answer for each question of the phase's articles, pre-filled
    from the State's latest earlier answer to the same question, marked "carried over" until confirmed.

    Opening again returns the questionnaire already open.
    """
    require(is_secretariat(actor), _("Only the secretariat opens a phase's questionnaire."))
    found = Questionnaire.objects.filter(phase=phase).first()
    if found is not None:
        return found
    version = template_version or template_version_current()
    if version is None:
        raise InvalidInput("template_version", _("no questionnaire template is published yet; publish one first"))
    questionnaire = Questionnaire.objects.create(phase=phase, template_version=version)
    questions = questions_for_articles(version, phase_selectors.phase_articles(phase))
    earlier = _earlier_answers(phase, [question.code for question in questions])
    answers = []
    for question in questions:
        source = earlier.get(question.code)
        answer = Answer(questionnaire=questionnaire, question=question)
        if source is not None:
            for name in Answer.CONTENT_FIELDS:
                setattr(answer, name, getattr(source, name))
            answer.carried_over = True
            answer.carried_from = source
        answers.append(answer)
    Answer.objects.bulk_create(answers)
    audit.record(
        actor=actor,
        action=AuditAction.QUESTIONNAIRE_OPEN,
        target=questionnaire,
        after={"phase": phase.pk, "template_version": version.pk, "questions": len(answers),
               "carried_over": sum(answer.carried_over for answer in answers)},
    )
    return questionnaire


@transaction.atomic
def questionnaires_open_launched(
    *, actor: User, cycle: Any, template_version: TemplateVersion, year_group: Any = None
) -> list[Questionnaire]:
    """Open the questionnaire of every launched phase of the cycle (of one year group) that has none yet."""
    require(is_secretariat(actor), _("Only the secretariat opens a phase's questionnaire."))
    if template_version.status != VersionStatus.PUBLISHED:
        raise InvalidInput("template_version", _("only a published version of a template can be answered"))
    phases = Phase.objects.filter(review__cycle=cycle, launched_at__isnull=False, questionnaire__isnull=True)
    if year_group is not None:
        phases = phases.filter(review__year_group=year_group)
    phases = phases.select_related("review__state", "instrument").order_by("review__state__name", "position")
    return [questionnaire_open(actor=actor, phase=phase, template_version=template_version) for phase in phases]


def _earlier_answers(phase: Any, codes: list[str]) -> dict[str, Answer]:
    """The State's latest answer to each question code, from questionnaires it submitted before."""
    answers = (
        Answer.objects.filter(
            questionnaire__phase__review__state_id=phase.review.state_id,
            questionnaire__stage=Stage.SUBMITTED,
            question__code__in=codes,
        )
        .exclude(questionnaire__phase=phase)
        .select_related("question")
        .order_by("questionnaire__submitted_at", "pk")
    )
    latest: dict[str, Answer] = {}
    for answer in answers:
        if is_answered(answer.question.type, answer.content()):
            latest[answer.question.code] = answer
    return latest


def _require_editable(actor: User, questionnaire: Questionnaire) -> None:
    """The workflow table decides who edits answers in which stage; its refusal says when and why."""
    roles = permissions.questionnaire_roles(actor, questionnaire)
    if questionnaire.stage == Stage.SUBMITTED and roles & {workflow.FOCAL_POINT, workflow.EXPERT}:
        raise InvalidInput(
            "answer",
            _("The questionnaire was submitted on %(date)s; answers can no longer be edited. The secretariat "
              "can reopen it at your focal point's request.")
            % {"date": date_format(timezone.localtime(questionnaire.submitted_at), "DATE_FORMAT")},
        )
    try:
        QUESTIONNAIRE.check_edit(["answer"], stage=questionnaire.stage, roles=roles)
    except workflow.WorkflowRefusal:
        raise NotPermitted(
            _("Only the focal point and the governmental experts of the State under review answer its "
              "questionnaire.")
        ) from None


@transaction.atomic
def answer_save(*, actor: User, answer: Answer, expected_version: int | None, content: dict[str, Any]) -> Answer:
    """Save an answer as its author sees it; refused with the stored version if someone saved it meanwhile."""
    answer = Answer.objects.select_for_update().select_related("questionnaire__phase__review").get(pk=answer.pk)
    questionnaire = answer.questionnaire
    if not permissions.can_read_questionnaire(actor, questionnaire):
        raise NotFound
    _require_editable(actor, questionnaire)
    cleaned = clean_content(content)
    cleaned["citations"] = _with_library_records(actor, cleaned["citations"])
    require_version(
        answer.version,
        expected_version,
        _("Someone else saved this answer after you opened it, so yours was not saved. Both versions are shown: "
          "keep one, or merge them, and save again."),
    )
    before = answer.content()
    if cleaned == before and not answer.carried_over:
        return answer
    for name, value in cleaned.items():
        setattr(answer, name, value)
    # Saving a carried-over answer is the State confirming it as its answer in this phase.
    answer.carried_over = False
    answer.version += 1
    answer.updated_by = actor
    answer.save()
    _keep_revision(answer, actor)
    audit.record(actor=actor, action=AuditAction.ANSWER_SAVE, target=answer, before=before, after=cleaned)
    return answer


def _with_library_records(actor: User, citations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A citation of a library record must name a record the author may see; its reference defaults to the
    record's own title."""
    for number, citation in enumerate(citations, start=1):
        if citation["record"] is None:
            continue
        try:
            record = knowledge.access_record(actor, citation["record"])
        except NotFound:
            raise InvalidInput(
                _("citation %(number)s") % {"number": number},
                _("the knowledge library has no record %(record)s that you may cite") % {"record": citation["record"]},
            ) from None
        if not citation["reference"]:
            citation["reference"] = str(record)[:REFERENCE_MAX]
        if not citation["url"] and record.official_link:
            citation["url"] = record.official_link
    return citations


@transaction.atomic
def answer_confirm(*, actor: User, answer: Answer, expected_version: int | None) -> Answer:
    """Confirm a carried-over answer as the State's answer in this phase, unchanged."""
    answer = Answer.objects.select_for_update().select_related("questionnaire__phase__review").get(pk=answer.pk)
    if not permissions.can_read_questionnaire(actor, answer.questionnaire):
        raise NotFound
    _require_editable(actor, answer.questionnaire)
    require_version(answer.version, expected_version)
    if not answer.carried_over:
        return answer
    answer.carried_over = False
    answer.version += 1
    answer.updated_by = actor
    answer.save()
    _keep_revision(answer, actor)
    audit.record(actor=actor, action=AuditAction.ANSWER_CONFIRM, target=answer)
    return answer


def _keep_revision(answer: Answer, actor: User) -> None:
    AnswerRevision.objects.create(
        answer=answer, version=answer.version, carried_over=answer.carried_over, saved_by=actor, **answer.content()
    )


def open_problems(questionnaire: Questionnaire) -> list[str]:
    """What stops the focal point from submitting: open questions, unconfirmed carried-over answers, and any
    "yes" that cites no legislation. Which questions are asked is the page's own outline (follow-ups shown by
    their parent's answer), so the page and the submission never disagree."""
    problems: list[str] = []
    for group in selectors.questionnaire_outline(questionnaire):
        for item in selectors.flatten(group.items):
            if not item.shown:
                continue
            answer, question = item.answer, item.question
            place = _("article %(article)s, question %(code)s") % {"article": question.article.number,
                                                                    "code": question.code}
            if not item.answered:
                problems.append(_("%(place)s is not answered") % {"place": place})
            elif answer.carried_over:
                problems.append(_("%(place)s was carried over and is not yet confirmed") % {"place": place})
            elif question.type == "yes_no" and answer.choice in (Choice.YES, Choice.YES_IN_PART):
                cited = answer.citations or any(
                    follow_up.answer.citations for follow_up in item.follow_ups if follow_up.question.type == "citation"
                )
                if not cited:
                    problems.append(
                        _("%(place)s says yes but cites no legislation that implements it") % {"place": place}
                    )
    return problems


@transaction.atomic
def questionnaire_submit(
    *, actor: User, questionnaire: Questionnaire, expected_version: int | None, on: date | None = None
) -> Questionnaire:
    """The focal point clears the answers and submits them; the reviewing States and the secretariat may then
    read them, and the phase moves on to the reviewers' written feedback."""
    questionnaire = Questionnaire.objects.select_for_update().select_related("phase__review").get(pk=questionnaire.pk)
    if not permissions.can_read_questionnaire(actor, questionnaire):
        raise NotFound
    require_step(
        QUESTIONNAIRE, "submit", stage=questionnaire.stage, roles=permissions.questionnaire_roles(actor, questionnaire),
        stage_labels=dict(Stage.choices), step_labels=STEP_NAMES, subject=_("the questionnaire"),
    )
    require_version(questionnaire.version, expected_version)
    problems = open_problems(questionnaire)
    if problems:
        shown = problems[:NAMED_AT_MOST]
        if len(problems) > NAMED_AT_MOST:
            shown.append(_("and %(count)s more") % {"count": len(problems) - NAMED_AT_MOST})
        raise InvalidInput(
            "questionnaire",
            _("%(count)s questions need attention before the questionnaire can be submitted")
            % {"count": len(problems)},
            problems=shown,
        )
    questionnaire.stage = Stage.SUBMITTED
    questionnaire.submitted_at = timezone.now()
    questionnaire.submitted_by = actor
    questionnaire.version += 1
    questionnaire.save()
    phase_services.phase_questionnaire_submitted(
        actor=actor, phase=questionnaire.phase, on=on or timezone.localdate()
    )
    audit.record(actor=actor, action=AuditAction.QUESTIONNAIRE_SUBMIT, target=questionnaire,
                 after={"answers": questionnaire.answers.count()})
    return questionnaire


@transaction.atomic
def questionnaire_reopen(
    *, actor: User, questionnaire: Questionnaire, expected_version: int | None, reason: str
) -> Questionnaire:
    """The secretariat reopens a submitted questionnaire at the State's request; the reason is recorded."""
    questionnaire = Questionnaire.objects.select_for_update().select_related("phase__review").get(pk=questionnaire.pk)
    require_step(
        QUESTIONNAIRE, "reopen", stage=questionnaire.stage, roles=permissions.questionnaire_roles(actor, questionnaire),
        stage_labels=dict(Stage.choices), step_labels=STEP_NAMES, subject=_("the questionnaire"),
    )
    require_version(questionnaire.version, expected_version)
    reason = clean_text("reason", reason, REASON_MAX)
    if not reason:
        raise InvalidInput("reason", _("say why it is reopened (e.g. the note verbale asking for it)"))
    questionnaire.stage = Stage.DRAFT
    questionnaire.submitted_at = None
    questionnaire.submitted_by = None
    questionnaire.version += 1
    questionnaire.save()
    audit.record(actor=actor, action=AuditAction.QUESTIONNAIRE_REOPEN, target=questionnaire, after={"reason": reason})
    return questionnaire
