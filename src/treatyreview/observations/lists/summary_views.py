"""The summary pages: the first draft assembled from the final list, editing (each save a version), comments,
the focal points' steps, and saved versions compared."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from treatyreview.errors import Conflict, NotFound, ServiceError
from treatyreview.mechanism.workflow import SUMMARY
from treatyreview.observations.lists import permissions, selectors, summaries, versions
from treatyreview.observations.lists.choices import COMMENT_MAX, SUMMARY_FIELDS, SUMMARY_TEXT_MAX, Stage, Subject
from treatyreview.observations.lists.labels import STEP_NAMES
from treatyreview.observations.lists.models import Summary
from treatyreview.observations.lists.views import _pair, actor_of
from treatyreview.pages import refuse
from treatyreview.questionnaires.answers.forms import expected_version


def _url(phase_pk: int) -> str:
    return reverse("summary_page", args=[phase_pk])


def _context(request: HttpRequest, summary: Summary, kept: dict[str, Any] | None = None) -> dict[str, Any]:
    phase = summary.phase
    roles = permissions.outcome_roles(request.user, phase)
    offered = SUMMARY.offered(stage=summary.stage, roles=roles)
    agreed = selectors.agreed_state_ids(phase, Subject.SUMMARY, "agree_reviewing", summary.version)
    mine = permissions.reviewing_state_ids_of(request.user, phase)
    if "agree_reviewing" in offered and mine and mine <= agreed:
        offered = tuple(step for step in offered if step != "agree_reviewing")
    texts = kept.get("texts") if kept else None
    return {
        "summary": summary, "phase": phase, "review": phase.review,
        "sections": [(name, heading, texts[name] if texts else text, text)
                     for name, heading, text in selectors.summary_sections(summary)],
        "editable": SUMMARY.editable_fields(stage=summary.stage, roles=roles),
        "offered": [(step, STEP_NAMES[step]) for step in offered],
        "comments": selectors.comments(phase, Subject.SUMMARY),
        "agreements": selectors.agreements(phase, Subject.SUMMARY),
        "final": summary.stage == Stage.FINAL,
        "limits": {"summary": SUMMARY_TEXT_MAX, "comment": COMMENT_MAX},
        "kept": kept or {},
    }


@require_GET
def summary_page(request: HttpRequest, phase_pk: int) -> HttpResponse:
    summary = selectors.access_summary(request.user, phase_pk)
    return render(request, "observations/lists/summary.html", _context(request, summary))


@require_POST
def summary_begin(request: HttpRequest, phase_pk: int) -> HttpResponse:
    phase = selectors.access_phase(request.user, phase_pk)
    try:
        summaries.summary_begin(actor=actor_of(request), phase=phase)
    except ServiceError as error:
        refuse(request, error)
        return redirect("observation_list", phase_pk)
    messages.success(request, _("A first draft of the summary was assembled from the list of observations. "
                                "Edit it, then the focal points agree to it."))
    return redirect(_url(phase_pk))


@require_POST
def summary_save(request: HttpRequest, phase_pk: int) -> HttpResponse:
    summary = selectors.access_summary(request.user, phase_pk)
    texts = {name: request.POST.get(name, "") for name in SUMMARY_FIELDS}
    try:
        summaries.summary_save(actor=actor_of(request), summary=summary,
                               expected_version=expected_version(request.POST), texts=texts)
    except ServiceError as error:
        status = refuse(request, error)
        fresh = selectors.access_summary(request.user, phase_pk)
        return render(request, "observations/lists/summary.html",
                      _context(request, fresh, {"texts": texts, "conflict": isinstance(error, Conflict)}),
                      status=status)
    messages.success(request, _("The summary was saved."))
    return redirect(_url(phase_pk))


@require_POST
def summary_comment(request: HttpRequest, phase_pk: int) -> HttpResponse:
    summary = selectors.access_summary(request.user, phase_pk)
    try:
        summaries.summary_comment(actor=actor_of(request), summary=summary, text=request.POST.get("text", ""))
    except ServiceError as error:
        refuse(request, error)
    else:
        messages.success(request, _("Your comment was added."))
    return redirect(_url(phase_pk) + "#comments")


STEP_DONE = {
    "agree_reviewing": _("Your State's agreement is recorded."),
    "agree_under_review": _("The State under review's agreement is recorded."),
    "finalise": _("The summary is final and the phase is closed."),
    "return_to_draft": _("The summary is back in draft; your reason is kept as a comment."),
}


@require_POST
def summary_step(request: HttpRequest, phase_pk: int) -> HttpResponse:
    summary = selectors.access_summary(request.user, phase_pk)
    step = request.POST.get("step", "")
    try:
        summaries.summary_step(actor=actor_of(request), summary=summary, step=step,
                               expected_version=expected_version(request.POST), reason=request.POST.get("reason", ""))
    except ServiceError as error:
        refuse(request, error)
    else:
        messages.success(request, str(STEP_DONE.get(step, "")))
    return redirect(_url(phase_pk))


@require_GET
def summary_versions(request: HttpRequest, phase_pk: int) -> HttpResponse:
    summary = selectors.access_summary(request.user, phase_pk)
    kept = versions.snapshots(summary.phase, Subject.SUMMARY)
    if not kept:
        raise NotFound
    older, newer = _pair(request, kept[-1].version)
    before = versions.snapshot_of(summary.phase, Subject.SUMMARY, older)
    after = versions.snapshot_of(summary.phase, Subject.SUMMARY, newer)
    headings = dict((name, heading) for name, heading, _text in selectors.summary_sections(summary))
    changes = versions.compare_summaries(before.content if before else {}, after.content if after else {})
    return render(request, "observations/lists/summary_versions.html", {
        "summary": summary, "phase": summary.phase, "review": summary.phase.review,
        "snapshots": list(reversed(kept)), "older": older, "newer": newer,
        "changes": [(headings.get(change.name, change.name), change) for change in changes],
    })
