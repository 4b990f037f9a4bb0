"""Every write to a list of observations: beginning it when the dialogue is held, saving an article's observation,
suggestions and technical-assistance needs, comments, the focal points' agreements through the OBSERVATION_LIST
machine, and the State under review's follow-up of each suggestion once the list is final.

Every edit keeps the whole list as a new numbered version (`versions.Snapshot`), so any two can be compared; an
edit names the version it read and is refused as a conflict if someone saved meanwhile.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from treatyreview.accounts.models import User
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.errors import InvalidInput, NotFound, NotPermitted, require_step, require_version
from treatyreview.locking import locked
from treatyreview.mechanism import workflow
from treatyreview.mechanism.workflow import OBSERVATION_LIST
from treatyreview.observations.lists import permissions, selectors, versions
from treatyreview.observations.lists.choices import (
    COMMENT_MAX,
    FOLLOW_UP_NOTE_MAX,
    NEED_TEXT_MAX,
    NEEDS_PER_ARTICLE_MAX,
    OBSERVATION_FIELDS,
    OBSERVATION_TEXT_MAX,
    SUGGESTION_TEXT_MAX,
    SUGGESTIONS_PER_ARTICLE_MAX,
    AssistanceType,
    FollowUpStatus,
    Stage,
    Subject,
)
from treatyreview.observations.lists.consistency import analysed_terms
from treatyreview.observations.lists.labels import FIELD_NAMES, STEP_NAMES, SUBJECT_NAMES
from treatyreview.observations.lists.models import (
    Agreement,
    AssistanceNeed,
    Comment,
    FollowUp,
    Observation,
    ObservationList,
    Recommendation,
)
from treatyreview.questionnaires.answers.content import LANGUAGE_CODES, clean_text
from treatyreview.questionnaires.answers.permissions import reviewing_state_ids
from treatyreview.reviews.models import Phase
from treatyreview.reviews.phases import services as phase_services
from treatyreview.reviews.phases.choices import Stage as PhaseStage
from treatyreview.reviews.phases.selectors import phase_articles

REASON_MAX = 1000
FOLLOW_UP_EARLIEST = datetime.date(2000, 1, 1)


def _day(moment: datetime.datetime | None) -> str:
    return date_format(timezone.localtime(moment), "DATE_FORMAT") if moment else ""


def _locked_list(observation_list: ObservationList) -> ObservationList:
    return locked(ObservationList.objects).select_related(
        "phase__review__state", "phase__review__cycle__rules", "phase__instrument").get(pk=observation_list.pk)


def _readable(actor: User, observation_list: ObservationList) -> None:
    if not permissions.can_read_list(actor, observation_list):
        raise NotFound


def require_outcome_edit(machine: workflow.Machine, what: str, *, stage: str, roles: frozenset[str],
                         subject: str) -> None:
    """The workflow table decides who edits what in which stage; its refusal says when and why in words."""
    try:
        machine.check_edit([what], stage=stage, roles=roles)
    except workflow.WorkflowRefusal:
        if what == "follow_up":
            raise NotPermitted(_("Only the focal point and the governmental experts of the State under review "
                                 "report the follow-up of its suggestions.")) from None
        drafters = roles & {workflow.REVIEWER_FOCAL_POINT, workflow.REVIEWER_EXPERT, workflow.SECRETARIAT_DRAFTING}
        commenters = drafters | (roles & {workflow.FOCAL_POINT, workflow.EXPERT, workflow.SECRETARIAT_ASSISTING})
        if stage != Stage.DRAFT and (drafters or (what == "comment" and commenters)):
            if stage == Stage.FINAL:
                raise InvalidInput(what, _("%(subject)s is final; it can no longer be changed.")
                                   % {"subject": subject}) from None
            raise InvalidInput(
                what,
                _("%(subject)s is “%(stage)s”; %(what)s can no longer be edited. A focal point can send it back "
                  "to draft, saying why, if something must change.")
                % {"subject": subject, "stage": Stage(stage).label, "what": FIELD_NAMES.get(what, what)},
            ) from None
        if what == "comment":
            raise NotPermitted(_("Observers and, under the rules in force, the secretariat read the list of "
                                 "observations without commenting.")) from None
        raise NotPermitted(
            _("Only the governmental experts and focal points of the reviewing States draft %(subject)s "
              "(and the secretariat, where the rules let it draft).") % {"subject": subject}
        ) from None


def _require_editable(actor: User, observation_list: ObservationList, what: str) -> frozenset[str]:
    roles = permissions.outcome_roles(actor, observation_list.phase)
    require_outcome_edit(OBSERVATION_LIST, what, stage=observation_list.stage, roles=roles,
                         subject=_("the list of observations"))
    return roles


def _article_of(phase: Phase, article_id: Any) -> Any:
    """An article the phase reviews; anything else is refused naming the article."""
    try:
        pk = int(article_id)
    except (TypeError, ValueError):
        raise InvalidInput("article", _("choose an article of this phase")) from None
    for article in phase_articles(phase):
        if article.pk == pk:
            return article
    raise InvalidInput("article", _("article %(article)s is not one this phase reviews; choose one of its articles")
                       % {"article": pk})


def _language(value: Any) -> str:
    language = str(value or "")
    if language and language not in LANGUAGE_CODES:
        raise InvalidInput("language", _("choose one of the six languages of the mechanism"))
    return language


def _changed(observation_list: ObservationList, actor: User) -> None:
    """A new version of the whole list, kept."""
    observation_list.version += 1
    observation_list.save(update_fields=["version"])
    versions.list_snapshot_keep(observation_list, actor)


@transaction.atomic
def list_begin(*, actor: User, phase: Phase, on: datetime.date | None = None) -> ObservationList:
    """Begin the list of observations of a phase once its dialogue is held: one empty observation per article.
    The phase moves from the dialogue to the list of observations. Beginning again returns the list begun."""
    phase = locked(Phase.objects).select_related("review__state", "review__cycle__rules").get(pk=phase.pk)
    if not permissions.is_participant(actor, phase):
        raise NotFound
    found = ObservationList.objects.filter(phase=phase).first()
    if found is not None:
        return found
    roles = permissions.outcome_roles(actor, phase)
    if not roles & {workflow.REVIEWER_FOCAL_POINT, workflow.SECRETARIAT}:
        raise NotPermitted(_("Only the focal point of a reviewing State or the secretariat begins the list of "
                             "observations, once the dialogue is held."))
    if phase.stage not in (PhaseStage.DIALOGUE, PhaseStage.OBSERVATIONS):
        raise InvalidInput(
            "phase",
            _("The list of observations is begun once the dialogue is held; the phase is at “%(stage)s”.")
            % {"stage": phase.get_stage_display()},
        )
    observation_list = ObservationList.objects.create(phase=phase, created_by=actor)
    Observation.objects.bulk_create(
        [Observation(observation_list=observation_list, article=article) for article in phase_articles(phase)])
    versions.list_snapshot_keep(observation_list, actor)
    if phase.stage == PhaseStage.DIALOGUE:
        phase_services.phase_stage_complete(actor=actor, phase=phase, stage=PhaseStage.DIALOGUE,
                                            on=on or timezone.localdate())
    audit.record(actor=actor, action=AuditAction.OBSERVATION_LIST_BEGIN, target=observation_list,
                 after={"phase": phase.pk, "articles": observation_list.observations.count()})
    return observation_list


@transaction.atomic
def observation_save(*, actor: User, observation: Observation, expected_version: int | None,
                     texts: dict[str, Any]) -> Observation:
    """Save what the list says about one article (implementation, successes and good practices, challenges)."""
    observation = locked(Observation.objects).get(pk=observation.pk)
    observation_list = _locked_list(observation.observation_list)
    _readable(actor, observation_list)
    _require_editable(actor, observation_list, "observation")
    cleaned = {name: clean_text(str(FIELD_NAMES[name]), texts.get(name, getattr(observation, name)),
                                OBSERVATION_TEXT_MAX) for name in OBSERVATION_FIELDS}
    require_version(observation.version, expected_version, _(
        "Someone else saved this article's observation after you opened it, so yours was not saved. Both "
        "versions are shown: keep one, or merge them, and save again."))
    before = {name: getattr(observation, name) for name in OBSERVATION_FIELDS}
    if cleaned == before:
        return observation
    for name, value in cleaned.items():
        setattr(observation, name, value)
    observation.version += 1
    observation.updated_by = actor
    observation.save()
    _changed(observation_list, actor)
    audit.record(actor=actor, action=AuditAction.OBSERVATION_SAVE, target=observation, before=before, after=cleaned)
    return observation


def _suggestion_text(value: Any) -> str:
    text = clean_text("text", value, SUGGESTION_TEXT_MAX)
    if not text:
        raise InvalidInput("text", _("write the suggestion"))
    return text


@transaction.atomic
def suggestion_add(*, actor: User, observation_list: ObservationList, article_id: Any, text: Any,
                   language: Any = "") -> Recommendation:
    observation_list = _locked_list(observation_list)
    _readable(actor, observation_list)
    _require_editable(actor, observation_list, "suggestion")
    article = _article_of(observation_list.phase, article_id)
    text = _suggestion_text(text)
    language = _language(language)
    if observation_list.recommendations.filter(article=article).count() >= SUGGESTIONS_PER_ARTICLE_MAX:
        raise InvalidInput("text", _("an article holds at most %(max)s suggestions") %
                           {"max": SUGGESTIONS_PER_ARTICLE_MAX})
    suggestion = Recommendation.objects.create(
        observation_list=observation_list, article=article, text=text, language=language,
        terms=analysed_terms(text, language.split("-")[0], article.pk), created_by=actor)
    _changed(observation_list, actor)
    audit.record(actor=actor, action=AuditAction.SUGGESTION_SAVE, target=suggestion,
                 after={"article": article.pk, "text": text})
    return suggestion


@transaction.atomic
def suggestion_edit(*, actor: User, suggestion: Recommendation, expected_version: int | None, text: Any,
                    language: Any = None) -> Recommendation:
    suggestion = locked(Recommendation.objects).get(pk=suggestion.pk)
    observation_list = _locked_list(suggestion.observation_list)
    _readable(actor, observation_list)
    _require_editable(actor, observation_list, "suggestion")
    text = _suggestion_text(text)
    language = suggestion.language if language is None else _language(language)
    require_version(suggestion.version, expected_version, _(
        "Someone else changed this suggestion after you opened it, so yours was not saved. Reload the page to "
        "see it, then make your change again."))
    before = suggestion.text
    if text == before and language == suggestion.language:
        return suggestion
    suggestion.text, suggestion.language = text, language
    suggestion.terms = analysed_terms(text, language.split("-")[0], suggestion.article_id)
    suggestion.version += 1
    suggestion.save()
    _changed(observation_list, actor)
    audit.record(actor=actor, action=AuditAction.SUGGESTION_SAVE, target=suggestion, before={"text": before},
                 after={"text": text})
    return suggestion


@transaction.atomic
def suggestion_delete(*, actor: User, suggestion: Recommendation, expected_version: int | None) -> None:
    """Remove a suggestion from a draft list; the list's saved versions keep it."""
    suggestion = locked(Recommendation.objects).get(pk=suggestion.pk)
    observation_list = _locked_list(suggestion.observation_list)
    _readable(actor, observation_list)
    _require_editable(actor, observation_list, "suggestion")
    require_version(suggestion.version, expected_version)
    audit.record(actor=actor, action=AuditAction.SUGGESTION_DELETE, target=suggestion,
                 before={"article": suggestion.article_id, "text": suggestion.text})
    suggestion.delete()
    _changed(observation_list, actor)


