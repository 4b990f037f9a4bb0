"""The desk review and dialogue pages: a phase's articles one by one, the submitted answers beside the written
feedback; threads answered by the State under review; meetings.

Every read goes through an `access_…` helper (logged; 404 for those not entitled). A refusal is said at the top
of the page; a refused form is shown again with what was typed, so nothing is lost.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from treatyreview.accounts.models import User
from treatyreview.errors import InvalidInput, NotFound, ServiceError
from treatyreview.mechanism import workflow
from treatyreview.mechanism.workflow import FEEDBACK, THREAD
from treatyreview.observations.dialogue import permissions, selectors, services
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
)
from treatyreview.observations.dialogue.models import FeedbackItem, Meeting
from treatyreview.pages import refuse
from treatyreview.reviews.models import Phase
from treatyreview.reviews.phases.choices import Stage as PhaseStage


def _actor(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise NotFound
    return request.user


def _version(request: HttpRequest) -> int | None:
    raw = request.POST.get("expected_version", "")
    try:
        return int(raw) if raw else None
    except ValueError:
        raise InvalidInput("expected_version", _("not a number")) from None


def _page_url(phase: Phase, article: int | None = None, anchor: str = "") -> str:
    url = reverse("dialogue_page", args=[phase.pk])
    if article:
        url += f"?article={article}"
    return url + (f"#{anchor}" if anchor else "")


def _item_actions(user: Any, item: FeedbackItem, phase: Phase) -> dict[str, Any]:
    roles = permissions.dialogue_roles(user, phase, item.reviewing_state_id, act="draft")
    open_for_feedback = phase.stage in permissions.FEEDBACK_STAGES
    editable = open_for_feedback and bool(FEEDBACK.editable_fields(stage=item.stage, roles=roles))
    offered = FEEDBACK.offered(stage=item.stage, roles=roles) if open_for_feedback else ()
    thread = getattr(item, "thread", None) if item.stage == FeedbackStage.CLEARED else None
    thread_roles = permissions.dialogue_roles(user, phase, item.reviewing_state_id, act="comment")
    in_dialogue = phase.stage in permissions.DIALOGUE_STAGES
    return {
        "item": item, "editable": editable, "offered": offered, "thread": thread,
        "may_write": bool(thread is not None and in_dialogue and "message" in THREAD.editable_fields(
            stage=thread.stage, roles=thread_roles)),
        "thread_offered": THREAD.offered(stage=thread.stage, roles=permissions.dialogue_roles(
            user, phase, item.reviewing_state_id)) if thread is not None and in_dialogue else (),
    }


def _context(request: HttpRequest, phase: Phase, article: str | None, **extra: Any) -> dict[str, Any]:
    user = request.user
    rows = selectors.desk(user, phase)
    current = next((row for row in rows if str(row.article.pk) == str(article)), rows[0] if rows else None)
    index = rows.index(current) if current is not None else 0
    own = permissions.reviewing_states_of(user, phase)
    dispatches = selectors.dispatches(phase)
    states = selectors.reviewing_states(phase)
    focal_of = [state for state in states
                if workflow.REVIEWER_FOCAL_POINT in permissions.dialogue_roles(user, phase, state.pk)]
    drafts_of = {state.pk: sum(1 for row in rows for item in row.items
                               if item.reviewing_state_id == state.pk and item.stage == FeedbackStage.DRAFT)
                 for state in states}
    secretariat_drafts = permissions.dialogue_roles(user, phase, None, act="draft") & {workflow.SECRETARIAT}
    may_write = permissions.can_write_feedback(user, phase) and (
        bool(secretariat_drafts) or any(state not in dispatches for state in own))
    return {
        "phase": phase,
        "review": phase.review,
        "rows": rows,
        "current": current,
        "previous": rows[index - 1] if current is not None and index > 0 else None,
        "next": rows[index + 1] if current is not None and index + 1 < len(rows) else None,
        "items": [_item_actions(user, item, phase) for item in current.items] if current else [],
        "states": [{"state": state, "sent": dispatches.get(state.pk), "drafts": drafts_of[state.pk],
                    "mine": state.pk in own, "may_send": state in focal_of and state.pk not in dispatches
                    and phase.stage in permissions.FEEDBACK_STAGES} for state in states],
        "may_write": may_write,
        "write_for": [state for state in states if bool(secretariat_drafts) and state.pk not in dispatches],
        "kinds": FeedbackKind.choices,
        "questions": [item.question for group in (current.groups if current else []) for item in group.items],
        "stage_label": PhaseStage(phase.stage).label,
        "in_feedback": phase.stage in permissions.FEEDBACK_STAGES,
        "meetings": selectors.meetings_of_phase(user, phase),
        "may_record_meeting": services.can_record_meeting(user, phase),
        "under_review": permissions.is_of_state_under_review(user, phase),
        "limits": {"feedback": FEEDBACK_TEXT_MAX, "message": MESSAGE_TEXT_MAX, "resolution": RESOLUTION_MAX},
        "typed": {},
        **extra,
    }


@require_GET
def dialogue_page(request: HttpRequest, phase_pk: int) -> HttpResponse:
    phase = selectors.access_dialogue(request.user, phase_pk)
    return render(request, "observations/dialogue/page.html", _context(request, phase, request.GET.get("article")))


def _refused_page(request: HttpRequest, phase: Phase, error: ServiceError, article: Any,
                  typed: dict[str, Any]) -> HttpResponse:
    """A refused form comes back with what was typed in it and the reason at the top of the page."""
    status = refuse(request, error)
    return render(request, "observations/dialogue/page.html",
                  _context(request, phase, str(article or ""), typed=typed), status=status)


@require_POST
def feedback_create(request: HttpRequest, phase_pk: int) -> HttpResponse:
    phase = selectors.access_dialogue(request.user, phase_pk)
    article = request.POST.get("article", "")
    try:
        article_pk = int(article)
    except ValueError:
        article_pk = 0
    state = request.POST.get("reviewing_state") or None
    try:
        item = services.feedback_create(
            actor=_actor(request), phase=phase, article=article_pk, text=request.POST.get("text", ""),
            kind=request.POST.get("kind", FeedbackKind.QUESTION), question=request.POST.get("question") or None,
            reviewing_state=int(state) if state and state.isdigit() else None,
        )
    except ServiceError as error:
        return _refused_page(request, phase, error, article_pk, {"new": request.POST})
    messages.success(request, _("Your feedback was saved as a draft. Your focal point clears it before the State "
                                "under review sees it."))
    return redirect(_page_url(phase, item.article_id, f"feedback-{item.pk}"))


@require_POST
def feedback_save(request: HttpRequest, phase_pk: int, pk: int) -> HttpResponse:
    phase = selectors.access_dialogue(request.user, phase_pk)
    item = selectors.access_feedback(request.user, pk, phase=phase)
    try:
        services.feedback_update(actor=_actor(request), item=item, expected_version=_version(request),
                                 text=request.POST.get("text", ""), kind=request.POST.get("kind", item.kind),
                                 question=request.POST.get("question") or None)
    except ServiceError as error:
        return _refused_page(request, phase, error, item.article_id, {"item_pk": item.pk, "item": request.POST})
    messages.success(request, _("The feedback was saved."))
    return redirect(_page_url(phase, item.article_id, f"feedback-{item.pk}"))


@require_POST
def feedback_step(request: HttpRequest, phase_pk: int, pk: int, step: str) -> HttpResponse:
    phase = selectors.access_dialogue(request.user, phase_pk)
    item = selectors.access_feedback(request.user, pk, phase=phase)
    steps = {"clear": services.feedback_clear, "withdraw": services.feedback_withdraw}
    if step not in steps:
        raise NotFound
    try:
        done = steps[step](actor=_actor(request), item=item, expected_version=_version(request))
    except ServiceError as error:
        refuse(request, error)
    else:
        if step == "clear":
            messages.success(request, _("The feedback is cleared: the State under review can now read it and answer "
                                        "in its thread."))
        else:
            messages.success(request, _("The feedback was withdrawn. It stays on record for your State."))
        item = done
    return redirect(_page_url(phase, item.article_id, f"feedback-{item.pk}"))


@require_POST
def feedback_send(request: HttpRequest, phase_pk: int) -> HttpResponse:
    phase = selectors.access_dialogue(request.user, phase_pk)
    state = request.POST.get("reviewing_state", "")
    try:
        dispatch = services.feedback_send(actor=_actor(request), phase=phase,
                                          reviewing_state=int(state) if state.isdigit() else None)
    except ServiceError as error:
        refuse(request, error)
        return redirect(_page_url(phase, anchor="states"))
    phase = Phase.objects.get(pk=phase.pk)
    if phase.stage != PhaseStage.FEEDBACK:
        messages.success(request, _("The written feedback of %(state)s is sent. Every reviewing State has sent its "
                                    "feedback: the phase moves on to the dialogue.")
                         % {"state": dispatch.reviewing_state})
    else:
        messages.success(request, _("The written feedback of %(state)s is sent. The phase moves on to the dialogue "
                                    "once every reviewing State has sent its feedback.")
                         % {"state": dispatch.reviewing_state})
    return redirect(_page_url(phase, anchor="states"))


@require_POST
def message_post(request: HttpRequest, phase_pk: int, pk: int) -> HttpResponse:
    phase = selectors.access_dialogue(request.user, phase_pk)
    thread = selectors.access_thread(request.user, pk, phase=phase)
    try:
        message = services.message_post(actor=_actor(request), thread=thread, text=request.POST.get("text", ""))
    except ServiceError as error:
        return _refused_page(request, phase, error, thread.article_id, {"thread_pk": thread.pk, "thread": request.POST})
    messages.success(request, _("Your message was posted."))
    return redirect(_page_url(phase, thread.article_id, f"message-{message.pk}"))


@require_POST
def thread_step(request: HttpRequest, phase_pk: int, pk: int, step: str) -> HttpResponse:
    phase = selectors.access_dialogue(request.user, phase_pk)
    thread = selectors.access_thread(request.user, pk, phase=phase)
    try:
        if step == "close":
            services.thread_close(actor=_actor(request), thread=thread, expected_version=_version(request),
                                  resolution=request.POST.get("resolution", ""))
            messages.success(request, _("The thread is closed as resolved."))
        elif step == "reopen":
            services.thread_reopen(actor=_actor(request), thread=thread, expected_version=_version(request))
            messages.success(request, _("The thread is open again."))
        else:
            raise NotFound
    except NotFound:
        raise
    except ServiceError as error:
        refuse(request, error)
    return redirect(_page_url(phase, thread.article_id, f"thread-{thread.pk}"))


def _meeting_form(request: HttpRequest) -> dict[str, str]:
    return {name: request.POST.get(name, "") for name in ("kind", "held_on", "place", "participants", "minutes")}


def meetings_page(request: HttpRequest, phase_pk: int) -> HttpResponse:
    """The meetings of a phase's dialogue, and the form recording one."""
    phase = selectors.access_dialogue(request.user, phase_pk)
    typed: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        typed = _meeting_form(request)
        try:
            meeting = services.meeting_save(actor=_actor(request), phase=phase, kind=typed["kind"],
                                            held_on=typed["held_on"], place=typed["place"],
                                            participants=typed["participants"], minutes=typed["minutes"])
        except ServiceError as error:
            status = refuse(request, error)
        else:
            messages.success(request, _("The meeting is recorded."))
            return redirect(reverse("dialogue_meetings", args=[phase.pk]) + f"#meeting-{meeting.pk}")
    return render(request, "observations/dialogue/meetings.html", _meetings_context(request, phase, typed),
                  status=status)


