"""Statistical tests: draws, redraws and year groups are uniform over every valid outcome."""

from __future__ import annotations

import itertools
import os
from collections import Counter

import pytest

from tests.mechanism.test_lots_support import Outcome, chi2_sf, valid_outcomes
from treatyreview.mechanism import lots

ALL = ["UNTOC", "TIP", "SOM", "FIREARMS"]
DRAWS = 20_000
# Reject uniformity only when p < 0.001: a correct sampler then fails one run in a thousand, while a
# bias of a few per cent on a handful of outcomes (what a modulo bias or a per-State redraw would
# produce here) gives p far below it with 20,000 draws. Seeds are fixed, so the result is reproducible.
P_THRESHOLD = 0.001
SEQUENTIAL_DRAWS = 6_000 * int(os.environ.get("STATISTICAL_SCALE", "1"))


def tight_instance(load_limit: int = 2, supplementary_draw: str = "joint",
                   eu_may_review: list[str] | None = None, max_reviewers_total: int = 3,
                   version: int = lots.ALGORITHM_VERSION) -> lots.DrawInput:
    # Small enough to enumerate (424 valid assignments), tight enough that most attempts are rejected by
    # the load limit or the mutual-review rule, with supplementary draws, an exclusion, an existing
    # assignment and a party with no regional group.
    return lots.parse_input({
        "rules": {"max_reviews_per_reviewer": load_limit, "max_reviewers_total": max_reviewers_total,
                  "supplementary_draw": supplementary_draw},
        "states": [
            {"code": "A1", "group": "A", "parties": ALL},
            {"code": "A2", "group": "A", "parties": ["UNTOC", "TIP"]},
            {"code": "A3", "group": "A", "parties": ALL},
            {"code": "B1", "group": "B", "parties": ["UNTOC", "FIREARMS"]},
            {"code": "B2", "group": "B", "parties": ["UNTOC", "TIP", "FIREARMS"]},
            {"code": "B3", "group": "B", "parties": ALL},
            {"code": "EU", "group": None, "parties": ["UNTOC", "TIP"], "may_review": eu_may_review},
        ],
        "under_review": ["A1", "B2", "EU"],
        "exclusions": [["A3", "B3"]],
        "existing": [{"under_review": "A2", "reviewer": "B1", "instrument": "UNTOC"}],
    }, version=version)


def outcome(record: lots.DrawRecord) -> Outcome:
    return tuple(sorted((a.under_review, a.slot, a.instrument, a.reviewer) for a in record.assignments))


def chi_square_p(counts: Counter[Outcome], support: set[Outcome],
                 weights: dict[Outcome, float] | None = None) -> float:
    """P-value of the counts against `weights` (uniform over `support` when None)."""
    assert set(counts) <= support, "an outcome outside the valid set was drawn"
    weights = weights or {o: 1.0 for o in support}
    scale = sum(counts.values()) / sum(weights.values())
    statistic = sum((counts.get(o, 0) - weights[o] * scale) ** 2 / (weights[o] * scale) for o in support)
    return chi2_sf(statistic, len(support) - 1)


def conditional_weights(support: set[Outcome], moving: set[tuple[str, str]] | None = None) -> dict[Outcome, float]:
    """The conditional draw's law: Convention reviewers uniform over the Convention assignments that can be
    completed, then the completion uniform. `moving` limits the Convention part to some (State, slot)s."""
    def convention(o: Outcome) -> Outcome:
        return tuple(x for x in o if x[2] == "UNTOC" and (moving is None or (x[0], x[1]) in moving))
    groups = Counter(convention(o) for o in support)
    return {o: 1.0 / (len(groups) * groups[convention(o)]) for o in support}


def test_draw_is_uniform_over_every_valid_assignment() -> None:
    draw_input = tight_instance()
    support = valid_outcomes(draw_input)
    assert len(support) == 424
    counts: Counter[Outcome] = Counter()
    attempts = 0
    for i in range(DRAWS):
        record = lots.draw_reviewers(draw_input, f"uniform-{i}")
        counts[outcome(record)] += 1
        attempts += record.attempts
    assert attempts > 3 * DRAWS, "the instance should exercise whole-draw rejection"
    assert len(counts) == len(support)
    assert chi_square_p(counts, support) > P_THRESHOLD


# Version 2 by whole-attempt rejection (it replays version-2 records), version 3 by sequential
# acceptance-rejection: each against the law computed by enumeration. Version 3 costs a few ms a draw, so
# it runs a bounded number of draws (STATISTICAL_SCALE multiplies them, e.g. for a nightly run).
@pytest.mark.parametrize(("version", "draws"), [(2, DRAWS), (3, SEQUENTIAL_DRAWS)])
def test_conditional_draw_follows_its_law_exactly(version: int, draws: int) -> None:
    # Convention reviewers uniform over the valid Convention assignments, supplementary reviewers uniform
    # over each one's valid completions: checked against the law computed by exhaustive enumeration.
    draw_input = tight_instance(supplementary_draw="conditional", version=version)
    support = valid_outcomes(draw_input)
    weights = conditional_weights(support)
    assert len(set(weights.values())) > 1, "the instance should tell the two laws apart"
    counts: Counter[Outcome] = Counter(outcome(lots.draw_reviewers(draw_input, f"conditional-{i}"))
                                       for i in range(draws))
    assert chi_square_p(counts, support, weights) > P_THRESHOLD
    assert chi_square_p(counts, support) < P_THRESHOLD  # and it is not the joint law