def _need_fields(kind: Any, description: Any, already_received: Any) -> dict[str, Any]:
    kind = str(kind or "")
    if kind not in AssistanceType.values:
        raise InvalidInput("kind", _("choose the type of assistance needed"))
    description = clean_text("description", description, NEED_TEXT_MAX)
    if kind == AssistanceType.OTHER and not description:
        raise InvalidInput("description", _("say what assistance is needed"))
    return {"kind": kind, "description": description, "already_received": bool(already_received)}


@transaction.atomic
def need_add(*, actor: User, observation_list: ObservationList, article_id: Any, kind: Any, description: Any = "",
             already_received: Any = False) -> AssistanceNeed:
    observation_list = _locked_list(observation_list)
    _readable(actor, observation_list)
    _require_editable(actor, observation_list, "need")
    article = _article_of(observation_list.phase, article_id)
    fields = _need_fields(kind, description, already_received)
    if observation_list.needs.filter(article=article).count() >= NEEDS_PER_ARTICLE_MAX:
        raise InvalidInput("kind", _("an article holds at most %(max)s technical assistance needs")
                           % {"max": NEEDS_PER_ARTICLE_MAX})
    need = AssistanceNeed.objects.create(observation_list=observation_list, article=article, created_by=actor,
                                         **fields)
    _changed(observation_list, actor)
    audit.record(actor=actor, action=AuditAction.NEED_SAVE, target=need, after={"article": article.pk, **fields})
    return need


