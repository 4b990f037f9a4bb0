"""The draw of reviewing States: exact uniform sampling of the assignment by whole-attempt rejection."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence

from treatyreview.mechanism.lots.errors import DrawImpractical, Infeasibility, InfeasibleDraw
from treatyreview.mechanism.lots.inputs import (
    CONVENTION,
    INSTRUMENTS,
    SAME_GROUP,
    SLOTS,
    DrawInput,
    commit_input,
    label,
    state_index,
)
from treatyreview.mechanism.lots.outcomes import Assignment, DrawRecord, Note, seal
from treatyreview.mechanism.lots.pools import (
    DrawPlan,
    SlotPlan,
    StatePlan,
    choose,
    completions,
    plan_draw,
    sample_completion,
)
from treatyreview.mechanism.lots.search import (
    COMPLETE_SEARCH_NODES,
    SEARCH_NODES,
    completion_search,
    search_assignment,
)
from treatyreview.mechanism.lots.sequential import SEQUENTIAL_MAX_ATTEMPTS, sample_sequential
from treatyreview.mechanism.lots.stream import LotsStream

# Generous enough that a draw whose acceptance probability is above 1/10,000 fails with probability
# below e^-10; the verifier replays with the recorded count, so the budget never changes an outcome.
DEFAULT_MAX_ATTEMPTS = 100_000
# Proposals for one State under review before its own constraints (distinct slots, maximum number of
# reviewing States) are declared impractical; a feasible State is accepted with probability far above this.
STATE_TRIES = 100_000


def _sample_slot(stream: LotsStream, plan: SlotPlan, k: int) -> dict[str, str]:
    """A slot with exactly k distinct supplementary reviewers, uniform among such slots."""
    codes, cumulative, total = plan.by_k[k]
    return sample_completion(stream, plan, codes[choose(stream, cumulative, total)], k)


def sample_state(stream: LotsStream, state_plan: StatePlan, others: frozenset[str] = frozenset()
                 ) -> tuple[list[dict[str, str]], set[str]]:
    """Every slot of one State under review at once (joint law): the picks per slot and the new reviewers."""
    for _ in range(STATE_TRIES):
        profile = state_plan.profiles[choose(stream, state_plan.cumulative, state_plan.total)]
        picks = [_sample_slot(stream, slot, k) for slot, k in zip(state_plan.slots, profile, strict=True)]
        # Slots can share a State only for a State under review with no regional group: draw it again.
        seen = set(others)
        for slot_picks in picks:
            chosen = set(slot_picks.values())
            if chosen & seen:
                break
            seen |= chosen
        else:
            return picks, seen - others
    raise DrawImpractical(f"{state_plan.under_review}: no proposal with distinct reviewers in its slots was accepted "
                          f"in {STATE_TRIES} tries; exact sampling is impractical for this input")


def _sample_joint(plan: DrawPlan, stream: LotsStream, max_attempts: int
                  ) -> tuple[dict[str, list[dict[str, str]]], int, Counter[str]]:
    """Uniform over complete valid assignments, by whole-attempt rejection (the joint law)."""
    rules = plan.draw_input.rules
    cap, mutual = rules.max_reviews_per_reviewer, rules.no_mutual_review
    causes: Counter[str] = Counter()
    for attempt in range(1, max_attempts + 1):
        load = dict(plan.base_load)
        drawn: dict[str, set[str]] = {}
        result: dict[str, list[dict[str, str]]] = {}
        for state_plan in plan.state_plans:
            picks, reviewers = sample_state(stream, state_plan)
            under_review = state_plan.under_review
            cause = None
            for r in sorted(reviewers):
                if load.get(r, 0) >= cap:
                    cause = f"load limit of {cap} reviews for {r}"
                    break
                if mutual and under_review in drawn.get(r, ()):
                    cause = f"no mutual review between {min(r, under_review)} and {max(r, under_review)}"
                    break
            if cause:
                # Rejecting the whole attempt (never just this State) is what keeps the outcome uniform.
                causes[cause] += 1
                break
            for r in reviewers:
                load[r] = load.get(r, 0) + 1
            drawn[under_review] = reviewers
            result[under_review] = picks
        else:
            return result, attempt, causes
    raise DrawImpractical(_impractical_message(max_attempts, causes))


def _admit(under_review: str, reviewers: set[str], load: dict[str, int], drawn: dict[str, set[str]], cap: int,
           mutual: bool) -> str | None:
    """Add a State's reviewers to the running loads, or name the rule they break (nothing is added then)."""
    mine = drawn.setdefault(under_review, set())
    new = sorted(reviewers - mine)
    for r in new:
        if load.get(r, 0) >= cap:
            return f"load limit of {cap} reviews for {r}"
        if mutual and under_review in drawn.get(r, ()):
            return f"no mutual review between {min(r, under_review)} and {max(r, under_review)}"
    for r in new:
        load[r] = load.get(r, 0) + 1
        mine.add(r)
    return None


