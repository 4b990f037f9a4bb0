"""Every write of the desk review and the dialogue: drafting, clearing, withdrawing and sending written feedback,
writing in threads and closing them, recording meetings.

The workflow table (`FEEDBACK`, `THREAD` in mechanism/workflow.py) decides who may take which step; the
secretariat holds its role there only where the rules' `secretariat_role` lets it (seed para 16). A refusal
names what and why, and changes nothing.
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
from treatyreview.errors import InvalidInput, NotFound, NotPermitted, require_version
from treatyreview.locking import locked
from treatyreview.mechanism import workflow
from treatyreview.mechanism.workflow import FEEDBACK, THREAD, WorkflowRefusal
from treatyreview.observations.dialogue import permissions
from treatyreview.observations.dialogue.choices import (
    FEEDBACK_TEXT_MAX,
    MEETING_PLACE_MAX,
    MESSAGE_TEXT_MAX,
    MINUTES_MAX,
    PARTICIPANTS_MAX,
    RESOLUTION_MAX,
    FeedbackKind,
    FeedbackStage,
    MeetingKind,
    Side,
    ThreadStage,
)
from treatyreview.observations.dialogue.models import (
    FeedbackDispatch,
    FeedbackItem,
    FeedbackRevision,
    Meeting,
    Message,
    Thread,
)
from treatyreview.questionnaires.answers.content import clean_text
from treatyreview.questionnaires.models import Question
from treatyreview.registry.models import Article, State
from treatyreview.reviews.models import Phase
from treatyreview.reviews.phases import selectors as phase_selectors
from treatyreview.reviews.phases import services as phase_services
from treatyreview.reviews.phases.choices import Stage as PhaseStage

FEEDBACK_FIELDS = ("kind", "article", "question", "text")
# A meeting dated further than this from today is a typing mistake.
MEETING_YEARS_AHEAD = 2


def _when(moment: datetime.datetime | None) -> str:
    return date_format(timezone.localtime(moment), "DATE_FORMAT") if moment else ""


def _stage_label(phase: Phase) -> str:
    return str(PhaseStage(phase.stage).label)


def _locked_phase(phase: Phase | int) -> Phase:
    pk = phase if isinstance(phase, int) else phase.pk
    return locked(Phase.objects).select_related("review__state", "review__cycle__rules").get(pk=pk)


def _require_feedback_stage(phase: Phase) -> None:
    if phase.stage not in permissions.FEEDBACK_STAGES:
        raise InvalidInput(
            "phase",
            _("written feedback is written while the phase waits for it; this phase is at the stage “%(stage)s”")
            % {"stage": _stage_label(phase)},
        )


def _require_not_sent(phase: Phase, reviewing_state_id: int) -> None:
    sent = FeedbackDispatch.objects.filter(phase=phase, reviewing_state_id=reviewing_state_id).first()
    if sent is not None:
        raise InvalidInput(
            "feedback",
            _("the written feedback of %(state)s was sent on %(date)s; nothing more can be added to it or changed. "
              "Write in the threads instead.") % {"state": sent.reviewing_state, "date": _when(sent.sent_at)},
        )


def _writer_state(actor: User, phase: Phase, reviewing_state: State | int | None) -> int:
    """The reviewing State a feedback item is written for: the writer's own, or the one the secretariat names."""
    own = permissions.reviewing_states_of(actor, phase)
    if reviewing_state is not None:
        pk = reviewing_state if isinstance(reviewing_state, int) else reviewing_state.pk
        if pk not in permissions.phase_reviewing_state_ids(phase):
            raise InvalidInput("reviewing_state", _("this State is not a reviewing State of the phase"))
        return pk
    if len(own) == 1:
        return next(iter(own))
    if len(own) > 1:
        raise InvalidInput("reviewing_state", _("say for which reviewing State this feedback is written"))
    if permissions.secretariat_may(phase, "draft"):
        raise InvalidInput("reviewing_state", _("say for which reviewing State the secretariat drafts this feedback"))
    raise NotPermitted(_("Only the focal point and the governmental experts of a reviewing State write its "
                         "feedback."))