@transaction.atomic
def need_edit(*, actor: User, need: AssistanceNeed, expected_version: int | None, kind: Any, description: Any = "",
              already_received: Any = False) -> AssistanceNeed:
    need = locked(AssistanceNeed.objects).get(pk=need.pk)
    observation_list = _locked_list(need.observation_list)
    _readable(actor, observation_list)
    _require_editable(actor, observation_list, "need")
    fields = _need_fields(kind, description, already_received)
    require_version(need.version, expected_version)
    before = {"kind": need.kind, "description": need.description, "already_received": need.already_received}
    if fields == before:
        return need
    for name, value in fields.items():
        setattr(need, name, value)
    need.version += 1
    need.save()
    _changed(observation_list, actor)
    audit.record(actor=actor, action=AuditAction.NEED_SAVE, target=need, before=before, after=fields)
    return need


@transaction.atomic
def need_delete(*, actor: User, need: AssistanceNeed, expected_version: int | None) -> None:
    need = locked(AssistanceNeed.objects).get(pk=need.pk)
    observation_list = _locked_list(need.observation_list)
    _readable(actor, observation_list)
    _require_editable(actor, observation_list, "need")
    require_version(need.version, expected_version)
    audit.record(actor=actor, action=AuditAction.NEED_DELETE, target=need,
                 before={"article": need.article_id, "kind": need.kind, "description": need.description})
    need.delete()
    _changed(observation_list, actor)


