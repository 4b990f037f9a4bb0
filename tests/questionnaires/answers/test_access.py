"""Who reads a questionnaire, at each stage, through the pages and the API: everyone else gets 404, and every
read is logged."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.questionnaires.answers.world import PEOPLE, World, answer_all, world
from treatyreview.audit.models import AuditEvent
from treatyreview.questionnaires.answers import services

pytestmark = pytest.mark.django_db

READS_DRAFT = {"focal", "expert", "expert2", "observer"}
READS_SUBMITTED = READS_DRAFT | {"secretariat", "reviewer_focal", "reviewer_expert", "reviewer_observer"}
EVERYONE = [*PEOPLE, "anonymous"]


def client_of(w: World, who: str) -> Client:
    client = Client()
    if who != "anonymous":
        client.force_login(w.people[who])
    return client




@pytest.mark.parametrize("stage", ["draft", "submitted"])
@pytest.mark.parametrize("who", EVERYONE)
def test_every_role_at_every_stage_through_the_page_and_the_api(stage: str, who: str) -> None:
    w = world()
    if stage == "submitted":
        answer_all(w)
        services.questionnaire_submit(actor=w.people["focal"], questionnaire=w.fresh(),
                                      expected_version=w.fresh().version)
    allowed = who in (READS_SUBMITTED if stage == "submitted" else READS_DRAFT)
    client = client_of(w, who)
    reads_before = AuditEvent.objects.filter(action="questionnaire.read").count()

    page = client.get(f"/questionnaires/{w.questionnaire.pk}/")
    api = client.get(f"/api/reviews/{w.review.pk}/answers")
    download = client.get(f"/questionnaires/{w.questionnaire.pk}/questionnaire.docx")

    if who == "anonymous":
        assert (page.status_code, download.status_code) == (404, 404)
        assert api.status_code == 401
        return
    expected = 200 if allowed else 404
    assert (page.status_code, api.status_code, download.status_code) == (expected, expected, expected)
    reads = AuditEvent.objects.filter(action="questionnaire.read").count() - reads_before
    assert reads == (2 if allowed else 0)
    if allowed:
        assert AuditEvent.objects.filter(action="questionnaire.export", actor=w.people[who]).exists()