def meeting_edit(request: HttpRequest, phase_pk: int, pk: int) -> HttpResponse:
    phase = selectors.access_dialogue(request.user, phase_pk)
    meeting = selectors.access_meeting(request.user, pk, phase=phase)
    typed: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        typed = _meeting_form(request)
        try:
            services.meeting_save(actor=_actor(request), phase=phase, meeting=meeting,
                                  expected_version=_version(request), kind=typed["kind"], held_on=typed["held_on"],
                                  place=typed["place"], participants=typed["participants"],
                                  minutes=typed["minutes"])
        except ServiceError as error:
            status = refuse(request, error)
            meeting = Meeting.objects.get(pk=meeting.pk)
        else:
            messages.success(request, _("The record of the meeting was saved."))
            return redirect(reverse("dialogue_meetings", args=[phase.pk]) + f"#meeting-{meeting.pk}")
    values = typed or {"kind": meeting.kind, "held_on": meeting.held_on.isoformat(), "place": meeting.place,
                       "participants": meeting.participants, "minutes": meeting.minutes}
    return render(request, "observations/dialogue/meeting.html",
                  {**_meetings_context(request, phase, values), "meeting": meeting}, status=status)


def _meetings_context(request: HttpRequest, phase: Phase, typed: dict[str, str]) -> dict[str, Any]:
    return {
        "phase": phase, "review": phase.review, "meetings": selectors.meetings_of_phase(request.user, phase),
        "may_record": services.can_record_meeting(request.user, phase), "kinds": MeetingKind.choices,
        "typed": typed, "stage_label": PhaseStage(phase.stage).label,
        "limits": {"place": MEETING_PLACE_MAX, "participants": PARTICIPANTS_MAX, "minutes": MINUTES_MAX},
    }