def _article(phase: Phase, article: Article | int) -> Article:
    pk = article if isinstance(article, int) else article.pk
    found = next((a for a in phase_selectors.phase_articles(phase) if a.pk == pk), None)
    if found is None:
        shown = Article.objects.select_related("instrument").filter(pk=pk).first()
        raise InvalidInput(
            "article",
            _("%(article)s is not reviewed in this phase; write feedback on one of the phase's articles")
            % {"article": shown or _("this article")},
        )
    return found


def _question(phase: Phase, article: Article, code: str | None) -> Question | None:
    if not code:
        return None
    questionnaire = getattr(phase, "questionnaire", None)
    answer = questionnaire.answers.select_related("question").filter(question__code=code).first() \
        if questionnaire is not None else None
    if answer is None or answer.question.article_id != article.pk:
        raise InvalidInput("question", _("the questionnaire asks no question %(code)s on %(article)s")
                           % {"code": code, "article": article})
    return answer.question


def _kind(kind: str) -> str:
    if kind not in FeedbackKind.values:
        raise InvalidInput("kind", _("'%(value)s' is not a kind of feedback") % {"value": kind})
    return kind


def _text(where: str, text: Any, limit: int, *, required: str) -> str:
    cleaned = clean_text(where, text, limit)
    if not cleaned:
        raise InvalidInput(where, required)
    return cleaned


def _require_feedback_edit(actor: User, item: FeedbackItem, fields: list[str]) -> frozenset[str]:
    roles = permissions.dialogue_roles(actor, item.phase, item.reviewing_state_id, act="draft")
    if item.stage == FeedbackStage.CLEARED:
        raise InvalidInput(
            "text",
            _("this feedback was cleared by %(who)s on %(date)s and the State under review has it: it can no longer "
              "be changed. Say what you want to add in its thread.")
            % {"who": item.cleared_by, "date": _when(item.cleared_at)},
        )
    if item.stage == FeedbackStage.WITHDRAWN:
        raise InvalidInput("text", _("this feedback was withdrawn; write a new item instead"))
    try:
        FEEDBACK.check_edit(fields, stage=item.stage, roles=roles)
    except WorkflowRefusal:
        raise NotPermitted(
            _("Only the focal point and the governmental experts of %(state)s write its feedback.")
            % {"state": item.reviewing_state}
        ) from None
    return roles


def _keep_revision(item: FeedbackItem, actor: User) -> None:
    FeedbackRevision.objects.create(item=item, version=item.version, kind=item.kind, article=item.article,
                                    question=item.question, text=item.text, stage=item.stage, saved_by=actor)


def _content(item: FeedbackItem) -> dict[str, Any]:
    return {"kind": item.kind, "article": item.article_id, "question": item.question_id, "text": item.text,
            "stage": item.stage}


def _locked_item(item: FeedbackItem, actor: User) -> FeedbackItem:
    found = (locked(FeedbackItem.objects)
             .select_related("phase__review__state", "phase__review__cycle__rules", "reviewing_state", "article",
                             "cleared_by").filter(pk=item.pk).first())
    if found is None or not permissions.can_read_feedback(actor, found):
        raise NotFound
    return found


@transaction.atomic
def feedback_create(
    *, actor: User, phase: Phase, article: Article | int, text: str, kind: str = FeedbackKind.QUESTION,
    question: str | None = None, reviewing_state: State | int | None = None,
) -> FeedbackItem:
    """A reviewing State's expert (or focal point; or the secretariat where it drafts) writes a draft item of
    feedback on one article of the phase. Only its own State and the secretariat see it until it is cleared."""
    phase = _locked_phase(phase)
    if not permissions.is_participant(actor, phase):
        raise NotFound
    state_id = _writer_state(actor, phase, reviewing_state)
    roles = permissions.dialogue_roles(actor, phase, state_id, act="draft")
    if not FEEDBACK.editable_fields(stage=FEEDBACK.initial, roles=roles):
        raise NotPermitted(_("Only the focal point and the governmental experts of a reviewing State write its "
                             "feedback; the secretariat drafts it only where the rules say so."))
    _require_feedback_stage(phase)
    _require_not_sent(phase, state_id)
    found = _article(phase, article)
    item = FeedbackItem(
        phase=phase, reviewing_state_id=state_id, article=found, question=_question(phase, found, question),
        kind=_kind(kind), text=_text("text", text, FEEDBACK_TEXT_MAX, required=_("write the question or request")),
        created_by=actor, updated_by=actor,
    )
    item.full_clean()
    item.save()
    _keep_revision(item, actor)
    audit.record(actor=actor, action=AuditAction.FEEDBACK_SAVE, target=item, after=_content(item))
    return item


