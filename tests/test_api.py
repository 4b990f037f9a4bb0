"""The REST API: public registry reads, rules for signed-in users, token auth, errors as JSON naming the field."""

from __future__ import annotations

import pytest

from treatyreview.accounts.models import ApiToken
from treatyreview.registry.collation import sort_key

pytestmark = pytest.mark.django_db


def test_states_are_listed_alphabetically_with_participation(client) -> None:
    response = client.get("/api/states")
    assert response.status_code == 200
    states = response.json()
    names = [state["name"] for state in states]
    # Alphabetical as a reader expects (registry.collation): "Côte d'Ivoire" among the C, before "Croatia".
    assert names == sorted(names, key=lambda name: sort_key(name, "en"))
    assert names.index("Côte d'Ivoire") < names.index("Croatia")
    eu = next(state for state in states if state["code"] == "EUU")
    assert eu["regional_group"] is None and eu["kind"] == "reio"
    assert {cell["instrument"] for cell in eu["participation"]} == {"UNTOC", "TIP", "SOM", "FIREARMS"}


def test_states_filtered_by_protocol_and_group(client) -> None:
    parties = client.get("/api/states", {"instrument": "FIREARMS", "group": "WEOG"}).json()
    assert parties, "some WEOG States are parties to the Firearms Protocol"
    for state in parties:
        assert state["regional_group"] == "Western European and other States"
        firearms = next(cell for cell in state["participation"] if cell["instrument"] == "FIREARMS")
        assert firearms["status"] == "party"
    unknown = client.get("/api/states", {"instrument": "FIREARMS", "status": "unknown"}).json()
    assert "AND" in {state["code"] for state in unknown}


@pytest.mark.parametrize(
    ("query", "field"),
    [({"group": "NORDIC"}, "group"), ({"instrument": "ARMS"}, "instrument"), ({"status": "maybe"}, "status")],
)
def test_bad_filters_get_a_json_error_naming_the_field(client, query, field) -> None:
    response = client.get("/api/states", query)
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert response.json()["detail"]


def test_a_non_numeric_cluster_is_a_422_naming_the_parameter(client) -> None:
    response = client.get("/api/articles", {"cluster": "one"})
    assert response.status_code == 422
    assert response.json()["field"] == "cluster"
    assert client.get("/api/articles", {"cluster": 5}).json()["field"] == "cluster"


def test_articles_carry_their_cluster_or_null_when_unknown(client) -> None:
    articles = client.get("/api/articles", {"instrument": "TIP"}).json()
    assert len(articles) == 20
    by_number = {article["number"]: article for article in articles}
    assert by_number[5]["cluster"] == 1 and by_number[5]["cluster_source"]
    assert by_number[1]["cluster"] is None


def test_one_state_and_an_unknown_code(client) -> None:
    assert client.get("/api/states/ken").json()["name"] == "Kenya"
    response = client.get("/api/states/XYZ")
    assert response.status_code == 404 and "detail" in response.json()


def test_rules_need_a_signed_in_user_or_a_token(client, make_user) -> None:
    assert client.get("/api/rules").status_code == 401
    user = make_user("observer")
    token = ApiToken.new_token()
    ApiToken.objects.create(user=user, name="script", digest=ApiToken.digest_of(token))
    response = client.get("/api/rules", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    presets = {record["preset"]: record for record in response.json()}
    assert presets["UNTOC 2018"]["values"]["max_reviewers_total"] == 4
    assert client.get("/api/rules", headers={"Authorization": "Bearer tr_wrong"}).status_code == 401
    client.force_login(user)
    assert client.get("/api/rules/UNTOC 2018/versions").status_code == 200
    assert client.get("/api/rules/NOPE/versions").status_code == 404


def test_a_revoked_token_is_refused(client, make_user) -> None:
    user = make_user("observer")
    token = ApiToken.new_token()
    ApiToken.objects.create(user=user, name="old", digest=ApiToken.digest_of(token), revoked_at="2026-01-01T00:00Z")
    assert client.get("/api/rules", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_openapi_schema_and_docs_are_served(client) -> None:
    schema = client.get("/api/openapi.json").json()
    assert "/api/states" in schema["paths"] and "/api/rules" in schema["paths"]
    assert client.get("/api/docs").status_code == 200


def test_a_script_writes_with_its_token_alone_and_a_browser_session_needs_the_csrf_token() -> None:
    """A token is not sent by a browser on its own, so a write with one needs no CSRF token; a write riding on
    the session cookie does (as a real server checks it: the test client's CSRF exemption is off here)."""
    import json

    from django.test import Client

    from tests.questionnaires.answers.world import world

    w = world()
    expert = w.people["expert"]
    token = ApiToken.new_token()
    ApiToken.objects.create(user=expert, name="script", digest=ApiToken.digest_of(token))
    answer = w.questionnaire.answers.select_related("question").order_by("question__position").first()
    url = f"/api/reviews/{w.review.pk}/answers/{answer.question.code}"
    body = json.dumps({"version": answer.version, "choice": "yes", "text": "Criminal Code, section 278a."})

    script = Client(enforce_csrf_checks=True)
    saved = script.put(url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert saved.status_code == 200, saved.content
    assert saved.json()["version"] == answer.version + 1

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(expert)
    forged = browser.put(url, json.dumps({"version": answer.version + 1, "text": "changed"}),
                         content_type="application/json")
    assert forged.status_code == 403
    answer.refresh_from_db()
    assert answer.text == "Criminal Code, section 278a."
