"""The home page, the audit trail and the error pages; the error pages say what happened and nothing more."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from treatyreview.accounts.decorators import SignedInRequest, secretariat_only, signed_in_only
from treatyreview.accounts.models import Role
from treatyreview.accounts.permissions import is_secretariat, states_of
from treatyreview.audit import checkpoints
from treatyreview.audit import selectors as audit_selectors
from treatyreview.audit import services as audit
from treatyreview.errors import NotFound
from treatyreview.questionnaires.answers.models import Questionnaire
from treatyreview.registry import selectors as registry_selectors
from treatyreview.registry.models import Cluster, State
from treatyreview.reviews.draws.exports import csv_safe, csv_text
from treatyreview.reviews.models import CountryReview
from treatyreview.validators import has_control_characters
from treatyreview.web import work


def home(request: HttpRequest) -> HttpResponse:
    """For a signed-in person, their work first; for everyone, what the mechanism is."""
    return render(
        request,
        "web/home.html",
        {
            "instruments": registry_selectors.instrument_list(),
            "clusters": Cluster.choices,
            "work": work.work_of(request.user, timezone.localdate()),
        },
    )


AUDIT_PAGE_SIZE = 50


def _audit_filters(request: HttpRequest) -> tuple[dict[str, str], list[tuple[str, str]], list[str]]:
    """The filter in the address ({action, user, target}), each value the log knows or empty."""
    actions = audit_selectors.event_actions()
    actors = audit_selectors.event_actors()
    action = request.GET.get("action", "")
    user = request.GET.get("user", "")
    target = request.GET.get("target", "").strip()[:300]
    return {
        "action": action if action in {value for value, _label in actions} else "",
        "user": user if user in actors else "",
        "target": "" if has_control_characters(target) else target,
    }, actions, actors


@secretariat_only
def audit_list(request: HttpRequest) -> HttpResponse:
    """The audit trail, newest first, for the secretariat; filtered by action, user and target."""
    filters, actions, actors = _audit_filters(request)
    events = audit_selectors.event_list(action=filters["action"], actor=filters["user"], target=filters["target"])
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({key: value for key, value in filters.items() if value})
    return render(request, "web/audit_trail.html", {
        # The user filter is not named "user": that name is the signed-in user in every template.
        "page": page, "actions": actions, "actors": actors, "query": query,
        "action": filters["action"], "actor": filters["user"], "target": filters["target"],
        "head": audit.chain_head(),
    })


@secretariat_only
def audit_export(request: SignedInRequest) -> HttpResponse:
    """The filtered audit trail as CSV (the export is itself an audit event)."""
    filters, _actions, _actors = _audit_filters(request)
    events = audit.audit_export(actor=request.user, **filters)
    header = [_("When"), _("Who"), _("Action"), _("Action code"), _("Target type"), _("Target id"), _("What"),
              _("Note"), _("Before"), _("After"), _("Hash")]
    rows = [header] + [
        [event.at.isoformat(), event.actor_label, event.action_label, event.action, event.target_type,
         event.target_id, event.target_label, event.note,
         json.dumps(event.before, ensure_ascii=False) if event.before is not None else "",
         json.dumps(event.after, ensure_ascii=False) if event.after is not None else "", event.hash]
        for event in events
    ]
    response = HttpResponse(csv_text([[csv_safe(cell) for cell in row] for row in rows]),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-trail.csv"'
    return response


def audit_anchor(request: HttpRequest) -> HttpResponse:
    """Public: the chain head's sequence number and hash, and the key its signed checkpoints are checked with."""
    sequence, head_hash = audit.chain_head()
    try:
        key = checkpoints.configured_public_key()
    except checkpoints.CheckpointError:
        key = None
    return render(request, "web/audit_anchor.html", {
        "sequence": sequence, "head_hash": head_hash,
        "public_key": checkpoints.public_key_text(key) if key is not None else "",
    })


@signed_in_only
def state_reads(request: SignedInRequest, code: str) -> HttpResponse:
    """Who read a State's confidential material: for its focal point and the secretariat; 404 to anyone else."""
    state = State.objects.filter(code=code.upper()).first()
    if state is None or not (is_secretariat(request.user)
                             or state.pk in states_of(request.user, Role.FOCAL_POINT)):
        raise NotFound
    experts = registry_selectors.expert_ids(state)
    reviews = CountryReview.objects.filter(state=state).values_list("pk", flat=True)
    questionnaires = Questionnaire.objects.filter(phase__review__state=state).values_list("pk", flat=True)
    events = audit_selectors.read_events({
        "registry.state": [str(state.pk)],
        "registry.governmentalexpert": [str(pk) for pk in experts],
        "reviews.countryreview": [str(pk) for pk in reviews],
        "questionnaires.questionnaire": [str(pk) for pk in questionnaires],
    }).select_related("actor")
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "web/state_reads.html", {"state": state, "page": page})


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request's context: the failure may lie in the database or a context processor.
    return HttpResponseServerError(loader.get_template("500.html").render())
