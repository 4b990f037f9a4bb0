"""The eligibility tables: for each State under review, slot and instrument, every State and its reasons."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from treatyreview.mechanism.lots.inputs import CONVENTION, INSTRUMENT_NAMES, DrawInput
from treatyreview.mechanism.lots.outcomes import Assignment, DrawRecord, refused_by_state
from treatyreview.mechanism.lots.pools import SlotPlan, plan_slot
from treatyreview.mechanism.lots.reasons import Context, Reason, context, exclusion_reason, exclusion_reasons


@dataclass(frozen=True)
class Candidate:
    """A State considered for a slot; eligible when it has no exclusion reason."""

    code: str
    reasons: tuple[Reason, ...] = ()

    @property
    def eligible(self) -> bool:
        return not self.reasons


@dataclass(frozen=True)
class SlotEligibility:
    """The eligibility table of one State under review, slot and instrument."""

    under_review: str
    slot: str
    instrument: str
    candidates: tuple[Candidate, ...]

    @property
    def eligible(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.candidates if c.eligible)


def eligibility(draw_input: DrawInput, *, assignments: Sequence[Assignment] = (),
                refused: Mapping[str, frozenset[str]] | None = None,
                under_review: Sequence[str] | None = None) -> tuple[SlotEligibility, ...]:
    """For each State under review, slot and instrument, every State with its exclusion reasons.

    With `assignments` (a record's), each slot is explained with every other assignment held fixed: the
    table a redraw draws from. Convention rows also exclude reviewers whose supplementary draws cannot be
    completed.
    """
    reviewed = draw_input.under_review if under_review is None else tuple(under_review)
    codes = [s.code for s in draw_input.states]
    tables: list[SlotEligibility] = []
    for under_review in reviewed:
        for slot in draw_input.rules.slots():
            fixed = [a for a in assignments if not (a.under_review == under_review and a.slot == slot)]
            ctx = context(draw_input, fixed, refused)
            plan = plan_slot(ctx, under_review, slot, codes)
            others = len({a.reviewer for a in fixed if a.under_review == under_review})
            for instrument in plan.instruments:
                candidates = [Candidate(c, tuple(_reasons(ctx, plan, instrument, c, others))) for c in codes]
                tables.append(SlotEligibility(under_review, slot, instrument, tuple(candidates)))
    return tuple(tables)


def _reasons(ctx: Context, plan: SlotPlan, instrument: str, code: str, others: int) -> list[Reason]:
    """The exclusion reasons of one candidate, and for a Convention row those of its supplementary draws."""
    reasons = exclusion_reasons(ctx, plan.under_review, plan.slot, instrument, code)
    if instrument != CONVENTION or reasons:
        return reasons
    candidate = ctx.index[code]
    reasons += [exclusion_reason("no_supplementary", f"no eligible reviewer party to {INSTRUMENT_NAMES[p]} for the "
                                 "supplementary draw", instrument=p)
                for p in plan.instruments[1:] if not candidate.reviews_for(p) and not plan.pools[p]]
    limit = ctx.draw_input.rules.max_reviewers_total
    needed = others + 1 + plan.fewest(code) if code in plan.lacking else 0
    if not reasons and needed > limit:
        reasons.append(exclusion_reason("max_reviewers", f"would need {needed} reviewing States (the limit is "
                                        f"{limit})", needed=needed, limit=limit))
    return reasons


def record_eligibility(record: DrawRecord) -> tuple[SlotEligibility, ...]:
    """The eligibility tables of a record: each slot explained with every other assignment held fixed."""
    return eligibility(record.draw_input, assignments=record.assignments, refused=refused_by_state(record.redraws))
