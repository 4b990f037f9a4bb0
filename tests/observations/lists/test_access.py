"""Who reads and who writes a list of observations, its observations, suggestions, needs and its summary, at every
stage, through the pages and the API: everyone not entitled gets 404 (never 403), every read is logged, and a
refused write changes nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.observations.lists.world import (
    DRAFTERS,
    EVERYONE,
    PARTICIPANTS,
    STAGES,
    Lists,
    fill,
    lists_world,
    summary_to_stage,
    to_stage,
)
from treatyreview.audit.models import AuditEvent
from treatyreview.observations.lists import summaries
from treatyreview.observations.lists.models import Agreement, Comment, FollowUp

pytestmark = pytest.mark.django_db

UNDER_REVIEW = {"focal", "expert", "expert2"}
# Default rules: the secretariat "assists" (comments, drafts nothing).
COMMENTERS = DRAFTERS | UNDER_REVIEW | {"secretariat"}


def client_of(w: Lists, who: str) -> Client:
    client = Client()
    if who != "anonymous":
        client.force_login(w.people[who])
    return client


def _world(stage: str) -> Lists:
    w = lists_world(articles=1)
    fill(w)
    to_stage(w, stage)
    return w


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("who", EVERYONE)
def test_every_role_reads_the_list_at_every_stage_through_the_pages_and_the_api(stage: str, who: str) -> None:
    w = _world(stage)
    client = client_of(w, who)
    reads_before = AuditEvent.objects.filter(action="observation_list.read").count()
    page = client.get(f"/phases/{w.phase.pk}/observations/")
    api = client.get(f"/api/reviews/{w.review.pk}/observations")
    versions = client.get(f"/phases/{w.phase.pk}/observations/versions/")
    reads = who in PARTICIPANTS or (who == "delegate" and stage == "final")
    if who == "anonymous":
        assert (page.status_code, versions.status_code, api.status_code) == (404, 404, 401)
        return
    expected = 200 if reads else 404
    assert (page.status_code, api.status_code) == (expected, expected)
    assert versions.status_code == (200 if who in PARTICIPANTS else 404)
    logged = AuditEvent.objects.filter(action="observation_list.read").count() - reads_before
    assert logged == (3 if who in PARTICIPANTS else 2 if reads else 0)
    if reads:
        body = api.json()
        assert body[0]["list_of_observations"]["stage"] == stage
        assert body[0]["list_of_observations"]["articles"][0]["needs"][0]["kind"] == "data_collection"
        assert "Consider collecting statistics" in page.content.decode()


def _writes(w: Lists, client: Client) -> dict[str, int]:
    """Try each write of the list through its page; the status each answered."""
    observation_list = w.list()
    observation = observation_list.observations.first()
    suggestion = observation_list.recommendations.first()
    need = observation_list.needs.first()
    assert observation is not None and suggestion is not None and need is not None
    base = f"/phases/{w.phase.pk}/observations"
    article = observation.article_id
    return {
        "observation": client.post(f"{base}/articles/{article}/", {
            "expected_version": observation.version, "implementation": "Changed.", "successes": "",
            "challenges": ""}).status_code,
        "suggestion_add": client.post(f"{base}/suggestions/", {"article": article, "text": "A new one."}).status_code,
        "suggestion_edit": client.post(f"{base}/suggestions/{suggestion.pk}/", {
            "expected_version": suggestion.version, "text": "Edited."}).status_code,
        "need_add": client.post(f"{base}/needs/", {"article": article, "kind": "equipment"}).status_code,
        "need_edit": client.post(f"{base}/needs/{need.pk}/", {
            "expected_version": need.version, "kind": "other", "description": "Edited."}).status_code,
        "comment": client.post(f"{base}/comments/", {"article": article, "text": "A comment."}).status_code,
        "follow_up": client.post(f"{base}/suggestions/{suggestion.pk}/follow-up/", {
            "expected_version": suggestion.follow_up_version, "status": "implemented"}).status_code,
    }


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("who", EVERYONE)
def test_every_role_writes_only_what_the_workflow_table_lets_it(stage: str, who: str) -> None:
    w = _world(stage)
    before = (w.list().version, Comment.objects.count(), FollowUp.objects.count())
    statuses = _writes(w, client_of(w, who))
    readers = PARTICIPANTS | ({"delegate"} if stage == "final" else set())
    content_allowed = stage == "draft" and who in DRAFTERS
    comment_allowed = stage != "final" and who in COMMENTERS
    follow_up_allowed = stage == "final" and who in UNDER_REVIEW
    for write, status in statuses.items():
        allowed = {"comment": comment_allowed, "follow_up": follow_up_allowed}.get(write, content_allowed)
        if allowed:
            assert status == 302, (write, status)
        elif who not in readers:
            assert status == 404, (write, status)
        else:
            assert status in (400, 403), (write, status)
    after = (w.list().version, Comment.objects.count(), FollowUp.objects.count())
    if not (content_allowed or comment_allowed or follow_up_allowed):
        assert after == before


SUMMARY_STAGES = ["draft", "agreed_by_reviewing", "agreed_by_under_review", "final"]


@pytest.mark.parametrize("stage", SUMMARY_STAGES)
@pytest.mark.parametrize("who", EVERYONE)
def test_every_role_at_every_stage_of_the_summary(stage: str, who: str) -> None:
    w = _world("final")
    summaries.summary_begin(actor=w.people["reviewer_expert"], phase=w.phase)
    summary_to_stage(w, stage)
    client = client_of(w, who)
    page = client.get(f"/phases/{w.phase.pk}/summary/")
    api = client.get(f"/api/reviews/{w.review.pk}/observations")
    summary = w.summary()
    save = client.post(f"/phases/{w.phase.pk}/summary/save/", {
        "expected_version": summary.version, "introduction": "Rewritten.", "successes": "", "challenges": "",
        "assistance_needs": ""})
    comment = client.post(f"/phases/{w.phase.pk}/summary/comments/", {"text": "On the summary."})
    if who == "anonymous":
        assert (page.status_code, api.status_code, save.status_code) == (404, 401, 404)
        return
    reads = who in PARTICIPANTS
    assert page.status_code == (200 if reads else 404)
    if reads:
        assert api.json()[0]["summary"]["stage"] == stage
    elif who == "delegate":
        # The delegates of the working groups read the final list, never the unpublished summary.
        assert api.status_code == 200 and api.json()[0]["summary"] is None
    else:
        assert api.status_code == 404
    may_save = stage == "draft" and who in DRAFTERS
    may_comment = stage != "final" and who in COMMENTERS
    if may_save:
        assert save.status_code == 302
    else:
        assert save.status_code in ((400, 403) if reads else (404,))
    assert (w.summary().introduction == "Rewritten.") == may_save
    if may_comment:
        assert comment.status_code == 302
    elif not reads:
        assert comment.status_code == 404
    assert Comment.objects.filter(subject="summary", text="On the summary.").exists() == may_comment


@pytest.mark.parametrize("who", sorted(set(EVERYONE) - {"anonymous"}))
def test_only_the_focal_points_take_the_steps_and_each_in_its_turn(who: str) -> None:
    w = _world("draft")
    client = client_of(w, who)
    response = client.post(f"/phases/{w.phase.pk}/observations/step/",
                           {"step": "agree_reviewing", "expected_version": w.list().version})
    recorded = Agreement.objects.filter(phase=w.phase, step="agree_reviewing").exists()
    assert recorded == (who in {"reviewer_focal", "reviewer2_focal"})
    assert response.status_code == (404 if who not in PARTICIPANTS else 302)
    # The State under review's focal point cannot agree before the reviewing States.
    if who == "focal":
        client.post(f"/phases/{w.phase.pk}/observations/step/",
                    {"step": "agree_under_review", "expected_version": w.list().version})
        assert w.list().stage == "draft"


def test_the_rules_letting_the_secretariat_draft_make_it_a_drafter() -> None:
    w = _world("draft")
    rules = w.review.cycle.rules
    rules.values = {**rules.values, "secretariat_role": "drafts"}
    rules.save()
    statuses = _writes(w, client_of(w, "secretariat"))
    assert statuses["observation"] == 302 and statuses["suggestion_add"] == 302


def test_under_the_rules_none_the_secretariat_reads_but_does_not_comment() -> None:
    w = _world("draft")
    rules = w.review.cycle.rules
    rules.values = {**rules.values, "secretariat_role": "none"}
    rules.save()
    client = client_of(w, "secretariat")
    assert client.get(f"/phases/{w.phase.pk}/observations/").status_code == 200
    assert _writes(w, client)["comment"] == 403
