"""The costing pages: scenarios and presets, one estimate in full, up to four side by side, edits and exports."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from treatyreview.accounts.decorators import SignedInRequest, allowed_for, secretariat_only
from treatyreview.budget import annex, display, exports, selectors, services
from treatyreview.budget.forms import CompareForm, ScenarioCreateForm, ScenarioFileForm, ScenarioForm
from treatyreview.budget.inputs import input_groups, value_at
from treatyreview.budget.labels import PRESET_LABELS
from treatyreview.budget.models import Scenario
from treatyreview.budget.permissions import can_edit_budget, can_view_budget
from treatyreview.errors import InvalidInput, NotFound, ServiceError
from treatyreview.listing import joined
from treatyreview.mechanism import costs
from treatyreview.pages import first_problem, refuse
from treatyreview.registry.names import un_language
from treatyreview.registry.selectors import state_names


def _compare_choices(user: Any) -> list[tuple[str, str]]:
    saved = [(f"s:{s.pk}", s.shown_name) for s in selectors.scenario_list(user=user)]
    return saved + [(f"p:{name}", str(PRESET_LABELS[name])) for name in costs.PRESET_NAMES]


def _resolve(user: Any, key: str) -> tuple[dict[str, Any], Scenario | None]:
    """The data of a saved scenario (`s:12`) or of a shipped preset (`p:in-turn`)."""
    kind, _sep, value = key.partition(":")
    if kind == "p" and value in costs.PRESET_NAMES:
        data = costs.preset_data(value)
        data["name"] = str(PRESET_LABELS[value])
        return data, None
    if kind == "s" and value.isdigit():
        scenario = selectors.scenario_get(user=user, pk=int(value))
        return scenario.data, scenario
    raise NotFound


@allowed_for(can_view_budget)
def budget_home(request: HttpRequest) -> HttpResponse:
    scenarios = list(selectors.scenario_list(user=request.user))
    form = CompareForm(choices=_compare_choices(request.user))
    return render(request, "budget/home.html", {
        "scenarios": scenarios, "presets": [(name, PRESET_LABELS[name]) for name in costs.PRESET_NAMES],
        "form": form, "can_edit": can_edit_budget(request.user),
    })


def _detail_context(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    result = selectors.scenario_estimate(data)
    language = un_language(get_language())
    names = state_names(language=language)
    volume_heads, volume = display.volume_rows(result)
    staff_heads, staff = display.staff_rows(result)
    sources = data.get("sources", {})
    groups = [{"title": group.title, "source": sources.get(group.source_key),
               "inputs": [(spec.label, _shown(value_at(data, spec.path), spec)) for spec in group.inputs]}
              for group in input_groups()]
    return {
        "result": result, "summary": display.summary(result, data["funding"]), "years": display.year_rows(result),
        "legend": display.legend(), "volume_heads": volume_heads, "volume": volume, "staff_heads": staff_heads,
        "staff": staff, "burden": display.burden_rows(result, names, language), "plan": display.plan_rows(result),
        "plan_years": display.plan_years(result), "bases": display.bases(result), "groups": groups,
        "threshold": data["burden_threshold"], "chart_width": display.CHART_WIDTH,
        "item_labels": [item["label"] for item in display.legend()],
    }


def _shown(value: Any, spec: Any) -> str:
    if spec.kind == "choice":
        return dict(spec.choices).get(str(value), str(value))
    if spec.kind == "languages":
        return joined(dict(spec.choices).get(code, code) for code in value or ()) or "—"
    if spec.kind == "years":
        return ", ".join(str(v) for v in value or ())
    return str(value)


@allowed_for(can_view_budget)
def budget_scenario(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = selectors.scenario_get(user=request.user, pk=pk)
    context = _detail_context(request, scenario.data)
    context.update({"scenario": scenario, "versions": selectors.scenario_versions(scenario)[:10],
                    "can_edit": can_edit_budget(request.user), "compare_key": f"s:{scenario.pk}"})
    return render(request, "budget/scenario.html", context)


@allowed_for(can_view_budget)
def budget_preset(request: HttpRequest, name: str) -> HttpResponse:
    if name not in costs.PRESET_NAMES:
        raise NotFound
    context = _detail_context(request, costs.preset_data(name))
    context.update({"preset_name": name, "preset_label": PRESET_LABELS[name], "compare_key": f"p:{name}",
                    "can_edit": can_edit_budget(request.user)})
    return render(request, "budget/scenario.html", context)


@allowed_for(can_view_budget)
def budget_burden(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = selectors.scenario_get(user=request.user, pk=pk)
    result = selectors.scenario_estimate(scenario.data)
    language = un_language(get_language())
    rows = display.burden_by_state(result, state_names(language=language), language)
    return render(request, "budget/burden.html", {"scenario": scenario, "result": result, "rows": rows,
                                                  "years": [b.year for b in result.burden]})


@secretariat_only
def budget_scenario_new(request: SignedInRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = ScenarioCreateForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                scenario = services.scenario_create(
                    actor=request.user, name=form.cleaned_data["name"], data=form.cleaned_data["data"],
                    preset=form.cleaned_data.get("preset") or "")
            except ServiceError as error:
                status = refuse(request, error, form)
            else:
                messages.success(request, _("The scenario “%(name)s” was saved as version 1.") % {"name": scenario})
                return redirect(scenario)
        else:
            messages.error(request, _("Nothing was saved: %(problem)s") % {"problem": first_problem(form)})
            status = 400
    else:
        form = ScenarioCreateForm(initial={"preset": "together"})
    return render(request, "budget/new.html", {"form": form}, status=status)


@secretariat_only
def budget_scenario_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    scenario = selectors.scenario_get(user=request.user, pk=pk)
    status = 200
    form = ScenarioForm(data_now=scenario.data, initial={"expected_version": scenario.version})
    file_form = ScenarioFileForm(initial={"expected_version": scenario.version}, prefix="upload")
    if request.method == "POST":
        uploading = "upload" in request.POST
        bound: ScenarioForm | ScenarioFileForm
        if uploading:
            bound = file_form = ScenarioFileForm(request.POST, request.FILES, prefix="upload")
        else:
            bound = form = ScenarioForm(request.POST, data_now=scenario.data)
        if bound.is_valid():
            data = bound.cleaned_data["file"] if uploading else form.scenario_data()
            try:
                scenario = services.scenario_update(
                    actor=request.user, scenario=scenario, data=data, reason=bound.cleaned_data["reason"],
                    expected_version=bound.cleaned_data["expected_version"])
            except ServiceError as error:
                aliases = {spec.path: spec.field_name for group in form.groups for spec in group.inputs}
                status = refuse(request, error, bound, aliases if not uploading else None)
            else:
                messages.success(request, _("Version %(version)s of “%(name)s” was saved.")
                                 % {"version": scenario.version, "name": scenario})
                return redirect(scenario)
        else:
            messages.error(request, _("Nothing was saved: %(problem)s") % {"problem": first_problem(bound)})
            status = 400
    return render(request, "budget/edit.html", {"scenario": scenario, "form": form, "file_form": file_form},
                  status=status)


def _chosen(request: HttpRequest) -> list[str]:
    form = CompareForm(request.GET, choices=_compare_choices(request.user))
    if not form.is_valid():
        raise InvalidInput("scenario", "; ".join(str(e) for e in form.errors.get("scenario", [])))
    return list(form.cleaned_data["scenario"])


@allowed_for(can_view_budget)
def budget_compare(request: HttpRequest) -> HttpResponse:
    form = CompareForm(request.GET or None, choices=_compare_choices(request.user))
    if not form.is_valid():
        if request.GET:
            messages.error(request, _("Nothing to compare: %(problem)s") % {"problem": first_problem(form)})
        return render(request, "budget/compare.html", {"form": form, "results": []},
                      status=400 if request.GET else 200)
    members = selectors.membership()
    results = []
    for key in form.cleaned_data["scenario"]:
        data, saved = _resolve(request.user, key)
        result = selectors.scenario_estimate(data, members)
        results.append(dataclasses.replace(result, name=saved.shown_name) if saved else result)
    years, per_year = display.comparison_years(results)
    return render(request, "budget/compare.html", {
        "form": form, "results": results, "bars": display.comparison_bars(results),
        "items": display.comparison_items(results), "years": years,
        "per_year": per_year, "volumes": display.comparison_volumes(results),
        "burden": display.comparison_burden(results), "legend": display.legend(),
        "chart_width": display.CHART_WIDTH, "query": request.GET.urlencode(),
    })


@allowed_for(can_view_budget)
def budget_compare_xlsx(request: HttpRequest) -> HttpResponse:
    try:
        keys = _chosen(request)
    except InvalidInput as error:
        refuse(request, error)
        return redirect("budget_compare")
    members = selectors.membership()
    results = []
    for key in keys:
        data, _scenario = _resolve(request.user, key)
        results.append((data, selectors.scenario_estimate(data, members)))
    return _xlsx(exports.workbook(results), "comparison")


@allowed_for(can_view_budget)
def budget_compare_annex(request: HttpRequest) -> HttpResponse:
    try:
        keys = _chosen(request)
    except InvalidInput as error:
        refuse(request, error)
        return redirect("budget_compare")
    members = selectors.membership()
    results = []
    for key in keys:
        data, _scenario = _resolve(request.user, key)
        results.append((data, selectors.scenario_estimate(data, members)))
    return _download(annex.annex(results), annex.DOCX, "annex-comparison.docx")


@allowed_for(can_view_budget)
def budget_scenario_annex(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = selectors.scenario_get(user=request.user, pk=pk)
    content = annex.annex([(scenario.data, selectors.scenario_estimate(scenario.data))])
    return _download(content, annex.DOCX, f"annex-{slugify(scenario.name) or 'scenario'}.docx")


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@allowed_for(can_view_budget)
def budget_scenario_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = selectors.scenario_get(user=request.user, pk=pk)
    return _xlsx(exports.workbook([(scenario.data, selectors.scenario_estimate(scenario.data))]), scenario.name)


@allowed_for(can_view_budget)
def budget_scenario_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The scenario's inputs as a file `treatyreview estimate --scenario` reads and the edit page accepts."""
    scenario = selectors.scenario_get(user=request.user, pk=pk)
    response = HttpResponse(json.dumps(scenario.data, indent=2, ensure_ascii=False),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(scenario.name) or "scenario"}.json"'
    return response


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=exports.XLSX)
    response["Content-Disposition"] = f'attachment; filename="costs-{slugify(name) or "scenario"}.xlsx"'
    return response