def sample_convention_reviewers(stream: LotsStream, state_plan: StatePlan) -> list[str]:
    """Convention reviewers of one State, uniform among pairs whose supplementary needs fit the limit."""
    for _ in range(STATE_TRIES):
        fewest_profile = state_plan.convention_profiles[
            choose(stream, state_plan.convention_cumulative, state_plan.convention_total)]
        convention_reviewers = [slot.by_fewest[f][stream.below(len(slot.by_fewest[f]))]
                                for slot, f in zip(state_plan.slots, fewest_profile, strict=True)]
        # Only a State with no regional group can draw one State in both slots.
        if len(set(convention_reviewers)) == len(convention_reviewers):
            return convention_reviewers
    raise DrawImpractical(f"{state_plan.under_review}: no pair of distinct Convention reviewers in {STATE_TRIES} tries")


def _completion_profiles(state_plan: StatePlan, convention_reviewers: Sequence[str]
                         ) -> tuple[list[tuple[int, ...]], list[int]]:
    """Profiles (k per slot) of the completions of a State's Convention reviewers, weighted by their counts."""
    profiles: list[tuple[int, ...]] = []
    cumulative: list[int] = []
    for profile in itertools.product(range(len(INSTRUMENTS)), repeat=len(state_plan.slots)):
        weight = 1
        for slot, convention_reviewer, k in zip(state_plan.slots, convention_reviewers, profile, strict=True):
            weight *= completions(slot, convention_reviewer, k)
        if sum(profile) <= state_plan.allowed and weight:
            profiles.append(profile)
            cumulative.append((cumulative[-1] if cumulative else 0) + weight)
    return profiles, cumulative


def sample_state_completion(stream: LotsStream, state_plan: StatePlan, convention_reviewers: Sequence[str],
                            profiles: list[tuple[int, ...]], cumulative: list[int]) -> list[dict[str, str]]:
    """Supplementary reviewers of one State given its Convention reviewers, uniform over valid completions."""
    for _ in range(STATE_TRIES):
        profile = profiles[choose(stream, cumulative, cumulative[-1])]
        picks = [sample_completion(stream, slot, convention_reviewer, k) for slot, convention_reviewer, k
                 in zip(state_plan.slots, convention_reviewers, profile, strict=True)]
        sets = [set(p.values()) for p in picks]
        if sum(len(x) for x in sets) == len(set().union(*sets)):
            return picks
    raise DrawImpractical(f"{state_plan.under_review}: no completion with distinct slots in {STATE_TRIES} tries")


