"""The list of observations pages: drafting article by article, suggestions with similar ones offered as the
reviewer types (htmx), needs, comments, the focal points' steps, saved versions compared, and the follow-up of
suggestions once final.

Every read goes through `selectors.access_list` (logged; 404 for those not entitled). Every form posts and the
page reloads at the article, with the refusal (if any) at the top of the page; nothing refused is lost: the text
typed comes back in the form.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from treatyreview.accounts.models import User
from treatyreview.errors import Conflict, InvalidInput, NotFound, ServiceError
from treatyreview.mechanism.workflow import OBSERVATION_LIST
from treatyreview.observations.lists import consistency, permissions, selectors, services, versions
from treatyreview.observations.lists.choices import (
    COMMENT_MAX,
    NEED_TEXT_MAX,
    OBSERVATION_TEXT_MAX,
    SUGGESTION_TEXT_MAX,
    AssistanceType,
    FollowUpStatus,
    Stage,
    Subject,
)
from treatyreview.observations.lists.labels import STEP_NAMES
from treatyreview.observations.lists.models import AssistanceNeed, ObservationList, Recommendation
from treatyreview.pages import refuse
from treatyreview.questionnaires.answers.forms import expected_version


def actor_of(request: HttpRequest) -> User:
    """The person acting; an anonymous visitor gets the 404 page, as for a list that does not exist."""
    if not isinstance(request.user, User):
        raise NotFound
    return request.user


def page_url(phase_pk: int, article_id: Any = None, anchor: str = "") -> str:
    url = reverse("observation_list", args=[phase_pk])
    if article_id:
        url += f"?article={article_id}"
    return url + (f"#{anchor}" if anchor else "")


def user_language() -> str:
    return (get_language() or "en").split("-")[0]


def _context(request: HttpRequest, observation_list: ObservationList, article: str | None,
             kept: dict[str, Any] | None = None) -> dict[str, Any]:
    phase = observation_list.phase
    roles = permissions.outcome_roles(request.user, phase)
    participant = permissions.is_participant(request.user, phase)
    entries = selectors.list_entries(observation_list, with_earlier=participant)
    current = next((e for e in entries if str(e.article.pk) == str(article)), entries[0] if entries else None)
    index = entries.index(current) if current is not None else 0
    editable = OBSERVATION_LIST.editable_fields(stage=observation_list.stage, roles=roles)
    offered = OBSERVATION_LIST.offered(stage=observation_list.stage, roles=roles)
    agreed = selectors.agreed_state_ids(phase, Subject.LIST, "agree_reviewing", observation_list.version)
    mine = permissions.reviewing_state_ids_of(request.user, phase)
    if "agree_reviewing" in offered and mine and mine <= agreed:
        offered = tuple(step for step in offered if step != "agree_reviewing")
    return {
        "observation_list": observation_list,
        "phase": phase,
        "review": phase.review,
        "entries": entries,
        "current": current,
        "previous": entries[index - 1] if current is not None and index > 0 else None,
        "next": entries[index + 1] if current is not None and index + 1 < len(entries) else None,
        "editable": editable,
        "offered": [(step, STEP_NAMES[step]) for step in offered],
        "participant": participant,
        "comments": [c for c in selectors.comments(phase, Subject.LIST)] if participant else [],
        "agreements": selectors.agreements(phase, Subject.LIST) if participant else [],
        "waiting_for": _waiting_for(observation_list, agreed),
        "summary": selectors.summary_of_phase(phase),
        "may_begin_summary": observation_list.stage == Stage.FINAL and bool(
            roles & {"reviewer_focal_point", "reviewer_expert", "secretariat"}),
        "kinds": AssistanceType.choices,
        "follow_up_statuses": FollowUpStatus.choices,
        "limits": {"observation": OBSERVATION_TEXT_MAX, "suggestion": SUGGESTION_TEXT_MAX, "need": NEED_TEXT_MAX,
                   "comment": COMMENT_MAX},
        "kept": kept or {},
        "language": user_language(),
        "final": observation_list.stage == Stage.FINAL,
    }


def _waiting_for(observation_list: ObservationList, agreed: set[int]) -> list[Any]:
    """The reviewing States whose focal point has not agreed to this version yet (while it is a draft)."""
    if observation_list.stage != Stage.DRAFT:
        return []
    from treatyreview.registry.models import State

    pending = permissions.reviewing_state_ids(observation_list.phase) - agreed
    return list(State.objects.filter(pk__in=pending).prefetch_related("names").order_by("name"))


@require_GET
def observation_list(request: HttpRequest, phase_pk: int) -> HttpResponse:
    """The phase's list of observations; before it is begun, its participants are told so (others get 404)."""
    try:
        found = selectors.access_list(request.user, phase_pk)
    except NotFound:
        phase = selectors.access_phase(request.user, phase_pk)
        if selectors.list_of_phase(phase) is not None:
            raise
        roles = permissions.outcome_roles(request.user, phase)
        return render(request, "observations/lists/not_begun.html", {
            "phase": phase, "review": phase.review,
            "may_begin": bool(roles & {"reviewer_focal_point", "secretariat"}) and phase.stage in (
                "dialogue", "observations"),
        })
    return render(request, "observations/lists/page.html", _context(request, found, request.GET.get("article")))


