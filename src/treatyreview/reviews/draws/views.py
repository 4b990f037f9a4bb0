"""The draw pages: the secretariat's session, the projection for the meeting room, the public records."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from treatyreview.accounts.decorators import SignedInRequest, secretariat_only
from treatyreview.errors import Conflict, InvalidInput
from treatyreview.pages import form_add_service_error
from treatyreview.registry.models import State
from treatyreview.reviews.cycles import services as cycle_services
from treatyreview.reviews.draws import selectors as selectors
from treatyreview.reviews.draws import services as services
from treatyreview.reviews.draws.forms import (
    CancelForm,
    CycleForm,
    ExcludedPairForm,
    PrepareForm,
    RequestForm,
    SeedForm,
    UnavailabilityForm,
)
from treatyreview.reviews.models import Draw

INSTRUMENTS = ("UNTOC", "TIP", "SOM", "FIREARMS")


def _draw_or_404(pk: int) -> Draw:
    try:
        return selectors.draw_get(pk)
    except Draw.DoesNotExist as error:
        raise Http404 from error


def _state_or_error(form: Any, field: str) -> State | None:
    code = (form.cleaned_data.get(field) or "").strip().upper()
    if not code:
        return None
    state = State.objects.filter(code=code).first()
    if state is None:
        form.add_error(field, _("No State with the code %(code)s.") % {"code": code})
    return state


# --------------------------------------------------------------------------------------- secretariat


@secretariat_only
def draw_home(request: SignedInRequest) -> HttpResponse:
    form = CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = cycle_services.cycle_create(actor=request.user, name=form.cleaned_data["name"])
        except InvalidInput as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The cycle was opened."))
            return redirect("draw_cycle", cycle.pk)
    return render(request, "reviews/draws/home.html", {"cycles": selectors.cycle_list(), "form": form})


@secretariat_only
def draw_cycle(request: SignedInRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_list().filter(pk=pk).first()
    if cycle is None:
        raise Http404
    unavailability = UnavailabilityForm(request.POST if request.POST.get("form") == "unavailability" else None)
    pair = ExcludedPairForm(request.POST if request.POST.get("form") == "pair" else None)
    if request.method == "POST":
        try:
            if request.POST.get("form") == "unavailability" and unavailability.is_valid():
                state = _state_or_error(unavailability, "state")
                if state is not None:
                    cycle_services.unavailability_record(
                        actor=request.user,
                        cycle=cycle,
                        state=state,
                        reason=unavailability.cleaned_data["reason"],
                        note=unavailability.cleaned_data["note"],
                    )
                    messages.success(request, _("Recorded."))
                    return redirect("draw_cycle", cycle.pk)
            elif request.POST.get("form") == "pair" and pair.is_valid():
                first, second = _state_or_error(pair, "first"), _state_or_error(pair, "second")
                if first is not None and second is not None:
                    cycle_services.excluded_pair_add(
                        actor=request.user, cycle=cycle, first=first, second=second, reason=pair.cleaned_data["reason"]
                    )
                    messages.success(request, _("Recorded."))
                    return redirect("draw_cycle", cycle.pk)
            elif request.POST.get("form") == "prepare":
                prepare = PrepareForm(request.POST)
                if prepare.is_valid():
                    group = None
                    if prepare.cleaned_data.get("year_group"):
                        group = cycle.year_groups.filter(number=prepare.cleaned_data["year_group"]).first()
                    draw = services.draw_prepare(
                        actor=request.user, cycle=cycle, kind=prepare.cleaned_data["kind"], year_group=group
                    )
                    return redirect("draw_session", draw.pk)
        except InvalidInput as error:
            messages.error(request, error.message)
        if unavailability.errors or pair.errors:
            messages.error(request, _("Nothing was recorded: see the form below."))
    draws = list(cycle.draws.select_related("cycle", "year_group__cycle").order_by("-created_at"))
    # The latest draw of reviewing States of each year group that is not cancelled: its status replaces the
    # button that would prepare another one.
    group_draws: dict[int, Draw] = {}
    for draw in draws:
        if draw.year_group_id and draw.status != Draw.Status.CANCELLED:
            group_draws.setdefault(draw.year_group_id, draw)
    context = {
        "cycle": cycle,
        "year_groups": [(group, group_draws.get(group.pk)) for group in cycle.year_groups.all()],
        "draws": draws,
        "unavailabilities": cycle.unavailabilities.select_related("state"),
        "pairs": cycle.excluded_pairs.select_related("first", "second"),
        "unavailability_form": unavailability,
        "pair_form": pair,
        # Derived from the year groups already prefetched with their States.
        "groups_drawn": any(group.states.all() for group in cycle.year_groups.all()),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "reviews/draws/cycle.html", context, status=status)


def _session_context(request: HttpRequest, draw: Draw, **forms: Any) -> dict[str, Any]:
    names = selectors.state_names()
    under_review = draw.input.get("under_review", [])
    chosen = (request.GET.get("state") or (under_review[0] if under_review else "")).upper()
    initial = {"expected_version": draw.version}
    return {
        "draw": draw,
        "summary": selectors.draw_summary(draw),
        "unknown_standing": selectors.unknown_standing_under_review(draw, names),
        "names": names,
        "under_review": sorted(((code, names.get(code, code)) for code in under_review), key=lambda i: i[1]),
        "chosen": chosen if chosen in under_review else "",
        "eligibility": selectors.draw_eligibility(draw, chosen, names) if chosen in under_review else [],
        "results": selectors.draw_results(draw, names),
        "year_groups": selectors.year_group_results(draw, names),
        "instruments": INSTRUMENTS,
        "requests": draw.requests.select_related("under_review", "refused_reviewer", "replacement", "recorded_by"),
        "seed_form": forms.get("seed_form") or SeedForm(initial=initial),
        "request_form": forms.get("request_form") or RequestForm(initial={**initial, "under_review": chosen}),
        "cancel_form": forms.get("cancel_form") or CancelForm(initial=initial),
        "version": draw.version,
    }


@secretariat_only
def draw_session(request: HttpRequest, pk: int) -> HttpResponse:
    draw = _draw_or_404(pk)
    return render(request, "reviews/draws/session.html", _session_context(request, draw))


@secretariat_only
@require_POST
def draw_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """One step of the session; a refused step re-renders the session with the error beside its field."""
    draw = _draw_or_404(pk)
    version = _int(request.POST.get("expected_version"))
    forms: dict[str, Any] = {}
    try:
        if step == "commit":
            services.draw_commit(actor=request.user, draw=draw, expected_version=version)
            messages.success(request, _("The commitment is published. The seed may now be chosen."))
        elif step == "run":
            seed_form = forms["seed_form"] = SeedForm(request.POST)
            if not seed_form.is_valid():
                raise _Invalid
            services.draw_run(
                actor=request.user,
                draw=draw,
                seed=seed_form.cleaned_data["seed"],
                seed_source=seed_form.cleaned_data["seed_source"],
                expected_version=version,
            )
            messages.success(request, _("The draw is done. It is provisional until confirmed."))
        elif step == "request":
            request_form = forms["request_form"] = RequestForm(request.POST)
            if not request_form.is_valid():
                raise _Invalid
            under_review = _state_or_error(request_form, "under_review")
            by = _state_or_error(request_form, "by")
            if under_review is None or request_form.errors:
                raise _Invalid
            services.draw_request(
                actor=request.user,
                draw=draw,
                kind=request_form.cleaned_data["kind"],
                under_review=under_review,
                slot=request_form.cleaned_data["slot"],
                seed=request_form.cleaned_data["seed"],
                by=by,
                expected_version=version,
            )
            messages.success(request, _("The slot was redrawn and the request recorded."))
        elif step == "confirm":
            services.draw_confirm(actor=request.user, draw=draw, expected_version=version)
            messages.success(request, _("The draw is confirmed."))
        elif step == "cancel":
            cancel_form = forms["cancel_form"] = CancelForm(request.POST)
            if not cancel_form.is_valid():
                raise _Invalid
            services.draw_cancel(
                actor=request.user, draw=draw, reason=cancel_form.cleaned_data["reason"], expected_version=version
            )
            messages.success(request, _("The draw is cancelled."))
        else:
            raise Http404
    except (InvalidInput, Conflict) as error:
        shown = next(iter(forms.values()), None)
        if shown is not None:
            form_add_service_error(shown, error)
        else:
            messages.error(request, error.message if isinstance(error, InvalidInput) else str(error))
            return redirect("draw_session", draw.pk)
    except _Invalid:
        pass
    else:
        suffix = f"?state={request.POST.get('under_review', '').upper()}" if step == "request" else ""
        return redirect(reverse("draw_session", args=[draw.pk]) + suffix)
    draw.refresh_from_db()
    return render(request, "reviews/draws/session.html", _session_context(request, draw, **forms), status=400)


class _Invalid(Exception):
    """The form itself is invalid; its errors are already on it."""


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@secretariat_only
def draw_projection(request: HttpRequest, pk: int) -> HttpResponse:
    draw = _draw_or_404(pk)
    template = (
        "reviews/draws/_projection_results.html"
        if request.headers.get("HX-Request")
        else "reviews/draws/projection.html"
    )
    names = selectors.state_names()
    return render(
        request,
        template,
        {
            "draw": draw,
            "results": selectors.draw_results(draw, names),
            "year_groups": selectors.year_group_results(draw, names),
            "instruments": INSTRUMENTS,
        },
    )


# --------------------------------------------------------------------------------------- public


def draw_public_list(request: HttpRequest) -> HttpResponse:
    return render(request, "reviews/draws/public_list.html", {"draws": selectors.draw_list_public()})


def _public_or_404(pk: int) -> Draw:
    try:
        return selectors.draw_get_public(pk)
    except Draw.DoesNotExist as error:
        raise Http404 from error


def draw_public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    draw = _public_or_404(pk)
    names = selectors.state_names()
    return render(
        request,
        "reviews/draws/public_detail.html",
        {
            "draw": draw,
            "summary": selectors.draw_summary(draw),
            "results": selectors.draw_results(draw, names),
            "year_groups": selectors.year_group_results(draw, names),
            "instruments": INSTRUMENTS,
            "requests": draw.requests.select_related("under_review", "refused_reviewer", "replacement"),
        },
    )


def _json_download(data: Any, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n", content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def draw_input_download(request: HttpRequest, pk: int) -> HttpResponse:
    draw = _public_or_404(pk)
    return _json_download(draw.input, f"draw-{draw.pk}-input.json")


def draw_record_download(request: HttpRequest, pk: int) -> HttpResponse:
    draw = _public_or_404(pk)
    if not draw.record:
        raise Http404
    return _json_download(draw.record, f"draw-{draw.pk}-record.json")