# The preset's law; the joint law reads `may_review` through the same pools (the property tests cover both).
@pytest.mark.parametrize("supplementary_draw", ["conditional"])
def test_draw_is_uniform_when_a_state_may_review_for_one_protocol_only(supplementary_draw: str) -> None:
    draw_input = tight_instance(load_limit=2, supplementary_draw=supplementary_draw, eu_may_review=["TIP"],
                                max_reviewers_total=4)
    support = valid_outcomes(draw_input)
    assert any(x[3] == "EU" for o in support for x in o), "EU should be a possible supplementary reviewer"
    assert all(x[2] == "TIP" for o in support for x in o if x[3] == "EU")
    # 418 valid assignments: 5,000 draws give about 12 per outcome, above the 5 the chi-square test needs.
    counts: Counter[Outcome] = Counter(outcome(lots.draw_reviewers(draw_input, f"designated-{i}"))
                                       for i in range(5_000))
    weights = None if supplementary_draw == "joint" else conditional_weights(support)
    assert chi_square_p(counts, support, weights) > P_THRESHOLD


@pytest.mark.parametrize("supplementary_draw", ["joint", "conditional"])
def test_redraw_is_uniform_over_valid_replacements(supplementary_draw: str) -> None:
    draw_input = tight_instance(load_limit=3, supplementary_draw=supplementary_draw)
    record = lots.draw_reviewers(draw_input, "redraw-base")
    # The valid replacements of a slot: every valid full assignment, with the refused State excluded, that
    # agrees with the record outside the slot. Test the slot with the most of them.
    best: tuple[int, str, str, set[Outcome]] = (0, "", "", set())
    for under_review in draw_input.under_review:
        for slot in lots.SLOTS:
            refused = next(a.reviewer for a in record.assignments
                           if a.under_review == under_review and a.slot == slot and a.instrument == "UNTOC")
            kept = {(a.under_review, a.slot, a.instrument, a.reviewer) for a in record.assignments
                    if not (a.under_review == under_review and a.slot == slot)}
            support = {o for o in valid_outcomes(draw_input, {under_review: {refused}}) if kept <= set(o)}
            if len(support) > best[0]:
                best = (len(support), under_review, slot, support)
    _, under_review, slot, support = best
    assert len(support) >= 3
    counts: Counter[Outcome] = Counter()
    for i in range(4_000):
        new = lots.redraw(record, under_review=under_review, slot=slot, seed=f"r{i}", at="2026-01-01T00:00:00Z",
                          requested_by=under_review)
        counts[outcome(new)] += 1
    assert len(counts) == len(support)
    weights = None if supplementary_draw == "joint" else conditional_weights(support, {(under_review, slot)})
    assert chi_square_p(counts, support, weights) > P_THRESHOLD


def year_group_support(draw_input: lots.DrawInput, groups: int) -> set[tuple[tuple[str, ...], ...]]:
    codes = [s.code for s in draw_input.states]
    by_group: dict[str | None, list[str]] = {}
    for s in draw_input.states:
        by_group.setdefault(s.group, []).append(s.code)
    valid = set()
    for labels in itertools.product(range(groups), repeat=len(codes)):
        sizes = Counter(labels)
        if max(sizes.get(j, 0) for j in range(groups)) - min(sizes.get(j, 0) for j in range(groups)) > 1:
            continue
        placed = dict(zip(codes, labels, strict=True))
        if all(max(c := [sum(placed[m] == j for m in members) for j in range(groups)]) - min(c) <= 1
               for members in by_group.values()):
            valid.add(tuple(tuple(sorted(m for m in codes if placed[m] == j)) for j in range(groups)))
    return valid


def test_year_groups_are_uniform_over_balanced_splits() -> None:
    draw_input = lots.parse_input({"states": [
        {"code": c, "group": g, "parties": ["UNTOC"]}
        for c, g in [("A1", "A"), ("A2", "A"), ("B1", "B"), ("B2", "B"), ("C1", "C"), ("C2", "C"), ("C3", "C"),
                     ("EU", None)]]}, reviewers=False)
    support = year_group_support(draw_input, 3)
    counts: Counter[tuple[tuple[str, ...], ...]] = Counter(
        lots.draw_year_groups(draw_input, 3, f"g{i}").year_groups for i in range(DRAWS))
    assert set(counts) <= support
    expected = DRAWS / len(support)
    statistic = sum((counts.get(o, 0) - expected) ** 2 / expected for o in support)
    assert chi2_sf(statistic, len(support) - 1) > P_THRESHOLD