def _refused(request: HttpRequest, observation_list: ObservationList, error: ServiceError, article: Any,
             kept: dict[str, Any]) -> HttpResponse:
    """The page again at the article, the refusal at the top and the text typed kept in its form."""
    status = refuse(request, error)
    if isinstance(error, Conflict):
        kept["conflict"] = True
    fresh = ObservationList.objects.select_related("phase__review__state", "phase__review__cycle__rules").get(
        pk=observation_list.pk)
    return render(request, "observations/lists/page.html", _context(request, fresh, article, kept), status=status)


@require_POST
def list_begin(request: HttpRequest, phase_pk: int) -> HttpResponse:
    phase = selectors.access_phase(request.user, phase_pk)
    try:
        services.list_begin(actor=actor_of(request), phase=phase)
    except ServiceError as error:
        refuse(request, error)
    else:
        messages.success(request, _("The list of observations is begun: one entry per article of the phase."))
    return redirect(page_url(phase_pk))


@require_POST
def observation_save(request: HttpRequest, phase_pk: int, article_pk: int) -> HttpResponse:
    observation_list = selectors.access_list(request.user, phase_pk)
    observation = observation_list.observations.filter(article_id=article_pk).first()
    if observation is None:
        raise NotFound
    texts = {name: request.POST.get(name, "") for name in ("implementation", "successes", "challenges")}
    try:
        services.observation_save(actor=actor_of(request), observation=observation,
                                  expected_version=expected_version(request.POST), texts=texts)
    except ServiceError as error:
        return _refused(request, observation_list, error, article_pk, {"observation": texts})
    messages.success(request, _("The observation on this article was saved."))
    return redirect(page_url(phase_pk, article_pk, "observation"))


@require_POST
def suggestion_add(request: HttpRequest, phase_pk: int) -> HttpResponse:
    observation_list = selectors.access_list(request.user, phase_pk)
    article = request.POST.get("article", "")
    text = request.POST.get("text", "")
    try:
        services.suggestion_add(actor=actor_of(request), observation_list=observation_list, article_id=article,
                                text=text, language=request.POST.get("language", ""))
    except ServiceError as error:
        return _refused(request, observation_list, error, article, {"suggestion": text})
    messages.success(request, _("The suggestion was added."))
    return redirect(page_url(phase_pk, article, "suggestions"))


def _suggestion(observation_list: ObservationList, pk: int) -> Recommendation:
    found = observation_list.recommendations.filter(pk=pk).first()
    if found is None:
        raise NotFound
    return found


@require_POST
def suggestion_edit(request: HttpRequest, phase_pk: int, pk: int) -> HttpResponse:
    observation_list = selectors.access_list(request.user, phase_pk)
    suggestion = _suggestion(observation_list, pk)
    text = request.POST.get("text", "")
    try:
        if request.POST.get("delete"):
            services.suggestion_delete(actor=actor_of(request), suggestion=suggestion,
                                       expected_version=expected_version(request.POST))
            messages.success(request, _("The suggestion was removed; the list's saved versions keep it."))
        else:
            services.suggestion_edit(actor=actor_of(request), suggestion=suggestion, text=text,
                                     expected_version=expected_version(request.POST))
            messages.success(request, _("The suggestion was saved."))
    except ServiceError as error:
        return _refused(request, observation_list, error, suggestion.article_id, {f"suggestion-{pk}": text})
    return redirect(page_url(phase_pk, suggestion.article_id, "suggestions"))


@require_POST
def need_add(request: HttpRequest, phase_pk: int) -> HttpResponse:
    observation_list = selectors.access_list(request.user, phase_pk)
    article = request.POST.get("article", "")
    posted = {"kind": request.POST.get("kind", ""), "description": request.POST.get("description", ""),
              "already_received": request.POST.get("already_received") == "on"}
    try:
        services.need_add(actor=actor_of(request), observation_list=observation_list, article_id=article, **posted)
    except ServiceError as error:
        return _refused(request, observation_list, error, article, {"need": posted})
    messages.success(request, _("The technical assistance need was recorded."))
    return redirect(page_url(phase_pk, article, "needs"))


@require_POST
def need_edit(request: HttpRequest, phase_pk: int, pk: int) -> HttpResponse:
    observation_list = selectors.access_list(request.user, phase_pk)
    need = AssistanceNeed.objects.filter(observation_list=observation_list, pk=pk).first()
    if need is None:
        raise NotFound
    posted = {"kind": request.POST.get("kind", ""), "description": request.POST.get("description", ""),
              "already_received": request.POST.get("already_received") == "on"}
    try:
        if request.POST.get("delete"):
            services.need_delete(actor=actor_of(request), need=need, expected_version=expected_version(request.POST))
            messages.success(request, _("The technical assistance need was removed; the list's saved versions "
                                        "keep it."))
        else:
            services.need_edit(actor=actor_of(request), need=need, expected_version=expected_version(request.POST),
                               **posted)
            messages.success(request, _("The technical assistance need was saved."))
    except ServiceError as error:
        return _refused(request, observation_list, error, need.article_id, {})
    return redirect(page_url(phase_pk, need.article_id, "needs"))


