"""The pools of each slot and their exact counts: who may fill it and in how many ways it can be completed."""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from treatyreview.mechanism.lots.errors import Infeasibility, InfeasibleDraw
from treatyreview.mechanism.lots.inputs import (
    CONVENTION,
    INSTRUMENT_NAMES,
    INSTRUMENTS,
    SLOT_NAMES,
    DrawInput,
)
from treatyreview.mechanism.lots.reasons import Context, blocked_for, context, exclusion_reasons, statically_eligible
from treatyreview.mechanism.lots.stream import LotsStream


@dataclass(frozen=True)
class Pattern:
    """Which of the lacking Protocols share one supplementary reviewer, and the ways to choose them."""

    blocks: tuple[tuple[str, ...], ...]  # Protocols reviewed by the same supplementary reviewer
    choices: tuple[tuple[str, ...], ...]  # the candidates for each block, in code order
    count: int  # ways to choose one candidate per block, all different


@dataclass
class SlotPlan:
    """The locally valid choices of one slot of one State under review, counted exactly, prepared once."""

    under_review: str
    slot: str
    instruments: tuple[str, ...]  # the instruments of the State under review, the Convention first
    pools: dict[str, tuple[str, ...]]
    convention_candidates: tuple[str, ...] = ()  # Convention candidates with at least one completion
    lacking: dict[str, tuple[str, ...]] = field(default_factory=dict)
    patterns: dict[tuple[str, ...], dict[int, tuple[Pattern, ...]]] = field(default_factory=dict)
    # by number k of distinct supplementary reviewers: Convention candidates, cumulative weights, total
    by_k: list[tuple[tuple[str, ...], list[int], int]] = field(default_factory=list)
    # Convention candidates by the fewest supplementary reviewers they need (0 to 3)
    by_fewest: list[tuple[str, ...]] = field(default_factory=list)

    @property
    def weights(self) -> list[int]:
        return [total for _, _, total in self.by_k]

    @property
    def total(self) -> int:
        return sum(self.weights)

    def fewest(self, convention_reviewer: str) -> int:
        """The fewest supplementary reviewers a Convention reviewer needs (one State may cover several Protocols)."""
        return min(self.patterns[self.lacking[convention_reviewer]])


def _set_partitions(m: int) -> list[tuple[tuple[int, ...], ...]]:
    """Every partition of range(m) as sorted tuples of sorted blocks, in sorted order (the canonical order)."""
    def rec(items: list[int]) -> Iterator[list[list[int]]]:
        if not items:
            yield []
            return
        head, rest = items[0], items[1:]
        for part in rec(rest):
            yield [[head], *part]
            for k in range(len(part)):
                yield [*part[:k], [head, *part[k]], *part[k + 1:]]
    return sorted({tuple(sorted(tuple(sorted(b)) for b in part)) for part in rec(list(range(m)))})


def _injective(sets: Sequence[frozenset[str]]) -> int:
    """Ways to pick one element from each set, all different (Mobius inversion on the partition lattice)."""
    total = 0
    for part in _set_partitions(len(sets)):
        term = 1
        for block in part:
            term *= (-1) ** (len(block) - 1) * _factorial(len(block) - 1)
            term *= len(frozenset.intersection(*(sets[i] for i in block)))
        total += term
    return total


def _factorial(n: int) -> int:
    return 1 if n <= 1 else n * _factorial(n - 1)


def _patterns(lacking: tuple[str, ...], pools: dict[str, tuple[str, ...]],
              members: dict[str, frozenset[str]]) -> dict[int, tuple[Pattern, ...]]:
    by_k: dict[int, list[Pattern]] = {}
    for part in _set_partitions(len(lacking)):
        blocks = tuple(tuple(lacking[i] for i in block) for block in part)
        sets = [frozenset.intersection(*(members[p] for p in block)) for block in blocks]
        count = _injective(sets) if blocks else 1
        if count:
            choices = tuple(tuple(c for c in pools[block[0]] if c in block_members)
                            for block, block_members in zip(blocks, sets, strict=True))
            by_k.setdefault(len(blocks), []).append(Pattern(blocks, choices, count))
    return {k: tuple(v) for k, v in by_k.items()}


