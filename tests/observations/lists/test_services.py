"""The list of observations and its summary through their services: who begins, drafts, agrees and finalises,
what is refused (and that a refusal changes nothing), versions, follow-up, and what the next cycle shows."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from tests.observations.lists.world import Lists, fill, lists_world, step, to_stage
from treatyreview.errors import Conflict, InvalidInput, NotFound, NotPermitted
from treatyreview.observations.lists import consistency, selectors, services, summaries
from treatyreview.observations.lists.models import Comment, ObservationList, Recommendation, Snapshot
from treatyreview.reviews.models import Phase

pytestmark = pytest.mark.django_db


def _observation(w: Lists):
    found = w.list().observations.order_by("article_id").first()
    assert found is not None
    return found


def test_the_list_is_begun_only_once_the_dialogue_is_held() -> None:
    w = lists_world(begun=False)
    Phase.objects.filter(pk=w.phase.pk).update(stage="feedback")
    with pytest.raises(InvalidInput, match="once the dialogue is held"):
        services.list_begin(actor=w.people["reviewer_focal"], phase=Phase.objects.get(pk=w.phase.pk))
    assert not ObservationList.objects.exists()


def test_an_expert_cannot_begin_the_list_and_an_outsider_is_told_nothing() -> None:
    w = lists_world(begun=False)
    with pytest.raises(NotPermitted):
        services.list_begin(actor=w.people["reviewer_expert"], phase=w.phase)
    with pytest.raises(NotFound):
        services.list_begin(actor=w.people["other_expert"], phase=w.phase)


def test_beginning_opens_one_observation_per_article_and_moves_the_phase() -> None:
    w = lists_world()
    w.phase.refresh_from_db()
    assert w.phase.stage == "observations"
    assert w.list().observations.count() == len(selectors.list_entries(w.list()))
    assert Snapshot.objects.filter(phase=w.phase, subject="list", version=1).exists()
    again = services.list_begin(actor=w.people["reviewer_focal"], phase=w.phase)
    assert again.pk == w.list().pk


def test_every_edit_keeps_a_version_of_the_whole_list() -> None:
    w = lists_world()
    fill(w)
    kept = Snapshot.objects.filter(phase=w.phase, subject="list").order_by("version")
    assert [s.version for s in kept] == [1, 2, 3, 4]
    assert kept.last().content["needs"][0]["kind"] == "data_collection"
    assert kept.get(version=2).content["suggestions"] == []


def test_a_stale_edit_is_a_conflict_and_changes_nothing() -> None:
    w = lists_world()
    observation = _observation(w)
    services.observation_save(actor=w.people["reviewer_expert"], observation=observation,
                              expected_version=observation.version, texts={"challenges": "First."})
    with pytest.raises(Conflict):
        services.observation_save(actor=w.people["reviewer_focal"], observation=observation,
                                  expected_version=observation.version, texts={"challenges": "Second."})
    observation.refresh_from_db()
    assert observation.challenges == "First."
    assert w.list().version == 2


def test_a_text_too_long_is_refused_naming_the_field() -> None:
    w = lists_world()
    with pytest.raises(InvalidInput, match="at most 2000"):
        services.suggestion_add(actor=w.people["reviewer_expert"], observation_list=w.list(),
                                article_id=_observation(w).article_id, text="x" * 2001)
    assert not Recommendation.objects.exists()


def test_an_empty_suggestion_and_an_unknown_need_type_are_refused() -> None:
    w = lists_world()
    article = _observation(w).article_id
    with pytest.raises(InvalidInput, match="write the suggestion"):
        services.suggestion_add(actor=w.people["reviewer_expert"], observation_list=w.list(), article_id=article,
                                text="  ")
    with pytest.raises(InvalidInput, match="type of assistance"):
        services.need_add(actor=w.people["reviewer_expert"], observation_list=w.list(), article_id=article,
                          kind="money")


def test_the_list_moves_on_only_once_every_reviewing_state_has_agreed() -> None:
    w = lists_world()
    fill(w)
    step(w, "reviewer_focal", "agree_reviewing")
    assert w.list().stage == "draft"
    step(w, "reviewer2_focal", "agree_reviewing")
    assert w.list().stage == "agreed_by_reviewing"


def test_an_edit_after_one_state_agreed_asks_every_state_again() -> None:
    w = lists_world()
    step(w, "reviewer_focal", "agree_reviewing")
    observation = _observation(w)
    services.observation_save(actor=w.people["reviewer_expert"], observation=observation,
                              expected_version=observation.version, texts={"challenges": "Changed after."})
    step(w, "reviewer2_focal", "agree_reviewing")
    assert w.list().stage == "draft"
    step(w, "reviewer_focal", "agree_reviewing")
    assert w.list().stage == "agreed_by_reviewing"


def test_agreeing_on_a_version_not_read_is_a_conflict() -> None:
    w = lists_world()
    stale = w.list().version
    fill(w)
    with pytest.raises(Conflict, match="you read version"):
        services.list_step(actor=w.people["reviewer_focal"], observation_list=w.list(), step="agree_reviewing",
                           expected_version=stale)


def test_sending_back_needs_a_reason_which_is_kept_as_a_comment() -> None:
    w = lists_world()
    to_stage(w, "agreed_by_reviewing")
    with pytest.raises(InvalidInput, match="what must change"):
        step(w, "focal", "return_to_draft", reason=" ")
    step(w, "focal", "return_to_draft", reason="Article 5 misreads our law.")
    assert w.list().stage == "draft"
    assert Comment.objects.filter(text="Article 5 misreads our law.", author=w.people["focal"]).exists()


def test_final_moves_the_phase_to_the_summary_and_locks_the_list() -> None:
    w = lists_world()
    fill(w)
    to_stage(w, "final")
    w.phase.refresh_from_db()
    assert w.phase.stage == "summary"
    assert w.list().final_at is not None
    with pytest.raises(InvalidInput, match="final"):
        services.suggestion_add(actor=w.people["reviewer_expert"], observation_list=w.list(),
                                article_id=_observation(w).article_id, text="Too late.")
    with pytest.raises(NotPermitted, match="the secretariat"):
        services.list_step(actor=w.people["focal"], observation_list=w.list(), step="finalise",
                           expected_version=w.list().version)


def test_the_summary_waits_for_the_final_list() -> None:
    w = lists_world()
    with pytest.raises(InvalidInput, match="not final yet"):
        summaries.summary_begin(actor=w.people["reviewer_expert"], phase=w.phase)


def test_the_first_draft_of_the_summary_comes_from_the_lists_fields() -> None:
    w = lists_world()
    fill(w)
    to_stage(w, "final")
    summary = summaries.summary_begin(actor=w.people["reviewer_focal"], phase=Phase.objects.get(pk=w.phase.pk))
    assert "Austria" in summary.introduction and "Brazil" in summary.introduction
    assert "A specialised prosecution office." in summary.successes
    assert "Consider collecting statistics on convictions for participation." in summary.challenges
    assert "data collection (not yet received)" in summary.assistance_needs


def test_the_follow_up_history_is_kept_and_dated() -> None:
    w = lists_world()
    fill(w)
    to_stage(w, "final")
    suggestion = Recommendation.objects.get()
    for status in ("in_progress", "implemented"):
        suggestion.refresh_from_db()
        services.follow_up_record(actor=w.people["focal"], suggestion=suggestion,
                                  expected_version=suggestion.follow_up_version, status=status, note=status)
    suggestion.refresh_from_db()
    assert suggestion.follow_up_status == "implemented"
    assert [f.status for f in suggestion.follow_ups.order_by("pk")] == ["in_progress", "implemented"]
    with pytest.raises(InvalidInput, match="between"):
        services.follow_up_record(actor=w.people["focal"], suggestion=suggestion,
                                  expected_version=suggestion.follow_up_version, status="implemented",
                                  on=timezone.localdate() + dt.timedelta(days=1))
    with pytest.raises(NotPermitted):
        services.follow_up_record(actor=w.people["reviewer_focal"], suggestion=suggestion,
                                  expected_version=suggestion.follow_up_version, status="in_progress")


def test_the_follow_up_waits_for_the_final_list() -> None:
    w = lists_world()
    fill(w)
    with pytest.raises(InvalidInput, match="once the list of observations is final"):
        services.follow_up_record(actor=w.people["focal"], suggestion=Recommendation.objects.get(),
                                  expected_version=1, status="in_progress")


def test_the_next_cycle_shows_the_earlier_suggestions_on_the_same_articles() -> None:
    earlier = lists_world(name="First cycle")
    fill(earlier)
    to_stage(earlier, "final")
    later = lists_world(name="Second cycle")
    entries = selectors.list_entries(later.list(), with_earlier=True)
    shown = [s.text for entry in entries for s in entry.earlier]
    assert shown == ["Consider collecting statistics on convictions for participation."]


def test_similar_suggestions_come_from_other_final_lists_only() -> None:
    draft = lists_world(name="Draft cycle")
    fill(draft)
    article = _observation(draft).article_id
    assert consistency.similar_ids("statistics of convictions", article_id=article, exclude_list_id=None,
                                   language="en") == []
    to_stage(draft, "final")
    found = consistency.similar_ids("statistics of convictions", article_id=article, exclude_list_id=None,
                                    language="en")
    assert len(found) == 1
    assert consistency.similar_ids("statistics of convictions", article_id=article,
                                   exclude_list_id=draft.list().pk, language="en") == []
    assert consistency.similar_ids("statistics", article_id=article + 1000, exclude_list_id=None,
                                   language="en") == []


def test_a_state_is_named_beside_its_suggestion_only_when_its_list_is_public() -> None:
    w = lists_world()
    fill(w)
    to_stage(w, "final")
    article = _observation(w).article_id
    hidden = consistency.similar_suggestions("statistics convictions", article_id=article, exclude_list_id=None,
                                             language="en", public_state_ids=set())
    shown = consistency.similar_suggestions("statistics convictions", article_id=article, exclude_list_id=None,
                                            language="en", public_state_ids={w.review.state_id})
    assert hidden[0].state_name == "" and shown[0].state_name == "Austria"


def test_stemming_matches_other_forms_of_the_words() -> None:
    w = lists_world()
    fill(w)
    to_stage(w, "final")
    article = _observation(w).article_id
    assert consistency.similar_ids("collect statistic", article_id=article, exclude_list_id=None, language="en")


class TestAgreementOrder(TestCase):
    """Whatever order the reviewing States' focal points agree in, the list moves on with the last of them."""

    @settings(max_examples=2, deadline=None)
    @given(st.sampled_from(list(itertools.permutations(["reviewer_focal", "reviewer2_focal"]))))
    def test_the_last_agreement_moves_the_list(self, order: tuple[str, ...]) -> None:
        w = lists_world(articles=1)
        for index, who in enumerate(order):
            step(w, who, "agree_reviewing")
            expected = "agreed_by_reviewing" if index == len(order) - 1 else "draft"
            assert w.list().stage == expected