def comment_write(*, actor: User, phase: Phase, subject: str, stage: str, version: int, roles: frozenset[str],
                  machine: workflow.Machine, text: Any, article_id: Any = None) -> Comment:
    """A comment on a list or a summary, kept for good (inside the caller's transaction)."""
    require_outcome_edit(machine, "comment", stage=stage, roles=roles, subject=str(SUBJECT_NAMES[subject]))
    text = clean_text("comment", text, COMMENT_MAX)
    if not text:
        raise InvalidInput("comment", _("write the comment"))
    article = _article_of(phase, article_id) if article_id not in (None, "") else None
    comment = Comment.objects.create(phase=phase, subject=subject, article=article, text=text, version=version,
                                     author=actor)
    audit.record(actor=actor, action=AuditAction.OUTCOME_COMMENT, target=comment,
                 after={"subject": subject, "article": article.pk if article else None})
    return comment


@transaction.atomic
def list_comment(*, actor: User, observation_list: ObservationList, text: Any, article_id: Any = None) -> Comment:
    observation_list = _locked_list(observation_list)
    _readable(actor, observation_list)
    return comment_write(actor=actor, phase=observation_list.phase, subject=Subject.LIST,
                         stage=observation_list.stage, version=observation_list.version,
                         roles=permissions.outcome_roles(actor, observation_list.phase), machine=OBSERVATION_LIST,
                         text=text, article_id=article_id)


def agreement_step(*, actor: User, machine: workflow.Machine, target: Any, subject: str, step: str,
                   roles: frozenset[str], reason: Any) -> tuple[str, bool]:
    """Take a step of the OBSERVATION_LIST or SUMMARY machine on `target` (locked, version checked): record the
    focal point's agreement, and move the stage once every State the step needs has agreed.

    Returns the stage before and whether the stage moved.
    """
    phase = target.phase
    require_step(machine, step, stage=target.stage, roles=roles, stage_labels=dict(Stage.choices),
                 step_labels=STEP_NAMES, subject=str(SUBJECT_NAMES[subject]))
    before = target.stage
    moved = True
    if step == "agree_reviewing":
        mine = permissions.reviewing_state_ids_of(actor, phase)
        needed = reviewing_state_ids(phase)
        if mine and mine <= selectors.agreed_state_ids(phase, subject, step, target.version):
            raise InvalidInput("step", _("Your State has agreed to this version already; it moves on once every "
                                         "reviewing State has agreed."))
        for state_id in mine:
            Agreement.objects.get_or_create(phase=phase, subject=subject, step=step, state_id=state_id,
                                            version=target.version, defaults={"agreed_by": actor})
        moved = needed <= selectors.agreed_state_ids(phase, subject, step, target.version)
    elif step == "agree_under_review":
        Agreement.objects.get_or_create(phase=phase, subject=subject, step=step, state_id=phase.review.state_id,
                                        version=target.version, defaults={"agreed_by": actor})
    elif step == "return_to_draft":
        reason = clean_text("reason", reason, REASON_MAX)
        if not reason:
            raise InvalidInput("reason", _("say what must change before it is agreed"))
        Comment.objects.create(phase=phase, subject=subject, text=reason, version=target.version, author=actor)
    if moved:
        # A reviewing State agreeing before the others changes nothing the others read: no new version.
        target.stage = machine.transition(step).target
        if target.stage == Stage.FINAL:
            target.final_at = timezone.now()
        target.version += 1
        target.save()
    return before, moved