@transaction.atomic
def feedback_update(
    *, actor: User, item: FeedbackItem, expected_version: int | None, text: str, kind: str,
    question: str | None = None,
) -> FeedbackItem:
    """Change a draft item; a cleared one is never changed (its thread carries what follows)."""
    item = _locked_item(item, actor)
    _require_feedback_edit(actor, item, ["text", "kind", "question"])
    _require_feedback_stage(item.phase)
    _require_not_sent(item.phase, item.reviewing_state_id)
    require_version(item.version, expected_version, _(
        "Someone else saved this feedback after you opened it, so yours was not saved. The page shows the stored "
        "text: make your change again."))
    before = _content(item)
    item.kind = _kind(kind)
    item.text = _text("text", text, FEEDBACK_TEXT_MAX, required=_("write the question or request"))
    item.question = _question(item.phase, item.article, question)
    if _content(item) == before:
        return item
    item.version += 1
    item.updated_by = actor
    item.save()
    _keep_revision(item, actor)
    audit.record(actor=actor, action=AuditAction.FEEDBACK_SAVE, target=item, before=before, after=_content(item))
    return item


def _require_feedback_step(actor: User, item: FeedbackItem, step: str) -> None:
    roles = permissions.dialogue_roles(actor, item.phase, item.reviewing_state_id, act="draft")
    try:
        FEEDBACK.check(step, stage=item.stage, roles=roles)
    except WorkflowRefusal as refusal:
        if refusal.code == "not_permitted":
            if step == "clear":
                raise NotPermitted(_("Only the focal point of %(state)s clears its feedback.")
                                   % {"state": item.reviewing_state}) from None
            raise NotPermitted(_("Only the people of %(state)s withdraw its feedback.")
                               % {"state": item.reviewing_state}) from None
        raise InvalidInput("stage", _("this feedback is “%(stage)s”: it can no longer be cleared or withdrawn")
                           % {"stage": FeedbackStage(item.stage).label}) from None


@transaction.atomic
def feedback_clear(*, actor: User, item: FeedbackItem, expected_version: int | None) -> FeedbackItem:
    """The reviewing State's focal point clears an item: the State under review now sees it, and a thread opens
    for its answer."""
    item = _locked_item(item, actor)
    if item.stage == FeedbackStage.CLEARED:
        return item  # a second click: cleared already
    _require_feedback_step(actor, item, "clear")
    _require_feedback_stage(item.phase)
    _require_not_sent(item.phase, item.reviewing_state_id)
    require_version(item.version, expected_version, _(
        "This feedback was changed after you opened it, so it was not cleared. Read it as it is now, then clear it."))
    item.stage = FeedbackStage.CLEARED
    item.cleared_at = timezone.now()
    item.cleared_by = actor
    item.version += 1
    item.save()
    _keep_revision(item, actor)
    thread = Thread.objects.create(feedback=item, phase=item.phase, reviewing_state_id=item.reviewing_state_id,
                                   article=item.article)
    audit.record(actor=actor, action=AuditAction.FEEDBACK_CLEAR, target=item, after={"thread": thread.pk})
    return item


