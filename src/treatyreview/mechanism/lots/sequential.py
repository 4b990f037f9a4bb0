"""The draw of reviewing States from algorithm version 3: sequential acceptance-rejection with a nested bound.

The law is the conditional law of version 2 (docs/draw-algorithm.md, section 6): Convention reviewers uniform
over the Convention assignments that can be completed, then the supplementary reviewers uniform over the valid
completions. Each stage visits the States under review in code order; at each State it either rejects the whole
attempt or chooses that State's reviewers, with probabilities that are ratios of a bound V on the number of
valid ways to finish. The bound is nested (the children's values sum to at most the parent's), so every valid
outcome ends with probability exactly 1 / V(start) (section 6.1 of the specification and its proof).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from treatyreview.mechanism.lots import exact as exact_mode
from treatyreview.mechanism.lots.errors import DrawImpractical
from treatyreview.mechanism.lots.exact import Choice, relative_bound
from treatyreview.mechanism.lots.inputs import CONVENTION
from treatyreview.mechanism.lots.pools import DrawPlan, StatePlan, _set_partitions
from treatyreview.mechanism.lots.search import complete_search
from treatyreview.mechanism.lots.stream import LotsStream
from treatyreview.mechanism.lots.tables import LoadTables

# Attempts of a version-3 draw before it is declared impractical (each costs one pass over the States).
SEQUENTIAL_MAX_ATTEMPTS = 5_000


class _Run:
    """Loads (by reviewer index) and reviewer sets (by State under review) of one attempt."""

    def __init__(self, load: Sequence[int], drawn: dict[str, set[str]] | None = None) -> None:
        self.load = list(load)
        self.drawn: dict[str, set[str]] = {k: set(v) for k, v in (drawn or {}).items()}


def error_bound(tables: LoadTables) -> float:
    """The relative error bound of every float weight computed from `tables` (section 6.1.4): D roundings at most."""
    if tables.tiny:
        return math.inf
    n, width, reviewers = tables.n, tables.width, tables.reviewers
    roundings = (reviewers + 16) * (6 * n + 2 * width + 8) + 16 * reviewers + 64
    return relative_bound(roundings)


class _Step:
    """The quantities of one step i for a State S: G = prod over the step's pool of F[i+1][R][k_R] / F[i][R][k_R]
    and rho_R = F[i+1][R][k_R - 1] / F[i+1][R][k_R] for every candidate R that S may still take (0 otherwise)."""

    def __init__(self, sampler: SequentialSampler, tables: LoadTables, tau: float, i: int, pool: Sequence[int],
                 candidates: Sequence[int], run: _Run, subject: str) -> None:
        self.tables, self.i, self.tau = tables, i, tau
        self.pool = pool
        self.room = [sampler.cap - x for x in run.load]
        self.allowed = {r for r in candidates if sampler.available(run, subject, r)}
        nxt, cur = tables.approx[i + 1], tables.approx[i]
        g = 1.0
        for r in pool:
            k = self.room[r]
            g *= nxt[r][k] / cur[r][k]
        self.g = g
        self.rho: dict[int, float] = {}
        for r in candidates:
            k = self.room[r]
            self.rho[r] = nxt[r][k - 1] / nxt[r][k] if r in self.allowed else 0.0
        self._rho_exact: dict[int, Fraction] = {}

    def g_exact(self) -> Fraction:
        t, i = self.tables, self.i
        return math.prod((t.exact(i + 1, r, self.room[r]) / t.exact(i, r, self.room[r]) for r in self.pool),
                         start=Fraction(1))

    def rho_exact(self, r: int) -> Fraction:
        if r not in self.allowed:
            return Fraction(0)
        if r not in self._rho_exact:
            k = self.room[r]
            self._rho_exact[r] = self.tables.exact(self.i + 1, r, k - 1) / self.tables.exact(self.i + 1, r, k)
        return self._rho_exact[r]

    def pick(self, stream: LotsStream, members: Sequence[int]) -> int:
        """A reviewer from `members` with probability proportional to rho."""
        approx = [(self.rho[r], self.tau * self.rho[r]) for r in members]
        k = Choice(approx, lambda: [self.rho_exact(r) for r in members], remainder=False).draw(stream)
        return members[k]


def power_sum(rho: Callable[[int], Any], members: Sequence[int], power: int, zero: Any) -> Any:
    """The sum of rho_R^power over `members`, in floats or exactly (the type of `zero`)."""
    total = zero
    for r in members:
        value = x = rho(r)
        for _ in range(power - 1):
            value = value * x  # repeated products: each rounded once, unlike a library power
        total += value
    return total


def injective(blocks: Sequence[Sequence[int]], rho: Callable[[int], Any], zero: Any) -> tuple[Any, Any]:
    """The sum, over choices of one reviewer per block, all different, of the product of their rho, as
    (positive part, negative part) of the Mobius formula on the partition lattice: sum over partitions of
    the blocks of prod over parts Q of (-1)^(|Q|-1) (|Q|-1)! sum over R in every block of Q of rho_R^|Q|."""
    one = zero + 1
    if not blocks:
        return one, zero
    positive, negative = zero, zero
    sets = [frozenset(b) for b in blocks]
    for part in _set_partitions(len(blocks)):
        term = one * math.prod(math.factorial(len(q) - 1) for q in part)
        sign = 1
        for q in part:
            sign *= (-1) ** (len(q) - 1)
            common = sets[q[0]].intersection(*(sets[b] for b in q[1:]))
            term = term * power_sum(rho, sorted(common), len(q), zero)
        if sign > 0:
            positive += term
        else:
            negative += term
    return positive, negative


class SequentialSampler:
    """Everything that depends only on the input, computed once per draw."""

    def __init__(self, plan: DrawPlan) -> None:
        self.plan = plan
        rules = plan.draw_input.rules
        self.cap = rules.max_reviews_per_reviewer
        self.mutual = rules.no_mutual_review
        self.limit = rules.max_reviewers_total
        self.codes = tuple(s.code for s in plan.draw_input.states)
        self.ix = {c: i for i, c in enumerate(self.codes)}
        self.base_load = [plan.base_load.get(c, 0) for c in self.codes]
        steps: list[dict[int, Fraction]] = []
        self.stage1: list[tuple[StatePlan, tuple[int, ...], int,
                                list[tuple[list[list[int]], list[int]]]]] = []
        for state_plan in plan.state_plans:
            miss: dict[int, Fraction] = {}
            size = 1
            for slot in state_plan.slots:
                n = len(slot.convention_candidates)
                size *= n
                for c in slot.convention_candidates:
                    r = self.ix[c]
                    miss[r] = miss.get(r, Fraction(1)) * (1 - Fraction(1, n))
            steps.append({r: 1 - m for r, m in sorted(miss.items())})
            profiles = []
            for profile in state_plan.convention_profiles:
                lists = [[self.ix[c] for c in slot.by_fewest[f]] for slot, f in zip(state_plan.slots, profile,
                                                                                    strict=True)]
                overlap = sorted(set(lists[0]).intersection(*lists[1:])) if len(lists) > 1 else []
                profiles.append((lists, overlap))
            self.stage1.append((state_plan, tuple(sorted(miss)), size, profiles))
        self.tables1 = LoadTables(steps, len(self.codes), self.cap)
        self.tau1 = error_bound(self.tables1)

    def available(self, run: _Run, subject: str, r: int) -> bool:
        """Whether R has room and taking it would not make a mutual review with S."""
        return run.load[r] < self.cap and not (self.mutual and subject in run.drawn.get(self.codes[r], ()))

    def convention_attempt(self, stream: LotsStream) -> tuple[dict[str, list[str]], _Run] | str:
        """One attempt of stage 1: the Convention reviewers of every State, or the State where it was rejected."""
        run = _Run(self.base_load)
        chosen: dict[str, list[str]] = {}
        for i, (state_plan, pool, size, profiles) in enumerate(self.stage1):
            subject = state_plan.under_review
            step = _Step(self, self.tables1, self.tau1, i, pool, pool, run, subject)
            approx = []
            factor = step.g / size
            for lists, overlap in profiles:
                positive = math.prod(power_sum(step.rho.__getitem__, lst, 1, 0.0) for lst in lists)
                negative = power_sum(step.rho.__getitem__, overlap, 2, 0.0) if overlap else 0.0
                approx.append((factor * (positive - negative), self.tau1 * factor * (positive + negative)))

            def exact(step: _Step = step, profiles: list = profiles, size: int = size) -> list[Fraction]:
                factor = step.g_exact() / size
                out: list[Fraction] = []
                for lists, overlap in profiles:
                    w = math.prod((power_sum(step.rho_exact, lst, 1, Fraction(0)) for lst in lists),
                                  start=Fraction(1))
                    out.append(factor * (w - power_sum(step.rho_exact, overlap, 2, Fraction(0))))
                return out

            k = Choice(approx, exact, remainder=True).draw(stream)
            if k == len(profiles):
                return subject
            lists, _ = profiles[k]
            while True:
                picks = [step.pick(stream, lst) for lst in lists]
                # Only a State with no regional group can draw one State in both slots: draw the values again.
                if len(set(picks)) == len(picks):
                    break
            for r in picks:
                run.load[r] += 1
                run.drawn.setdefault(subject, set()).add(self.codes[r])
            chosen[subject] = [self.codes[r] for r in picks]
        return chosen, run


@dataclass
class _Shape:
    """One way a State's supplementary reviewers can be shaped: a pattern per slot and each block's candidates."""

    patterns: tuple[tuple[tuple[str, ...], ...], ...]  # per slot, the blocks of its pattern (Protocols)
    blocks: tuple[tuple[int, ...], ...]  # candidates of every block of every slot, in slot order
    size: int  # product of the numbers of candidates


class Completion:
    """Stage 2 for fixed Convention reviewers: shapes and bound tables, computed once per Convention assignment."""

    def __init__(self, sampler: SequentialSampler, convention: dict[str, list[str]], run: _Run) -> None:
        self.sampler = sampler
        self.convention = convention
        self.run = run
        allowed = sampler.limit - len(sampler.plan.draw_input.rules.slots())
        steps: list[dict[int, Fraction]] = []
        self.states: list[tuple[StatePlan, list[_Shape], int, tuple[int, ...], tuple[int, ...]]] = []
        for state_plan in sampler.plan.state_plans:
            subject = state_plan.under_review
            reviewers = convention[subject]
            if all(not slot.lacking[c] for slot, c in zip(state_plan.slots, reviewers, strict=True)):
                continue
            mine = {sampler.ix[c] for c in reviewers}
            per_slot = []
            for slot, c in zip(state_plan.slots, reviewers, strict=True):
                lacking = slot.lacking[c]
                patterns = [p for k in sorted(slot.patterns[lacking]) for p in slot.patterns[lacking][k]]
                per_slot.append([(p.blocks, p.choices) for p in patterns] if lacking else [((), ())])
            shapes: list[_Shape] = []
            for combo in itertools.product(*per_slot):
                if sum(len(blocks) for blocks, _ in combo) > allowed:
                    continue
                lists = tuple(tuple(r for r in (sampler.ix[x] for x in choices)
                                    if r not in mine and sampler.available(run, subject, r))
                              for _, choice_lists in combo for choices in choice_lists)
                size = math.prod(len(x) for x in lists)
                if size:
                    shapes.append(_Shape(tuple(blocks for blocks, _ in combo), lists, size))
            # The bound's load of this State on R: the smallest probability, over its shapes, that R is picked
            # when each block takes a uniform candidate independently (a lower bound keeps the bound nested).
            members = tuple(sorted({r for shape in shapes for block in shape.blocks for r in block}))
            q: dict[int, Fraction] = {}
            for r in members:
                low: Fraction | None = None
                for shape in shapes:
                    miss = Fraction(1)
                    for block in shape.blocks:
                        if r in block:
                            miss *= 1 - Fraction(1, len(block))
                    low = 1 - miss if low is None else min(low, 1 - miss)
                if low:
                    q[r] = low
            steps.append(q)
            self.states.append((state_plan, shapes, sum(s.size for s in shapes), tuple(sorted(q)), members))
        self.tables = LoadTables(steps, len(sampler.codes), sampler.cap)
        self.tau = error_bound(self.tables)

    def attempt(self, stream: LotsStream) -> dict[str, list[dict[str, str]]] | str:
        """One attempt of stage 2: every State's supplementary reviewers, or the State where it was rejected."""
        sampler = self.sampler
        run = _Run(self.run.load, self.run.drawn)
        picks: dict[str, list[dict[str, str]]] = {}
        for i, (state_plan, shapes, total, pool, members) in enumerate(self.states):
            subject = state_plan.under_review
            step = _Step(sampler, self.tables, self.tau, i, pool, members, run, subject)
            factor = step.g / total
            approx = []
            for shape in shapes:
                positive, negative = injective(shape.blocks, step.rho.__getitem__, 0.0)
                approx.append((factor * (positive - negative), self.tau * factor * (positive + negative)))

            def exact(step: _Step = step, shapes: list[_Shape] = shapes, total: int = total) -> list[Fraction]:
                factor = step.g_exact() / total
                out: list[Fraction] = []
                for shape in shapes:
                    positive, negative = injective(shape.blocks, step.rho_exact, Fraction(0))
                    out.append(factor * (positive - negative))
                return out

            k = Choice(approx, exact, remainder=True).draw(stream)
            if k == len(shapes):
                return subject
            shape = shapes[k]
            while True:
                values = [step.pick(stream, block) for block in shape.blocks]
                if len(set(values)) == len(values):
                    break
            out: list[dict[str, str]] = []
            position = 0
            for slot, c, blocks in zip(state_plan.slots, self.convention[subject], shape.patterns, strict=True):
                chosen = {}
                for block in blocks:
                    for protocol in block:
                        chosen[protocol] = sampler.codes[values[position]]
                    position += 1
                out.append({CONVENTION: c, **{i: chosen.get(i, c) for i in slot.instruments[1:]}})
            for r in values:
                run.load[r] += 1
                run.drawn.setdefault(subject, set()).add(sampler.codes[r])
            picks[subject] = out
        return picks


