"""Redraws: one slot (or one supplementary reviewer) drawn again with every other assignment held fixed."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re

from treatyreview.mechanism.lots.errors import DrawImpractical, InfeasibleDraw, InputError, RedrawRefused
from treatyreview.mechanism.lots.inputs import CONVENTION, INSTRUMENTS, canonical_json, label, state_index
from treatyreview.mechanism.lots.outcomes import DrawRecord, RedrawEntry, refused_by_state, seal
from treatyreview.mechanism.lots.pools import (
    SlotPlan,
    choose,
    completions,
    limit_infeasibility,
    plan_slot,
    plan_state,
    sample_completion,
    slot_infeasibility,
    supplementary_choices,
)
from treatyreview.mechanism.lots.reasons import context
from treatyreview.mechanism.lots.sampling import STATE_TRIES, assignments_of, sample_state, sort_assignments
from treatyreview.mechanism.lots.stream import LotsStream

# When a redraw was asked (docs/draw-algorithm.md, section 8.1): an ISO 8601 date and time with its offset.
_AT = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})")
AT_FORMAT = "YYYY-MM-DDTHH:MM:SSZ"
AT_YEARS = (2000, 2099)


def canonical_time(text: str) -> str:
    """The canonical form of a redraw's `at`: the moment in UTC as YYYY-MM-DDTHH:MM:SSZ, or an `InputError`.

    Accepts an ISO 8601 date and time to the minute or second with its offset (`Z`, `+01:00`, `-05:00`)."""
    example = "e.g. 2026-03-02T10:00:00Z or 2026-03-02T11:00:00+01:00"
    match = _AT.fullmatch(text) if isinstance(text, str) and len(text) <= 40 else None
    if match is None:
        raise InputError("at", f"{str(text)[:40]!r} is not a date and time in ISO 8601 with its offset ({example})")
    year, month, day, hour, minute, second, offset = match.groups()
    try:
        zone = dt.UTC if offset == "Z" else dt.timezone(
            (1 if offset[0] == "+" else -1) * dt.timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])))
        moment = dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
                             tzinfo=zone)
    except ValueError as error:
        raise InputError("at", f"{text!r} is not a valid date and time ({error}; {example})") from None
    if not AT_YEARS[0] <= moment.year <= AT_YEARS[1]:
        raise InputError("at", f"{text!r}: the year must be between {AT_YEARS[0]} and {AT_YEARS[1]}")
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def redraw(record: DrawRecord, *, under_review: str, slot: str, seed: str, at: str,
           requested_by: str | None = None, declined_by: str | None = None) -> DrawRecord:
    """Redraw one reviewer of a State under review, every other assignment held fixed.

    `requested_by` (the State under review, at most `max_redraws` times) refuses the slot's Convention
    reviewer; `declined_by` (a drawn reviewer) refuses itself. A refused Convention reviewer is redrawn
    with the slot's supplementary draws (they exist only because of it); a refused supplementary reviewer
    is redrawn for its Protocol(s) only. The refused State is excluded for that State under review.
    `at` must be in its canonical form (`canonical_time`); a record's earlier redraws are replayed with the
    `at` they were committed with (`replay_redraw`).
    """
    if canonical_time(at) != at:
        raise InputError("at", f"{at!r} is not in the canonical form {AT_FORMAT} (UTC): {canonical_time(at)}")
    return replay_redraw(record, under_review=under_review, slot=slot, seed=seed, at=at,
                         requested_by=requested_by, declined_by=declined_by)


def replay_redraw(record: DrawRecord, *, under_review: str, slot: str, seed: str, at: str,
                  requested_by: str | None = None, declined_by: str | None = None) -> DrawRecord:
    """`redraw` with `at` taken as it stands: the replay of a redraw already on a record."""
    draw_input = record.draw_input
    rules = draw_input.rules
    if under_review not in draw_input.under_review:
        raise RedrawRefused(f"{under_review} is not under review in this draw")
    if slot not in rules.slots():
        raise RedrawRefused(f"unknown slot '{slot}' (expected one of {', '.join(rules.slots())})")
    if (requested_by is None) == (declined_by is None):
        raise RedrawRefused("give exactly one of requested_by and declined_by")
    mine = {a.instrument: a for a in record.assignments if a.under_review == under_review and a.slot == slot}
    convention_reviewer = mine[CONVENTION].reviewer
    if requested_by is not None:
        if requested_by != under_review:
            raise RedrawRefused(f"only the State under review ({under_review}) may request a redraw, "
                                f"not {requested_by}")
        used = sum(1 for r in record.redraws if r.under_review == under_review and r.kind == "requested")
        if used >= rules.max_redraws:
            raise RedrawRefused(f"{under_review} has already requested {used} redraw(s); "
                                f"the limit is {rules.max_redraws}")
        kind, by, refused_code = "requested", requested_by, convention_reviewer
    else:
        assert declined_by is not None
        if declined_by not in {a.reviewer for a in mine.values()}:
            raise RedrawRefused(f"{declined_by} is not a reviewer of {under_review} in the {slot} slot")
        kind, by, refused_code = "declined", declined_by, declined_by
    refused = dict(refused_by_state(record.redraws))
    refused[under_review] = refused.get(under_review, frozenset()) | {refused_code}
    index = state_index(draw_input)
    if refused_code == convention_reviewer:
        redrawn = set(mine)
    else:
        redrawn = {instrument for instrument, a in mine.items() if a.reviewer == refused_code}
    fixed = [a for a in record.assignments
             if not (a.under_review == under_review and a.slot == slot and a.instrument in redrawn)]
    ctx = context(draw_input, [a for a in fixed if not (a.under_review == under_review and a.slot == slot)],
                  refused)
    codes = [s.code for s in draw_input.states]
    plan = plan_slot(ctx, under_review, slot, codes)
    kept = {a.instrument: a.reviewer for a in fixed if a.under_review == under_review and a.slot == slot}
    others = {a.reviewer for a in fixed if a.under_review == under_review and a.slot != slot}
    limit = rules.max_reviewers_total
    moving = tuple(sorted(redrawn, key=INSTRUMENTS.index))
    state_plan = plan_state(under_review, [plan], limit - 1 - len(others))
    if refused_code == convention_reviewer:
        if plan.total == 0:
            raise InfeasibleDraw([slot_infeasibility(ctx, plan, codes)])
        no_group = index[under_review].group is None
        if state_plan.total == 0 or (no_group and _feasible_slot(plan, others, limit) is None):
            raise InfeasibleDraw([limit_infeasibility(under_review, slot, limit)])
    else:
        for instrument in moving:
            if not plan.pools[instrument]:
                raise InfeasibleDraw([slot_infeasibility(ctx, plan, codes, instrument)])
        if not any(_supplementary_ok(kept, combo, others, limit)
                   for combo in itertools.product(*(plan.pools[i] for i in moving))):
            raise InfeasibleDraw([limit_infeasibility(under_review, slot, limit)])
    # The redraw commits to the record as it stood and to the request (who, which slot, when), all fixed
    # before the redraw's seed is known.
    request = {"previous_record_sha256": record.record_sha256, "under_review": under_review, "slot": slot,
               "kind": kind, "by": by, "at": at}
    stream = LotsStream(seed=seed, commitment=hashlib.sha256(canonical_json(request)).digest(),
                        label=f"{label(draw_input.version)}/redraw/{len(record.redraws) + 1}")
    attempts = 1
    if refused_code == convention_reviewer and rules.supplementary_draw == "conditional":
        picks = _redraw_conditional(stream, plan, others, limit, index[under_review].group is None)
    elif refused_code == convention_reviewer:
        picks = sample_state(stream, state_plan, frozenset(others))[0][0]
    else:
        # Only the refused supplementary reviewer's Protocols move; the rest of the slot stays. Each is
        # drawn uniformly from its pool and the whole proposal is drawn again if it breaks the limit.
        while True:
            combo = tuple(plan.pools[i][stream.below(len(plan.pools[i]))] for i in moving)
            if _supplementary_ok(kept, combo, others, limit):
                break
            attempts += 1
            if attempts > STATE_TRIES:
                raise DrawImpractical(f"{under_review}: no replacement accepted in {STATE_TRIES} proposals")
        picks = {**kept, **dict(zip(moving, combo, strict=True))}
    new = [a for a in assignments_of(under_review, slot, picks) if a.instrument in redrawn]
    entry = RedrawEntry(under_review=under_review, slot=slot, kind=kind, by=by, refused=refused_code, at=at,
                        seed=seed, previous_record_sha256=record.record_sha256, attempts=attempts,
                        replaced=sort_assignments([mine[i] for i in redrawn]), replacement=sort_assignments(new))
    updated = DrawRecord(draw_input=draw_input, input_sha256=record.input_sha256, seed=record.seed,
                         attempts=record.attempts, completion_attempts=record.completion_attempts,
                         assignments=sort_assignments([*fixed, *new]), notes=record.notes,
                         redraws=(*record.redraws, entry))
    return seal(updated)


def _feasible_slot(plan: SlotPlan, others: set[str], limit: int) -> dict[str, str] | None:
    """Any valid completion of a slot being redrawn, or None (decides feasibility before sampling)."""
    for convention_reviewer in plan.convention_candidates:
        if convention_reviewer in others:
            continue
        room = limit - len(others) - 1
        for supplementary in supplementary_choices(plan, convention_reviewer, others, lambda c, seen: True, room):
            lacking = plan.lacking[convention_reviewer]
            picks = {CONVENTION: convention_reviewer, **dict(zip(lacking, supplementary, strict=True))}
            chosen = set(picks.values())
            if not chosen & others and len(chosen | others) <= limit:
                return picks
    return None


def _redraw_conditional(stream: LotsStream, plan: SlotPlan, others: set[str], limit: int, no_group: bool
                        ) -> dict[str, str]:
    """A new Convention reviewer uniform among those the slot can be completed with, then its supplementary
    reviewers uniform among the valid completions."""
    allowed = limit - 1 - len(others)
    candidates = [c for c in plan.convention_candidates if c not in others and plan.fewest(c) <= allowed]
    if no_group:  # slots may overlap only here: keep candidates with a completion that avoids the other slot
        candidates = [c for c in candidates
                      if any(len({c, *supplementary} | others) <= limit
                             for supplementary in supplementary_choices(plan, c, others, lambda x, s: True, allowed))]
    if not candidates:
        raise InfeasibleDraw([limit_infeasibility(plan.under_review, plan.slot, limit)])
    convention_reviewer = candidates[stream.below(len(candidates))]
    # How many supplementary reviewers: each possible number weighted by its number of completions.
    counts = [k for k in range(len(INSTRUMENTS)) if k <= allowed and completions(plan, convention_reviewer, k)]
    cumulative: list[int] = []
    for k in counts:
        cumulative.append((cumulative[-1] if cumulative else 0) + completions(plan, convention_reviewer, k))
    for _ in range(STATE_TRIES):
        k = counts[choose(stream, cumulative, cumulative[-1])]
        picks = sample_completion(stream, plan, convention_reviewer, k)
        if not set(picks.values()) & others:
            return picks
    raise DrawImpractical(f"{plan.under_review}: no completion avoiding the other slot in {STATE_TRIES} tries")


def _supplementary_ok(kept: dict[str, str], combo: tuple[str, ...], others: set[str], limit: int) -> bool:
    """Whether new supplementary reviewers keep the slot apart from the other slots and within the limit."""
    chosen = set(kept.values()) | set(combo)
    return not chosen & others and len(chosen | others) <= limit
