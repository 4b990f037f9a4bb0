"""Pages of the registry: States and their participation, instruments, and the secretariat's corrections."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from treatyreview.accounts.decorators import SignedInRequest, secretariat_only, signed_in_only
from treatyreview.accounts.permissions import can_edit_registry, can_view_experts
from treatyreview.errors import Conflict, InvalidInput
from treatyreview.pages import form_add_service_error, refuse
from treatyreview.registry import access, selectors, services
from treatyreview.registry.forms import (
    ArticleClusterForm,
    ExpertForm,
    NominationForm,
    ParticipationForm,
    ParticipationImportForm,
    StateFilterForm,
)
from treatyreview.registry.loading import LoadError
from treatyreview.registry.models import Article, Cluster, Participation, State
from treatyreview.registry.services import PARTICIPATION_CSV_COLUMNS


def _state_or_404(code: str) -> State:
    try:
        return selectors.state_get(code=code)
    except State.DoesNotExist as error:
        raise Http404 from error


def _participation_or_404(state: State, instrument_code: str) -> Participation:
    for participation in selectors.participation_by_instrument(state):
        if participation.instrument.code == instrument_code.upper():
            return participation
    raise Http404


def state_list(request: HttpRequest) -> HttpResponse:
    """All States in alphabetical order, optionally narrowed; the order never depends on anything else."""
    form = StateFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    instruments = list(selectors.instrument_list())
    states = selectors.state_list(group=filters.get("group") or None, instrument=filters.get("instrument") or None,
                                  status=filters.get("status") or "party")
    rows = []
    for state in states:
        cells = {p.instrument_id: p for p in state.participations.all()}
        rows.append((state, [cells.get(instrument.pk) for instrument in instruments]))
    context = {"form": form, "instruments": instruments, "rows": rows, "filtered": bool(filters and any(
        filters.get(name) for name in ("group", "instrument")))}
    template = "registry/_state_results.html" if request.headers.get("HX-Request") else "registry/state_list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def state_detail(request: HttpRequest, code: str) -> HttpResponse:
    state = _state_or_404(code)
    if state.code != code:
        return redirect(state)
    competences = list(selectors.competence_list(state=state)) if state.is_reio else []
    return render(request, "registry/state_detail.html", {
        "state": state,
        "participations": selectors.participation_by_instrument(state),
        "competences": competences,
        "can_edit": can_edit_registry(request.user),
        "can_view_experts": can_view_experts(request.user, state),
    })


def instrument_list(request: HttpRequest) -> HttpResponse:
    articles_of: dict[int, list[Article]] = {}
    for article in selectors.articles_by_cluster():
        articles_of.setdefault(article.instrument_id, []).append(article)
    instruments = []
    for instrument in selectors.instrument_list():
        articles = articles_of.get(instrument.pk, [])
        groups: list[tuple[int | None, Any, list[Article]]] = [
            (number, name, [a for a in articles if a.cluster == number]) for number, name in Cluster.choices
        ]
        groups.append((None, _("Cluster not yet established"), [a for a in articles if a.cluster is None]))
        instruments.append((instrument, [group for group in groups if group[2]]))
    return render(request, "registry/instrument_list.html", {
        "instruments": instruments, "can_edit": can_edit_registry(request.user),
    })


@secretariat_only
def participation_edit(request: SignedInRequest, code: str, instrument: str) -> HttpResponse:
    state = _state_or_404(code)
    participation = _participation_or_404(state, instrument)
    if request.method == "POST":
        form = ParticipationForm(request.POST)
        if form.is_valid():
            try:
                services.participation_update(actor=request.user, participation=participation,
                                              source=form.cleaned_data["source"],
                                              expected=form.cleaned_data["expected"], **form.changes())
            except (InvalidInput, Conflict) as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("The participation was corrected and the change recorded."))
                return redirect(state)
    else:
        form = ParticipationForm.for_participation(participation)
    return render(request, "registry/participation_edit.html", {
        "state": state, "participation": participation, "form": form,
    })


@secretariat_only
def article_cluster_edit(request: SignedInRequest, instrument: str, number: int) -> HttpResponse:
    article = get_object_or_404(selectors.articles_by_cluster(), instrument__code=instrument.upper(), number=number)
    status = 200
    if request.method == "POST":
        form = ArticleClusterForm(request.POST)
        if form.is_valid():
            try:
                services.article_cluster_update(actor=request.user, article=article,
                                                cluster=form.cleaned_data["cluster"],
                                                source=form.cleaned_data["source"],
                                                expected_version=form.cleaned_data["expected_version"])
            except Conflict as error:
                # The form shows the article as it is now, with the message saying what happened.
                status = refuse(request, error)
                article.refresh_from_db()
                form = _cluster_form(article)
            except InvalidInput as error:
                status = refuse(request, error, form)
            else:
                messages.success(request, _("The cluster of the article was recorded."))
                return redirect(f"{reverse('instrument_list')}#{article.instrument.code}")
    else:
        form = _cluster_form(article)
    return render(request, "registry/article_cluster_edit.html", {"article": article, "form": form}, status=status)


def _cluster_form(article: Article) -> ArticleClusterForm:
    source = "" if article.cluster_provisional else article.cluster_source
    return ArticleClusterForm(
        initial={"cluster": article.cluster, "source": source, "expected_version": article.version}
    )


@secretariat_only
def participation_import(request: SignedInRequest) -> HttpResponse:
    summary = None
    if request.method == "POST":
        form = ParticipationImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                summary = services.participation_import_csv(actor=request.user, text=form.text,
                                                            filename=upload.name)
            except LoadError as error:
                form_add_service_error(form, error)
            else:
                form = ParticipationImportForm()
    else:
        form = ParticipationImportForm()
    return render(request, "registry/participation_import.html", {
        "form": form, "summary": summary, "columns": PARTICIPATION_CSV_COLUMNS,
    })


@signed_in_only
def expert_list(request: SignedInRequest, code: str) -> HttpResponse:
    """A State's list of governmental experts; to anyone not entitled, the 404 page."""
    state = _state_or_404(code)
    experts = access.access_expert_list(request.user, state)
    return render(request, "registry/expert_list.html", {
        "state": state, "experts": experts,
        "nominations": selectors.nomination_list(user=request.user, state=state),
        "can_edit": can_edit_registry(request.user),
    })