_SAMPLERS: dict[str, SequentialSampler] = {}


def sample_sequential(plan: DrawPlan, stream: LotsStream, max_attempts: int, search_budget: int,
                      input_sha256: str = "") -> tuple[dict[str, list[dict[str, str]]], int, int, Counter[str]]:
    """The conditional law by sequential acceptance-rejection: (picks per State, attempts, completion attempts).

    The sampler depends only on the input, so it is kept for a few inputs (by their SHA-256) between draws."""
    sampler = _SAMPLERS.get(input_sha256) if input_sha256 else None
    if sampler is None or sampler.plan.draw_input != plan.draw_input:
        sampler = SequentialSampler(plan)
        if input_sha256:
            if len(_SAMPLERS) >= 4:
                _SAMPLERS.clear()
            _SAMPLERS[input_sha256] = sampler
    causes: Counter[str] = Counter()
    for attempt in range(1, max_attempts + 1):
        outcome = sampler.convention_attempt(stream)
        if isinstance(outcome, str):
            causes[f"Convention reviewers rejected at {outcome}"] += 1
            continue
        convention, run = outcome
        load = {c: run.load[i] for i, c in enumerate(sampler.codes)}
        status = complete_search(plan, convention, load, run.drawn, search_budget)
        if status == "unknown":
            raise DrawImpractical(
                f"whether the Convention reviewers drawn at attempt {attempt} can be completed was not decided "
                f"in {search_budget} search steps; nothing is drawn rather than guess")
        if status == "none":
            causes["no valid supplementary draw for the Convention reviewers drawn"] += 1
            continue
        completion = Completion(sampler, convention, run)
        for completion_attempt in range(1, max_attempts + 1):
            done = completion.attempt(stream)
            if isinstance(done, str):
                causes[f"supplementary reviewers rejected at {done}"] += 1
                continue
            result = {}
            for state_plan in plan.state_plans:
                subject = state_plan.under_review
                result[subject] = done.get(subject) or [
                    {CONVENTION: c, **{i: c for i in slot.instruments[1:]}}
                    for slot, c in zip(state_plan.slots, convention[subject], strict=True)]
            return result, attempt, completion_attempt, causes
        break
    raise DrawImpractical(_message(max_attempts, sampler.cap, causes))


def _message(attempts: int, cap: int, causes: Counter[str]) -> str:
    top = "; ".join(f"{cause} ({n} times)" for cause, n in causes.most_common(3))
    return (f"no draw was accepted in {attempts} attempts of the sequential sampler: exact sampling is impractical "
            f"for this input at the load limit of {cap} reviews per reviewer ({top}). Review the load limit.")


__all__ = ["SEQUENTIAL_MAX_ATTEMPTS", "Completion", "SequentialSampler", "exact_mode", "sample_sequential"]