def plan_slot(ctx: Context, under_review: str, slot: str, candidates: Sequence[str],
              cache: dict[tuple[str, str | None, str], tuple[str, ...]] | None = None) -> SlotPlan:
    """The pools, Convention candidates and exact completion counts of one slot of `under_review`."""
    reviewed = ctx.index[under_review]
    # A State is reviewed for every instrument it is party to, whatever it may review for itself.
    instruments = reviewed.parties
    cache = {} if cache is None else cache
    pools = {}
    blocked = blocked_for(ctx, under_review)
    for instrument in instruments:
        key = (slot, reviewed.group, instrument)
        if key not in cache:
            # What depends only on the slot, the regional group and the instrument, shared by every
            # State under review of that group; `blocked` then adds the per-State rules.
            cache[key] = tuple(c for c in candidates
                               if statically_eligible(reviewed, slot, instrument, ctx.index[c]))
        pools[instrument] = tuple(c for c in cache[key] if c not in blocked)
    plan = SlotPlan(under_review, slot, instruments, pools)
    columns: list[tuple[list[str], list[int]]] = [([], []) for _ in instruments]
    members = {instrument: frozenset(pool) for instrument, pool in pools.items()}
    convention_candidates: list[str] = []
    for code in pools[CONVENTION]:
        # The Protocols this Convention reviewer may not review for need a supplementary reviewer.
        candidate = ctx.index[code]
        lacking = tuple(p for p in instruments[1:] if not candidate.reviews_for(p))
        if lacking not in plan.patterns:
            memo = (lacking, *(pools[p] for p in lacking))
            if memo not in _PATTERN_CACHE:
                if len(_PATTERN_CACHE) > 4096:
                    _PATTERN_CACHE.clear()
                _PATTERN_CACHE[memo] = _patterns(lacking, pools, members)
            plan.patterns[lacking] = _PATTERN_CACHE[memo]
        patterns = plan.patterns[lacking]
        if not patterns:
            continue
        convention_candidates.append(code)
        plan.lacking[code] = lacking
        # Weight of a Convention reviewer for k supplementary reviewers = the number of ways to complete the
        # slot with exactly k of them, so that every complete slot is equally likely.
        for k, found in patterns.items():
            codes, cumulative = columns[k]
            codes.append(code)
            cumulative.append((cumulative[-1] if cumulative else 0) + sum(p.count for p in found))
    plan.convention_candidates = tuple(convention_candidates)
    fewest: list[list[str]] = [[] for _ in instruments]
    for c in convention_candidates:
        fewest[min(plan.patterns[plan.lacking[c]])].append(c)
    plan.by_fewest = [tuple(f) for f in fewest]
    plan.by_k = [(tuple(codes), cumulative, cumulative[-1] if cumulative else 0) for codes, cumulative in columns]
    return plan


_PATTERN_CACHE: dict[tuple[Any, ...], dict[int, tuple[Pattern, ...]]] = {}


def choose(stream: LotsStream, cumulative: Sequence[int], total: int) -> int:
    """An index drawn with probability proportional to its weight, given the running sums of the weights."""
    return bisect_right(cumulative, stream.below(total))


def completions(plan: SlotPlan, convention_reviewer: str, k: int) -> int:
    """Ways to complete a slot with this Convention reviewer and exactly k supplementary reviewers."""
    return sum(p.count for p in plan.patterns[plan.lacking[convention_reviewer]].get(k, ()))


def sample_completion(stream: LotsStream, plan: SlotPlan, convention_reviewer: str, k: int) -> dict[str, str]:
    """The supplementary reviewers of a slot, exactly k distinct ones, uniform among such completions."""
    patterns = plan.patterns[plan.lacking[convention_reviewer]][k]
    running: list[int] = []
    for p in patterns:
        running.append((running[-1] if running else 0) + p.count)
    pattern = patterns[choose(stream, running, running[-1])]
    while True:
        # Uniform per block, again when two blocks coincide: uniform over the injective choices.
        values = [choices[stream.below(len(choices))] for choices in pattern.choices]
        if len(set(values)) == len(values):
            break
    picks = {CONVENTION: convention_reviewer}
    chosen = {p: v for block, v in zip(pattern.blocks, values, strict=True) for p in block}
    for instrument in plan.instruments[1:]:
        picks[instrument] = chosen.get(instrument, convention_reviewer)
    return picks


