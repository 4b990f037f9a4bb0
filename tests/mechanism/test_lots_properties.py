"""Property tests: on small random instances the draw agrees with exhaustive search, and every output obeys
every rule."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.mechanism.test_lots_support import valid_outcomes
from treatyreview.mechanism import lots

PROTOCOLS = ["TIP", "SOM", "FIREARMS"]
AT = "2026-03-02T10:00:00Z"


@st.composite
def instances(draw: Any) -> dict[str, Any]:
    n = draw(st.integers(3, 6))
    codes = [f"S{i}" for i in range(n)]
    states = []
    for code in codes:
        protocols = draw(st.lists(st.sampled_from(PROTOCOLS[:2]), unique=True, max_size=2))
        can_review = draw(st.booleans() | st.just(True))
        states.append({"code": code, "group": draw(st.sampled_from(["A", "B", None])) if code != "S0" else "A",
                       "parties": ["UNTOC", *protocols], "can_review": can_review,
                       "cannot_review_reason": None if can_review else "opted_out",
                       # Mostly unrestricted; sometimes designated for some instruments only (an REIO).
                       "may_review": draw(st.none() | st.none() | st.lists(st.sampled_from(["UNTOC", *PROTOCOLS[:2]]),
                                                                           unique=True, max_size=2))})
    under_review = draw(st.lists(st.sampled_from(codes), unique=True, min_size=1, max_size=3))
    others = [c for c in codes if c not in under_review]
    pairs = [[a, b] for a in codes for b in codes if a < b]
    exclusions = draw(st.lists(st.sampled_from(pairs), unique_by=lambda p: tuple(p), max_size=2))
    existing = []
    if others:
        for _ in range(draw(st.integers(0, 2))):
            reviewer = draw(st.sampled_from(codes))
            state_under_review = draw(st.sampled_from(others))
            if reviewer != state_under_review:
                existing.append({"under_review": state_under_review, "reviewer": reviewer, "instrument": "UNTOC"})
    rules = {"max_reviews_per_reviewer": draw(st.integers(1, 3)), "max_reviewers_total": draw(st.integers(2, 4)),
             "no_mutual_review": draw(st.booleans()),
             "same_group_reviewers": draw(st.sampled_from([0, 1, 1])), "other_group_reviewers": 1,
             "supplementary_draw": draw(st.sampled_from(["conditional", "joint"]))}
    return {"rules": rules, "states": states, "under_review": under_review, "exclusions": exclusions,
            "existing": existing}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.text(max_size=8))
def test_draw_succeeds_exactly_when_a_valid_assignment_exists(data: dict[str, Any], seed: str) -> None:
    draw_input = lots.parse_input(data)
    support = valid_outcomes(draw_input)
    try:
        record = lots.draw_reviewers(draw_input, seed)
    except lots.InfeasibleDraw as error:
        assert not support, "a feasible instance was reported infeasible"
        assert all(p.message for p in error.problems)
        return
    assert support, "an infeasible instance was drawn"
    assert lots.check_assignments(draw_input, record.assignments) == []
    drawn = tuple(sorted((a.under_review, a.slot, a.instrument, a.reviewer) for a in record.assignments))
    assert drawn in support
    assert lots.verify_record(lots.record_to_json(record)).ok


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.data())
def test_redraw_keeps_every_rule_and_reports_when_no_replacement_exists(data: dict[str, Any], pick: Any) -> None:
    draw_input = lots.parse_input(data)
    try:
        record = lots.draw_reviewers(draw_input, "base")
    except lots.InfeasibleDraw:
        return
    target = pick.draw(st.sampled_from([a for a in record.assignments if a.instrument == "UNTOC"]))
    refused = {**{k: set(v) for k, v in lots.refused_by_state(record.redraws).items()}, target.under_review: {
        target.reviewer}}
    kept = {(a.under_review, a.slot, a.instrument, a.reviewer) for a in record.assignments
            if not (a.under_review == target.under_review and a.slot == target.slot)}
    support = {o for o in valid_outcomes(draw_input, refused) if kept <= set(o)}
    try:
        new = lots.redraw(record, under_review=target.under_review, slot=target.slot, seed="x", at=AT,
                          declined_by=target.reviewer)
    except lots.InfeasibleDraw:
        assert not support
        return
    assert support
    assert tuple(sorted((a.under_review, a.slot, a.instrument, a.reviewer) for a in new.assignments)) in support
    assert lots.verify_record(lots.record_to_json(new)).ok


@settings(max_examples=60, deadline=None)
@given(instances())
def test_eligible_candidates_match_the_rules_model(data: dict[str, Any]) -> None:
    draw_input = lots.parse_input(data)
    for table in lots.eligibility(draw_input):
        for candidate in table.candidates:
            assert all(r.message and r.code for r in candidate.reasons)
            if candidate.code == table.under_review:
                assert "same_state" in {r.code for r in candidate.reasons}
