"""Deterministic searches for any valid assignment; they read no random bytes and only decide feasibility."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from treatyreview.mechanism.lots.pools import DrawPlan, StatePlan, supplementary_choices

# Steps of a search before it gives up with "unknown"; the draw then proceeds by sampling alone.
SEARCH_NODES = 200_000


def completion_search(plan: DrawPlan, convention_reviewers: dict[str, list[str]], base_load: dict[str, int],
                      base_drawn: dict[str, set[str]], budget: int) -> str:
    """Whether the Convention reviewers drawn admit any valid supplementary draw: found, none or unknown."""
    rules = plan.draw_input.rules
    cap, limit, mutual = rules.max_reviews_per_reviewer, rules.max_reviewers_total, rules.no_mutual_review
    load: Counter[str] = Counter(base_load)
    drawn = {k: set(v) for k, v in base_drawn.items()}
    nodes = 0

    def choices(state_plan: StatePlan, j: int, sets: list[set[str]]) -> Iterator[list[set[str]]]:
        nonlocal nodes
        if j == len(state_plan.slots):
            yield sets
            return
        under_review = state_plan.under_review
        slot, convention_reviewer = state_plan.slots[j], convention_reviewers[under_review][j]
        others = set().union(*(x for i, x in enumerate(sets) if i != j))

        def ok(c: str, seen: set[str]) -> bool:
            return c in seen or (load[c] < cap and not (mutual and under_review in drawn.get(c, ())))

        room = limit - len(others | {convention_reviewer})
        for supplementary in supplementary_choices(slot, convention_reviewer, others, ok, room):
            nodes += 1
            if nodes > budget:
                return
            new = [*sets[:j], sets[j] | set(supplementary), *sets[j + 1:]]
            if len(set().union(*new)) <= limit:
                yield from choices(state_plan, j + 1, new)

    def go(i: int) -> bool:
        if i == len(plan.state_plans):
            return True
        state_plan = plan.state_plans[i]
        under_review = state_plan.under_review
        for sets in choices(state_plan, 0, [{c} for c in convention_reviewers[under_review]]):
            added = set().union(*sets) - set(convention_reviewers[under_review])
            for r in added:
                load[r] += 1
            drawn[under_review] |= added
            if go(i + 1):
                return True
            drawn[under_review] -= added
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

    def ok(under_review: str, code: str, state_seen: set[str]) -> bool:
        if code in state_seen:
            return True
        if load[code] >= cap:
            return False
        return not (mutual and under_review in drawn.get(code, ()))

    def slot_choices(state_plan: StatePlan, k: int, seen: set[str]) -> Iterator[set[str]]:
        nonlocal nodes
        if k == len(state_plan.slots):
            yield set()
            return
        slot, under_review = state_plan.slots[k], state_plan.under_review
        # Least loaded and least needy first: the order only affects how fast a valid assignment is found.
        for convention_reviewer in sorted(slot.convention_candidates, key=lambda c: (load[c], len(slot.lacking[c]), c)):
            nodes += 1
            if nodes > node_budget:
                return
            if convention_reviewer in seen or not ok(under_review, convention_reviewer, seen):
                continue
            for supplementary in supplementary_choices(slot, convention_reviewer, seen,
                                                       lambda c, sn: ok(under_review, c, sn), limit - len(seen) - 1):
                chosen = {convention_reviewer, *supplementary}
                if len(seen | chosen) > limit:
                    continue
                for rest in slot_choices(state_plan, k + 1, seen | chosen):
                    yield chosen | rest

    def go(i: int) -> bool:
        nonlocal deepest
        if i == len(plan.state_plans):
            return True
        deepest = max(deepest, i)
        state_plan = plan.state_plans[i]
        for reviewers in slot_choices(state_plan, 0, set()):
            for r in reviewers:
                load[r] += 1
            drawn[state_plan.under_review] = reviewers
            if go(i + 1):
                return True
            del drawn[state_plan.under_review]
            for r in reviewers:
                load[r] -= 1
            if nodes > node_budget:
                return False
        return False

    found = go(0)
    if found:
        return "found", None
    return ("unknown" if nodes > node_budget else "none"), plan.state_plans[max(deepest, 0)].under_review


# Steps of the completion search of version 3 before the draw stops as impractical (never a guess).
COMPLETE_SEARCH_NODES = 2_000_000


def complete_search(plan: DrawPlan, convention_reviewers: dict[str, list[str]], base_load: dict[str, int],
                    base_drawn: dict[str, set[str]], budget: int = COMPLETE_SEARCH_NODES) -> str:
    """Whether the Convention reviewers admit a valid supplementary draw: "found" or "none", decided by an
    exhaustive depth-first search; "unknown" only when `budget` steps did not suffice (the caller then stops)."""
    return completion_search(plan, convention_reviewers, base_load, base_drawn, budget)