@transaction.atomic
def feedback_withdraw(*, actor: User, item: FeedbackItem, expected_version: int | None) -> FeedbackItem:
    """A draft item is withdrawn rather than deleted: it stays on record, seen by its own State only."""
    item = _locked_item(item, actor)
    if item.stage == FeedbackStage.WITHDRAWN:
        return item
    _require_feedback_step(actor, item, "withdraw")
    _require_feedback_stage(item.phase)
    _require_not_sent(item.phase, item.reviewing_state_id)
    require_version(item.version, expected_version)
    item.stage = FeedbackStage.WITHDRAWN
    item.version += 1
    item.updated_by = actor
    item.save()
    _keep_revision(item, actor)
    audit.record(actor=actor, action=AuditAction.FEEDBACK_WITHDRAW, target=item)
    return item


def feedback_pending_states(phase: Phase) -> list[int]:
    """The reviewing States of the phase that have not sent their feedback yet."""
    sent = set(FeedbackDispatch.objects.filter(phase=phase).values_list("reviewing_state_id", flat=True))
    return sorted(permissions.phase_reviewing_state_ids(phase) - sent)


@transaction.atomic
def feedback_send(
    *, actor: User, phase: Phase, reviewing_state: State | int | None = None, on: datetime.date | None = None
) -> FeedbackDispatch:
    """The reviewing State's focal point declares its cleared feedback complete. When every reviewing State of
    the phase has sent its feedback, the phase moves on to the dialogue (PHASE step `feedback_sent`)."""
    phase = _locked_phase(phase)
    if not permissions.is_participant(actor, phase):
        raise NotFound
    own = permissions.reviewing_states_of(actor, phase)
    state_id = (reviewing_state if isinstance(reviewing_state, int) else reviewing_state.pk) \
        if reviewing_state is not None else (next(iter(own)) if len(own) == 1 else None)
    roles = permissions.dialogue_roles(actor, phase, state_id)
    if state_id is None or workflow.REVIEWER_FOCAL_POINT not in roles:
        raise NotPermitted(_("Only the focal point of a reviewing State sends its feedback."))
    already = FeedbackDispatch.objects.filter(phase=phase, reviewing_state_id=state_id).first()
    if already is not None:
        return already  # a second click, or a second tab
    _require_feedback_stage(phase)
    drafts = FeedbackItem.objects.filter(phase=phase, reviewing_state_id=state_id, stage=FeedbackStage.DRAFT).count()
    if drafts:
        raise InvalidInput(
            "feedback",
            _("%(count)s items of your State's feedback are still drafts: clear or withdraw each of them, then send "
              "the feedback") % {"count": drafts},
        )
    cleared = FeedbackItem.objects.filter(phase=phase, reviewing_state_id=state_id, stage=FeedbackStage.CLEARED)
    dispatch = FeedbackDispatch.objects.create(phase=phase, reviewing_state_id=state_id, sent_by=actor,
                                               items=cleared.count())
    audit.record(actor=actor, action=AuditAction.FEEDBACK_SEND, target=dispatch,
                 after={"phase": phase.pk, "reviewing_state": state_id, "items": dispatch.items})
    if not feedback_pending_states(phase):
        phase_services.phase_stage_complete(actor=actor, phase=phase, stage=PhaseStage.FEEDBACK,
                                            on=on or timezone.localdate())
    return dispatch


def _locked_thread(thread: Thread, actor: User) -> Thread:
    found = (locked(Thread.objects)
             .select_related("phase__review__state", "phase__review__cycle__rules", "reviewing_state", "article",
                             "closed_by").filter(pk=thread.pk).first())
    if found is None or not permissions.can_read_dialogue(actor, found.phase):
        raise NotFound
    return found


def _side(roles: frozenset[str]) -> str:
    if roles & {workflow.FOCAL_POINT, workflow.EXPERT}:
        return Side.UNDER_REVIEW
    if roles & {workflow.REVIEWER_FOCAL_POINT, workflow.REVIEWER_EXPERT}:
        return Side.REVIEWING
    return Side.SECRETARIAT


