"""The library's API: the search's shape, its facets and errors, and a record restricted to a review."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from treatyreview.accounts.models import Role, User
from treatyreview.knowledge.models import LegalRecord

pytestmark = pytest.mark.django_db


def test_search_returns_ranked_results_with_snippets_and_facets(make_record: Callable[..., LegalRecord]) -> None:
    make_record("Code pénal", "Le fait de blanchir le produit", language="fr", state="FRA", articles=("UNTOC 6",))
    make_record("Loi sur le blanchiment", "Blanchiment d'argent", language="fr", state="SEN", kind="strategy")
    body = Client().get("/api/library/search", {"q": "blanchiment"}).json()
    assert body["count"] == 2
    assert body["results"][0]["title"] == "Loi sur le blanchiment"  # the title matches
    assert {"id", "title", "language", "snippet"} <= set(body["results"][0])
    assert "<mark>blanchir</mark>" in body["results"][1]["snippet"]
    assert body["facets"]["country"] == {"FRA": 1, "SEN": 1}
    assert body["facets"]["instrument"] == {"UNTOC": 1}
    assert Client().get("/api/library/search", {"q": "blanchiment", "article": "UNTOC-6"}).json()["count"] == 1


@pytest.mark.parametrize(("params", "field"), [
    ({"country": "XXXX"}, "country"), ({"article": "6"}, "article"), ({"lang": "de"}, "lang"),
    ({"type": "novel"}, "type"), ({"page": 0}, "page"), ({"date_from": "yesterday"}, "date_from"),
])
def test_bad_parameters_are_named(params: dict[str, object], field: str) -> None:
    response = Client().get("/api/library/search", params)
    assert response.status_code == 422
    assert response.json()["field"] == field


@pytest.mark.parametrize(("params", "detail"), [
    ({"country": "XXX"}, "country: no State with the code XXX"), ({"article": "UNTOC 99"}, "article: no article"),
])
def test_filters_naming_nothing_are_not_found(params: dict[str, object], detail: str) -> None:
    response = Client().get("/api/library/search", params)
    assert response.status_code == 404
    assert response.json()["detail"].startswith(detail)


def test_an_invalid_token_is_refused_not_ignored() -> None:
    response = Client().get("/api/library/search", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert response.status_code == 401


def test_a_restricted_record_is_404_to_others_and_open_to_its_state(
        make_record: Callable[..., LegalRecord], make_user: Callable[..., User]) -> None:
    record = make_record("Kenyan bill", "witnesses", state="KEN", visibility="review")
    assert Client().get(f"/api/library/records/{record.pk}").status_code == 404
    assert Client().get("/api/library/search", {"q": "witnesses"}).json()["count"] == 0
    client = Client()
    client.force_login(make_user(Role.EXPERT, state="KEN"))
    assert client.get(f"/api/library/records/{record.pk}").json()["texts"][0]["title"] == "Kenyan bill"
    assert client.get("/api/library/search", {"q": "witnesses"}).json()["count"] == 1


def test_the_search_is_in_the_openapi_document() -> None:
    paths = Client().get("/api/openapi.json").json()["paths"]
    assert "/api/library/search" in paths and "/api/library/records/{record_id}" in paths