@transaction.atomic
def list_step(*, actor: User, observation_list: ObservationList, step: str, expected_version: int | None,
              reason: Any = "", on: datetime.date | None = None) -> ObservationList:
    """A focal point agrees to the list (or sends it back to draft, saying why); the secretariat records it final,
    and the phase moves on to the summary. Each reviewing State's focal point agrees for its State: the list is
    "agreed by the reviewing States" once all have."""
    observation_list = _locked_list(observation_list)
    _readable(actor, observation_list)
    roles = permissions.outcome_roles(actor, observation_list.phase)
    if step not in STEP_NAMES:
        raise InvalidInput("step", _("unknown step “%(step)s”") % {"step": step})
    require_version(observation_list.version, expected_version, _(
        "The list of observations changed after you opened it (version %(current)s now, you read version "
        "%(read)s), so nothing was agreed. Read the changes, then agree again.")
        % {"current": observation_list.version, "read": expected_version})
    before, moved = agreement_step(actor=actor, machine=OBSERVATION_LIST, target=observation_list,
                                   subject=Subject.LIST, step=step, roles=roles, reason=reason)
    if moved:
        versions.list_snapshot_keep(observation_list, actor)
    phase = observation_list.phase
    if observation_list.stage == Stage.FINAL and phase.stage == PhaseStage.OBSERVATIONS:
        phase_services.phase_stage_complete(actor=actor, phase=phase, stage=PhaseStage.OBSERVATIONS,
                                            on=on or timezone.localdate())
    audit.record(actor=actor, action=AuditAction.OBSERVATION_LIST_STEP, target=observation_list,
                 before={"stage": before}, after={"step": step, "stage": observation_list.stage, "moved": moved})
    return observation_list


@transaction.atomic
def follow_up_record(*, actor: User, suggestion: Recommendation, expected_version: int | None, status: Any,
                     note: Any = "", on: Any = None) -> Recommendation:
    """The State under review reports where it stands with a suggestion of a final list; every report is kept."""
    suggestion = locked(Recommendation.objects).select_related(
        "observation_list__phase__review__cycle__rules").get(pk=suggestion.pk)
    observation_list = suggestion.observation_list
    _readable(actor, observation_list)
    roles = permissions.outcome_roles(actor, observation_list.phase)
    if observation_list.stage != Stage.FINAL and roles & {workflow.FOCAL_POINT, workflow.EXPERT}:
        raise InvalidInput("status", _("The follow-up of a suggestion is reported once the list of observations "
                                       "is final."))
    require_outcome_edit(OBSERVATION_LIST, "follow_up", stage=observation_list.stage, roles=roles,
                         subject=_("the list of observations"))
    status = str(status or "")
    if status not in FollowUpStatus.values:
        raise InvalidInput("status", _("choose where the follow-up stands"))
    note = clean_text("note", note, FOLLOW_UP_NOTE_MAX)
    day = on or timezone.localdate()
    if not isinstance(day, datetime.date) or isinstance(day, datetime.datetime):
        raise InvalidInput("on", _("give a date"))
    if day < FOLLOW_UP_EARLIEST or day > timezone.localdate():
        raise InvalidInput("on", _("the date of a follow-up is between %(earliest)s and today")
                           % {"earliest": date_format(FOLLOW_UP_EARLIEST, "DATE_FORMAT")})
    if observation_list.final_at and day < timezone.localtime(observation_list.final_at).date():
        raise InvalidInput("on", _("the list became final on %(date)s; a follow-up cannot be dated before")
                           % {"date": _day(observation_list.final_at)})
    require_version(suggestion.follow_up_version, expected_version, _(
        "Someone else reported the follow-up of this suggestion after you opened it, so yours was not saved. "
        "Reload the page to see it, then report again."))
    before = {"status": suggestion.follow_up_status, "note": suggestion.follow_up_note,
              "on": suggestion.follow_up_on.isoformat() if suggestion.follow_up_on else None}
    FollowUp.objects.create(recommendation=suggestion, status=status, note=note, on=day, recorded_by=actor)
    suggestion.follow_up_status, suggestion.follow_up_note, suggestion.follow_up_on = status, note, day
    suggestion.follow_up_version += 1
    suggestion.save(update_fields=["follow_up_status", "follow_up_note", "follow_up_on", "follow_up_version"])
    audit.record(actor=actor, action=AuditAction.FOLLOW_UP_RECORD, target=suggestion, before=before,
                 after={"status": status, "note": note, "on": day.isoformat()})
    return suggestion
