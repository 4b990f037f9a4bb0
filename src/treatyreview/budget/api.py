"""The costing endpoints: scenarios and their estimates, a comparison, and an estimate of posted scenario data."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Body, Query, Router, Schema
from pydantic import Field

from treatyreview.accounts.auth import session_or_token
from treatyreview.api_errors import READ_ERRORS, ErrorOut
from treatyreview.budget import selectors, services
from treatyreview.budget.labels import scenario_error_message
from treatyreview.budget.models import NAME_LENGTH, REASON_LENGTH, Scenario
from treatyreview.budget.permissions import can_view_budget
from treatyreview.errors import InvalidInput, NotFound, require
from treatyreview.mechanism import costs

router = Router(tags=["costs"], auth=session_or_token)
ERRORS = {**READ_ERRORS, 403: ErrorOut}
WRITE_ERRORS = {**ERRORS, 409: ErrorOut}


class ScenarioOut(Schema):
    id: int
    name: str
    description: str
    version: int
    preset: str


class ScenarioIn(Schema):
    name: str = Field(min_length=1, max_length=NAME_LENGTH)
    preset: str = Field("", max_length=40)
    data: dict[str, Any] | None = None


class ScenarioUpdateIn(Schema):
    data: dict[str, Any]
    reason: str = Field(max_length=REASON_LENGTH)
    expected_version: int = Field(ge=1, le=2**31 - 1)


class EstimatesOut(Schema):
    scenarios: list[dict[str, Any]]


def _viewer(request: HttpRequest) -> None:
    require(can_view_budget(request.user), "Only the secretariat and delegates see costing scenarios.")


@router.get("/costs/scenarios", response={200: list[ScenarioOut], **ERRORS}, summary="Saved costing scenarios")
def scenario_list(request: HttpRequest) -> list[Scenario]:
    _viewer(request)
    return list(selectors.scenario_list(user=request.user))


@router.get("/costs/presets", response={200: list[str], **ERRORS}, summary="Names of the shipped scenarios")
def preset_list(request: HttpRequest) -> list[str]:
    _viewer(request)
    return list(costs.PRESET_NAMES)


@router.get("/costs/scenarios/{scenario_id}", response={200: dict[str, Any], **ERRORS},
            summary="A scenario's inputs (the file `treatyreview estimate --scenario` reads)")
def scenario_data(request: HttpRequest, scenario_id: int) -> dict[str, Any]:
    _viewer(request)
    return dict(selectors.scenario_get(user=request.user, pk=scenario_id).data)


@router.get("/costs/scenarios/{scenario_id}/estimate", response={200: EstimatesOut, **ERRORS},
            summary="The estimate of a saved scenario with today's registry")
def scenario_estimate(request: HttpRequest, scenario_id: int) -> dict[str, Any]:
    _viewer(request)
    scenario = selectors.scenario_get(user=request.user, pk=scenario_id)
    return {"scenarios": [costs.estimate_to_dict(selectors.scenario_estimate(scenario.data))]}


@router.get("/costs/compare", response={200: EstimatesOut, **ERRORS},
            summary="Up to four scenarios side by side: `scenario=s:12` (saved) or `scenario=p:in-turn` (shipped)")
def compare(request: HttpRequest,
            scenario: list[str] = Query(..., min_length=1, max_length=4)) -> dict[str, Any]:  # noqa: B008
    # The schema says how many (COMPARE_AT_MOST): more is refused with 422 before anything is read.
    _viewer(request)
    if not 1 <= len(scenario) <= selectors.COMPARE_AT_MOST:
        raise InvalidInput("scenario", "give between one and four scenarios")
    members = selectors.membership()
    results = []
    for key in scenario:
        kind, _sep, value = key.partition(":")
        if kind == "p" and value in costs.PRESET_NAMES:
            data = costs.preset_data(value)
        elif kind == "s" and value.isdigit():
            data = selectors.scenario_get(user=request.user, pk=int(value)).data
        else:
            raise NotFound(f"unknown scenario '{key}'")
        results.append(costs.estimate_to_dict(selectors.scenario_estimate(data, members)))
    return {"scenarios": results}


@router.post("/costs/estimate", response={200: EstimatesOut, **WRITE_ERRORS},
             summary="The estimate of posted scenario data (nothing is saved)")
def estimate(request: HttpRequest, payload: dict[str, Any] = Body(...)) -> dict[str, Any]:  # noqa: B008
    _viewer(request)
    try:
        scenario = costs.scenario_from_dict(payload)
    except costs.ScenarioError as error:
        raise InvalidInput(error.path, scenario_error_message(error)) from error
    return {"scenarios": [costs.estimate_to_dict(costs.estimate(scenario, selectors.membership()))]}


@router.post("/costs/scenarios", response={201: ScenarioOut, **WRITE_ERRORS},
             summary="Save a new scenario from a preset or from scenario data")
def scenario_create(request: HttpRequest, payload: ScenarioIn) -> tuple[int, Scenario]:
    scenario = services.scenario_create(actor=request.user, name=payload.name, data=payload.data,  # type: ignore[arg-type]
                                        preset=payload.preset)
    return 201, scenario


@router.put("/costs/scenarios/{scenario_id}", response={200: ScenarioOut, **WRITE_ERRORS},
            summary="Save a new version of a scenario's inputs (409 with the current version if it changed)")
def scenario_update(request: HttpRequest, scenario_id: int, payload: ScenarioUpdateIn) -> Scenario:
    _viewer(request)
    current = selectors.scenario_get(user=request.user, pk=scenario_id)
    return services.scenario_update(actor=request.user, scenario=current, data=payload.data,  # type: ignore[arg-type]
                                    reason=payload.reason, expected_version=payload.expected_version)
