"""Why a State may not fill a slot: the assignments held fixed around it and the exclusion reasons they give."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from treatyreview.mechanism.lots.inputs import (
    CANNOT_REVIEW_MESSAGES,
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
    """A `Reason` with its parameters in canonical (sorted) order."""
    return Reason(code=code, params=tuple(sorted(params.items())), message=message)


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
    """The context of a slot with the input's existing assignments and `fixed` held fixed."""
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


def instrument_reason(candidate: StateEntry, instrument: str) -> Reason | None:
    """Why `candidate` may not review for `instrument`: not party, or party but not designated for it."""
    name = INSTRUMENT_NAMES[instrument]
    if instrument not in candidate.parties:
        return exclusion_reason("not_party", f"not party to {name}", instrument=instrument)
    if not candidate.reviews_for(instrument):
        return exclusion_reason("not_designated", f"not designated to review for {name}", instrument=instrument)
    return None


def exclusion_reasons(ctx: Context, under_review: str, slot: str, instrument: str, code: str) -> list[Reason]:
    """Every reason `code` cannot review `under_review` for `instrument` in `slot`, other assignments fixed."""
    rules = ctx.draw_input.rules
    reviewed, candidate = ctx.index[under_review], ctx.index[code]
    reasons: list[Reason] = []
    if code == under_review:
        reasons.append(exclusion_reason("same_state", "same State"))
    if not candidate.can_review:
        detail = candidate.cannot_review_reason or ""
        message = f"cannot review ({CANNOT_REVIEW_MESSAGES.get(detail, detail)})"
        reasons.append(exclusion_reason("cannot_review", message, detail=detail))
    party = instrument_reason(candidate, instrument)
    if party:
        reasons.append(party)
    group = _group_reason(slot, reviewed, candidate)
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
            limit = rules.max_reviews_per_reviewer
            if load >= limit:
                reasons.append(exclusion_reason("load_limit", f"load limit reached ({load} of {limit})",
                                                load=load, limit=limit))
    return reasons


def statically_eligible(under_review: StateEntry, slot: str, instrument: str, candidate: StateEntry) -> bool:
    """The part of `exclusion_reasons` that depends only on the slot, the regional group and the instrument."""
    if not candidate.can_review or not candidate.reviews_for(instrument):
        return False
    own, other = under_review.group, candidate.group
    return not ((own is not None and other != own) if slot == SAME_GROUP else other == own)


def blocked_for(ctx: Context, under_review: str) -> set[str]:
    """The States the per-State rules of `exclusion_reasons` rule out for `under_review`, whatever the slot."""
    rules = ctx.draw_input.rules
    blocked = {under_review, *ctx.refused.get(under_review, ()), *ctx.reviewers_of.get(under_review, ())}
    blocked |= {b if a == under_review else a for a, b in ctx.excluded if under_review in (a, b)}
    if rules.no_mutual_review:
        blocked |= {reviewed for reviewer, reviewed in ctx.reviews if reviewer == under_review}
    blocked |= {reviewer for reviewer, reviewed in ctx.load.items()
                if len(reviewed) >= rules.max_reviews_per_reviewer
                and reviewer not in ctx.reviewers_of.get(under_review, ())}
    return blocked
