"""The working-language proposal: it serves the State under review, then as many reviewing States as it can, with
as few languages and as few translated words as possible, whatever the order the States are listed in."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from treatyreview.mechanism.languages import (
    UN_LANGUAGES,
    WORDS_PER_PAGE,
    outcome_documents,
    pages_of,
    propose,
    translations_needed,
)

OUTCOMES = ("list_and_summary", "report_and_executive_summary", "public_recommendations")
language_sets = st.lists(st.sampled_from(UN_LANGUAGES), min_size=0, max_size=3, unique=True)
reviewer_maps = st.dictionaries(st.sampled_from(["AUT", "BRA", "KEN", "PHL", "FRA", "CHN", "EGY"]), language_sets,
                                min_size=1, max_size=4)


def test_a_language_everyone_shares_is_proposed_alone_and_nothing_of_the_answers_is_translated() -> None:
    proposal = propose(under_review=["fr"], reviewers={"SEN": ["fr"], "BEL": ["fr", "en"]}, articles=10)
    assert proposal.languages == ("fr",)
    assert proposal.unserved == ()
    assert proposal.translations == ()


def test_two_languages_when_no_single_one_serves_everyone_and_the_translations_are_listed() -> None:
    proposal = propose(under_review=["ar"], reviewers={"EGY": ["ar"], "AUT": ["en"]}, articles=10)
    assert proposal.languages == ("ar", "en")
    answers = [t for t in proposal.translations if t.kind == "questionnaire_answers"]
    assert [(t.source, t.target, t.words, t.pages) for t in answers] == [("ar", "en", 9000, pages_of(9000))]
    assert proposal.words == sum(t.words for t in proposal.translations)


def test_a_reviewer_without_a_un_language_in_common_is_named_unserved() -> None:
    proposal = propose(under_review=["es"], reviewers={"BRA": [], "ARG": ["es"]}, at_most=1)
    assert proposal.languages == ("es",)
    assert proposal.unserved == ("BRA",)


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError):
        propose(under_review=["en"], reviewers={}, at_most=0)
    with pytest.raises(ValueError):
        outcome_documents(outcome_model="nothing", articles=1, under_review=["en"], working=["en"])
    with pytest.raises(ValueError):
        pages_of(-1)


def test_recorded_words_replace_the_estimate() -> None:
    documents = outcome_documents(outcome_model="list_and_summary", articles=5, under_review=["fr"],
                                  working=["en"], recorded_words={"summary": 1000})
    summary = next(d for d in documents if d.kind == "summary")
    assert summary.words == 1000
    assert set(summary.into) == {"en", "fr"}


@settings(max_examples=150, deadline=None)
@given(own=language_sets, reviewers=reviewer_maps, at_most=st.integers(1, 3), outcome=st.sampled_from(OUTCOMES),
       articles=st.integers(0, 80))
def test_the_proposal_is_optimal_in_the_order_the_rules_give(own, reviewers, at_most, outcome, articles) -> None:
    proposal = propose(under_review=own, reviewers=reviewers, at_most=at_most, outcome_model=outcome,
                       articles=articles)
    assert 1 <= len(proposal.languages) <= at_most
    assert set(proposal.languages) <= set(UN_LANGUAGES)
    if own:
        assert "under_review" in proposal.served
    served = len(proposal.served)
    for size in range(1, at_most + 1):
        for other in combinations(UN_LANGUAGES, size):
            count = (1 if set(own) & set(other) else 0) + sum(1 for ls in reviewers.values() if set(ls) & set(other))
            if own and not set(own) & set(other):
                continue
            assert count <= served
            if count == served:
                assert size >= len(proposal.languages)


@settings(max_examples=100, deadline=None)
@given(own=language_sets, reviewers=reviewer_maps, data=st.data())
def test_the_order_of_the_states_and_of_their_languages_changes_nothing(own, reviewers, data) -> None:
    shuffled = {code: data.draw(st.permutations(langs)) for code, langs in
                data.draw(st.permutations(list(reviewers.items())))}
    first = propose(under_review=own, reviewers=reviewers, articles=20)
    second = propose(under_review=data.draw(st.permutations(own)), reviewers=shuffled, articles=20)
    assert first == second


@settings(max_examples=100, deadline=None)
@given(own=language_sets, working=st.lists(st.sampled_from(UN_LANGUAGES), min_size=1, max_size=6, unique=True),
       outcome=st.sampled_from(OUTCOMES), articles=st.integers(0, 200))
def test_translations_go_between_two_languages_and_count_pages_as_words_do(own, working, outcome, articles) -> None:
    documents = outcome_documents(outcome_model=outcome, articles=articles, under_review=own, working=working)
    for translation in translations_needed(documents):
        assert translation.source != translation.target
        assert translation.words >= 0
        assert translation.pages == -(-translation.words // WORDS_PER_PAGE)
    for document in documents:
        assert set(working) <= set(document.into)