def _sample_conditional(plan: DrawPlan, stream: LotsStream, max_attempts: int
                        ) -> tuple[dict[str, list[dict[str, str]]], int, int, Counter[str]]:
    """Convention reviewers uniform over valid Convention assignments that can be completed, then the
    supplementary reviewers uniform over the valid completions: both stages by whole-stage rejection."""
    rules = plan.draw_input.rules
    cap, mutual = rules.max_reviews_per_reviewer, rules.no_mutual_review
    causes: Counter[str] = Counter()
    for attempt in range(1, max_attempts + 1):
        load = dict(plan.base_load)
        drawn: dict[str, set[str]] = {}
        convention_reviewers: dict[str, list[str]] = {}
        cause = None
        for state_plan in plan.state_plans:
            picks = sample_convention_reviewers(stream, state_plan)
            cause = _admit(state_plan.under_review, set(picks), load, drawn, cap, mutual)
            if cause:
                break
            convention_reviewers[state_plan.under_review] = picks
        if cause:
            causes[cause] += 1
            continue
        # Accept the Convention assignment only if some supplementary draw completes it: that is what
        # makes it uniform over the Convention assignments that belong to a valid assignment.
        if completion_search(plan, convention_reviewers, load, drawn, SEARCH_NODES) == "none":
            causes["no valid supplementary draw for the Convention reviewers drawn"] += 1
            continue
        weights = {s.under_review: _completion_profiles(s, convention_reviewers[s.under_review])
                   for s in plan.state_plans}
        for completion in range(1, max_attempts + 1):
            stage_load = dict(load)
            stage_drawn = {k: set(v) for k, v in drawn.items()}
            result: dict[str, list[dict[str, str]]] = {}
            for state_plan in plan.state_plans:
                under_review = state_plan.under_review
                completed = sample_state_completion(stream, state_plan, convention_reviewers[under_review],
                                                    *weights[under_review])
                reviewers = set().union(*(set(p.values()) for p in completed))
                cause = _admit(under_review, reviewers, stage_load, stage_drawn, cap, mutual)
                if cause:
                    causes[f"supplementary draw: {cause}"] += 1
                    break
                result[under_review] = completed
            else:
                return result, attempt, completion, causes
        raise DrawImpractical(_impractical_message(max_attempts, causes))
    raise DrawImpractical(_impractical_message(max_attempts, causes))


def _impractical_message(attempts: int, causes: Counter[str]) -> str:
    top = "; ".join(f"{cause} ({n} rejections)" for cause, n in causes.most_common(3))
    return (f"no draw was accepted in {attempts} attempts: exact uniform sampling by rejection is impractical "
            f"for this input. The constraints that reject most attempts: {top}. Draw in smaller groups "
            f"(e.g. by year group) or review the load limit.")


def assignments_of(under_review: str, slot: str, picks: dict[str, str]) -> list[Assignment]:
    """The assignments of one slot from its picks (instrument -> reviewing State)."""
    convention_reviewer = picks[CONVENTION]
    return [Assignment(under_review, instrument, reviewer, slot, supplementary=reviewer != convention_reviewer)
            for instrument, reviewer in picks.items()]


def sort_assignments(items: Sequence[Assignment]) -> tuple[Assignment, ...]:
    """Assignments in record order: State under review, slot order, instrument order."""
    return tuple(sorted(items, key=lambda a: (a.under_review, SLOTS.index(a.slot), INSTRUMENTS.index(a.instrument))))


def _notes(draw_input: DrawInput) -> tuple[Note, ...]:
    index = state_index(draw_input)
    return tuple(Note(s, "no_regional_group", f"{s} has no regional group: its same-group slot is filled from "
                      f"any group") for s in draw_input.under_review
                 if index[s].group is None and SAME_GROUP in draw_input.rules.slots())


