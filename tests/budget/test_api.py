"""The costing API: reads for the secretariat and delegates, estimates of posted data, versioned writes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from treatyreview.accounts.models import Role, User
from treatyreview.budget.models import Scenario
from treatyreview.mechanism import costs

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_delegate_reads_the_estimate_of_a_saved_scenario(delegate: User, scenario: Scenario) -> None:
    body = signed_in(delegate).get(f"/api/costs/scenarios/{scenario.pk}/estimate").json()
    result = body["scenarios"][0]
    assert result["name"] == "Together 2027"
    assert set(result) >= {"name", "total", "per_year", "per_item", "funding", "units"}
    assert sum(float(v) for v in result["per_item"].values()) == pytest.approx(float(result["total"]))


def test_compare_takes_saved_scenarios_and_presets(delegate: User, scenario: Scenario) -> None:
    response = signed_in(delegate).get("/api/costs/compare", {"scenario": [f"s:{scenario.pk}", "p:in-turn"]})
    together, in_turn = response.json()["scenarios"]
    assert together["units"] == in_turn["units"]
    assert signed_in(delegate).get("/api/costs/compare", {"scenario": ["p:nothing"]}).status_code == 404


def test_a_posted_scenario_with_a_bad_rate_is_refused_naming_the_key(delegate: User) -> None:
    data = costs.preset_data("together")
    data["rates"]["revision_per_word"]["zh"] = "-1"
    response = signed_in(delegate).post("/api/costs/estimate", json.dumps(data), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["field"] == "rates.revision_per_word.zh"


def test_other_roles_get_403(make_user: Any) -> None:
    observer = make_user(Role.OBSERVER)
    assert signed_in(observer).get("/api/costs/scenarios").status_code == 403
    assert Client().get("/api/costs/scenarios").status_code == 401


def test_the_secretariat_saves_a_version_and_a_stale_one_is_a_conflict(secretariat: User, scenario: Scenario) -> None:
    client = signed_in(secretariat)
    data = dict(scenario.data, burden_threshold=2)
    url = f"/api/costs/scenarios/{scenario.pk}"
    ok = client.put(url, json.dumps({"data": data, "reason": "Bureau", "expected_version": 1}),
                    content_type="application/json")
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = client.put(url, json.dumps({"data": dict(data, burden_threshold=7), "reason": "again",
                                        "expected_version": 1}), content_type="application/json")
    assert stale.status_code == 409 and stale.json()["current_version"] == 2


def test_a_delegate_cannot_create(delegate: User) -> None:
    response = signed_in(delegate).post("/api/costs/scenarios", json.dumps({"name": "x", "preset": "together"}),
                                        content_type="application/json")
    assert response.status_code == 403


def test_comparing_more_than_four_through_the_api_is_a_422_the_schema_announces(delegate: User) -> None:
    keys = ["p:together", "p:in-turn", "p:outcome-a", "p:outcome-b", "p:outcome-c"]
    response = signed_in(delegate).get("/api/costs/compare", {"scenario": keys})
    assert response.status_code == 422 and "scenario" in response.content.decode()
    schema = signed_in(delegate).get("/api/openapi.json").json()
    parameter = schema["paths"]["/api/costs/compare"]["get"]["parameters"][0]
    assert (parameter["schema"]["minItems"], parameter["schema"]["maxItems"]) == (1, 4)
