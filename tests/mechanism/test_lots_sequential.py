"""Algorithm version 3: the sequential sampler draws the conditional law exactly, at load limits where whole-attempt
rejection does not finish, and every decision is exact."""

from __future__ import annotations

import os
from collections import Counter
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.stats import chi2_contingency

from tests.mechanism.test_lots_properties import instances
from tests.mechanism.test_lots_support import Outcome, chi2_sf, valid_outcomes
from tests.mechanism.test_lots_uniform import P_THRESHOLD, conditional_weights, outcome, tight_instance
from treatyreview.mechanism import lots
from treatyreview.mechanism.lots import exact
from treatyreview.mechanism.lots.exact import Choice
from treatyreview.mechanism.lots.stream import LotsStream
from treatyreview.mechanism.rules import UNTOC_2018
from treatyreview.registry.loading import read_reference_data

SCALE = int(os.environ.get("STATISTICAL_SCALE", "1"))
ALL = ["UNTOC", "TIP", "SOM", "FIREARMS"]


def binding_instance(version: int = 3) -> lots.DrawInput:
    # A limit of one review per reviewer binds everywhere (640 valid outcomes, 1,128,780 at a limit of two):
    # 10 States, 3 under review needing 2 to 4 reviewing States each; Protocols mixed (a slot may need one or
    # two supplementary reviewers, one of them possibly covering two Protocols); a party with no regional group
    # under review and as reviewer.
    return lots.parse_input({
        "rules": {"max_reviews_per_reviewer": 1, "max_reviewers_total": 4, "supplementary_draw": "conditional"},
        "states": [
            {"code": "A1", "group": "A", "parties": ALL},
            {"code": "A2", "group": "A", "parties": ["UNTOC"]},
            {"code": "A3", "group": "A", "parties": ["UNTOC", "TIP", "SOM"]},
            {"code": "A4", "group": "A", "parties": ALL},
            {"code": "B1", "group": "B", "parties": ["UNTOC", "TIP"]},
            {"code": "B2", "group": "B", "parties": ALL},
            {"code": "B3", "group": "B", "parties": ["UNTOC", "SOM", "FIREARMS"]},
            {"code": "EU", "group": None, "parties": ["UNTOC", "TIP", "SOM"]},
            {"code": "B4", "group": "B", "parties": ALL},
            {"code": "A5", "group": "A", "parties": ["UNTOC", "TIP"]},
        ],
        "under_review": ["A1", "B2", "EU"],
    }, version=version)


def draw_counts(draw_input: lots.DrawInput, draws: int, prefix: str) -> Counter[Outcome]:
    return Counter(outcome(lots.draw_reviewers(draw_input, f"{prefix}-{i}")) for i in range(draws))


def test_every_limit_binds_and_the_draw_follows_the_conditional_law() -> None:
    draw_input = binding_instance()
    support = valid_outcomes(draw_input)
    weights = conditional_weights(support)
    assert len(support) == 640 and len(set(weights.values())) > 1
    # A tight instance costs tens of ms a draw: test the law through every marginal (each State, slot and
    # instrument: who reviews it) against the enumerated law, with a Bonferroni correction; and the support.
    counts = draw_counts(draw_input, 600 * SCALE, "binding")
    assert set(counts) <= support, "an outcome outside the valid set was drawn"
    keys = sorted({x[:3] for o in support for x in o})
    for key in keys:
        expected: Counter[str] = Counter()
        for o, w in weights.items():
            expected[next(x[3] for x in o if x[:3] == key)] += w  # type: ignore[assignment]
        seen = Counter(next(x[3] for x in o if x[:3] == key) for o in counts.elements())
        if len(expected) > 1:
            statistic = sum((seen.get(r, 0) - p * counts.total()) ** 2 / (p * counts.total())
                            for r, p in expected.items())
            assert chi2_sf(statistic, len(expected) - 1) > P_THRESHOLD / len(keys), key


