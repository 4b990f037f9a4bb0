"""The answers API: read what the caller may read; save with the version read."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.questionnaires.answers.world import World, save, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> World:
    return world()


def api(w: World, who: str) -> Client:
    client = Client()
    client.force_login(w.people[who])
    return client


def code(w: World) -> str:
    return w.questionnaire.answers.filter(question__type="yes_no").order_by("question__position")[0].question.code


def test_answers_are_listed_with_their_versions(w: World) -> None:
    body = api(w, "expert").get(f"/api/reviews/{w.review.pk}/answers").json()
    assert body[0]["stage"] == "draft" and len(body[0]["answers"]) == 6
    assert {"question_id", "version", "choice", "citations"} <= set(body[0]["answers"][0])


def test_a_put_with_the_version_read_saves_and_a_stale_one_is_409_with_the_current_version(w: World) -> None:
    client = api(w, "expert")
    url = f"/api/reviews/{w.review.pk}/answers/{code(w)}"
    saved = client.put(url, {"version": 1, "choice": "no", "text": "Not yet."}, content_type="application/json")
    assert saved.status_code == 200 and saved.json()["version"] == 2
    stale = client.put(url, {"version": 1, "choice": "yes"}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["current_version"] == 2
    assert w.answer(code(w)).choice == "no"


@pytest.mark.parametrize(("body", "field"), [
    ({"version": 1, "choice": "perhaps"}, "choice"),
    ({"version": 1, "text": "x" * 20_001}, "text"),
    ({"version": 1, "statistics": [{"label": "Cases", "year": 1800, "value": 1}]}, "statistics.0.year"),
    ({"choice": "yes"}, "version"),
])
def test_bad_input_names_the_field_and_saves_nothing(w: World, body: dict[str, object], field: str) -> None:
    response = api(w, "expert").put(f"/api/reviews/{w.review.pk}/answers/{code(w)}", body,
                                    content_type="application/json")
    assert response.status_code in (400, 422) and response.json()["field"].startswith(field.split(".")[0])
    assert w.answer(code(w)).version == 1


def test_an_observer_is_refused_and_a_reviewer_cannot_see_a_draft(w: World) -> None:
    url = f"/api/reviews/{w.review.pk}/answers/{code(w)}"
    assert api(w, "observer").put(url, {"version": 1, "choice": "yes"}, content_type="application/json"
                                  ).status_code == 403
    assert api(w, "reviewer_expert").put(url, {"version": 1, "choice": "yes"}, content_type="application/json"
                                         ).status_code == 404
    save(w, "expert", code(w), choice="no")
    assert api(w, "reviewer_expert").get(f"/api/reviews/{w.review.pk}/answers").status_code == 404
