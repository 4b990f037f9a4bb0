"""Drawing of lots: input validation, rules, explanations, redraws, records and their verification."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from treatyreview.mechanism import lots
from treatyreview.mechanism.lots import outcomes
from treatyreview.mechanism.lots.stream import LotsStream

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "draw-input.json"
ALL = ["UNTOC", "TIP", "SOM", "FIREARMS"]
AT = "2026-03-02T10:00:00Z"  # when a redraw was asked, in its canonical form


def example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return data


def drawn(seed: str = "1 2 3 4 5") -> lots.DrawRecord:
    return lots.draw_reviewers(lots.parse_input(example()), seed)


# --------------------------------------------------------------------------------------------- PRNG


def test_stream_is_pinned_by_a_published_test_vector() -> None:
    # docs/draw-algorithm.md quotes these values; a re-implementation must produce them.
    stream = LotsStream(seed="3 1 4 1 5 9", commitment=bytes(32), label="treatyreview-lots/v2/reviewers")
    assert stream.read(8).hex() == "4c10d73853cc0def"
    assert [stream.below(6) for _ in range(8)] == [4, 1, 1, 5, 2, 4, 4, 3]


def test_stream_integers_are_below_the_bound_and_spread() -> None:
    stream = LotsStream(seed="x", commitment=bytes(32), label="t")
    values = [stream.below(3) for _ in range(3000)]
    assert set(values) == {0, 1, 2}
    assert all(900 < values.count(v) < 1100 for v in range(3))
    assert stream.below(1) == 0
    with pytest.raises(ValueError):
        stream.below(0)


# --------------------------------------------------------------------------------------------- input


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda d: d["states"][3]["parties"].__setitem__(1, "FIRE"), "states[3].parties[1]: unknown instrument 'FIRE'"),
    (lambda d: d["states"].append(dict(d["states"][0])), "states[11].code: 'AUT' is listed twice (first at states[0])"),
    (lambda d: d["under_review"].append("XYZ"), "under_review[4]: 'XYZ' is not in states"),
    (lambda d: d["states"][2].pop("group"), "states[2].group: missing field"),
    (lambda d: d["states"][0].__setitem__("can_review", "yes"), "states[0].can_review: expected a boolean, got string"),
    (lambda d: d["rules"].__setitem__("max_redraws", True), "rules.max_redraws: expected an integer, got boolean"),
    (lambda d: d["rules"].__setitem__("max_reviews", 3), "rules.max_reviews: unknown rule"),
    (lambda d: d["existing"][0].__setitem__("instrument", "CTOC"), "existing[0].instrument: unknown instrument 'CTOC'"),
    (lambda d: d["exclusions"].append(["AUT"]), "exclusions[1]: expected a pair of State codes"),
    (lambda d: d.pop("under_review"), "under_review: missing field"),
    (lambda d: d["existing"].append({"under_review": "AUT", "reviewer": "DEU", "instrument": "UNTOC"}),
     "existing[1].under_review: 'AUT' is also in under_review; a State is drawn once per cycle"),
])
def test_bad_input_is_refused_naming_the_json_path(mutate: Any, message: str) -> None:
    data = example()
    mutate(data)
    with pytest.raises(lots.InputError) as error:
        lots.parse_input(data)
    assert str(error.value) == message


def test_input_is_canonical_so_list_order_does_not_change_the_commitment() -> None:
    data = example()
    shuffled = copy.deepcopy(data)
    shuffled["states"].reverse()
    shuffled["under_review"].reverse()
    shuffled["exclusions"] = [["DEU", "AUT"]]
    for s in shuffled["states"]:
        s["parties"].reverse()
    a, b = lots.parse_input(data), lots.parse_input(shuffled)
    assert a == b
    assert lots.commit_input(a) == lots.commit_input(b)
    assert lots.parse_input(lots.input_to_json(a)) == a


def test_example_commitment_is_the_one_the_specification_quotes() -> None:
    assert lots.commit_input(lots.parse_input(example())) == \
        "8cbe93ff3d43c7ec22f8a9c9412a8de91899be1753ca9f1c509c162241a2908b"
    # The same facts written in version 2 (no algorithm_version in the input) keep their version-2 commitment.
    assert lots.commit_input(lots.parse_input(example(), version=2)) == \
        "a83e3f314b178c7123cea2543387b49111a110ec70b4977620fe045a0cbf234a"


# --------------------------------------------------------------------------------------------- draw


def test_draw_satisfies_every_rule_and_covers_every_instrument() -> None:
    record = drawn()
    draw_input = record.draw_input
    assert lots.check_assignments(draw_input, record.assignments) == []
    for under_review in draw_input.under_review:
        for slot in lots.SLOTS:
            instruments = {
                a.instrument for a in record.assignments if a.under_review == under_review and a.slot == slot
            }
            assert instruments == set(draw_input.state(under_review).parties)


def test_draw_is_reproducible_and_seed_dependent() -> None:
    assert drawn("a") == drawn("a")
    assert len({drawn(str(i)).assignments for i in range(10)}) > 1


def test_party_without_regional_group_is_noted_in_the_record() -> None:
    record = drawn()
    assert [(n.under_review, n.code) for n in record.notes] == [("EUU", "no_regional_group")]
    assert "same-group slot is filled from any group" in record.notes[0].message


def test_supplementary_draw_covers_a_protocol_the_convention_reviewer_is_not_party_to() -> None:
    data = {"states": [
        {"code": "A1", "group": "A", "parties": ALL},
        {"code": "A2", "group": "A", "parties": ["UNTOC", "TIP", "SOM"]},
        {"code": "A3", "group": "A", "parties": ALL},
        {"code": "B1", "group": "B", "parties": ALL}],
        "under_review": ["A1"], "rules": {"max_reviews_per_reviewer": 3}}
    draw_input = lots.parse_input(data)
    seen_supplementary = False
    for i in range(40):
        record = lots.draw_reviewers(draw_input, str(i))
        same = {a.instrument: a for a in record.assignments if a.slot == lots.SAME_GROUP}
        if same["UNTOC"].reviewer == "A2":
            assert same["FIREARMS"].reviewer == "A3" and same["FIREARMS"].supplementary
            assert same["TIP"].reviewer == "A2" and not same["TIP"].supplementary
            seen_supplementary = True
    assert seen_supplementary


def test_infeasible_draw_names_state_slot_instrument_and_constraint() -> None:
    # Group A has no other party to the Firearms Protocol than the State under review itself.
    data = {"states": [
        {"code": "A1", "group": "A", "parties": ALL},
        {"code": "A2", "group": "A", "parties": ["UNTOC", "TIP", "SOM"]},
        {"code": "B1", "group": "B", "parties": ALL}],
        "under_review": ["A1"]}
    with pytest.raises(lots.InfeasibleDraw) as error:
        lots.draw_reviewers(lots.parse_input(data), "seed")
    (problem,) = error.value.problems
    assert (problem.under_review, problem.slot, problem.instrument) == ("A1", lots.SAME_GROUP, "FIREARMS")
    assert problem.constraint == "not_party"
    assert "A1, same-group slot, the Firearms Protocol: no eligible reviewer" in str(error.value)


def test_infeasibility_from_the_load_limit_together_is_reported_not_drawn() -> None:
    data = {"rules": {"max_reviews_per_reviewer": 1}, "states": [
        {"code": "A1", "group": "A", "parties": ["UNTOC"]},
        {"code": "A2", "group": "A", "parties": ["UNTOC"]},
        {"code": "A3", "group": "A", "parties": ["UNTOC"]},
        {"code": "B1", "group": "B", "parties": ["UNTOC"]}],
        "under_review": ["A1", "A2"]}
    # Both need an other-group reviewer and only B1 can be one, once.
    with pytest.raises(lots.InfeasibleDraw, match="no assignment satisfies every rule at once"):
        lots.draw_reviewers(lots.parse_input(data), "seed")


def test_impractical_draw_stops_at_the_budget_and_names_the_constraint() -> None:
    data = {"rules": {"max_reviews_per_reviewer": 1}, "states": [
        {"code": f"A{i}", "group": "A", "parties": ["UNTOC"]} for i in range(8)] + [
        {"code": f"B{i}", "group": "B", "parties": ["UNTOC"]} for i in range(8)],
        "under_review": [f"A{i}" for i in range(8)]}
    with pytest.raises(lots.DrawImpractical, match="load limit of 1 reviews"):
        lots.draw_reviewers(lots.parse_input(data), "seed", max_attempts=5)


# --------------------------------------------------------------------------------------------- eligibility


def reasons(tables: tuple[lots.SlotEligibility, ...], under_review: str, slot: str, instrument: str,
            code: str) -> set[str]:
    table = next(t for t in tables if (t.under_review, t.slot, t.instrument) == (under_review, slot, instrument))
    return {r.code for r in next(c for c in table.candidates if c.code == code).reasons}


def test_eligibility_explains_every_exclusion() -> None:
    data = example()
    data["existing"] = [{"under_review": "CZE", "reviewer": "AUT", "instrument": "UNTOC"},
                        {"under_review": "RUS", "reviewer": "POL", "instrument": "UNTOC"},
                        {"under_review": "CZE", "reviewer": "POL", "instrument": "UNTOC"},
                        {"under_review": "FRA", "reviewer": "POL", "instrument": "UNTOC"}]
    tables = lots.eligibility(lots.parse_input(data))
    assert reasons(tables, "AUT", lots.SAME_GROUP, "UNTOC", "AUT") == {"same_state"}
    assert reasons(tables, "AUT", lots.SAME_GROUP, "UNTOC", "DEU") == {"excluded_pair"}
    assert reasons(tables, "AUT", lots.SAME_GROUP, "UNTOC", "FRA") == set()
    assert reasons(tables, "AUT", lots.SAME_GROUP, "FIREARMS", "USA") == {"not_party"}
    assert reasons(tables, "AUT", lots.SAME_GROUP, "UNTOC", "POL") == {"not_same_group", "load_limit"}
    assert reasons(tables, "AUT", lots.OTHER_GROUP, "UNTOC", "FRA") == {"same_group"}
    assert reasons(tables, "AUT", lots.OTHER_GROUP, "UNTOC", "CZE") == {"mutual"}
    assert reasons(tables, "BRA", lots.SAME_GROUP, "UNTOC", "MEX") == {"cannot_review"}
    assert reasons(tables, "EUU", lots.SAME_GROUP, "UNTOC", "FRA") == set()
    table = next(t for t in tables if (t.under_review, t.slot, t.instrument) == ("AUT", lots.OTHER_GROUP, "UNTOC"))
    mutual = next(r for c in table.candidates if c.code == "CZE" for r in c.reasons)
    assert mutual.message == "would be mutual with AUT reviewing CZE"
    assert dict(mutual.params) == {"reviewer": "AUT", "under_review": "CZE"}
    load = next(r for t in tables if t.under_review == "AUT" for c in t.candidates if c.code == "POL"
                for r in c.reasons if r.code == "load_limit")
    assert load.message == "load limit reached (3 of 3)"
    mex = next(r for c in next(t for t in tables if t.under_review == "BRA").candidates if c.code == "MEX"
               for r in c.reasons)
    assert mex.message == "cannot review (no governmental experts listed)"


def test_eligible_candidates_are_exactly_the_pools_the_draw_uses() -> None:
    draw_input = lots.parse_input(example())
    tables = lots.eligibility(draw_input)
    record = lots.draw_reviewers(draw_input, "pool")
    for a in record.assignments:
        table = next(t for t in tables if (t.under_review, t.slot, t.instrument) == (a.under_review, a.slot,
                                                                                      a.instrument))
        assert a.reviewer in table.eligible


def test_record_eligibility_holds_other_assignments_fixed() -> None:
    record = drawn()
    tables = lots.record_eligibility(record)
    for a in record.assignments:
        if a.instrument == "UNTOC":
            other = next(b.reviewer for b in record.assignments if b.under_review == a.under_review
                         and b.slot != a.slot and b.instrument == "UNTOC")
            assert "already_reviewing" in reasons(tables, a.under_review, a.slot, "UNTOC", other)


# --------------------------------------------------------------------------------------------- redraws


def test_redraw_replaces_the_slot_and_excludes_the_refused_state() -> None:
    record = drawn()
    under_review = "POL"
    old = next(a.reviewer for a in record.assignments
               if a.under_review == under_review and a.slot == lots.OTHER_GROUP and a.instrument == "UNTOC")
    new = lots.redraw(record, under_review=under_review, slot=lots.OTHER_GROUP, seed="r1", at="2026-03-01T09:00:00Z",
                      requested_by=under_review)
    entry = new.redraws[-1]
    assert (entry.kind, entry.by, entry.refused, entry.at) == ("requested", under_review, old, "2026-03-01T09:00:00Z")
    assert old not in {a.reviewer for a in new.assignments if a.under_review == under_review}
    assert lots.check_assignments(new.draw_input, new.assignments, lots.refused_by_state(new.redraws)) == []
    unchanged = {a for a in record.assignments if not (a.under_review == under_review and a.slot == lots.OTHER_GROUP)}
    assert unchanged <= set(new.assignments)
    assert lots.verify_record(lots.record_to_json(new)).ok


def test_redraw_is_refused_after_the_limit_of_requests() -> None:
    data = {"rules": {"max_redraws": 2}, "states": [
        {"code": "A0", "group": "A", "parties": ["UNTOC"]}] + [
        {"code": f"B{i}", "group": "B", "parties": ["UNTOC"]} for i in range(6)] + [
        {"code": f"A{i}", "group": "A", "parties": ["UNTOC"]} for i in range(1, 6)],
        "under_review": ["A0"]}
    record = lots.draw_reviewers(lots.parse_input(data), "s")
    for i in range(2):
        record = lots.redraw(record, under_review="A0", slot=lots.SAME_GROUP, seed=f"r{i}",
                             at=f"2026-03-0{i + 1}T10:00:00Z", requested_by="A0")
    with pytest.raises(lots.RedrawRefused, match="A0 has already requested 2 redraw"):
        lots.redraw(record, under_review="A0", slot=lots.SAME_GROUP, seed="r3", at="2026-03-04T10:00:00Z",
                    requested_by="A0")
    # A reviewer may still decline: deferral is not counted against the State under review.
    reviewer = next(a.reviewer for a in record.assignments if a.slot == lots.OTHER_GROUP)
    declined = lots.redraw(record, under_review="A0", slot=lots.OTHER_GROUP, seed="d", at="2026-03-05T10:00:00Z",
                           declined_by=reviewer)
    assert declined.redraws[-1].kind == "declined"
    assert lots.verify_record(lots.record_to_json(declined)).ok


def test_redraw_requests_must_come_from_the_right_state() -> None:
    record = drawn()
    with pytest.raises(lots.RedrawRefused, match="only the State under review"):
        lots.redraw(record, under_review="AUT", slot=lots.SAME_GROUP, seed="x", at=AT, requested_by="DEU")
    with pytest.raises(lots.RedrawRefused, match="is not a reviewer of AUT"):
        lots.redraw(record, under_review="AUT", slot=lots.SAME_GROUP, seed="x", at=AT, declined_by="BRA")


def test_declining_supplementary_reviewer_moves_only_its_protocols() -> None:
    draw_input = lots.parse_input(example())
    for i in range(50):
        record = lots.draw_reviewers(draw_input, f"s{i}")
        supp = [a for a in record.assignments if a.supplementary]
        for a in supp:
            try:
                new = lots.redraw(record, under_review=a.under_review, slot=a.slot, seed="d", at=AT,
                                  declined_by=a.reviewer)
            except lots.InfeasibleDraw:
                continue
            entry = new.redraws[-1]
            assert {x.instrument for x in entry.replaced} == {x.instrument for x in record.assignments
                                                             if x.under_review == a.under_review
                                                             and x.slot == a.slot and x.reviewer == a.reviewer}
            assert all(x.supplementary for x in entry.replacement)
            assert lots.verify_record(lots.record_to_json(new)).ok
            return
    pytest.fail("no supplementary reviewer could be redrawn")


# --------------------------------------------------------------------------------------------- records


def test_verification_fails_on_any_change() -> None:
    record = lots.redraw(drawn(), under_review="POL", slot=lots.OTHER_GROUP, seed="r", at=AT, requested_by="POL")
    good = lots.record_to_json(record)
    assert lots.verify_record(good).ok

    def tampered(change: Any) -> lots.Verification:
        data = copy.deepcopy(good)
        change(data)
        return lots.verify_record(data)

    def swap_reviewer(d: dict[str, Any]) -> None:
        d["assignments"][0]["reviewer"] = "USA" if d["assignments"][0]["reviewer"] != "USA" else "FRA"

    def resealed(change: Any) -> Any:
        # Re-hash after the change, so that only the replay can catch it.
        def apply(d: dict[str, Any]) -> None:
            change(d)
            d.pop("record_sha256")
            unsealed = lots.record_from_json({**d, "record_sha256": ""})
            d["record_sha256"] = outcomes.record_digest(unsealed)
        return apply

    assert not tampered(swap_reviewer).ok
    assert not tampered(lambda d: d.__setitem__("seed", d["seed"] + " ")).ok
    assert not tampered(resealed(swap_reviewer)).ok
    assert not tampered(resealed(lambda d: d.__setitem__("seed", "other"))).ok
    assert not tampered(resealed(lambda d: d["input"]["states"][0].update(can_review=False,
                                                                          cannot_review_reason="opted_out"))).ok
    # A resealed record with another redraw seed fails whenever that seed gives another replacement.
    base = lots.redraw(drawn(), under_review="POL", slot=lots.OTHER_GROUP, seed="r", at=AT, requested_by="POL")
    other = next(f"other-{i}" for i in range(100) if lots.redraw(
        drawn(), under_review="POL", slot=lots.OTHER_GROUP, seed=f"other-{i}", at=AT,
        requested_by="POL").assignments != base.assignments)
    assert not tampered(resealed(lambda d: d["redraws"][0].__setitem__("seed", other))).ok
    assert not tampered(lambda d: d["redraws"][0].__setitem__("at", "2030-01-01")).ok
    assert not tampered(lambda d: d.__setitem__("extra", 1)).ok


def test_year_groups_are_balanced_and_spread_each_regional_group() -> None:
    import csv
    source = Path(__file__).resolve().parents[2] / "src" / "treatyreview" / "registry" / "data" / "states.csv"
    with source.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    states = [{"code": r["iso3"], "group": r["un_regional_group"] or None,
               "parties": [i for i, col in (("UNTOC", "untoc_status"), ("TIP", "tip_status")) if r[col] == "party"]}
              for r in rows]
    draw_input = lots.parse_input({"states": states}, reviewers=False)
    record = lots.draw_year_groups(draw_input, 3, "dice 6 2 5")
    sizes = [len(g) for g in record.year_groups]
    assert max(sizes) - min(sizes) <= 1
    assert sum(sizes) == sum(1 for s in draw_input.states if "UNTOC" in s.parties)
    for group in {s.group for s in draw_input.states}:
        members = {s.code for s in draw_input.states if s.group == group and "UNTOC" in s.parties}
        counts = [len(members & set(g)) for g in record.year_groups]
        assert max(counts) - min(counts) <= 1
    assert lots.verify_record(lots.record_to_json(record)).ok
    data = lots.record_to_json(record)
    data["year_groups"][0]["states"], data["year_groups"][1]["states"] = \
        data["year_groups"][1]["states"], data["year_groups"][0]["states"]
    assert not lots.verify_record(data).ok


def test_mechanism_core_imports_no_framework() -> None:
    import ast
    modules = sorted(Path(lots.__file__).parent.glob("*.py"))
    assert {m.name for m in modules} >= {"__init__.py", "stream.py", "inputs.py", "sampling.py", "records.py"}
    for module in modules:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not {m for m in imported if m.split(".")[0] in ("django", "random", "numpy")}
        assert not {m for m in imported if m.startswith("treatyreview.") and not m.startswith("treatyreview.mechanism")}


# --------------------------------------------------------------------------------------------- input version 2


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda d: d["states"][8].__setitem__("cannot_review_reason", "no governmental experts listed"),
     "states[8].cannot_review_reason: must be one of no_experts, opted_out, deferred, reio_not_designated when "
     "can_review is false, not \"no governmental experts listed\""),
    (lambda d: d["states"][3].__setitem__("cannot_review_reason", "opted_out"),
     "states[3].cannot_review_reason: must be null when can_review is true"),
    (lambda d: d["states"][8].pop("cannot_review_reason"),
     "states[8].cannot_review_reason: must be one of no_experts, opted_out, deferred, reio_not_designated when "
     "can_review is false, not null"),
    (lambda d: d.__setitem__("attempt", 0), "attempt: must be at least 1, not 0"),
    (lambda d: d.__setitem__("attempt", 2), "earlier_attempts: attempt 2 needs exactly 1 earlier attempt(s), got 0"),
    (lambda d: d.update(attempt=2, earlier_attempts=[{"attempt": 2, "input_sha256": "0" * 64, "record_sha256": None,
                                                      "status": "cancelled"}]),
     "earlier_attempts[0].attempt: must be 1 (earlier attempts are listed in order)"),
    (lambda d: d.update(attempt=2, earlier_attempts=[{"attempt": 1, "input_sha256": "A" * 64, "record_sha256": None,
                                                      "status": "cancelled"}]),
     "earlier_attempts[0].input_sha256: expected a SHA-256 digest in 64 lowercase hexadecimal digits"),
    (lambda d: d.update(attempt=2, earlier_attempts=[{"attempt": 1, "input_sha256": "0" * 64, "record_sha256": "x",
                                                      "status": "cancelled"}]),
     "earlier_attempts[0].record_sha256: expected a SHA-256 digest in 64 lowercase hexadecimal digits"),
    (lambda d: d.update(attempt=2, earlier_attempts=[{"attempt": 1, "input_sha256": "0" * 64, "record_sha256": None,
                                                      "status": "drawn"}]),
     "earlier_attempts[0].status: must be one of cancelled"),
    (lambda d: d.update(attempt=2, earlier_attempts=[{"attempt": 1, "input_sha256": "0" * 64, "status": "cancelled"}]),
     "earlier_attempts[0].record_sha256: missing field"),
    (lambda d: d["states"][10].__setitem__("may_review", ["TIP", "CTOC"]), "states[10].may_review[1]: unknown "
     "instrument 'CTOC'"),
    (lambda d: d["states"][10].__setitem__("may_review", ["TIP", "TIP"]), "states[10].may_review[1]: instrument "
     "'TIP' is listed twice"),
    (lambda d: d["states"][10].__setitem__("may_review", "TIP"),
     "states[10].may_review: expected an array, got string"),
])
def test_bad_version_2_fields_are_refused_naming_the_json_path(mutate: Any, message: str) -> None:
    data = example()
    mutate(data)
    with pytest.raises(lots.InputError) as error:
        lots.parse_input(data)
    assert str(error.value) == message


def test_the_cannot_review_reason_is_a_code_in_the_reason_and_the_input() -> None:
    draw_input = lots.parse_input(example())
    assert draw_input.state("MEX").cannot_review_reason == "no_experts"
    assert lots.CANNOT_REVIEW_REASONS == ("no_experts", "opted_out", "deferred", "reio_not_designated")
    table = next(t for t in lots.eligibility(draw_input) if (t.under_review, t.slot, t.instrument) ==
                 ("BRA", lots.SAME_GROUP, "UNTOC"))
    reason = next(r for c in table.candidates if c.code == "MEX" for r in c.reasons if r.code == "cannot_review")
    assert reason.param("detail") == "no_experts"


def test_every_attempt_is_in_the_commitment() -> None:
    first = lots.parse_input(example())
    data = example()
    data["attempt"] = 2
    data["earlier_attempts"] = [{"attempt": 1, "input_sha256": lots.commit_input(first), "record_sha256": None,
                                 "status": "cancelled"}]
    second = lots.parse_input(data)
    assert (first.attempt, first.earlier_attempts) == (1, ())
    assert second.attempt == 2
    assert second.earlier_attempts == (lots.EarlierAttempt(1, lots.commit_input(first), None, "cancelled"),)
    assert lots.commit_input(second) != lots.commit_input(first)
    assert lots.input_to_json(first)["attempt"] == 1 and lots.input_to_json(first)["earlier_attempts"] == []
    assert lots.parse_input(lots.input_to_json(second)) == second
    # Year-group draws take the same fields.
    groups = lots.parse_input({"states": data["states"], "attempt": 2, "earlier_attempts": data["earlier_attempts"]},
                              reviewers=False)
    record = lots.draw_year_groups(groups, 3, "1 2 3")
    assert lots.record_to_json(record)["input"]["attempt"] == 2
    assert lots.verify_record(lots.record_to_json(record)).ok


def may_review_instance() -> lots.DrawInput:
    # EX may review only for the Trafficking in Persons Protocol; it is reviewed for everything it is party to.
    return lots.parse_input({
        "rules": {"max_reviews_per_reviewer": 3, "max_reviewers_total": 4},
        "states": [
            {"code": "A1", "group": "A", "parties": ALL},
            {"code": "A2", "group": "A", "parties": ["UNTOC"]},
            {"code": "A3", "group": "A", "parties": ALL},
            {"code": "B1", "group": "B", "parties": ["UNTOC"]},
            {"code": "B2", "group": "B", "parties": ALL},
            {"code": "B3", "group": "B", "parties": ["UNTOC", "SOM"]},
            {"code": "EX", "group": "A", "parties": ALL, "may_review": ["TIP"]},
        ],
        "under_review": ["A1", "B1", "EX"],
    })


def test_a_state_designated_for_one_protocol_reviews_only_for_it() -> None:
    from tests.mechanism.test_lots_support import valid_outcomes
    draw_input = may_review_instance()
    assert draw_input.state("EX").may_review == ("TIP",)
    assert lots.input_to_json(draw_input)["states"][0]["may_review"] is None
    support = valid_outcomes(draw_input)
    assert support
    as_tip_supplementary = 0
    for i in range(200):
        record = lots.draw_reviewers(draw_input, f"seed {i}")
        assert lots.check_assignments(draw_input, record.assignments) == []
        assert tuple(sorted((a.under_review, a.slot, a.instrument, a.reviewer) for a in record.assignments)) in support
        for a in record.assignments:
            if a.reviewer == "EX":
                assert a.instrument == "TIP" and a.supplementary
                as_tip_supplementary += 1
        # EX is reviewed for every instrument it is party to.
        assert {a.instrument for a in record.assignments if a.under_review == "EX"} == set(ALL)
    assert as_tip_supplementary > 0
    table = next(t for t in lots.eligibility(draw_input) if (t.under_review, t.slot, t.instrument) ==
                 ("A1", lots.SAME_GROUP, "UNTOC"))
    reasons = {r.code: r for c in table.candidates if c.code == "EX" for r in c.reasons}
    assert set(reasons) == {"not_designated"} and reasons["not_designated"].param("instrument") == "UNTOC"
    record = lots.draw_reviewers(draw_input, "seed 0")
    assert lots.verify_record(lots.record_to_json(record)).ok


@pytest.mark.parametrize(("version", "hashes"), [
    (3, ("477919d434336c78bf634835aec4790f8bed242f3feea4492b1705b2f45b7b81",
         "154719ad6dcee0ccd081254baa322700162adf872238369d24e53bfd766f7752",
         "1f318bf9096163ee76f075f79fa0c9075aab1bbd8343f4d9383fa2e4d28862c9")),
    (2, ("039115724cfc8d51723c0f592b47ff5ca9d7860299ba0c45b3dfd730c0aa7bb9",
         "6abc9e04fef24d487a0d80d6c89e9ccfe0c27dbad690a1cf776188791c42bd84",
         "c5d40aac36a3a0c1b9180952f27c4ad3d407f1cdb69f717d156f45c6450fea90")),
])
def test_worked_example_gives_the_records_the_specification_quotes(version: int, hashes: tuple[str, ...]) -> None:
    record = lots.draw_reviewers(lots.parse_input(example(), version=version), "3 1 4 1 5 9")
    assert record.record_sha256 == hashes[0]
    redrawn = lots.redraw(record, under_review="POL", slot=lots.OTHER_GROUP, seed="6 6 2",
                          at=AT, requested_by="POL")
    assert redrawn.record_sha256 == hashes[1]
    groups = lots.draw_year_groups(lots.parse_input(example(), reviewers=False, version=version), 3, "3 1 4 1 5 9")
    assert groups.record_sha256 == hashes[2]


RECORDS = Path(__file__).parent / "records"


@pytest.mark.parametrize("name", ["v1-reviewers.json", "v1-year-groups.json", "v2-reviewers.json",
                                  "v2-year-groups.json"])
def test_records_of_algorithm_versions_1_and_2_still_verify(name: str) -> None:
    # Made by versions 1 and 2 of the code (version 1: free-text reasons, no attempts), with a redraw and a
    # decline; a version-2 draw was sampled by whole-attempt rejection, and is replayed so.
    data = json.loads((RECORDS / name).read_text(encoding="utf-8"))
    version = int(name[1])
    assert data["algorithm"] == {"name": "treatyreview-lots", "version": version}
    assert lots.verify_record(data).ok
    record = lots.record_from_json(data)
    assert record.draw_input.version == version and lots.commit_input(record.draw_input) == data["input_sha256"]
    assert lots.input_version(data["input"]) == version
    tampered = json.loads(json.dumps(data))
    tampered["seed"] += "1"
    assert not lots.verify_record(tampered).ok


def test_a_version_1_input_is_refused_version_2_fields_and_a_version_2_input_free_text() -> None:
    data = json.loads((RECORDS / "v1-reviewers.json").read_text(encoding="utf-8"))["input"]
    assert lots.input_version(data) == 1
    with pytest.raises(lots.InputError, match="cannot_review_reason"):
        lots.parse_input(data)  # as version 2: its free-text reason is not a code
    with pytest.raises(lots.InputError, match="unknown field"):
        lots.parse_input({**data, "attempt": 1}, version=1)
    with pytest.raises(lots.InputError, match="unknown algorithm version"):
        lots.parse_input(data, version=7)
