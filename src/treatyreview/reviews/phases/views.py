"""The schedule pages: a cycle's work plan and the launch of a year group (secretariat), a review's timeline with
its stages, deadlines and extensions (its participants and the secretariat), opting out or deferring (secretariat),
the list of overdue deadlines (secretariat), and the public status of every review.

Every form posts to the address of its page, so that after a refusal the address still reloads; the refusal is
said at the top of the page (`treatyreview.pages.refuse`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from treatyreview.accounts.decorators import SignedInRequest, secretariat_only, signed_in_only
from treatyreview.errors import Conflict, InvalidInput, NotFound, ServiceError
from treatyreview.mechanism.workflow import PHASE, SECRETARIAT
from treatyreview.pages import first_problem, refuse
from treatyreview.registry import selectors as registry_selectors
from treatyreview.registry.collation import sort_key
from treatyreview.reviews.cycles import services as cycle_services
from treatyreview.reviews.models import Cycle, Extension, Phase, StageDeadline
from treatyreview.reviews.phases import selectors, services
from treatyreview.reviews.phases.choices import ReviewStatus
from treatyreview.reviews.phases.forms import (
    ExtensionDecideForm,
    ExtensionRequestForm,
    LaunchForm,
    PhaseLaunchForm,
    ReviewStatusForm,
    StepForm,
    WorkPlanForm,
)
from treatyreview.reviews.phases.labels import STEP_NAMES


class _FormInvalid(Exception):
    """The form itself is invalid; its errors are already on it."""


def _valid(form: forms.Form) -> dict[str, Any]:
    if not form.is_valid():
        raise _FormInvalid
    return form.cleaned_data


def _form_problem(request: HttpRequest, form: forms.Form | None) -> int:
    problem = first_problem(form) if form is not None else ""
    messages.error(
        request,
        _("Nothing was done: %(problem)s") % {"problem": problem}
        if problem
        else _("Nothing was done: correct the form marked below."),
    )
    return 400


def _cycle(pk: int) -> Cycle:
    cycle = Cycle.objects.select_related("rules").filter(pk=pk).first()
    if cycle is None:
        raise NotFound
    return cycle


@secretariat_only
def cycle_work_plan(request: SignedInRequest, pk: int) -> HttpResponse:
    cycle = _cycle(pk)
    initial = {
        "cluster_order": cycle.cluster_order,
        "phase_months": cycle.phase_months,
        "instruments_review": cycle.instruments_review,
        "start_years": list(cycle.year_groups.order_by("number").values_list("start_year", flat=True)),
        "expected_version": cycle.version,
    }
    form = WorkPlanForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        try:
            data = _valid(form)
            cycle_services.cycle_work_plan_set(
                actor=request.user,
                cycle=cycle,
                cluster_order=data["cluster_order"],
                phase_months=data["phase_months"],
                instruments_review=data["instruments_review"],
                start_years=data["start_years"],
                expected_version=data["expected_version"],
            )
        except Conflict as error:
            status = refuse(request, error)
            cycle.refresh_from_db()
            form = WorkPlanForm(initial={**initial, "expected_version": cycle.version})
        except ServiceError as error:
            status = refuse(request, error, form)
        except _FormInvalid:
            status = _form_problem(request, form)
        else:
            messages.success(request, _("The work plan was saved."))
            return redirect("draw_cycle", cycle.pk)
    context = {"cycle": cycle, "form": form, **selectors.cycle_schedule_page(cycle)}
    return render(request, "reviews/phases/work_plan.html", context, status=status)


@secretariat_only
def year_group_launch(request: SignedInRequest, pk: int, number: int) -> HttpResponse:
    """A confirm step: the page lists the reviews that will be launched and those that will not, and why."""
    cycle = _cycle(pk)
    group = cycle.year_groups.filter(number=number).first()
    if group is None:
        raise NotFound
    form = LaunchForm(request.POST or None, initial={"on": timezone.localdate()})
    status = 200
    if request.method == "POST":
        try:
            launched = services.year_group_launch(actor=request.user, year_group=group, on=_valid(form)["on"])
        except ServiceError as error:
            status = refuse(request, error, form)
        except _FormInvalid:
            status = _form_problem(request, form)
        else:
            messages.success(
                request,
                _("Year group %(number)s is launched: %(count)s reviews have their phases.")
                % {"number": group.number, "count": len(launched)},
            )
            return redirect("draw_cycle", cycle.pk)
    page = selectors.cycle_schedule_page(cycle)
    rows = next((g for g in page["schedule_groups"] if g["group"].pk == group.pk), None)
    context = {"cycle": cycle, "group": group, "form": form, "row": rows, **page}
    return render(request, "reviews/phases/launch.html", context, status=status)


@signed_in_only
def review_list(request: SignedInRequest) -> HttpResponse:
    names = registry_selectors.state_names()
    reviews = sorted(
        selectors.reviews_of(request.user).select_related("cycle"),
        key=lambda review: (-review.cycle.pk, sort_key(names.get(review.state.code, review.state.name))),
    )
    return render(request, "reviews/phases/review_list.html", {"reviews": reviews})


def _review_context(request: SignedInRequest, review: Any, bound: dict[str, forms.Form]) -> dict[str, Any]:
    roles = selectors.review_roles(request.user, review)
    today = timezone.localdate()
    timeline = selectors.review_timeline(review, today)
    current = selectors.current_phase(review)
    next_phase = next((row.phase for row in timeline if not row.launched), None)
    under_review = review.status == ReviewStatus.ACTIVE and review.state_id not in selectors.opted_out_state_ids(
        review.cycle
    )
    rows = []
    for row in timeline:
        offered = PHASE.offered(stage=row.phase.stage, roles=roles) if row.launched and under_review else ()
        rows.append(
            {
                "row": row,
                "offered": [(step, STEP_NAMES[step]) for step in offered],
                "requestable": [
                    d.deadline.pk
                    for d in row.deadlines
                    if under_review
                    and d.met_on is None
                    and d.pending is None
                    and services.may_request_extension(roles, d.deadline.stage)
                ],
            }
        )
    return {
        "review": review,
        "roles": roles,
        "is_secretariat": SECRETARIAT in roles,
        "under_review": under_review,
        "rows": rows,
        "current": current,
        "next_phase": next_phase if under_review and current is not None else None,
        "articles": selectors.phase_articles(current) if current is not None else [],
        "today": today,
        "step_form": bound.get("step") or StepForm(initial={"on": today}),
        "launch_form": bound.get("launch")
        or PhaseLaunchForm(
            initial={
                "on": next_phase.starts_on if next_phase else today,
                "expected_version": next_phase.version if next_phase else 0,
            }
        ),
        "request_form": bound.get("extension_request") or ExtensionRequestForm(),
        "decide_form": bound.get("extension_decide") or ExtensionDecideForm(),
        "bound": set(bound),
        "failed_deadline": _int(request.POST.get("deadline")) if "extension_request" in bound else None,
        "failed_extension": _int(request.POST.get("extension")) if "extension_decide" in bound else None,
    }


def _int(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None


def _phase_of(review: Any, value: str | None) -> Phase:
    phase = Phase.objects.filter(review=review, pk=_int(value) or 0).first()
    if phase is None:
        raise InvalidInput("phase", _("the page did not say which phase of this review it meant; reload it"))
    return phase


def _take(request: SignedInRequest, review: Any, which: str, bound: dict[str, forms.Form]) -> str:
    post = request.POST
    if which == "step":
        data = _valid(bound.setdefault("step", StepForm(post)))
        phase = _phase_of(review, post.get("phase"))
        services.phase_stage_complete(
            actor=request.user,
            phase=phase,
            stage=data["stage"],
            on=data["on"],
            expected_version=data["expected_version"],
        )
        return _("Recorded.")
    if which == "launch":
        data = _valid(bound.setdefault("launch", PhaseLaunchForm(post)))
        phase = _phase_of(review, post.get("phase"))
        services.phase_launch(actor=request.user, phase=phase, on=data["on"], expected_version=data["expected_version"])
        return _("The phase is launched; its deadlines are counted from its start.")
    if which == "extension_request":
        data = _valid(bound.setdefault("extension_request", ExtensionRequestForm(post)))
        deadline = StageDeadline.objects.filter(phase__review=review, pk=data["deadline"]).first()
        if deadline is None:
            raise InvalidInput("deadline", _("no such deadline in this review; reload the page"))
        services.extension_request(
            actor=request.user, deadline=deadline, requested_until=data["requested_until"], reason=data["reason"]
        )
        return _("The request for more time is recorded; the secretariat will decide on it.")
    if which == "extension_decide":
        data = _valid(bound.setdefault("extension_decide", ExtensionDecideForm(post)))
        extension = Extension.objects.filter(deadline__phase__review=review, pk=data["extension"]).first()
        if extension is None:
            raise InvalidInput("extension", _("no such request in this review; reload the page"))
        services.extension_decide(
            actor=request.user, extension=extension, grant=data["decision"] == "grant", note=data["note"]
        )
        return _("The decision is recorded.")
    raise InvalidInput("form", _("unknown form"))


@signed_in_only
def review_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    review = selectors.access_review(request.user, pk)
    status = 200
    bound: dict[str, forms.Form] = {}
    if request.method == "POST":
        which = request.POST.get("form", "")
        try:
            done = _take(request, review, which, bound)
        except Conflict as error:
            status = refuse(request, error)
            bound = {}  # the page shows the review as it is now, with fresh forms
        except ServiceError as error:
            status = refuse(request, error, bound.get(which))
        except _FormInvalid:
            status = _form_problem(request, bound.get(which))
        else:
            messages.success(request, done)
            return redirect("review_detail", review.pk)
        review.refresh_from_db()
    return render(request, "reviews/phases/review.html", _review_context(request, review, bound), status=status)


@secretariat_only
def review_status_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    review = selectors.access_review(request.user, pk)
    form = ReviewStatusForm(request.POST or None, initial={"expected_version": review.version})
    status = 200
    if request.method == "POST":
        try:
            data = _valid(form)
            status_services: dict[str, Callable[..., Any]] = {
                ReviewStatus.OPTED_OUT: services.review_opt_out,
                ReviewStatus.DEFERRED: services.review_defer,
                ReviewStatus.ACTIVE: services.review_resume,
            }
            service = status_services[data["status"]]
            service(
                actor=request.user,
                review=review,
                note_verbale_ref=data["note_verbale_ref"],
                note_verbale_date=data["note_verbale_date"],
                reason=data["reason"],
                expected_version=data["expected_version"],
            )
        except Conflict as error:
            status = refuse(request, error)
            review.refresh_from_db()
            form = ReviewStatusForm(initial={"expected_version": review.version})
        except ServiceError as error:
            status = refuse(request, error, form)
        except _FormInvalid:
            status = _form_problem(request, form)
        else:
            messages.success(request, _("Recorded."))
            return redirect("review_detail", review.pk)
    return render(request, "reviews/phases/review_status.html", {"review": review, "form": form}, status=status)


@secretariat_only
def overdue_list(request: SignedInRequest) -> HttpResponse:
    return render(request, "reviews/phases/overdue.html", {"rows": selectors.overdue(timezone.localdate())})


def review_status_public(request: HttpRequest) -> HttpResponse:
    """Public: for each State only which phase its review is in, or that it opted out; names in alphabetical order."""
    cycles = list(Cycle.objects.order_by("-created_at"))
    chosen = next((c for c in cycles if str(c.pk) == request.GET.get("cycle")), cycles[0] if cycles else None)
    rows = selectors.public_status(chosen) if chosen is not None else []
    return render(request, "reviews/phases/status_public.html", {"cycles": cycles, "cycle": chosen, "rows": rows})
