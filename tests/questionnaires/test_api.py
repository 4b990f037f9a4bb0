"""`GET /api/templates` and `GET /api/templates/{name}/versions/{n}`: published versions for every signed-in
user, drafts for the secretariat only (404 for anyone else)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.questionnaires.books import FOLLOW_UP, QUESTION, workbook
from treatyreview.accounts.models import Role
from treatyreview.questionnaires.saq import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def versions(secretariat: Any) -> None:
    first = services.template_import(actor=secretariat, content=workbook([QUESTION, FOLLOW_UP]))
    services.version_publish(actor=secretariat, version=first, expected_revision=first.revision)
    services.version_draft_create(actor=secretariat, template=first.template)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_expert_reads_the_published_version_with_its_questions(make_user: Any, versions: None) -> None:
    client = _client(make_user(Role.EXPERT, state="KEN"))
    listed = client.get("/api/templates").json()
    assert [(t["name"], [v["number"] for v in t["versions"]]) for t in listed] == [("test-saq", [1])]
    assert listed[0]["versions"][0]["question_count"] == 2
    version = client.get("/api/templates/test-saq/versions/1").json()
    assert version["status"] == "published"
    assert version["questions"][1] == {
        "id": "untoc-5-law", "instrument": "UNTOC", "article": 5, "paragraph": "1 (a)", "type": "citation",
        "parent_id": "untoc-5", "condition": "yes", "text": {"en": "Please cite the legislation."}, "guidance": {},
    }
    assert client.get("/api/templates/test-saq/versions/2").status_code == 404


def test_the_secretariat_also_reads_the_draft(secretariat: Any, versions: None) -> None:
    client = _client(secretariat)
    assert [v["status"] for v in client.get("/api/templates").json()[0]["versions"]] == ["draft", "published"]
    assert client.get("/api/templates/test-saq/versions/2").json()["status"] == "draft"


def test_an_anonymous_caller_is_asked_to_sign_in(versions: None) -> None:
    assert Client().get("/api/templates").status_code == 401


def test_the_endpoints_are_in_the_openapi_schema() -> None:
    paths = Client().get("/api/openapi.json").json()["paths"]
    assert "/api/templates" in paths and "/api/templates/{name}/versions/{number}" in paths
