"""The written feedback and the threads of a review: read them (those entitled only; 404 for everyone else, as
for a review that does not exist), write feedback, clear it, answer in a thread and close it."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from treatyreview.accounts.auth import session_or_token
from treatyreview.accounts.models import User
from treatyreview.api_errors import READ_ERRORS, ErrorOut
from treatyreview.errors import InvalidInput, NotFound
from treatyreview.observations.dialogue import permissions, selectors, services
from treatyreview.observations.dialogue.choices import (
    FEEDBACK_TEXT_MAX,
    MESSAGE_TEXT_MAX,
    RESOLUTION_MAX,
    FeedbackKind,
)
from treatyreview.observations.dialogue.models import FeedbackItem, Thread
from treatyreview.registry.models import Article, State
from treatyreview.reviews.models import CountryReview, Phase

router = Router(tags=["dialogue"], auth=session_or_token)
WRITE_ERRORS = {403: ErrorOut, 409: ErrorOut, **READ_ERRORS}


class MessageOut(Schema):
    author: str
    side: str
    text: str
    posted_at: dt.datetime


class ThreadOut(Schema):
    id: int
    stage: str
    version: int
    closed_at: dt.datetime | None
    resolution: str
    messages: list[MessageOut]


class FeedbackOut(Schema):
    id: int
    phase: int
    reviewing_state: str
    instrument: str
    article: int
    question_id: str | None
    kind: str
    text: str
    stage: str
    version: int
    cleared_at: dt.datetime | None
    thread: ThreadOut | None


class FeedbackIn(Schema):
    phase: int = Field(ge=1, le=100, description="The phase's position in the review")
    instrument: str = Field(max_length=20, description="UNTOC, TIP, SOM or FIREARMS")
    article: int = Field(ge=1, le=1000)
    kind: FeedbackKind = FeedbackKind.QUESTION
    text: str = Field(max_length=FEEDBACK_TEXT_MAX)
    question_id: str | None = Field(None, max_length=50)
    reviewing_state: str | None = Field(None, max_length=3, description="Only when the secretariat drafts")


class FeedbackUpdateIn(Schema):
    version: int = Field(ge=1, le=2**31 - 1, description="The version of the item the caller read")
    kind: FeedbackKind
    text: str = Field(max_length=FEEDBACK_TEXT_MAX)
    question_id: str | None = Field(None, max_length=50)


class VersionIn(Schema):
    version: int = Field(ge=1, le=2**31 - 1)


class CloseIn(VersionIn):
    resolution: str = Field("", max_length=RESOLUTION_MAX)


class MessageIn(Schema):
    text: str = Field(max_length=MESSAGE_TEXT_MAX)


def _thread_out(thread: Thread | None) -> dict[str, Any] | None:
    if thread is None:
        return None
    return {"id": thread.pk, "stage": thread.stage, "version": thread.version, "closed_at": thread.closed_at,
            "resolution": thread.resolution,
            "messages": [{"author": str(m.author), "side": m.side, "text": m.text, "posted_at": m.posted_at}
                         for m in thread.messages.all()]}


def _feedback_out(item: FeedbackItem) -> dict[str, Any]:
    return {
        "id": item.pk, "phase": item.phase.position, "reviewing_state": item.reviewing_state.code,
        "instrument": item.article.instrument.code, "article": item.article.number,
        "question_id": item.question.code if item.question is not None else None, "kind": item.kind, "text": item.text,
        "stage": item.stage, "version": item.version, "cleared_at": item.cleared_at,
        "thread": _thread_out(getattr(item, "thread", None)) if item.stage == "cleared" else None,
    }


def _phases(user: Any, review_id: int) -> list[Phase]:
    """The review's phases whose dialogue the caller may read, each read logged; 404 when there is none."""
    review = CountryReview.objects.filter(pk=review_id).first()
    if review is None:
        raise NotFound
    phases = [phase for phase in Phase.objects.filter(review=review).select_related(
        "review__state", "review__cycle__rules") if permissions.can_read_dialogue(user, phase)]
    if not phases:
        raise NotFound
    return [selectors.access_dialogue(user, phase.pk) for phase in phases]


def _item(user: Any, review_id: int, item_id: int) -> FeedbackItem:
    item = FeedbackItem.objects.filter(pk=item_id, phase__review_id=review_id).first()
    if item is None:
        raise NotFound
    return selectors.access_feedback(user, item.pk)