def test_version_3_agrees_in_distribution_with_version_2() -> None:
    # Both versions draw the same law; compare them directly on the marginal of each Convention slot.
    draws = 2_000 * SCALE
    samples = {v: [outcome(lots.draw_reviewers(tight_instance(supplementary_draw="conditional", version=v),
                                               f"agree-{v}-{i}")) for i in range(draws)] for v in (2, 3)}
    for key in sorted({(x[0], x[1]) for o in samples[2] for x in o if x[2] == "UNTOC"}):
        table: dict[str, list[int]] = {}
        for column, version in enumerate((2, 3)):
            for o in samples[version]:
                reviewer = next(x[3] for x in o if (x[0], x[1]) == key and x[2] == "UNTOC")
                table.setdefault(reviewer, [0, 0])[column] += 1
        if len(table) > 1:
            assert chi2_contingency(list(table.values()))[1] > P_THRESHOLD / 6, key


@pytest.mark.parametrize("make", [binding_instance, lambda: tight_instance(supplementary_draw="conditional")])
def test_the_exact_path_draws_the_same_records(make: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # The float approximations only save time: with every choice computed in exact rationals, the same seeds
    # give byte-identical records (same decisions and the same stream bytes read).
    draw_input = make()
    fast = [lots.draw_reviewers(draw_input, f"exact-{i}").record_sha256 for i in range(40)]
    monkeypatch.setattr(exact, "ALWAYS_EXACT", True)
    assert [lots.draw_reviewers(draw_input, f"exact-{i}").record_sha256 for i in range(40)] == fast


def test_the_choice_test_vector_of_the_specification() -> None:
    # docs/draw-algorithm.md, section 6.1.5: commitment of 32 zero bytes, seed "3 1 4 1 5 9", label .../v3/reviewers.
    def stream() -> LotsStream:
        return LotsStream(seed="3 1 4 1 5 9", commitment=bytes(32), label="treatyreview-lots/v3/reviewers")
    assert stream().read(8).hex() == "c2aef6b9dedad8d3"
    third = Fraction(1, 3)
    s = stream()
    assert Choice([(1 / 3, 1e-16)] * 2, lambda: [third, third], remainder=True).draw(s) == 2 and s.bytes_read == 8
    s = stream()
    assert Choice([(0.3, 1e-16), (0.5, 1e-16)], lambda: [Fraction(3, 10), Fraction(1, 2)],
                  remainder=False).draw(s) == 1 and s.bytes_read == 8
    # A boundary inside the interval the first eight bytes leave open: eight more bytes decide.
    boundary = Fraction(14028421167473940691, 2 ** 64) + Fraction(1, 2 ** 66)
    s = stream()
    assert Choice([(float(boundary), 1e-16)], lambda: [boundary], remainder=True).draw(s) == 1
    assert s.bytes_read == 16


@settings(max_examples=200, deadline=None)
@given(st.lists(st.fractions(min_value=0, max_value=1), min_size=1, max_size=6), st.text(max_size=6),
       st.booleans())
def test_a_choice_is_the_exact_bucket_of_the_uniform_whatever_the_path(weights: list[Fraction], seed: str,
                                                                         remainder: bool) -> None:
    total = sum(weights)
    if remainder and total > 1:
        weights = [w / total for w in weights]
    if not remainder and sum(weights) == 0:
        weights = [*weights[:-1], Fraction(1)]
    approx = [(float(w), abs(float(w) - float(w)) + 1e-15) for w in weights]
    results = []
    for always in (False, True):
        exact.ALWAYS_EXACT = always
        try:
            stream = LotsStream(seed=seed, commitment=bytes(32), label="choice")
            results.append((Choice(approx, lambda: weights, remainder=remainder).draw(stream), stream.bytes_read))
        finally:
            exact.ALWAYS_EXACT = False
    assert results[0] == results[1]
    k, read = results[0]
    # The uniform from the bytes read lies in bucket k.
    data = LotsStream(seed=seed, commitment=bytes(32), label="choice").read(read)
    low = Fraction(int.from_bytes(data, "big"), 2 ** (8 * read))
    high = low + Fraction(1, 2 ** (8 * read))
    cumulative = [sum(weights[:j + 1], Fraction(0)) for j in range(len(weights))] + ([Fraction(1)] if remainder else [])
    t = cumulative[-1]
    assert (cumulative[k - 1] if k else 0) <= low * t and high * t <= cumulative[k]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.text(max_size=8))
def test_version_3_draws_a_valid_outcome_whenever_one_exists(data: dict[str, Any], seed: str) -> None:
    data["rules"]["supplementary_draw"] = "conditional"
    draw_input = lots.parse_input(data)
    support = valid_outcomes(draw_input)
    try:
        record = lots.draw_reviewers(draw_input, seed)
    except lots.InfeasibleDraw:
        assert not support
        return
    assert record.draw_input.version == 3
    assert outcome(record) in support
    assert lots.verify_record(lots.record_to_json(record)).ok


