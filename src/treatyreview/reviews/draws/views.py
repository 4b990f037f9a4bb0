"""The secretariat's draw pages: cycles, the draw session, and the projection for the meeting room.

Every form of the session posts to the session's own address, so that after a refusal the address still
reloads; a refusal says at the top of the page what happened and what to do (`treatyreview.pages.refuse`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from treatyreview.accounts.decorators import SignedInRequest, secretariat_only
from treatyreview.accounts.permissions import roles_of
from treatyreview.errors import Conflict, InvalidInput, NotFound, ServiceError
from treatyreview.mechanism.workflow import DRAW
from treatyreview.pages import first_problem, refuse
from treatyreview.registry.collation import sort_key
from treatyreview.registry.models import State
from treatyreview.reviews.cycles import services as cycle_services
from treatyreview.reviews.draws import selectors, services
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
from treatyreview.reviews.phases import selectors as phase_selectors

STEPS = ("commit", "run", "request", "confirm", "cancel")


def _state(form: forms.Form, field: str) -> State | None:
    """The State a form names by its code; an unknown code is an error on that field."""
    code = (form.cleaned_data.get(field) or "").strip().upper()
    if not code:
        return None
    state = State.objects.filter(code=code).first()
    if state is None:
        raise InvalidInput(field, _("No State with the code %(code)s.") % {"code": code})
    return state


class _FormInvalid(Exception):
    """The form itself is invalid; its errors are already on it."""


def _valid(form: forms.Form) -> dict[str, Any]:
    if not form.is_valid():
        raise _FormInvalid
    return form.cleaned_data


@secretariat_only
def draw_home(request: SignedInRequest) -> HttpResponse:
    form = CycleForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            data = _valid(form)
            cycle = cycle_services.cycle_create(
                actor=request.user, name=data["name"], rules=data["rules"], start_years=data["start_years"] or None
            )
        except ServiceError as error:
            status = refuse(request, error, form)
        except _FormInvalid:
            status = 400
        else:
            messages.success(request, _("The cycle was opened."))
            return redirect("draw_cycle", cycle.pk)
    return render(request, "reviews/draws/home.html", {"cycles": selectors.cycle_list(), "form": form}, status=status)


@secretariat_only
def draw_cycle(request: SignedInRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_list().filter(pk=pk).first()
    if cycle is None:
        raise NotFound
    which = request.POST.get("form") if request.method == "POST" else None
    unavailability = UnavailabilityForm(request.POST if which == "unavailability" else None)
    pair = ExcludedPairForm(request.POST if which == "pair" else None)
    status = 200
    if which:
        shown: forms.Form | None = {"unavailability": unavailability, "pair": pair}.get(which)
        try:
            if which == "unavailability":
                data = _valid(unavailability)
                state = _state(unavailability, "state")
                assert state is not None
                cycle_services.unavailability_record(
                    actor=request.user, cycle=cycle, state=state, reason=data["reason"], note=data["note"]
                )
            elif which == "pair":
                data = _valid(pair)
                first, second = _state(pair, "first"), _state(pair, "second")
                assert first is not None and second is not None
                cycle_services.excluded_pair_add(
                    actor=request.user, cycle=cycle, first=first, second=second, reason=data["reason"]
                )
            elif which == "prepare":
                data = _valid(PrepareForm(request.POST))
                group = cycle.year_groups.filter(number=data.get("year_group") or 0).first()
                draw = services.draw_prepare(actor=request.user, cycle=cycle, kind=data["kind"], year_group=group)
                messages.success(request, _("The input is frozen. Publish its commitment before the seed is chosen."))
                return redirect("draw_session", draw.pk)
            else:
                raise InvalidInput("form", _("unknown form"))
        except ServiceError as error:
            status = refuse(request, error, shown)
        except _FormInvalid:
            messages.error(request, _("Nothing was recorded: see the form below."))
            status = 400
        else:
            messages.success(request, _("Recorded."))
            return redirect("draw_cycle", cycle.pk)
    context = {
        **selectors.cycle_overview(cycle),
        **phase_selectors.cycle_schedule_page(cycle),
        "cycle": cycle,
        "unavailabilities": cycle.unavailabilities.select_related("state"),
        "pairs": cycle.excluded_pairs.select_related("first", "second"),
        "unavailability_form": unavailability,
        "pair_form": pair,
    }
    return render(request, "reviews/draws/cycle.html", context, status=status)


def _session_context(request: SignedInRequest, draw: Draw, **bound: forms.Form) -> dict[str, Any]:
    names = selectors.state_names()
    under_review = draw.input.get("under_review", [])
    chosen = (request.GET.get("state") or (under_review[0] if under_review else "")).upper()
    initial = {"expected_version": draw.version}
    offered = DRAW.offered(stage=draw.status, roles=roles_of(request.user))
    return {
        **selectors.draw_page(draw, names),
        "offered": offered,
        "under_review": sorted(((code, names.get(code, code)) for code in under_review), key=lambda i: sort_key(i[1])),
        "chosen": chosen if chosen in under_review else "",
        "eligibility": selectors.draw_eligibility(draw, chosen, names) if chosen in under_review else [],
        "seed_form": bound.get("run") or SeedForm(initial=initial),
        "request_form": bound.get("request") or RequestForm(initial={**initial, "under_review": chosen}),
        "cancel_form": bound.get("cancel") or CancelForm(initial=initial),
        "version": draw.version,
    }


def _take_step(request: SignedInRequest, draw: Draw, step: str, bound: dict[str, forms.Form]) -> str:
    """Run one step of the session from its form; returns the message to show once it is done."""
    version = _version(request.POST.get("expected_version"))
    if step == "commit":
        services.draw_commit(actor=request.user, draw=draw, expected_version=version)
        return _("The commitment is published. The seed may now be chosen.")
    if step == "run":
        data = _valid(bound.setdefault("run", SeedForm(request.POST)))
        services.draw_run(
            actor=request.user,
            draw=draw,
            seed=data["seed"],
            seed_kind=data["seed_kind"],
            seed_count=data["seed_count"],
            seed_source=data["seed_source"],
            expected_version=version,
        )
        return _("The draw is done. It is provisional until confirmed.")
    if step == "request":
        form = bound.setdefault("request", RequestForm(request.POST))
        data = _valid(form)
        under_review = _state(form, "under_review")
        assert under_review is not None
        services.draw_request(
            actor=request.user,
            draw=draw,
            kind=data["kind"],
            under_review=under_review,
            slot=data["slot"],
            seed=data["seed"],
            seed_kind=data["seed_kind"],
            seed_count=data["seed_count"],
            seed_source=data["seed_source"],
            by=_state(form, "by"),
            expected_version=version,
        )
        return _("The slot was redrawn and the request recorded.")
    if step == "confirm":
        services.draw_confirm(actor=request.user, draw=draw, expected_version=version)
        return _("The draw is confirmed.")
    if step == "cancel":
        data = _valid(bound.setdefault("cancel", CancelForm(request.POST)))
        services.draw_cancel(actor=request.user, draw=draw, reason=data["reason"], expected_version=version)
        return _("The draw is cancelled. It stays public with its reason; the next attempt will name it.")
    raise InvalidInput("step", _("unknown step"))


def _version(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        raise InvalidInput(
            "expected_version", _("the page did not say which version of the draw it showed; reload it")
        ) from None


def _already_done(step: str, draw: Draw, conflict: Conflict, read: int) -> str | None:
    """What to say when a step without input is submitted twice (a double click, the same button in two tabs):
    the draw moved exactly one step since the page was read, and to where this step leads. Else None."""
    said = {
        "commit": _("The commitment was already published (the button was pressed twice?): it was published once, "
                    "and nothing more was done. The seed may now be chosen."),
        "confirm": _("The draw was already confirmed (the button was pressed twice?): nothing more was done."),
    }
    if step not in said or conflict.current_version != read + 1:
        return None
    draw.refresh_from_db()
    return said[step] if draw.status == DRAW.transition(step).target else None


@secretariat_only
def draw_session(request: SignedInRequest, pk: int) -> HttpResponse:
    """The session page; its forms post here, each naming its step."""
    draw = selectors.access_draw(request.user, pk)
    if request.method != "POST":
        return render(request, "reviews/draws/session.html", _session_context(request, draw))
    step = request.POST.get("step", "")
    bound: dict[str, forms.Form] = {}
    try:
        done = _take_step(request, draw, step, bound)
    except Conflict as error:
        already = _already_done(step, draw, error, _version(request.POST.get("expected_version")))
        if already:
            messages.success(request, already)
            return redirect("draw_session", draw.pk)
        status = refuse(request, error, bound.get(step))
        bound = {}  # the page shows the draw as it is now, with fresh forms
    except ServiceError as error:
        status = refuse(request, error, bound.get(step))
    except _FormInvalid:
        form = bound.get(step)
        problem = first_problem(form) if form is not None else ""
        messages.error(request, _("Nothing was done: %(problem)s") % {"problem": problem} if problem else
                       _("Nothing was done: correct the form marked below."))
        status = 400
    else:
        messages.success(request, done)
        state = request.POST.get("under_review", "").strip().upper() if step == "request" else ""
        return redirect(reverse("draw_session", args=[draw.pk]) + (f"?state={state}" if state else ""))
    draw.refresh_from_db()
    return render(request, "reviews/draws/session.html", _session_context(request, draw, **bound), status=status)


@secretariat_only
def draw_step(request: SignedInRequest, pk: int, step: str) -> HttpResponse:
    """Addresses of an earlier layout (a page open since then, a bookmark): they lead to the session page."""
    draw = selectors.access_draw(request.user, pk)
    if request.method == "POST" and step in STEPS:
        try:
            messages.success(request, _take_step(request, draw, step, {}))
        except ServiceError as error:
            refuse(request, error)
        except _FormInvalid:
            messages.error(request, _("Nothing was done: the form was incomplete. Fill it in again below."))
    return redirect("draw_session", draw.pk)


@secretariat_only
def draw_projection(request: SignedInRequest, pk: int) -> HttpResponse:
    # Refreshed every 3 s in the room: only the status, the hashes and the result, and no read to log.
    draw = selectors.access_draw(request.user, pk, shows_input=False)
    template = "reviews/draws/_projection_results.html" if request.headers.get("HX-Request") else None
    return render(
        request,
        template or "reviews/draws/projection.html",
        selectors.draw_results_page(draw, selectors.state_names()),
    )
