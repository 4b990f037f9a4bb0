"""Deterministic searches for any valid assignment; they read no random bytes and only decide feasibility."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from treatyreview.mechanism.lots.pools import DrawPlan, StatePlan, supplementary_choices

SEARCH_NODES = 200_000


def completion_search(plan: DrawPlan, convention_reviewers: dict[str, list[str]], load0: dict[str, int],
                       drawn0: dict[str, set[str]], budget: int) -> str:
    """Whether the Convention reviewers drawn admit any valid supplementary draw: found, none or unknown."""
    rules = plan.draw_input.rules
    cap, limit, mutual = rules.max_reviews_per_reviewer, rules.max_reviewers_total, rules.no_mutual_review
    load: Counter[str] = Counter(load0)
    drawn = {k: set(v) for k, v in drawn0.items()}
    nodes = 0

    def choices(block: StatePlan, j: int, sets: list[set[str]]) -> Iterator[list[set[str]]]:
        nonlocal nodes
        if j == len(block.slots):
            yield sets
            return
        slot, convention_reviewer = block.slots[j], convention_reviewers[block.under_review][j]
        others = set().union(*(x for i, x in enumerate(sets) if i != j))

        def ok(c: str, seen: set[str]) -> bool:
            return c in seen or (load[c] < cap and not (mutual and block.under_review in drawn.get(c, ())))

        for supplementary in supplementary_choices(slot, convention_reviewer, others, ok, limit - len(others | {convention_reviewer})):
            nodes += 1
            if nodes > budget:
                return
            new = [*sets[:j], sets[j] | set(supplementary), *sets[j + 1:]]
            if len(set().union(*new)) <= limit:
                yield from choices(block, j + 1, new)

    def go(i: int) -> bool:
        if i == len(plan.blocks):
            return True
        block = plan.blocks[i]
        for sets in choices(block, 0, [{c} for c in convention_reviewers[block.under_review]]):
            added = set().union(*sets) - set(convention_reviewers[block.under_review])
            for r in added:
                load[r] += 1
            drawn[block.under_review] |= added
            if go(i + 1):
                return True
            drawn[block.under_review] -= added
            for r in added:
                load[r] -= 1
            if nodes > budget:
                return False
        return False

    if go(0):
        return "found"
    return "unknown" if nodes > budget else "none"


def search_assignment(plan: DrawPlan, node_budget: int) -> tuple[str, str | None]:
    """Depth-first search for any valid assignment: ("found"|"none"|"unknown", deepest failing State)."""
    rules = plan.draw_input.rules
    cap, limit, mutual = rules.max_reviews_per_reviewer, rules.max_reviewers_total, rules.no_mutual_review
    load = Counter(plan.base_load)
    drawn: dict[str, set[str]] = {}
    nodes = 0
    deepest = -1

    def ok(under_review: str, code: str, block_seen: set[str]) -> bool:
        if code in block_seen:
            return True
        if load[code] >= cap:
            return False
        return not (mutual and under_review in drawn.get(code, ()))

    def slot_choices(block: StatePlan, k: int, seen: set[str]) -> Iterator[set[str]]:
        nonlocal nodes
        if k == len(block.slots):
            yield set()
            return
        slot = block.slots[k]
        for convention_reviewer in sorted(slot.convention_candidates, key=lambda c: (load[c], len(slot.lacking[c]), c)):
            nodes += 1
            if nodes > node_budget:
                return
            if convention_reviewer in seen or not ok(block.under_review, convention_reviewer, seen):
                continue
            for supplementary in supplementary_choices(slot, convention_reviewer, seen, lambda c, sn: ok(block.under_review, c, sn),
                                      limit - len(seen) - 1):
                chosen = {convention_reviewer, *supplementary}
                if len(seen | chosen) > limit:
                    continue
                for rest in slot_choices(block, k + 1, seen | chosen):
                    yield chosen | rest

    def go(i: int) -> bool:
        nonlocal deepest
        if i == len(plan.blocks):
            return True
        deepest = max(deepest, i)
        block = plan.blocks[i]
        for reviewers in slot_choices(block, 0, set()):
            for r in reviewers:
                load[r] += 1
            drawn[block.under_review] = reviewers
            if go(i + 1):
                return True
            del drawn[block.under_review]
            for r in reviewers:
                load[r] -= 1
            if nodes > node_budget:
                return False
        return False

    found = go(0)
    if found:
        return "found", None
    return ("unknown" if nodes > node_budget else "none"), plan.blocks[max(deepest, 0)].under_review