def draw_reviewers(draw_input: DrawInput, seed: str, *, max_attempts: int | None = None) -> DrawRecord:
    """Draw the reviewing States of every State under review, exactly under the rules' law.

    From algorithm version 3 the conditional law is drawn by sequential acceptance-rejection
    (`lots.sequential`); the joint law, and every law of versions 1 and 2, by whole-attempt rejection.
    Raises InfeasibleDraw when no valid assignment exists, DrawImpractical when the attempt budget runs out.
    """
    sequential = draw_input.version >= 3 and draw_input.rules.supplementary_draw == "conditional"
    if max_attempts is None:
        max_attempts = SEQUENTIAL_MAX_ATTEMPTS if sequential else DEFAULT_MAX_ATTEMPTS
    plan = plan_draw(draw_input)
    shortfall = capacity_infeasibility(plan)
    if shortfall:
        raise InfeasibleDraw(shortfall)
    # A bounded search first, so that an infeasible input is reported as such instead of exhausting the
    # attempt budget; it does not touch the random stream.
    status, under_review = search_assignment(plan, SEARCH_NODES)
    if status == "none":
        raise InfeasibleDraw([_global_infeasibility(draw_input, under_review or "")])
    digest = commit_input(draw_input)
    stream = LotsStream(seed=seed, commitment=bytes.fromhex(digest), label=f"{label(draw_input.version)}/reviewers")
    completion_attempts = 0
    try:
        if sequential:
            result, attempts, completion_attempts, _ = sample_sequential(plan, stream, max_attempts,
                                                                         COMPLETE_SEARCH_NODES, digest)
        elif draw_input.rules.supplementary_draw == "joint":
            result, attempts, _ = _sample_joint(plan, stream, max_attempts)
        else:
            result, attempts, completion_attempts, _ = _sample_conditional(plan, stream, max_attempts)
    except DrawImpractical as error:
        if status == "unknown":
            raise DrawImpractical(f"{error} (a bounded search of {SEARCH_NODES} steps found no valid "
                                  "assignment either; the input may be infeasible)") from None
        raise
    assignments: list[Assignment] = []
    for state_plan in plan.state_plans:
        for slot, picks in zip(state_plan.slots, result[state_plan.under_review], strict=True):
            assignments.extend(assignments_of(state_plan.under_review, slot.slot, picks))
    record = DrawRecord(draw_input=draw_input, input_sha256=digest, seed=seed, attempts=attempts,
                        completion_attempts=completion_attempts, assignments=sort_assignments(assignments),
                        notes=_notes(draw_input))
    return seal(record)


def capacity_infeasibility(plan: DrawPlan) -> list[Infeasibility]:
    """Counting arguments that prove a draw infeasible: a regional group whose members cannot give the
    same-group reviews its States under review need, or fewer reviews available than slots to fill."""
    draw_input = plan.draw_input
    rules = draw_input.rules
    cap = rules.max_reviews_per_reviewer
    index = state_index(draw_input)
    reviewed = set(draw_input.under_review)
    room = {s.code: max(cap - plan.base_load.get(s.code, 0), 0) for s in draw_input.states if s.can_review}
    problems: list[Infeasibility] = []
    if SAME_GROUP in rules.slots():
        groups = sorted({g for s in draw_input.under_review if (g := index[s].group) is not None})
        for group in groups:
            needing = [s for s in draw_input.under_review if index[s].group == group]
            # A member reviews each State at most once and never itself.
            can_give = sum(min(r, len(needing) - (code in reviewed)) for code, r in room.items()
                           if index[code].group == group)
            if can_give < len(needing):
                problems.append(Infeasibility(
                    "", SAME_GROUP, CONVENTION, "group_capacity",
                    f"the {group} group needs {len(needing)} same-group reviews; its members can give {can_give} "
                    f"at a load limit of {cap}"))
    slots = len(rules.slots()) * len(draw_input.under_review)
    total = sum(min(r, len(draw_input.under_review) - (code in reviewed)) for code, r in room.items())
    if not problems and total < slots:
        problems.append(Infeasibility(
            "", "", CONVENTION, "total_capacity",
            f"the States under review need {slots} Convention reviews; the reviewing States can give {total} at "
            f"a load limit of {cap}"))
    return problems


def _global_infeasibility(draw_input: DrawInput, under_review: str) -> Infeasibility:
    rules = draw_input.rules
    mutual = ", no mutual reviews" if rules.no_mutual_review else ""
    message = (f"no assignment satisfies every rule at once: however the States before it are drawn, "
               f"{under_review} cannot get its reviewers (load limit of {rules.max_reviews_per_reviewer} reviews per "
               f"reviewer{mutual}, at most {rules.max_reviewers_total} reviewing States)")
    return Infeasibility(under_review, "", CONVENTION, "combined", message)