def test_a_version_3_input_says_so_and_a_version_2_one_is_drawn_in_version_2() -> None:
    data = tight_instance(supplementary_draw="conditional")
    written = lots.input_to_json(data)
    assert written["algorithm_version"] == 3 and lots.input_version(written) == 3
    del written["algorithm_version"]
    assert lots.input_version(written) == 2
    v2 = lots.parse_input(written, version=2)
    record = lots.draw_reviewers(v2, "s")
    assert lots.record_to_json(record)["algorithm"] == {"name": "treatyreview-lots", "version": 2}
    with pytest.raises(lots.InputError, match="algorithm_version: must be 3, not 2"):
        lots.parse_input({**lots.input_to_json(data), "algorithm_version": 2})
    with pytest.raises(lots.InputError, match="unknown field"):
        lots.parse_input({**written, "algorithm_version": 3}, version=2)


def test_an_impractical_version_3_draw_stops_and_names_the_load_limit() -> None:
    data = {"rules": {"max_reviews_per_reviewer": 1}, "states": [
        {"code": f"A{i}", "group": "A", "parties": ["UNTOC"]} for i in range(8)] + [
        {"code": f"B{i}", "group": "B", "parties": ["UNTOC"]} for i in range(8)],
        "under_review": [f"A{i}" for i in range(8)]}
    with pytest.raises(lots.DrawImpractical, match="load limit of 1 reviews per reviewer"):
        lots.draw_reviewers(lots.parse_input(data), "s", max_attempts=1)


def registry_year(limit: int, year: int) -> tuple[lots.DrawInput, list[dict[str, str]]]:
    # The real registry, as bench/bench_lots.py reads it, and the year groups the bench draws.
    preset = UNTOC_2018.values.as_dict()
    rules = {name: preset[name] for name in lots.RULE_FIELDS} | {"max_reviews_per_reviewer": limit}
    states = [{"code": row.code, "group": row.group_code,
               "parties": [cell.instrument for cell in row.participation if cell.status == "party"]}
              for row in read_reference_data().states]
    groups = lots.draw_year_groups(lots.parse_input({"rules": rules, "states": states}, reviewers=False), 3,
                                   "bench groups").year_groups
    existing: list[dict[str, str]] = []
    for earlier in range(year - 1):
        draw_input = lots.parse_input({"rules": rules, "states": states, "under_review": list(groups[earlier]),
                                       "existing": existing})
        record = lots.draw_reviewers(draw_input, f"bench year {earlier + 1}")
        existing += [{"under_review": a.under_review, "reviewer": a.reviewer, "instrument": a.instrument}
                     for a in record.assignments]
    return lots.parse_input({"rules": rules, "states": states, "under_review": list(groups[year - 1]),
                             "existing": existing}), existing


def test_the_second_year_group_of_the_registry_is_drawn_exactly_at_a_limit_of_three() -> None:
    # Version 2 is not accepted here in 100,000 attempts (docs/adr/0011-tight-limit-draws.md).
    draw_input, _ = registry_year(3, 2)
    record = lots.draw_reviewers(draw_input, "bench year 2")
    assert lots.check_assignments(draw_input, record.assignments) == []
    assert lots.verify_record(lots.record_to_json(record)).ok


def test_an_impossible_draw_names_the_group_that_lacks_capacity() -> None:
    # Four States of group A under review, each needing a same-group reviewer; only two members of A may review.
    data = {"rules": {"max_reviews_per_reviewer": 1}, "states": [
        {"code": f"A{i}", "group": "Western European and other States", "parties": ["UNTOC"],
         "can_review": i < 2, "cannot_review_reason": None if i < 2 else "no_experts"} for i in range(4)] + [
        {"code": f"B{i}", "group": "B", "parties": ["UNTOC"]} for i in range(6)],
        "under_review": [f"A{i}" for i in range(4)]}
    for version in (2, 3):
        with pytest.raises(lots.InfeasibleDraw) as error:
            lots.draw_reviewers(lots.parse_input(data, version=version), "s")
        assert "the Western European and other States group needs 4 same-group reviews; its members can give 2 " \
               "at a load limit of 1" in str(error.value)