def _require_dialogue_stage(phase: Phase) -> None:
    if phase.stage not in permissions.DIALOGUE_STAGES:
        raise InvalidInput(
            "phase", _("the dialogue of this phase is over (it is at the stage “%(stage)s”); threads are kept as "
                       "they are") % {"stage": _stage_label(phase)})


@transaction.atomic
def message_post(*, actor: User, thread: Thread, text: str) -> Message:
    """Write in an open thread: the State under review answers, the reviewing State replies, the secretariat
    comments where the rules let it assist. A message is never changed; posting the same text twice posts once."""
    thread = _locked_thread(thread, actor)
    roles = permissions.dialogue_roles(actor, thread.phase, thread.reviewing_state_id, act="comment")
    if thread.stage == ThreadStage.CLOSED:
        raise InvalidInput("message", _("this thread was closed as resolved on %(date)s; open it again to write in it")
                           % {"date": _when(thread.closed_at)})
    try:
        THREAD.check_edit(["message"], stage=thread.stage, roles=roles)
    except WorkflowRefusal:
        raise NotPermitted(_("Only the State under review and %(state)s write in this thread.")
                           % {"state": thread.reviewing_state}) from None
    _require_dialogue_stage(thread.phase)
    cleaned = _text("message", text, MESSAGE_TEXT_MAX, required=_("write the message"))
    last = thread.messages.order_by("-posted_at", "-pk").first()
    if last is not None and last.author_id == actor.pk and last.text == cleaned:
        return last
    message = Message.objects.create(thread=thread, author=actor, side=_side(roles), text=cleaned)
    thread.last_message_at = message.posted_at
    thread.save(update_fields=["last_message_at"])
    audit.record(actor=actor, action=AuditAction.MESSAGE_POST, target=message, after={"thread": thread.pk})
    return message


def _require_thread_step(actor: User, thread: Thread, step: str) -> None:
    roles = permissions.dialogue_roles(actor, thread.phase, thread.reviewing_state_id)
    try:
        THREAD.check(step, stage=thread.stage, roles=roles)
    except WorkflowRefusal as refusal:
        if refusal.code == "not_permitted":
            if step == "close":
                raise NotPermitted(_("Only %(state)s, which asked, closes this thread as resolved.")
                                   % {"state": thread.reviewing_state}) from None
            raise NotPermitted(_("Only %(state)s or the focal point of the State under review opens this thread "
                                 "again.") % {"state": thread.reviewing_state}) from None
        raise InvalidInput("stage", _("this thread is “%(stage)s” already") % {"stage": ThreadStage(thread.stage).label}
                           ) from None


@transaction.atomic
def thread_close(*, actor: User, thread: Thread, expected_version: int | None, resolution: str = "") -> Thread:
    """The reviewing State that asked closes the thread when the answer resolves it, saying how if it wishes."""
    thread = _locked_thread(thread, actor)
    if thread.stage == ThreadStage.CLOSED:
        return thread
    _require_thread_step(actor, thread, "close")
    _require_dialogue_stage(thread.phase)
    require_version(thread.version, expected_version, _(
        "This thread changed after you opened it, so it was not closed. Read it as it is now, then close it."))
    thread.resolution = clean_text("resolution", resolution, RESOLUTION_MAX)
    thread.stage = ThreadStage.CLOSED
    thread.closed_at = timezone.now()
    thread.closed_by = actor
    thread.version += 1
    thread.save()
    audit.record(actor=actor, action=AuditAction.THREAD_CLOSE, target=thread, after={"resolution": thread.resolution})
    return thread


@transaction.atomic
def thread_reopen(*, actor: User, thread: Thread, expected_version: int | None) -> Thread:
    thread = _locked_thread(thread, actor)
    if thread.stage == ThreadStage.OPEN:
        return thread
    _require_thread_step(actor, thread, "reopen")
    _require_dialogue_stage(thread.phase)
    require_version(thread.version, expected_version)
    before = {"closed_at": thread.closed_at.isoformat() if thread.closed_at else None, "resolution": thread.resolution}
    thread.stage = ThreadStage.OPEN
    thread.closed_at = None
    thread.closed_by = None
    thread.version += 1
    thread.save()
    audit.record(actor=actor, action=AuditAction.THREAD_REOPEN, target=thread, before=before)
    return thread


