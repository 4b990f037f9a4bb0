"""The list of observations and summary pages: drafting through the forms, refusals at the top of the page with
what was typed kept, similar suggestions while typing, versions compared, follow-up once final."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.observations.lists.world import Lists, fill, lists_world, step, to_stage
from treatyreview.observations.lists import services, summaries
from treatyreview.observations.lists.models import Recommendation

pytestmark = pytest.mark.django_db


def client_of(w: Lists, who: str) -> Client:
    client = Client()
    client.force_login(w.people[who])
    return client


def test_a_reviewing_focal_point_begins_the_list_and_the_phase_moves_on() -> None:
    w = lists_world(begun=False)
    client = client_of(w, "reviewer_focal")
    page = client.get(f"/phases/{w.phase.pk}/observations/")
    assert page.status_code == 200
    assert "Begin the list of observations" in page.content.decode()
    response = client.post(f"/phases/{w.phase.pk}/observations/begin/", follow=True)
    assert response.status_code == 200
    w.phase.refresh_from_db()
    assert w.phase.stage == "observations"
    assert "Save the observation" in response.content.decode()


def test_an_expert_of_the_state_under_review_is_told_the_list_is_not_begun() -> None:
    w = lists_world(begun=False)
    page = client_of(w, "expert").get(f"/phases/{w.phase.pk}/observations/")
    assert page.status_code == 200
    assert "not begun yet" in page.content.decode()
    assert "Begin the list" not in page.content.decode()


def test_drafting_an_article_through_the_page() -> None:
    w = lists_world()
    article = w.articles()[0]
    client = client_of(w, "reviewer_expert")
    observation = w.list().observations.get(article_id=article)
    response = client.post(f"/phases/{w.phase.pk}/observations/articles/{article}/", {
        "expected_version": observation.version, "implementation": "Section 278 covers it.",
        "successes": "Joint investigation teams.", "challenges": "Few convictions."}, follow=True)
    assert "The observation on this article was saved." in response.content.decode()
    client.post(f"/phases/{w.phase.pk}/observations/suggestions/",
                {"article": article, "text": "Consider keeping statistics of convictions.", "language": "en"})
    client.post(f"/phases/{w.phase.pk}/observations/needs/",
                {"article": article, "kind": "capacity_building", "description": "Training of prosecutors."})
    page = client.get(f"/phases/{w.phase.pk}/observations/?article={article}").content.decode()
    assert "Consider keeping statistics of convictions." in page
    assert "Training of prosecutors." in page
    assert w.list().version == 4


def test_a_stale_tab_is_refused_and_what_was_typed_comes_back() -> None:
    w = lists_world()
    article = w.articles()[0]
    observation = w.list().observations.get(article_id=article)
    services.observation_save(actor=w.people["reviewer_focal"], observation=observation,
                              expected_version=observation.version, texts={"challenges": "Stored meanwhile."})
    response = client_of(w, "reviewer_expert").post(
        f"/phases/{w.phase.pk}/observations/articles/{article}/",
        {"expected_version": observation.version, "implementation": "", "successes": "",
         "challenges": "Mine, typed in the old tab."})
    assert response.status_code == 409
    text = response.content.decode()
    assert "Mine, typed in the old tab." in text
    assert "Stored meanwhile." in text
    observation.refresh_from_db()
    assert observation.challenges == "Stored meanwhile."


def test_a_need_on_an_article_outside_the_phase_is_refused_with_a_message() -> None:
    w = lists_world()
    from treatyreview.registry.models import Article
    outside = Article.objects.exclude(cluster=1).first()
    assert outside is not None
    response = client_of(w, "reviewer_expert").post(
        f"/phases/{w.phase.pk}/observations/needs/", {"article": outside.pk, "kind": "equipment"})
    assert response.status_code == 400
    assert "is not one this phase reviews" in response.content.decode()
    assert not w.list().needs.exists()


def test_editing_an_agreed_list_is_refused_with_a_message() -> None:
    w = lists_world()
    fill(w)
    to_stage(w, "agreed_by_reviewing")
    article = w.articles()[0]
    observation = w.list().observations.get(article_id=article)
    response = client_of(w, "reviewer_expert").post(
        f"/phases/{w.phase.pk}/observations/articles/{article}/",
        {"expected_version": observation.version, "challenges": "Changed after agreement."})
    assert response.status_code == 400
    assert "agreed by the reviewing States" in response.content.decode()
    observation.refresh_from_db()
    assert observation.challenges == "Few convictions for organized crime."


def test_agreeing_by_an_expert_is_refused_and_names_who_may() -> None:
    w = lists_world()
    response = client_of(w, "reviewer_expert").post(
        f"/phases/{w.phase.pk}/observations/step/",
        {"step": "agree_reviewing", "expected_version": w.list().version}, follow=True)
    assert "Only the focal points of the reviewing States can do this" in response.content.decode()
    assert w.list().stage == "draft"


def test_similar_suggestions_show_while_typing_without_naming_the_state() -> None:
    earlier = lists_world(name="Earlier cycle")
    fill(earlier)
    to_stage(earlier, "final")
    w = lists_world(name="Later cycle")
    article = w.articles()[0]
    response = client_of(w, "reviewer_expert").get(
        f"/phases/{w.phase.pk}/observations/suggestions/similar/",
        {"article": article, "text": "statistics on convictions", "language": "en"}, HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Consider collecting statistics on convictions for participation." in text
    assert "a State (its list is not public)" in text
    assert "Austria" not in text


def test_the_versions_page_shows_the_words_changed() -> None:
    w = lists_world()
    fill(w)
    page = client_of(w, "observer").get(f"/phases/{w.phase.pk}/observations/versions/?from=1&to=4")
    text = page.content.decode()
    assert page.status_code == 200
    assert "<ins>Few convictions for organized crime.</ins>" in text


def test_the_state_under_review_records_the_follow_up_once_final() -> None:
    w = lists_world()
    fill(w)
    to_stage(w, "final")
    suggestion = Recommendation.objects.get(observation_list=w.list())
    response = client_of(w, "expert").post(
        f"/phases/{w.phase.pk}/observations/suggestions/{suggestion.pk}/follow-up/",
        {"expected_version": suggestion.follow_up_version, "status": "in_progress", "note": "A bill is drafted."},
        follow=True)
    assert "The follow-up of the suggestion was recorded." in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.follow_up_status == "in_progress"
    assert suggestion.follow_ups.count() == 1


def test_the_summary_is_drafted_from_the_list_and_agreed_to_close_the_phase() -> None:
    w = lists_world()
    fill(w)
    to_stage(w, "final")
    client = client_of(w, "reviewer_expert")
    response = client.post(f"/phases/{w.phase.pk}/summary/begin/", follow=True)
    text = response.content.decode()
    assert "A case management system." in text
    summary = w.summary()
    client.post(f"/phases/{w.phase.pk}/summary/save/", {
        "expected_version": summary.version, "introduction": "Edited introduction.", "successes": summary.successes,
        "challenges": summary.challenges, "assistance_needs": summary.assistance_needs})
    for who in ("reviewer_focal", "reviewer2_focal", "focal", "secretariat"):
        current = w.summary()
        step_name = {"focal": "agree_under_review", "secretariat": "finalise"}.get(who, "agree_reviewing")
        summaries.summary_step(actor=w.people[who], summary=current, step=step_name,
                               expected_version=current.version)
    w.phase.refresh_from_db()
    assert (w.summary().stage, w.phase.stage) == ("final", "closed")
    page = client.get(f"/phases/{w.phase.pk}/summary/versions/?from=1&to=2").content.decode()
    assert "<ins>Edited introduction.</ins>" in page


def test_a_second_click_on_agree_says_it_is_recorded_already() -> None:
    w = lists_world()
    step(w, "reviewer_focal", "agree_reviewing")
    client = client_of(w, "reviewer_focal")
    response = client.post(f"/phases/{w.phase.pk}/observations/step/",
                           {"step": "agree_reviewing", "expected_version": w.list().version}, follow=True)
    assert "Your State has agreed to this version already" in response.content.decode()
    assert w.list().stage == "draft"
