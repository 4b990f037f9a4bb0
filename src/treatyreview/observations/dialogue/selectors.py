"""Reads of the desk review and the dialogue: every one goes through an `access_…` helper that checks and logs it,
and answers "not found" to anyone not entitled, as for nothing at all."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet

from treatyreview.accounts.permissions import Visitor, is_secretariat
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.errors import NotFound
from treatyreview.mechanism import workflow
from treatyreview.observations.dialogue import permissions
from treatyreview.observations.dialogue.choices import FeedbackStage, ThreadStage
from treatyreview.observations.dialogue.models import FeedbackDispatch, FeedbackItem, Meeting, Message, Thread
from treatyreview.questionnaires.answers import selectors as answer_selectors
from treatyreview.questionnaires.answers.models import Questionnaire
from treatyreview.registry.models import State
from treatyreview.reviews.models import Phase
from treatyreview.reviews.phases import selectors as phase_selectors


def _phases() -> QuerySet[Phase]:
    return Phase.objects.select_related("review__state", "review__cycle__rules", "instrument")


def access_dialogue(user: Visitor, phase_pk: int) -> Phase:
    """A phase's desk review and dialogue (feedback the user may see, threads, meetings), the read logged."""
    phase = _phases().filter(pk=phase_pk).first()
    if phase is None or not permissions.can_read_dialogue(user, phase):
        raise NotFound
    with transaction.atomic():
        audit.record(actor=user, action=AuditAction.FEEDBACK_READ, target=phase)
    return phase


def _items() -> QuerySet[FeedbackItem]:
    return FeedbackItem.objects.select_related(
        "phase__review__state", "phase__review__cycle__rules", "reviewing_state", "article__instrument", "question",
        "created_by", "updated_by", "cleared_by",
    )


def access_feedback(user: Visitor, pk: int, *, phase: Phase | None = None) -> FeedbackItem:
    items = _items() if phase is None else _items().filter(phase=phase)
    item = items.filter(pk=pk).first()
    if item is None or not permissions.can_read_feedback(user, item):
        raise NotFound
    with transaction.atomic():
        audit.record(actor=user, action=AuditAction.FEEDBACK_READ, target=item)
    return item


def access_thread(user: Visitor, pk: int, *, phase: Phase | None = None) -> Thread:
    threads = Thread.objects.select_related("phase__review__state", "phase__review__cycle__rules",
                                            "reviewing_state", "article__instrument", "feedback", "closed_by")
    if phase is not None:
        threads = threads.filter(phase=phase)
    thread = threads.filter(pk=pk).first()
    if thread is None or not permissions.can_read_dialogue(user, thread.phase):
        raise NotFound
    with transaction.atomic():
        audit.record(actor=user, action=AuditAction.THREAD_READ, target=thread)
    return thread


def access_meeting(user: Visitor, pk: int, *, phase: Phase | None = None) -> Meeting:
    meetings = Meeting.objects.select_related("phase__review__state", "phase__review__cycle__rules")
    if phase is not None:
        meetings = meetings.filter(phase=phase)
    meeting = meetings.filter(pk=pk).first()
    if meeting is None or not permissions.can_read_dialogue(user, meeting.phase):
        raise NotFound
    with transaction.atomic():
        audit.record(actor=user, action=AuditAction.MEETING_READ, target=meeting)
    return meeting


def feedback_visible(user: Visitor, phase: Phase) -> list[FeedbackItem]:
    """The phase's feedback the user may see (not logged: callers went through `access_dialogue`)."""
    items = list(_items().filter(phase=phase).prefetch_related(
        Prefetch("thread__messages", queryset=Message.objects.select_related("author"))))
    if not is_secretariat(user):
        own = permissions.reviewing_states_of(user, phase)
        items = [item for item in items if item.stage == FeedbackStage.CLEARED or item.reviewing_state_id in own]
    return list(items)


def threads_of_phase(user: Visitor, phase: Phase) -> list[Thread]:
    if not permissions.can_read_dialogue(user, phase):
        return []
    return list(Thread.objects.filter(phase=phase).select_related("reviewing_state", "article__instrument",
                                                                   "feedback").prefetch_related("messages__author"))


def meetings_of_phase(user: Visitor, phase: Phase) -> list[Meeting]:
    if not permissions.can_read_dialogue(user, phase):
        return []
    return list(Meeting.objects.filter(phase=phase).select_related("created_by", "updated_by"))


def dispatches(phase: Phase) -> dict[int, FeedbackDispatch]:
    return {d.reviewing_state_id: d for d in FeedbackDispatch.objects.filter(phase=phase).select_related("sent_by")}


def reviewing_states(phase: Phase) -> list[State]:
    return list(State.objects.filter(pk__in=permissions.phase_reviewing_state_ids(phase)).order_by("code"))


@dataclass
class ArticleDesk:
    """One article of the phase as the desk review shows it: the State's answers, the feedback on it."""

    article: Any
    groups: list[Any] = field(default_factory=list)
    items: list[FeedbackItem] = field(default_factory=list)

    @property
    def drafts(self) -> int:
        return sum(item.stage == FeedbackStage.DRAFT for item in self.items)

    @property
    def cleared(self) -> int:
        return sum(item.stage == FeedbackStage.CLEARED for item in self.items)

    @property
    def open_threads(self) -> int:
        return sum(1 for item in self.items if item.stage == FeedbackStage.CLEARED
                   and getattr(item, "thread", None) is not None and item.thread.stage == ThreadStage.OPEN)


def desk(user: Visitor, phase: Phase) -> list[ArticleDesk]:
    """Every article of the phase with the submitted answers on it and the feedback the user may see."""
    articles = phase_selectors.phase_articles(phase)
    rows = {article.pk: ArticleDesk(article=article) for article in articles}
    questionnaire = Questionnaire.objects.filter(phase=phase).first()
    if questionnaire is not None:
        for group in answer_selectors.questionnaire_outline(questionnaire):
            if group.article.pk in rows:
                rows[group.article.pk].groups.append(group)
    for item in feedback_visible(user, phase):
        if item.article_id in rows:
            rows[item.article_id].items.append(item)
    return list(rows.values())


def waiting_on(user: Visitor, phase: Phase) -> dict[str, int]:
    """What in a phase's dialogue waits on the user: drafts to clear (a reviewing focal point), threads to answer
    (the State under review), threads answered to close (a reviewing State)."""
    counts = {"to_clear": 0, "to_answer": 0, "to_close": 0}
    if phase.stage not in permissions.DIALOGUE_STAGES:
        return counts
    own = permissions.reviewing_states_of(user, phase)
    focal_of = {state for state in own
                if workflow.REVIEWER_FOCAL_POINT in permissions.dialogue_roles(user, phase, state)}
    if focal_of and phase.stage in permissions.FEEDBACK_STAGES:
        counts["to_clear"] = FeedbackItem.objects.filter(phase=phase, reviewing_state_id__in=focal_of,
                                                         stage=FeedbackStage.DRAFT).count()
    threads = Thread.objects.filter(phase=phase, stage=ThreadStage.OPEN).prefetch_related("messages")
    under_review = bool(permissions.dialogue_roles(user, phase) & {workflow.FOCAL_POINT, workflow.EXPERT})
    for thread in threads:
        messages = list(thread.messages.all())
        last_side = messages[-1].side if messages else "reviewing"
        if under_review and last_side != "under_review":
            counts["to_answer"] += 1
        elif thread.reviewing_state_id in own and last_side == "under_review":
            counts["to_close"] += 1
    return counts