@require_POST
def list_comment(request: HttpRequest, phase_pk: int) -> HttpResponse:
    observation_list = selectors.access_list(request.user, phase_pk)
    article = request.POST.get("article", "")
    text = request.POST.get("text", "")
    try:
        services.list_comment(actor=actor_of(request), observation_list=observation_list, text=text,
                              article_id=article or None)
    except ServiceError as error:
        return _refused(request, observation_list, error, article, {"comment": text})
    messages.success(request, _("Your comment was added."))
    return redirect(page_url(phase_pk, article, "comments"))


STEP_DONE = {
    "agree_reviewing": _("Your State's agreement is recorded."),
    "agree_under_review": _("The State under review's agreement is recorded."),
    "finalise": _("The list of observations is final. The phase moves on to the summary."),
    "return_to_draft": _("The list of observations is back in draft; your reason is kept as a comment."),
}


@require_POST
def list_step(request: HttpRequest, phase_pk: int) -> HttpResponse:
    observation_list = selectors.access_list(request.user, phase_pk)
    step = request.POST.get("step", "")
    try:
        services.list_step(actor=actor_of(request), observation_list=observation_list, step=step,
                           expected_version=expected_version(request.POST), reason=request.POST.get("reason", ""))
    except ServiceError as error:
        refuse(request, error)
    else:
        messages.success(request, str(STEP_DONE.get(step, "")))
    return redirect(page_url(phase_pk))


@require_POST
def follow_up_record(request: HttpRequest, phase_pk: int, pk: int) -> HttpResponse:
    observation_list = selectors.access_list(request.user, phase_pk)
    suggestion = _suggestion(observation_list, pk)
    try:
        services.follow_up_record(actor=actor_of(request), suggestion=suggestion,
                                  expected_version=expected_version(request.POST),
                                  status=request.POST.get("status", ""), note=request.POST.get("note", ""),
                                  on=_date(request.POST.get("on", "")))
    except ServiceError as error:
        return _refused(request, observation_list, error, suggestion.article_id, {})
    messages.success(request, _("The follow-up of the suggestion was recorded."))
    return redirect(page_url(phase_pk, suggestion.article_id, f"suggestion-{pk}"))


def _date(raw: str) -> Any:
    import datetime

    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput("on", _("give the date as year-month-day, e.g. 2027-03-31")) from None


@require_GET
def similar(request: HttpRequest, phase_pk: int) -> HttpResponse:
    """Similar suggestions already made on the article in other final lists, for the reviewer typing one."""
    observation_list = selectors.list_for_drafting(request.user, phase_pk)
    roles = permissions.outcome_roles(request.user, observation_list.phase)
    if "suggestion" not in OBSERVATION_LIST.editable_fields(stage=observation_list.stage, roles=roles):
        raise NotFound
    try:
        article_id = int(request.GET.get("article", ""))
    except ValueError:
        raise NotFound from None
    text = request.GET.get("text", "")[:SUGGESTION_TEXT_MAX]
    found = consistency.similar_suggestions(
        text, article_id=article_id, exclude_list_id=observation_list.pk,
        language=request.GET.get("language", "") or user_language(),
        public_state_ids=selectors.public_list_state_ids()) if text.strip() else []
    return render(request, "observations/lists/_similar.html", {"similar": found, "typed": bool(text.strip())})


@require_GET
def list_versions(request: HttpRequest, phase_pk: int) -> HttpResponse:
    """Every saved version of the list; two of them compared word by word (by default the last two)."""
    # The working history is the participants' only (not the working groups' delegates): asked before the read.
    selectors.access_phase(request.user, phase_pk)
    observation_list = selectors.access_list(request.user, phase_pk)
    kept = versions.snapshots(observation_list.phase, Subject.LIST)
    newest = kept[-1].version if kept else 1
    older, newer = _pair(request, newest)
    before = versions.snapshot_of(observation_list.phase, Subject.LIST, older)
    after = versions.snapshot_of(observation_list.phase, Subject.LIST, newer)
    changes = versions.compare_lists(before.content if before else {}, after.content if after else {})
    entries = {entry.article.pk: entry.article for entry in selectors.list_entries(observation_list)}
    return render(request, "observations/lists/versions.html", {
        "observation_list": observation_list, "phase": observation_list.phase, "review": observation_list.phase.review,
        "snapshots": list(reversed(kept)), "older": older, "newer": newer,
        "changes": [(entries.get(change.article_id), change) for change in changes],
    })


def _pair(request: HttpRequest, newest: int) -> tuple[int, int]:
    def number(name: str, default: int) -> int:
        try:
            return max(1, min(newest, int(request.GET.get(name, default))))
        except ValueError:
            return default

    newer = number("to", newest)
    older = number("from", max(1, newer - 1))
    return min(older, newer), max(older, newer)
