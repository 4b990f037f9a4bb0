"""Why a State may not fill a slot: the assignments held fixed around it and the exclusion reasons they give."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from treatyreview.mechanism.lots.inputs import (
    INSTRUMENT_NAMES,
    SAME_GROUP,
    DrawInput,
    ExistingAssignment,
    StateEntry,
    state_index,
)
from treatyreview.mechanism.lots.outcomes import Assignment


@dataclass(frozen=True)
class Reason:
    """Why a candidate is excluded: a stable code, its parameters, and an English message (for translation,
    render the code with the parameters)."""

    code: str
    params: tuple[tuple[str, str | int], ...] = ()
    message: str = ""

    def param(self, name: str) -> str | int:
        return dict(self.params)[name]


def exclusion_reason(code: str, message: str, **params: str | int) -> Reason:
    return Reason(code=code, params=tuple(sorted(params.items())), message=message)


def _cannot_review_message(state: StateEntry) -> str:
    detail = state.cannot_review_reason or "no governmental experts listed / opted out"
    return f"cannot review ({detail})"


@dataclass
class Context:
    """The assignments held fixed around a slot: loads, who reviews whom, refused reviewers."""

    draw_input: DrawInput
    index: dict[str, StateEntry]
    load: dict[str, set[str]]  # reviewer -> States under review it reviews (existing and fixed)
    reviews: set[tuple[str, str]]  # (reviewer, under_review)
    reviewers_of: dict[str, set[str]]
    refused: Mapping[str, frozenset[str]]
    excluded: frozenset[tuple[str, str]]


def context(draw_input: DrawInput, fixed: Sequence[Assignment] | Sequence[ExistingAssignment] = (),
             refused: Mapping[str, frozenset[str]] | None = None) -> Context:
    load: dict[str, set[str]] = {}
    reviews: set[tuple[str, str]] = set()
    reviewers_of: dict[str, set[str]] = {}
    for a in (*draw_input.existing, *fixed):
        load.setdefault(a.reviewer, set()).add(a.under_review)
        reviews.add((a.reviewer, a.under_review))
        reviewers_of.setdefault(a.under_review, set()).add(a.reviewer)
    return Context(draw_input, state_index(draw_input), load, reviews, reviewers_of, refused or {},
                    frozenset(draw_input.exclusions))


def _group_reason(slot: str, under_review: StateEntry, candidate: StateEntry) -> Reason | None:
    if slot == SAME_GROUP:
        if under_review.group is not None and candidate.group != under_review.group:
            return exclusion_reason("not_same_group", "not in the same regional group")
    elif under_review.group is None:
        if candidate.group is None:
            return exclusion_reason("no_regional_group", "has no regional group either")
    elif candidate.group == under_review.group:
        return exclusion_reason("same_group", "same regional group")
    return None


def exclusion_reasons(ctx: Context, under_review: str, slot: str, instrument: str, code: str) -> list[Reason]:
    """Every reason `code` cannot review `under_review` for `instrument` in `slot`, other assignments fixed."""
    rules = ctx.draw_input.rules
    s, c = ctx.index[under_review], ctx.index[code]
    reasons: list[Reason] = []
    if code == under_review:
        reasons.append(exclusion_reason("same_state", "same State"))
    if not c.can_review:
        reasons.append(exclusion_reason("cannot_review", _cannot_review_message(c), detail=c.cannot_review_reason or ""))
    if instrument not in c.parties:
        reasons.append(exclusion_reason("not_party", f"not party to {INSTRUMENT_NAMES[instrument]}", instrument=instrument))
    group = _group_reason(slot, s, c)
    if group:
        reasons.append(group)
    if (min(code, under_review), max(code, under_review)) in ctx.excluded:
        reasons.append(exclusion_reason("excluded_pair", "excluded pair"))
    if code in ctx.refused.get(under_review, frozenset()):
        reasons.append(exclusion_reason("refused", f"refused in an earlier redraw for {under_review}"))
    if code != under_review:
        if rules.no_mutual_review and (under_review, code) in ctx.reviews:
            reasons.append(exclusion_reason("mutual", f"would be mutual with {under_review} reviewing {code}",
                                   reviewer=under_review, under_review=code))
        if code in ctx.reviewers_of.get(under_review, set()):
            reasons.append(exclusion_reason("already_reviewing", f"already reviews {under_review} in another slot"))
        else:
            load = len(ctx.load.get(code, set()))
            if load >= rules.max_reviews_per_reviewer:
                reasons.append(exclusion_reason("load_limit", f"load limit reached ({load} of {rules.max_reviews_per_reviewer})",
                                       load=load, limit=rules.max_reviews_per_reviewer))
    return reasons


def statically_eligible(ctx: Context, s: StateEntry, slot: str, instrument: str, c: StateEntry) -> bool:
    if not c.can_review or instrument not in c.parties:
        return False
    return not ((s.group is not None and c.group != s.group) if slot == SAME_GROUP else c.group == s.group)


def blocked_for(ctx: Context, under_review: str) -> set[str]:
    """The States the per-State rules of `_pick_ok` rule out for `under_review`, whatever the slot."""
    rules = ctx.draw_input.rules
    blocked = {under_review, *ctx.refused.get(under_review, ()), *ctx.reviewers_of.get(under_review, ())}
    blocked |= {b if a == under_review else a for a, b in ctx.excluded if under_review in (a, b)}
    if rules.no_mutual_review:
        blocked |= {u for r, u in ctx.reviews if r == under_review}
    blocked |= {r for r, reviewed in ctx.load.items()
                if len(reviewed) >= rules.max_reviews_per_reviewer and r not in ctx.reviewers_of.get(under_review, ())}
    return blocked
