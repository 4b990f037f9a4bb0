"""An independent brute-force model of the draw rules and a chi-square test, used by the drawing-of-lots tests."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator

from treatyreview.mechanism.lots import OTHER_GROUP, SAME_GROUP, DrawInput, StateEntry
from treatyreview.mechanism.lots.inputs import CONVENTION

# One outcome: per State under review, per slot, per instrument, the reviewer (sorted tuples, hashable).
Outcome = tuple[tuple[str, str, str, str], ...]


def _slot_tuples(inp: DrawInput, under_review: StateEntry, slot: str) -> Iterator[dict[str, str]]:
    """Every way to fill one slot, written from the rules' wording rather than from the implementation."""
    states = {s.code: s for s in inp.states}
    protocols = [p for p in under_review.parties if p != CONVENTION]

    def designated(code: str, instrument: str) -> bool:
        c = states[code]
        return instrument in c.parties and (c.may_review is None or instrument in c.may_review)

    def allowed(code: str, instrument: str) -> bool:
        c = states[code]
        if code == under_review.code or not c.can_review or not designated(code, instrument):
            return False
        if slot == SAME_GROUP and under_review.group is not None and c.group != under_review.group:
            return False
        if slot == OTHER_GROUP and (c.group == under_review.group):
            return False
        return tuple(sorted((code, under_review.code))) not in inp.exclusions

    for conv in states:
        if not allowed(conv, CONVENTION):
            continue
        options = []
        for p in protocols:
            options.append([conv] if designated(conv, p) else [c for c in states if allowed(c, p)])
        for combo in itertools.product(*options):
            yield {CONVENTION: conv, **dict(zip(protocols, combo, strict=True))}


def valid_outcomes(inp: DrawInput, refused: dict[str, set[str]] | None = None) -> set[Outcome]:
    """All valid complete assignments, by exhaustive search."""
    rules = inp.rules
    states = {s.code: s for s in inp.states}
    refused = refused or {}
    per_block: list[list[dict[str, dict[str, str]]]] = []
    for code in inp.under_review:
        under_review = states[code]
        slot_options = [list(_slot_tuples(inp, under_review, slot)) for slot in rules.slots()]
        block = []
        for combo in itertools.product(*slot_options):
            sets = [set(t.values()) for t in combo]
            union = set().union(*sets)
            if sum(len(s) for s in sets) != len(union) or len(union) > rules.max_reviewers_total:
                continue
            if union & refused.get(code, set()):
                continue
            block.append(dict(zip(rules.slots(), combo, strict=True)))
        per_block.append(block)
    existing_pairs = {(e.reviewer, e.under_review) for e in inp.existing}
    result: set[Outcome] = set()
    for choice in itertools.product(*per_block):
        new_pairs: set[tuple[str, str]] = set()
        for code, chosen in zip(inp.under_review, choice, strict=True):
            for picks in chosen.values():
                new_pairs |= {(r, code) for r in picks.values()}
        pairs = existing_pairs | new_pairs
        # Only what this draw adds is judged: earlier assignments of the cycle are facts, not choices.
        load: dict[str, int] = {}
        for reviewer, _ in pairs:
            load[reviewer] = load.get(reviewer, 0) + 1
        if any(load[r] > rules.max_reviews_per_reviewer for r, _ in new_pairs):
            continue
        if rules.no_mutual_review and any((b, a) in pairs for a, b in new_pairs):
            continue
        result.add(tuple(sorted((code, slot, inst, rev) for code, block in zip(inp.under_review, choice, strict=True)
                                for slot, picks in block.items() for inst, rev in picks.items())))
    return result


def chi2_sf(statistic: float, dof: int) -> float:
    """Upper tail of the chi-square distribution: Q(dof/2, x/2), series or continued fraction (Numerical Recipes)."""
    a, x = dof / 2.0, statistic / 2.0
    if x <= 0:
        return 1.0
    gln = math.lgamma(a)
    if x < a + 1:
        term = total = 1.0 / a
        ap = a
        for _ in range(10_000):
            ap += 1
            term *= x / ap
            total += term
            if abs(term) < abs(total) * 1e-15:
                break
        return max(0.0, 1.0 - total * math.exp(-x + a * math.log(x) - gln))
    b = x + 1 - a
    c = 1 / 1e-300
    d = 1 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = 1e-300 if abs(d) < 1e-300 else d
        c = b + an / c
        c = 1e-300 if abs(c) < 1e-300 else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-15:
            break
    return math.exp(-x + a * math.log(x) - gln) * h


def test_chi2_sf_matches_known_quantiles() -> None:
    # Critical values from standard tables: P(X > 3.841) = 0.05 at 1 dof, P(X > 29.588) = 0.001 at 10 dof.
    assert abs(chi2_sf(3.841, 1) - 0.05) < 1e-3
    assert abs(chi2_sf(29.588, 10) - 0.001) < 1e-4
    assert abs(chi2_sf(100.0, 100) - 0.4812) < 1e-3