def slot_infeasibility(ctx: Context, plan: SlotPlan, candidates: Sequence[str],
                       instrument: str | None = None) -> Infeasibility:
    """Name the instrument whose pool is empty and the constraint that empties it."""
    instrument = instrument or next((i for i in plan.instruments if not plan.pools[i]), CONVENTION)
    counts: Counter[str] = Counter()
    sole: Counter[str] = Counter()
    messages: dict[str, str] = {}
    for c in candidates:
        reasons = exclusion_reasons(ctx, plan.under_review, plan.slot, instrument, c)
        for r in reasons:
            counts[r.code] += 1
            messages.setdefault(r.code, r.message.split(" (")[0] if r.code != "mutual" else "would be mutual")
        if len(reasons) == 1:
            sole[reasons[0].code] += 1
    # The binding constraint is the one that alone rules out the most candidates; when every candidate
    # is ruled out by several, the most frequent one among candidates that pass the group and party test.
    structural = ("same_state", "not_same_group", "same_group", "no_regional_group")
    ranked = [code for code, _ in sole.most_common() if code not in structural]
    ranked += [code for code, _ in counts.most_common() if code not in structural]
    constraint = ranked[0] if ranked else (counts.most_common(1)[0][0] if counts else "no_candidates")
    if not plan.pools[instrument] or instrument == CONVENTION:
        detail = ", ".join(f"{messages[k]}: {n}" for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        message = (f"{plan.under_review}, {SLOT_NAMES[plan.slot]}, {INSTRUMENT_NAMES[instrument]}: no eligible "
                   f"reviewer; the pool is emptied by '{messages.get(constraint, constraint)}' ({detail})")
    else:  # pragma: no cover - every empty slot has an empty pool
        message = f"{plan.under_review}, {SLOT_NAMES[plan.slot]}: no eligible reviewer"
    return Infeasibility(plan.under_review, plan.slot, instrument, constraint, message,
                         tuple(sorted(counts.items())))


@dataclass
class StatePlan:
    """One State under review: its slots and the exact weights of their supplementary-count profiles."""

    under_review: str
    slots: tuple[SlotPlan, ...]
    profiles: tuple[tuple[int, ...], ...] = ()
    cumulative: list[int] = field(default_factory=list)
    total: int = 0
    allowed: int = 0
    # Conditional draw: profiles of the fewest supplementary reviewers each Convention reviewer needs.
    convention_profiles: tuple[tuple[int, ...], ...] = ()
    convention_cumulative: list[int] = field(default_factory=list)
    convention_total: int = 0


def plan_state(under_review: str, slots: Sequence[SlotPlan], allowed: int) -> StatePlan:
    """Profiles (k per slot) with at most `allowed` supplementary reviewers in all, weighted by their counts."""
    state_plan = StatePlan(under_review, tuple(slots), allowed=allowed)
    convention_profiles = []
    for fewest_profile in itertools.product(range(len(INSTRUMENTS)), repeat=len(slots)):
        weight = 1
        for slot, f in zip(slots, fewest_profile, strict=True):
            weight *= len(slot.by_fewest[f]) if f < len(slot.by_fewest) else 0
        if sum(fewest_profile) <= allowed and weight:
            convention_profiles.append(fewest_profile)
            state_plan.convention_total += weight
            state_plan.convention_cumulative.append(state_plan.convention_total)
    state_plan.convention_profiles = tuple(convention_profiles)
    profiles = []
    for profile in itertools.product(range(len(INSTRUMENTS)), repeat=len(slots)):
        if sum(profile) > allowed:
            continue
        weight = 1
        for slot, k in zip(slots, profile, strict=True):
            weight *= slot.weights[k] if k < len(slot.weights) else 0
        if weight:
            profiles.append(profile)
            state_plan.total += weight
            state_plan.cumulative.append(state_plan.total)
    state_plan.profiles = tuple(profiles)
    return state_plan


@dataclass
class DrawPlan:
    """Every State under review of a draw, planned once before any random byte is read."""

    draw_input: DrawInput
    state_plans: tuple[StatePlan, ...]
    base_load: dict[str, int]


def plan_draw(draw_input: DrawInput) -> DrawPlan:
    """Plan every slot of every State under review; raise `InfeasibleDraw` naming each slot that cannot be filled."""
    ctx = context(draw_input)
    codes = [s.code for s in draw_input.states]
    problems: list[Infeasibility] = []
    state_plans: list[StatePlan] = []
    rules = draw_input.rules
    cache: dict[tuple[str, str | None, str], tuple[str, ...]] = {}
    for under_review in draw_input.under_review:
        slots = []
        for slot in rules.slots():
            plan = plan_slot(ctx, under_review, slot, codes, cache)
            if plan.total == 0:
                problems.append(slot_infeasibility(ctx, plan, codes))
            slots.append(plan)
        state_plan = plan_state(under_review, slots, rules.max_reviewers_total - len(slots))
        if state_plan.total == 0 and all(p.total for p in slots):
            problems.append(limit_infeasibility(under_review, "", rules.max_reviewers_total))
        state_plans.append(state_plan)
    if problems:
        raise InfeasibleDraw(problems)
    return DrawPlan(draw_input, tuple(state_plans), {k: len(v) for k, v in ctx.load.items()})


def limit_infeasibility(under_review: str, slot: str, limit: int) -> Infeasibility:
    """No combination of a State's reviewers fits the maximum number of reviewing States."""
    where = f", {SLOT_NAMES[slot]}" if slot else ""
    return Infeasibility(under_review, slot, CONVENTION, "max_reviewers",
                         f"{under_review}{where}: every combination of Convention and supplementary reviewers needs "
                         f"more than {limit} reviewing States")


def supplementary_choices(slot: SlotPlan, convention_reviewer: str, seen: set[str], ok: Any,
                          room: int = len(INSTRUMENTS)) -> Iterator[tuple[str, ...]]:
    """Supplementary reviewers for a slot (searches only): at most `room` distinct ones, none in `seen`."""
    lacking = slot.lacking[convention_reviewer]

    def rec(k: int, chosen: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        if k == len(lacking):
            yield chosen
            return
        pool = slot.pools[lacking[k]]
        # Reusing a State already chosen costs no room, so try those first; the order only affects speed.
        reuse = [c for c in dict.fromkeys(chosen) if c in pool]
        fresh = [c for c in pool if c not in chosen] if len(set(chosen)) < room else []
        for c in (*reuse, *fresh):
            if c in seen or not ok(c, seen | {convention_reviewer, *chosen}):
                continue
            yield from rec(k + 1, (*chosen, c))

    yield from rec(0, ())