@router.get("/reviews/{review_id}/feedback", response={200: list[FeedbackOut], **READ_ERRORS},
            summary="The written feedback of a review the caller may see, each cleared item with its thread")
def feedback_list(request: HttpRequest, review_id: int) -> list[dict[str, Any]]:
    """Drafts only to their reviewing State and the secretariat; 404 for anyone not taking part."""
    return [_feedback_out(item) for phase in _phases(request.user, review_id)
            for item in selectors.feedback_visible(request.user, phase)]


@router.post("/reviews/{review_id}/feedback", response={201: FeedbackOut, **WRITE_ERRORS},
             summary="Write a draft item of feedback on one article of a phase")
def feedback_create(request: HttpRequest, review_id: int, payload: FeedbackIn) -> tuple[int, dict[str, Any]]:
    phases = {phase.position: phase for phase in _phases(request.user, review_id)}
    phase = phases.get(payload.phase)
    if phase is None:
        raise NotFound
    article = Article.objects.filter(instrument__code=payload.instrument.upper(), number=payload.article).first()
    if article is None:
        raise InvalidInput("article", "no such article")
    state = None
    if payload.reviewing_state:
        state = State.objects.filter(code=payload.reviewing_state.upper()).first()
        if state is None:
            raise InvalidInput("reviewing_state", "no State has this code")
    item = services.feedback_create(actor=cast(User, request.user), phase=phase, article=article, text=payload.text,
                                    kind=payload.kind, question=payload.question_id, reviewing_state=state)
    return 201, _feedback_out(selectors.access_feedback(request.user, item.pk))


@router.put("/reviews/{review_id}/feedback/{item_id}", response={200: FeedbackOut, **WRITE_ERRORS},
            summary="Change a draft item, naming the version read (409 with the current version if it changed)")
def feedback_update(request: HttpRequest, review_id: int, item_id: int, payload: FeedbackUpdateIn) -> dict[str, Any]:
    item = _item(request.user, review_id, item_id)
    services.feedback_update(actor=cast(User, request.user), item=item, expected_version=payload.version,
                             text=payload.text, kind=payload.kind, question=payload.question_id)
    return _feedback_out(selectors.access_feedback(request.user, item.pk))


@router.post("/reviews/{review_id}/feedback/{item_id}/clear", response={200: FeedbackOut, **WRITE_ERRORS},
             summary="The reviewing State's focal point clears an item: the State under review then sees it")
def feedback_clear(request: HttpRequest, review_id: int, item_id: int, payload: VersionIn) -> dict[str, Any]:
    item = _item(request.user, review_id, item_id)
    services.feedback_clear(actor=cast(User, request.user), item=item, expected_version=payload.version)
    return _feedback_out(selectors.access_feedback(request.user, item.pk))


@router.get("/reviews/{review_id}/threads", response={200: list[ThreadOut], **READ_ERRORS},
            summary="The threads of a review's dialogue, with their messages")
def threads_list(request: HttpRequest, review_id: int) -> list[dict[str, Any]]:
    return [cast(dict[str, Any], _thread_out(thread)) for phase in _phases(request.user, review_id)
            for thread in selectors.threads_of_phase(request.user, phase)]


def _thread(user: Any, review_id: int, thread_id: int) -> Thread:
    thread = Thread.objects.filter(pk=thread_id, phase__review_id=review_id).first()
    if thread is None:
        raise NotFound
    return selectors.access_thread(user, thread.pk)


@router.post("/reviews/{review_id}/threads/{thread_id}/messages", response={201: ThreadOut, **WRITE_ERRORS},
             summary="Write in an open thread")
def message_post(request: HttpRequest, review_id: int, thread_id: int, payload: MessageIn) -> tuple[int, Any]:
    thread = _thread(request.user, review_id, thread_id)
    services.message_post(actor=cast(User, request.user), thread=thread, text=payload.text)
    return 201, _thread_out(selectors.access_thread(request.user, thread.pk))


@router.post("/reviews/{review_id}/threads/{thread_id}/close", response={200: ThreadOut, **WRITE_ERRORS},
             summary="The reviewing State that asked closes the thread as resolved")
def thread_close(request: HttpRequest, review_id: int, thread_id: int, payload: CloseIn) -> Any:
    thread = _thread(request.user, review_id, thread_id)
    services.thread_close(actor=cast(User, request.user), thread=thread, expected_version=payload.version,
                          resolution=payload.resolution)
    return _thread_out(selectors.access_thread(request.user, thread.pk))