@secretariat_only
def expert_create(request: SignedInRequest, code: str) -> HttpResponse:
    state = _state_or_404(code)
    form = ExpertForm(request.POST or None, state=state)
    if request.method == "POST" and form.is_valid():
        try:
            services.expert_create(actor=request.user, state=state, **form.cleaned_data)
        except InvalidInput as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The expert was added to the list."))
            return redirect("expert_list", code=state.code)
    return render(request, "registry/expert_form.html", {"state": state, "form": form, "expert": None})


@secretariat_only
def expert_edit(request: SignedInRequest, code: str, pk: int) -> HttpResponse:
    state = _state_or_404(code)
    expert = access.access_expert(request.user, pk, state=state)
    form = ExpertForm(request.POST or None, state=state, expert=expert)
    if request.method == "POST" and form.is_valid():
        try:
            services.expert_update(actor=request.user, expert=expert,
                                   expected_version=form.cleaned_data["version"], **form.changes())
        except (InvalidInput, Conflict) as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The entry was updated."))
            return redirect("expert_list", code=state.code)
    return render(request, "registry/expert_form.html", {"state": state, "form": form, "expert": expert})


@secretariat_only
def nomination_create(request: SignedInRequest, code: str) -> HttpResponse:
    state = _state_or_404(code)
    form = NominationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.nomination_record(actor=request.user, state=state, **form.cleaned_data)
        except InvalidInput as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The nomination was recorded."))
            return redirect("expert_list", code=state.code)
    return render(request, "registry/nomination_form.html", {"state": state, "form": form})