def can_record_meeting(actor: Any, phase: Phase) -> bool:
    """The focal points of the State under review and of the reviewing States; the secretariat where it assists."""
    if phase.stage not in permissions.MEETING_STAGES:
        return False
    roles = permissions.dialogue_roles(actor, phase, None, act="comment")
    if roles & {workflow.FOCAL_POINT, workflow.SECRETARIAT}:
        return True
    return any(workflow.REVIEWER_FOCAL_POINT in permissions.dialogue_roles(actor, phase, state)
               for state in permissions.reviewing_states_of(actor, phase))


def _meeting_content(kind: str, held_on: Any, place: str, participants: str, minutes: str,
                     phase: Phase) -> dict[str, Any]:
    if kind not in MeetingKind.values:
        raise InvalidInput("kind", _("say whether the meeting was virtual or in Vienna"))
    if not isinstance(held_on, datetime.date):
        try:
            held_on = datetime.date.fromisoformat(str(held_on))
        except ValueError:
            raise InvalidInput("held_on", _("give the date of the meeting as YYYY-MM-DD")) from None
    today = timezone.localdate()
    if held_on < phase.starts_on or held_on.year > today.year + MEETING_YEARS_AHEAD:
        raise InvalidInput("held_on", _("the meeting must be on or after the start of the phase (%(start)s) and "
                                        "within two years from now") % {"start": date_format(phase.starts_on)})
    return {
        "kind": kind, "held_on": held_on, "place": clean_text("place", place, MEETING_PLACE_MAX),
        "participants": _text("participants", participants, PARTICIPANTS_MAX,
                              required=_("name who took part (delegations, experts, secretariat)")),
        "minutes": clean_text("minutes", minutes, MINUTES_MAX),
    }


def _meeting_audit(meeting: Meeting) -> dict[str, Any]:
    return {"kind": meeting.kind, "held_on": meeting.held_on.isoformat(), "place": meeting.place,
            "participants": meeting.participants, "minutes": meeting.minutes}


@transaction.atomic
def meeting_save(
    *, actor: User, phase: Phase, meeting: Meeting | None = None, expected_version: int | None = None,
    kind: str, held_on: Any, place: str = "", participants: str, minutes: str = "",
) -> Meeting:
    """Record a meeting of the dialogue (virtual or in Vienna), or change its record naming the version read."""
    phase = _locked_phase(phase)
    if not permissions.can_read_dialogue(actor, phase):
        raise NotFound
    if not can_record_meeting(actor, phase):
        if phase.stage not in permissions.MEETING_STAGES:
            raise InvalidInput("phase", _("meetings are recorded from the written feedback to the summary; this "
                                          "phase is at the stage “%(stage)s”") % {"stage": _stage_label(phase)})
        raise NotPermitted(_("Only the focal points of the State under review and of the reviewing States record "
                             "meetings (and the secretariat where the rules let it assist)."))
    content = _meeting_content(kind, held_on, place, participants, minutes, phase)
    if meeting is None:
        created = Meeting(phase=phase, created_by=actor, updated_by=actor, **content)
        created.full_clean()
        created.save()
        audit.record(actor=actor, action=AuditAction.MEETING_SAVE, target=created, after=_meeting_audit(created))
        return created
    meeting = locked(Meeting.objects).get(pk=meeting.pk, phase=phase)
    require_version(meeting.version, expected_version, _(
        "Someone else saved this meeting after you opened it, so yours was not saved. The page shows the stored "
        "record: make your change again."))
    before = _meeting_audit(meeting)
    for name, value in content.items():
        setattr(meeting, name, value)
    if _meeting_audit(meeting) == before:
        return meeting
    meeting.version += 1
    meeting.updated_by = actor
    meeting.full_clean()
    meeting.save()
    audit.record(actor=actor, action=AuditAction.MEETING_SAVE, target=meeting, before=before,
                 after=_meeting_audit(meeting))
    return meeting
