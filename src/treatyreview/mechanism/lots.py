"""The drawing of lots: year groups and reviewing States, exactly uniform and reproducible from a published seed.

Dataclasses in, dataclasses out, no I/O. The algorithm is specified in docs/draw-algorithm.md; anything
changed here that changes an outcome must bump ALGORITHM_VERSION and that document together.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from treatyreview.mechanism.lots_prng import LotsStream

__all__ = [
    "ALGORITHM_NAME",
    "ALGORITHM_VERSION",
    "DEFAULT_MAX_ATTEMPTS",
    "INSTRUMENTS",
    "INSTRUMENT_NAMES",
    "OTHER_GROUP",
    "RULE_FIELDS",
    "SAME_GROUP",
    "SLOTS",
    "Assignment",
    "Candidate",
    "DrawImpractical",
    "DrawInput",
    "DrawRecord",
    "ExistingAssignment",
    "Infeasibility",
    "InfeasibleDraw",
    "InputError",
    "LotsError",
    "Note",
    "Reason",
    "RedrawEntry",
    "RedrawRefused",
    "Rules",
    "SlotEligibility",
    "StateEntry",
    "Verification",
    "YearGroupRecord",
    "canonical_json",
    "check_assignments",
    "commit_input",
    "draw_reviewers",
    "draw_year_groups",
    "eligibility",
    "input_to_json",
    "parse_input",
    "record_eligibility",
    "record_from_json",
    "record_to_json",
    "redraw",
    "refused_by_state",
    "verify_record",
]

ALGORITHM_NAME = "treatyreview-lots"
ALGORITHM_VERSION = 1
RECORD_FORMAT = "treatyreview-draw-record"
_LABEL = f"{ALGORITHM_NAME}/v{ALGORITHM_VERSION}"

INSTRUMENTS = ("UNTOC", "TIP", "SOM", "FIREARMS")
CONVENTION = "UNTOC"
INSTRUMENT_NAMES = {
    "UNTOC": "the Convention",
    "TIP": "the Trafficking in Persons Protocol",
    "SOM": "the Smuggling of Migrants Protocol",
    "FIREARMS": "the Firearms Protocol",
}
SAME_GROUP = "same-group"
OTHER_GROUP = "other-group"
SLOTS = (SAME_GROUP, OTHER_GROUP)
_SLOT_NAMES = {SAME_GROUP: "same-group slot", OTHER_GROUP: "other-group slot"}

# Generous enough that a draw whose acceptance probability is above 1/10,000 fails with probability
# below e^-10; the verifier replays with the recorded count, so the budget never changes an outcome.
DEFAULT_MAX_ATTEMPTS = 100_000
# Proposals for one State under review before its own constraints (distinct slots, maximum number of
# reviewing States) are declared impractical; a feasible block is accepted with probability far above this.
_BLOCK_TRIES = 100_000
_SEARCH_NODES = 200_000
_YEAR_GROUP_ATTEMPTS = 1_000_000


# --------------------------------------------------------------------------------------------- errors


class LotsError(Exception):
    """Any refusal of the drawing of lots; the message is meant for the person running the draw."""


class InputError(LotsError):
    """The input is malformed; `path` names where, in JSON-path style (``states[3].parties[1]``)."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.detail = message
        super().__init__(f"{path}: {message}" if path else message)


@dataclass(frozen=True)
class Infeasibility:
    """Why a slot of a State under review cannot be filled: the constraint that empties its pool."""

    under_review: str
    slot: str
    instrument: str
    constraint: str
    message: str
    excluded: tuple[tuple[str, int], ...] = ()


class InfeasibleDraw(LotsError):
    """No assignment satisfies every rule; nothing is drawn."""

    def __init__(self, problems: Sequence[Infeasibility]) -> None:
        self.problems = tuple(problems)
        super().__init__("the draw is infeasible:\n" + "\n".join(f"- {p.message}" for p in self.problems))


class DrawImpractical(LotsError):
    """A valid assignment may exist but exact sampling by rejection needs more attempts than allowed."""


class RedrawRefused(LotsError):
    """A redraw request that the rules do not allow (limit reached, wrong requester, unknown reviewer)."""


# --------------------------------------------------------------------------------------------- input


@dataclass(frozen=True)
class Rules:
    """The numbers of the mechanism that govern the draw (defaults: the UNTOC procedures)."""

    same_group_reviewers: int = 1
    other_group_reviewers: int = 1
    max_reviewers_total: int = 4
    max_reviews_per_reviewer: int = 3
    max_redraws: int = 2
    no_mutual_review: bool = True
    # "conditional": the Convention reviewers are uniform over valid Convention assignments, then the
    # supplementary reviewers uniform over the valid completions; "joint": uniform over complete assignments.
    supplementary_draw: str = "conditional"

    def slots(self) -> tuple[str, ...]:
        """The slots every State under review has, in drawing order."""
        return tuple(s for s, n in ((SAME_GROUP, self.same_group_reviewers),
                                    (OTHER_GROUP, self.other_group_reviewers)) if n)


@dataclass(frozen=True)
class StateEntry:
    """A State (or REIO) as the draw sees it: its regional group (None for none), parties and availability."""

    code: str
    group: str | None
    parties: tuple[str, ...]
    can_review: bool = True
    cannot_review_reason: str | None = None


@dataclass(frozen=True)
class ExistingAssignment:
    """A reviewer assignment made earlier in the cycle, held fixed by this draw."""

    under_review: str
    reviewer: str
    instrument: str


@dataclass(frozen=True)
class DrawInput:
    """Everything a draw depends on besides the seed, in canonical order (see `parse_input`)."""

    rules: Rules
    states: tuple[StateEntry, ...]
    under_review: tuple[str, ...] = ()
    exclusions: tuple[tuple[str, str], ...] = ()
    existing: tuple[ExistingAssignment, ...] = ()

    def state(self, code: str) -> StateEntry:
        return _state_index(self)[code]


_INDEX_CACHE: dict[int, tuple[DrawInput, dict[str, StateEntry]]] = {}


def _state_index(draw_input: DrawInput) -> dict[str, StateEntry]:
    cached = _INDEX_CACHE.get(id(draw_input))
    if cached is not None and cached[0] is draw_input:
        return cached[1]
    index = {s.code: s for s in draw_input.states}
    if len(_INDEX_CACHE) > 64:
        _INDEX_CACHE.clear()
    _INDEX_CACHE[id(draw_input)] = (draw_input, index)
    return index


_RULE_FIELDS: dict[str, type] = {
    "same_group_reviewers": int, "other_group_reviewers": int, "max_reviewers_total": int,
    "max_reviews_per_reviewer": int, "max_redraws": int, "no_mutual_review": bool, "supplementary_draw": str,
}
# The rules a draw takes from the mechanism's rules record, in input order.
RULE_FIELDS = tuple(_RULE_FIELDS)
SUPPLEMENTARY_DRAWS = ("conditional", "joint")
_TOP_FIELDS = ("rules", "states", "under_review", "exclusions", "existing")


def _type_name(value: object) -> str:
    return {bool: "boolean", int: "integer", str: "string", list: "array", dict: "object",
            float: "number", type(None): "null"}.get(type(value), type(value).__name__)


def _expect(value: object, kind: type, path: str) -> Any:
    # bool is a subclass of int in Python, but `true` is not a number of reviewers.
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    expected = {int: "an integer", bool: "a boolean", str: "a string", list: "an array", dict: "an object"}[kind]
    raise InputError(path, f"expected {expected}, got {_type_name(value)}")


def _code(value: object, path: str) -> str:
    text = _expect(value, str, path)
    if not text or text != text.strip():
        raise InputError(path, f"invalid State code {text!r}")
    return str(text)


def parse_input(data: object, *, reviewers: bool = True) -> DrawInput:
    """Validate decoded JSON and return the canonical `DrawInput`; raise `InputError` naming the JSON path.

    With ``reviewers=False`` (year-group draws) only ``states`` (and optionally ``rules``) are required.
    """
    obj = _expect(data, dict, "$")
    for key in obj:
        if key not in _TOP_FIELDS:
            raise InputError(str(key), "unknown field")
    rules_obj = _expect(obj.get("rules", {}), dict, "rules")
    values: dict[str, Any] = {}
    for key, value in rules_obj.items():
        if key not in _RULE_FIELDS:
            raise InputError(f"rules.{key}", "unknown rule")
        values[key] = _expect(value, _RULE_FIELDS[key], f"rules.{key}")
    rules = Rules(**values)
    _check_rules(rules)

    if "states" not in obj:
        raise InputError("states", "missing field")
    states_list = _expect(obj["states"], list, "states")
    seen: dict[str, int] = {}
    states: list[StateEntry] = []
    for i, raw in enumerate(states_list):
        path = f"states[{i}]"
        entry = _expect(raw, dict, path)
        for key in entry:
            if key not in ("code", "group", "parties", "can_review", "cannot_review_reason"):
                raise InputError(f"{path}.{key}", "unknown field")
        for key in ("code", "group", "parties"):
            if key not in entry:
                raise InputError(f"{path}.{key}", "missing field")
        code = _code(entry["code"], f"{path}.code")
        if code in seen:
            raise InputError(f"{path}.code", f"'{code}' is listed twice (first at states[{seen[code]}])")
        seen[code] = i
        group = entry["group"]
        if group is not None:
            group = _expect(group, str, f"{path}.group")
            if not group.strip():
                raise InputError(f"{path}.group", "empty regional group (use null for none)")
        parties_raw = _expect(entry["parties"], list, f"{path}.parties")
        parties: set[str] = set()
        for j, inst in enumerate(parties_raw):
            inst = _expect(inst, str, f"{path}.parties[{j}]")
            if inst not in INSTRUMENTS:
                raise InputError(f"{path}.parties[{j}]", f"unknown instrument '{inst}'")
            if inst in parties:
                raise InputError(f"{path}.parties[{j}]", f"instrument '{inst}' is listed twice")
            parties.add(inst)
        can_review = _expect(entry.get("can_review", True), bool, f"{path}.can_review")
        reason = entry.get("cannot_review_reason")
        if reason is not None:
            reason = _expect(reason, str, f"{path}.cannot_review_reason")
        states.append(StateEntry(code=code, group=group, parties=tuple(x for x in INSTRUMENTS if x in parties),
                                 can_review=can_review, cannot_review_reason=reason))
    index = {s.code: s for s in states}

    under_review: list[str] = []
    if reviewers and "under_review" not in obj:
        raise InputError("under_review", "missing field")
    for i, raw in enumerate(_expect(obj.get("under_review", []), list, "under_review")):
        code = _code(raw, f"under_review[{i}]")
        if code not in index:
            raise InputError(f"under_review[{i}]", f"'{code}' is not in states")
        if code in under_review:
            raise InputError(f"under_review[{i}]", f"'{code}' is listed twice")
        if CONVENTION not in index[code].parties:
            raise InputError(f"under_review[{i}]", f"'{code}' is not party to UNTOC")
        under_review.append(code)
    reviewed = set(under_review)

    exclusions: set[tuple[str, str]] = set()
    for i, raw in enumerate(_expect(obj.get("exclusions", []), list, "exclusions")):
        pair = _expect(raw, list, f"exclusions[{i}]")
        if len(pair) != 2:
            raise InputError(f"exclusions[{i}]", "expected a pair of State codes")
        a, b = (_code(pair[k], f"exclusions[{i}][{k}]") for k in (0, 1))
        for k, c in enumerate((a, b)):
            if c not in index:
                raise InputError(f"exclusions[{i}][{k}]", f"'{c}' is not in states")
        if a == b:
            raise InputError(f"exclusions[{i}]", "a pair needs two different States")
        exclusions.add((min(a, b), max(a, b)))

    existing: set[ExistingAssignment] = set()
    for i, raw in enumerate(_expect(obj.get("existing", []), list, "existing")):
        path = f"existing[{i}]"
        entry = _expect(raw, dict, path)
        for key in entry:
            if key not in ("under_review", "reviewer", "instrument"):
                raise InputError(f"{path}.{key}", "unknown field")
        for key in ("under_review", "reviewer", "instrument"):
            if key not in entry:
                raise InputError(f"{path}.{key}", "missing field")
        ur = _code(entry["under_review"], f"{path}.under_review")
        rv = _code(entry["reviewer"], f"{path}.reviewer")
        inst = _expect(entry["instrument"], str, f"{path}.instrument")
        for key, c in (("under_review", ur), ("reviewer", rv)):
            if c not in index:
                raise InputError(f"{path}.{key}", f"'{c}' is not in states")
        if inst not in INSTRUMENTS:
            raise InputError(f"{path}.instrument", f"unknown instrument '{inst}'")
        if ur == rv:
            raise InputError(path, "a State cannot review itself")
        if ur in reviewed:
            raise InputError(f"{path}.under_review", f"'{ur}' is also in under_review; a State is drawn once per cycle")
        existing.add(ExistingAssignment(ur, rv, inst))

    return DrawInput(
        rules=rules,
        states=tuple(sorted(states, key=lambda s: s.code)),
        under_review=tuple(sorted(under_review)),
        exclusions=tuple(sorted(exclusions)),
        existing=tuple(sorted(existing, key=lambda e: (e.under_review, e.reviewer, INSTRUMENTS.index(e.instrument)))),
    )


def _check_rules(rules: Rules) -> None:
    for name in ("same_group_reviewers", "other_group_reviewers"):
        if getattr(rules, name) not in (0, 1):
            raise InputError(f"rules.{name}", "must be 0 or 1 in algorithm version 1")
    if not rules.slots():
        raise InputError("rules", "at least one of same_group_reviewers and other_group_reviewers must be 1")
    if rules.max_reviewers_total < len(rules.slots()):
        raise InputError("rules.max_reviewers_total", "must be at least the number of reviewers per instrument")
    if rules.max_reviews_per_reviewer < 1:
        raise InputError("rules.max_reviews_per_reviewer", "must be at least 1")
    if rules.max_redraws < 0:
        raise InputError("rules.max_redraws", "must not be negative")
    if rules.supplementary_draw not in SUPPLEMENTARY_DRAWS:
        raise InputError("rules.supplementary_draw", f"must be one of {', '.join(SUPPLEMENTARY_DRAWS)}")


def input_to_json(draw_input: DrawInput) -> dict[str, Any]:
    """The canonical JSON object of an input: every rule spelled out, lists in canonical order."""
    r = draw_input.rules
    return {
        "rules": {name: getattr(r, name) for name in _RULE_FIELDS},
        "states": [{"code": s.code, "group": s.group, "parties": list(s.parties), "can_review": s.can_review,
                    "cannot_review_reason": s.cannot_review_reason} for s in draw_input.states],
        "under_review": list(draw_input.under_review),
        "exclusions": [list(p) for p in draw_input.exclusions],
        "existing": [{"under_review": e.under_review, "reviewer": e.reviewer, "instrument": e.instrument}
                     for e in draw_input.existing],
    }


def canonical_json(value: object) -> bytes:
    """UTF-8 JSON with sorted keys and no insignificant whitespace (RFC 8785 for the values used here)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def commit_input(draw_input: DrawInput) -> str:
    """The SHA-256 (hex) of the canonical input: publish it before the seed is known."""
    return hashlib.sha256(canonical_json(input_to_json(draw_input))).hexdigest()


# --------------------------------------------------------------------------------------------- outputs


@dataclass(frozen=True)
class Assignment:
    """One State under review, one instrument, one slot: who reviews it (supplementary when not the slot's
    Convention reviewer)."""

    under_review: str
    instrument: str
    reviewer: str
    slot: str
    supplementary: bool = False


@dataclass(frozen=True)
class Note:
    """Something the record must say about a State under review (e.g. it has no regional group)."""

    under_review: str
    code: str
    message: str


@dataclass(frozen=True)
class RedrawEntry:
    """One granted redraw: who asked or declined, when, with which seed, and what it replaced."""

    under_review: str
    slot: str
    kind: str  # "requested" by the State under review, or "declined" by the drawn reviewer
    by: str
    refused: str
    at: str
    seed: str
    previous_record_sha256: str
    attempts: int
    replaced: tuple[Assignment, ...]
    replacement: tuple[Assignment, ...]


@dataclass(frozen=True)
class DrawRecord:
    """The published outcome of a draw of reviewing States and of the redraws made on it."""

    draw_input: DrawInput
    input_sha256: str
    seed: str
    attempts: int
    assignments: tuple[Assignment, ...]
    notes: tuple[Note, ...] = ()
    completion_attempts: int = 0
    redraws: tuple[RedrawEntry, ...] = ()
    record_sha256: str = ""


@dataclass(frozen=True)
class YearGroupRecord:
    """The published outcome of splitting States parties into year groups by lot."""

    draw_input: DrawInput
    input_sha256: str
    seed: str
    groups: int
    attempts: int
    year_groups: tuple[tuple[str, ...], ...]
    record_sha256: str = ""


@dataclass(frozen=True)
class Reason:
    """Why a candidate is excluded: a stable code, its parameters, and an English message (for translation,
    render the code with the parameters)."""

    code: str
    params: tuple[tuple[str, str | int], ...] = ()
    message: str = ""

    def param(self, name: str) -> str | int:
        return dict(self.params)[name]


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


@dataclass(frozen=True)
class Verification:
    """The result of verifying a record: ok, or the reasons it fails."""

    ok: bool
    problems: tuple[str, ...] = ()


# --------------------------------------------------------------------------------------------- reasons


def _reason(code: str, message: str, **params: str | int) -> Reason:
    return Reason(code=code, params=tuple(sorted(params.items())), message=message)


def _cannot_review_message(state: StateEntry) -> str:
    detail = state.cannot_review_reason or "no governmental experts listed / opted out"
    return f"cannot review ({detail})"


@dataclass
class _Context:
    """The assignments held fixed around a slot: loads, who reviews whom, refused reviewers."""

    draw_input: DrawInput
    index: dict[str, StateEntry]
    load: dict[str, set[str]]  # reviewer -> States under review it reviews (existing and fixed)
    reviews: set[tuple[str, str]]  # (reviewer, under_review)
    reviewers_of: dict[str, set[str]]
    refused: Mapping[str, frozenset[str]]
    excluded: frozenset[tuple[str, str]]


def _context(draw_input: DrawInput, fixed: Sequence[Assignment] | Sequence[ExistingAssignment] = (),
             refused: Mapping[str, frozenset[str]] | None = None) -> _Context:
    load: dict[str, set[str]] = {}
    reviews: set[tuple[str, str]] = set()
    reviewers_of: dict[str, set[str]] = {}
    for a in (*draw_input.existing, *fixed):
        load.setdefault(a.reviewer, set()).add(a.under_review)
        reviews.add((a.reviewer, a.under_review))
        reviewers_of.setdefault(a.under_review, set()).add(a.reviewer)
    return _Context(draw_input, _state_index(draw_input), load, reviews, reviewers_of, refused or {},
                    frozenset(draw_input.exclusions))


def _group_reason(slot: str, subject: StateEntry, cand: StateEntry) -> Reason | None:
    if slot == SAME_GROUP:
        if subject.group is not None and cand.group != subject.group:
            return _reason("not_same_group", "not in the same regional group")
    elif subject.group is None:
        if cand.group is None:
            return _reason("no_regional_group", "has no regional group either")
    elif cand.group == subject.group:
        return _reason("same_group", "same regional group")
    return None


def _pick_reasons(ctx: _Context, subject: str, slot: str, instrument: str, code: str) -> list[Reason]:
    """Every reason `code` cannot review `subject` for `instrument` in `slot`, other assignments fixed."""
    rules = ctx.draw_input.rules
    s, c = ctx.index[subject], ctx.index[code]
    reasons: list[Reason] = []
    if code == subject:
        reasons.append(_reason("same_state", "same State"))
    if not c.can_review:
        reasons.append(_reason("cannot_review", _cannot_review_message(c), detail=c.cannot_review_reason or ""))
    if instrument not in c.parties:
        reasons.append(_reason("not_party", f"not party to {INSTRUMENT_NAMES[instrument]}", instrument=instrument))
    group = _group_reason(slot, s, c)
    if group:
        reasons.append(group)
    if (min(code, subject), max(code, subject)) in ctx.excluded:
        reasons.append(_reason("excluded_pair", "excluded pair"))
    if code in ctx.refused.get(subject, frozenset()):
        reasons.append(_reason("refused", f"refused in an earlier redraw for {subject}"))
    if code != subject:
        if rules.no_mutual_review and (subject, code) in ctx.reviews:
            reasons.append(_reason("mutual", f"would be mutual with {subject} reviewing {code}",
                                   reviewer=subject, under_review=code))
        if code in ctx.reviewers_of.get(subject, set()):
            reasons.append(_reason("already_reviewing", f"already reviews {subject} in another slot"))
        else:
            load = len(ctx.load.get(code, set()))
            if load >= rules.max_reviews_per_reviewer:
                reasons.append(_reason("load_limit", f"load limit reached ({load} of {rules.max_reviews_per_reviewer})",
                                       load=load, limit=rules.max_reviews_per_reviewer))
    return reasons


def _static_ok(ctx: _Context, s: StateEntry, slot: str, instrument: str, c: StateEntry) -> bool:
    if not c.can_review or instrument not in c.parties:
        return False
    return not ((s.group is not None and c.group != s.group) if slot == SAME_GROUP else c.group == s.group)


def _blocked(ctx: _Context, subject: str) -> set[str]:
    """The States the per-State rules of `_pick_ok` rule out for `subject`, whatever the slot."""
    rules = ctx.draw_input.rules
    blocked = {subject, *ctx.refused.get(subject, ()), *ctx.reviewers_of.get(subject, ())}
    blocked |= {b if a == subject else a for a, b in ctx.excluded if subject in (a, b)}
    if rules.no_mutual_review:
        blocked |= {u for r, u in ctx.reviews if r == subject}
    blocked |= {r for r, subjects in ctx.load.items()
                if len(subjects) >= rules.max_reviews_per_reviewer and r not in ctx.reviewers_of.get(subject, ())}
    return blocked


def _pick_ok(ctx: _Context, subject: str, slot: str, instrument: str, code: str) -> bool:
    """Fast form of ``not _pick_reasons(...)`` for building pools; the two are tested to agree."""
    if code == subject:
        return False
    c = ctx.index[code]
    if not c.can_review or instrument not in c.parties:
        return False
    own, other = ctx.index[subject].group, c.group
    if (own is not None and other != own) if slot == SAME_GROUP else other == own:
        return False
    if (min(code, subject), max(code, subject)) in ctx.excluded:
        return False
    if code in ctx.refused.get(subject, frozenset()):
        return False
    if ctx.draw_input.rules.no_mutual_review and (subject, code) in ctx.reviews:
        return False
    if code in ctx.reviewers_of.get(subject, set()):
        return False
    return len(ctx.load.get(code, ())) < ctx.draw_input.rules.max_reviews_per_reviewer


# --------------------------------------------------------------------------------------------- slot pools


@dataclass(frozen=True)
class _Pattern:
    """Which of the lacking Protocols share one supplementary reviewer, and the ways to choose them."""

    blocks: tuple[tuple[str, ...], ...]  # Protocols reviewed by the same supplementary reviewer
    choices: tuple[tuple[str, ...], ...]  # the candidates for each block, in code order
    count: int  # ways to choose one candidate per block, all different


@dataclass
class _Slot:
    """The locally valid choices of one slot of one State under review, counted exactly, prepared once."""

    subject: str
    slot: str
    instruments: tuple[str, ...]  # the instruments of the State under review, the Convention first
    pools: dict[str, tuple[str, ...]]
    conv: tuple[str, ...] = ()  # Convention candidates with at least one completion
    lacking: dict[str, tuple[str, ...]] = field(default_factory=dict)
    patterns: dict[tuple[str, ...], dict[int, tuple[_Pattern, ...]]] = field(default_factory=dict)
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

    def fewest(self, conv: str) -> int:
        """The fewest supplementary reviewers `conv` needs (one State may cover several Protocols)."""
        return min(self.patterns[self.lacking[conv]])


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
              members: dict[str, frozenset[str]]) -> dict[int, tuple[_Pattern, ...]]:
    by_k: dict[int, list[_Pattern]] = {}
    for part in _set_partitions(len(lacking)):
        blocks = tuple(tuple(lacking[i] for i in block) for block in part)
        sets = [frozenset.intersection(*(members[p] for p in block)) for block in blocks]
        count = _injective(sets) if blocks else 1
        if count:
            choices = tuple(tuple(c for c in pools[block[0]] if c in members) for block, members in zip(blocks, sets,
                                                                                                      strict=True))
            by_k.setdefault(len(blocks), []).append(_Pattern(blocks, choices, count))
    return {k: tuple(v) for k, v in by_k.items()}


def _slot_plan(ctx: _Context, subject: str, slot: str, candidates: Sequence[str],
               cache: dict[tuple[str, str | None, str], tuple[str, ...]] | None = None) -> _Slot:
    s = ctx.index[subject]
    instruments = s.parties
    cache = {} if cache is None else cache
    pools = {}
    blocked = _blocked(ctx, subject)
    for inst in instruments:
        key = (slot, s.group, inst)
        if key not in cache:
            # What depends only on the slot, the regional group and the instrument, shared by every
            # State under review of that group; _pick_ok then repeats it with the per-State rules.
            cache[key] = tuple(c for c in candidates if _static_ok(ctx, s, slot, inst, ctx.index[c]))
        pools[inst] = tuple(c for c in cache[key] if c not in blocked)
    plan = _Slot(subject, slot, instruments, pools)
    columns: list[tuple[list[str], list[int]]] = [([], []) for _ in instruments]
    members = {inst: frozenset(pool) for inst, pool in pools.items()}
    conv: list[str] = []
    for code in pools[CONVENTION]:
        parties = ctx.index[code].parties
        lacking = tuple(p for p in instruments[1:] if p not in parties)
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
        conv.append(code)
        plan.lacking[code] = lacking
        # Weight of a Convention reviewer for k supplementary reviewers = the number of ways to complete the
        # slot with exactly k of them, so that every complete slot is equally likely.
        for k, found in patterns.items():
            codes, cumulative = columns[k]
            codes.append(code)
            cumulative.append((cumulative[-1] if cumulative else 0) + sum(p.count for p in found))
    plan.conv = tuple(conv)
    fewest: list[list[str]] = [[] for _ in instruments]
    for c in conv:
        fewest[min(plan.patterns[plan.lacking[c]])].append(c)
    plan.by_fewest = [tuple(f) for f in fewest]
    plan.by_k = [(tuple(codes), cumulative, cumulative[-1] if cumulative else 0) for codes, cumulative in columns]
    return plan


_PATTERN_CACHE: dict[tuple[Any, ...], dict[int, tuple[_Pattern, ...]]] = {}


def _choose(stream: LotsStream, cumulative: Sequence[int], total: int) -> int:
    return bisect_right(cumulative, stream.below(total))


def _sample_slot(stream: LotsStream, plan: _Slot, k: int) -> dict[str, str]:
    """A slot with exactly k distinct supplementary reviewers, uniform among such slots."""
    codes, cumulative, total = plan.by_k[k]
    return _sample_completion(stream, plan, codes[_choose(stream, cumulative, total)], k)


def _completions(plan: _Slot, conv: str, k: int) -> int:
    """Ways to complete a slot whose Convention reviewer is `conv` with exactly k supplementary reviewers."""
    return sum(p.count for p in plan.patterns[plan.lacking[conv]].get(k, ()))


def _sample_completion(stream: LotsStream, plan: _Slot, conv: str, k: int) -> dict[str, str]:
    """The supplementary reviewers of a slot, exactly k distinct ones, uniform among such completions."""
    patterns = plan.patterns[plan.lacking[conv]][k]
    running: list[int] = []
    for p in patterns:
        running.append((running[-1] if running else 0) + p.count)
    pattern = patterns[_choose(stream, running, running[-1])]
    while True:
        # Uniform per block, again when two blocks coincide: uniform over the injective choices.
        values = [choices[stream.below(len(choices))] for choices in pattern.choices]
        if len(set(values)) == len(values):
            break
    picks = {CONVENTION: conv}
    chosen = {p: v for block, v in zip(pattern.blocks, values, strict=True) for p in block}
    for inst in plan.instruments[1:]:
        picks[inst] = chosen.get(inst, conv)
    return picks


def _slot_infeasibility(ctx: _Context, plan: _Slot, candidates: Sequence[str],
                        instrument: str | None = None) -> Infeasibility:
    """Name the instrument whose pool is empty and the constraint that empties it."""
    instrument = instrument or next((i for i in plan.instruments if not plan.pools[i]), CONVENTION)
    counts: Counter[str] = Counter()
    sole: Counter[str] = Counter()
    messages: dict[str, str] = {}
    for c in candidates:
        reasons = _pick_reasons(ctx, plan.subject, plan.slot, instrument, c)
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
        message = (f"{plan.subject}, {_SLOT_NAMES[plan.slot]}, {INSTRUMENT_NAMES[instrument]}: no eligible "
                   f"reviewer; the pool is emptied by '{messages.get(constraint, constraint)}' ({detail})")
    else:  # pragma: no cover - every empty slot has an empty pool
        message = f"{plan.subject}, {_SLOT_NAMES[plan.slot]}: no eligible reviewer"
    return Infeasibility(plan.subject, plan.slot, instrument, constraint, message,
                         tuple(sorted(counts.items())))


# --------------------------------------------------------------------------------------------- the draw


@dataclass
class _Block:
    """One State under review: its slots and the exact weights of their supplementary-count profiles."""

    subject: str
    slots: tuple[_Slot, ...]
    profiles: tuple[tuple[int, ...], ...] = ()
    cumulative: list[int] = field(default_factory=list)
    total: int = 0
    allowed: int = 0
    # Conditional draw: profiles of the fewest supplementary reviewers each Convention reviewer needs.
    conv_profiles: tuple[tuple[int, ...], ...] = ()
    conv_cumulative: list[int] = field(default_factory=list)
    conv_total: int = 0


def _block(subject: str, slots: Sequence[_Slot], allowed: int) -> _Block:
    """Profiles (k per slot) with at most `allowed` supplementary reviewers in all, weighted by their counts."""
    block = _Block(subject, tuple(slots), allowed=allowed)
    conv_profiles = []
    for fs in itertools.product(range(len(INSTRUMENTS)), repeat=len(slots)):
        weight = 1
        for slot, f in zip(slots, fs, strict=True):
            weight *= len(slot.by_fewest[f]) if f < len(slot.by_fewest) else 0
        if sum(fs) <= allowed and weight:
            conv_profiles.append(fs)
            block.conv_total += weight
            block.conv_cumulative.append(block.conv_total)
    block.conv_profiles = tuple(conv_profiles)
    profiles = []
    for ks in itertools.product(range(len(INSTRUMENTS)), repeat=len(slots)):
        if sum(ks) > allowed:
            continue
        weight = 1
        for slot, k in zip(slots, ks, strict=True):
            weight *= slot.weights[k] if k < len(slot.weights) else 0
        if weight:
            profiles.append(ks)
            block.total += weight
            block.cumulative.append(block.total)
    block.profiles = tuple(profiles)
    return block


@dataclass
class _Plan:
    draw_input: DrawInput
    index: dict[str, StateEntry]
    blocks: tuple[_Block, ...]
    base_load: dict[str, int]


def _plan(draw_input: DrawInput) -> _Plan:
    ctx = _context(draw_input)
    codes = [s.code for s in draw_input.states]
    problems: list[Infeasibility] = []
    blocks: list[_Block] = []
    rules = draw_input.rules
    cache: dict[tuple[str, str | None, str], tuple[str, ...]] = {}
    for subject in draw_input.under_review:
        slots = []
        for slot in rules.slots():
            plan = _slot_plan(ctx, subject, slot, codes, cache)
            if plan.total == 0:
                problems.append(_slot_infeasibility(ctx, plan, codes))
            slots.append(plan)
        block = _block(subject, slots, rules.max_reviewers_total - len(slots))
        if block.total == 0 and all(p.total for p in slots):
            problems.append(_limit_infeasibility(subject, "", rules.max_reviewers_total))
        blocks.append(block)
    if problems:
        raise InfeasibleDraw(problems)
    return _Plan(draw_input, ctx.index, tuple(blocks), {k: len(v) for k, v in ctx.load.items()})


def _limit_infeasibility(subject: str, slot: str, limit: int) -> Infeasibility:
    where = f", {_SLOT_NAMES[slot]}" if slot else ""
    return Infeasibility(subject, slot, CONVENTION, "max_reviewers",
                         f"{subject}{where}: every combination of Convention and supplementary reviewers needs more "
                         f"than {limit} reviewing States")


def _sample_block(stream: LotsStream, block: _Block, others: frozenset[str] = frozenset()
                  ) -> tuple[list[dict[str, str]], set[str]]:
    for _ in range(_BLOCK_TRIES):
        ks = block.profiles[_choose(stream, block.cumulative, block.total)]
        picks = [_sample_slot(stream, slot, k) for slot, k in zip(block.slots, ks, strict=True)]
        # Slots can share a State only for a State under review with no regional group: draw it again.
        seen = set(others)
        for slot_picks in picks:
            chosen = set(slot_picks.values())
            if chosen & seen:
                break
            seen |= chosen
        else:
            return picks, seen - others
    raise DrawImpractical(f"{block.subject}: no proposal with distinct reviewers in its slots was accepted in "
                          f"{_BLOCK_TRIES} tries; exact sampling is impractical for this input")


def _sample(plan: _Plan, stream: LotsStream, max_attempts: int
            ) -> tuple[dict[str, list[dict[str, str]]], int, Counter[str]]:
    rules = plan.draw_input.rules
    cap, mutual = rules.max_reviews_per_reviewer, rules.no_mutual_review
    causes: Counter[str] = Counter()
    for attempt in range(1, max_attempts + 1):
        load = dict(plan.base_load)
        drawn: dict[str, set[str]] = {}
        result: dict[str, list[dict[str, str]]] = {}
        for block in plan.blocks:
            picks, reviewers = _sample_block(stream, block)
            cause = None
            for r in sorted(reviewers):
                if load.get(r, 0) >= cap:
                    cause = f"load limit of {cap} reviews for {r}"
                    break
                if mutual and block.subject in drawn.get(r, ()):
                    cause = f"no mutual review between {min(r, block.subject)} and {max(r, block.subject)}"
                    break
            if cause:
                # Rejecting the whole attempt (never just this State) is what keeps the outcome uniform.
                causes[cause] += 1
                break
            for r in reviewers:
                load[r] = load.get(r, 0) + 1
            drawn[block.subject] = reviewers
            result[block.subject] = picks
        else:
            return result, attempt, causes
    raise DrawImpractical(_impractical_message(max_attempts, causes))


def _admit(subject: str, reviewers: set[str], load: dict[str, int], drawn: dict[str, set[str]], cap: int,
           mutual: bool) -> str | None:
    """Add a State's reviewers to the running loads, or name the rule they break (nothing is added then)."""
    mine = drawn.setdefault(subject, set())
    new = sorted(reviewers - mine)
    for r in new:
        if load.get(r, 0) >= cap:
            return f"load limit of {cap} reviews for {r}"
        if mutual and subject in drawn.get(r, ()):
            return f"no mutual review between {min(r, subject)} and {max(r, subject)}"
    for r in new:
        load[r] = load.get(r, 0) + 1
        mine.add(r)
    return None


def _sample_conv(stream: LotsStream, block: _Block) -> list[str]:
    """Convention reviewers of one State, uniform among pairs whose supplementary needs fit the limit."""
    for _ in range(_BLOCK_TRIES):
        fs = block.conv_profiles[_choose(stream, block.conv_cumulative, block.conv_total)]
        convs = [slot.by_fewest[f][stream.below(len(slot.by_fewest[f]))] for slot, f in zip(block.slots, fs,
                                                                                           strict=True)]
        if len(set(convs)) == len(convs):  # only a State with no regional group can draw one State twice
            return convs
    raise DrawImpractical(f"{block.subject}: no pair of distinct Convention reviewers in {_BLOCK_TRIES} tries")


def _completion_profiles(block: _Block, convs: Sequence[str]) -> tuple[list[tuple[int, ...]], list[int]]:
    """Profiles (k per slot) of the completions of a State's Convention reviewers, weighted by their counts."""
    profiles: list[tuple[int, ...]] = []
    cumulative: list[int] = []
    for ks in itertools.product(range(len(INSTRUMENTS)), repeat=len(block.slots)):
        weight = 1
        for slot, conv, k in zip(block.slots, convs, ks, strict=True):
            weight *= _completions(slot, conv, k)
        if sum(ks) <= block.allowed and weight:
            profiles.append(ks)
            cumulative.append((cumulative[-1] if cumulative else 0) + weight)
    return profiles, cumulative


def _sample_block_completion(stream: LotsStream, block: _Block, convs: Sequence[str],
                             profiles: list[tuple[int, ...]], cumulative: list[int]) -> list[dict[str, str]]:
    """Supplementary reviewers of one State given its Convention reviewers, uniform over valid completions."""
    for _ in range(_BLOCK_TRIES):
        ks = profiles[_choose(stream, cumulative, cumulative[-1])]
        picks = [_sample_completion(stream, slot, conv, k) for slot, conv, k in zip(block.slots, convs, ks,
                                                                                   strict=True)]
        sets = [set(p.values()) for p in picks]
        if sum(len(x) for x in sets) == len(set().union(*sets)):
            return picks
    raise DrawImpractical(f"{block.subject}: no completion with distinct slots in {_BLOCK_TRIES} tries")


def _sample_conditional(plan: _Plan, stream: LotsStream, max_attempts: int
                        ) -> tuple[dict[str, list[dict[str, str]]], int, int, Counter[str]]:
    """Convention reviewers uniform over valid Convention assignments that can be completed, then the
    supplementary reviewers uniform over the valid completions: both stages by whole-stage rejection."""
    rules = plan.draw_input.rules
    cap, mutual = rules.max_reviews_per_reviewer, rules.no_mutual_review
    causes: Counter[str] = Counter()
    for attempt in range(1, max_attempts + 1):
        load = dict(plan.base_load)
        drawn: dict[str, set[str]] = {}
        convs: dict[str, list[str]] = {}
        cause = None
        for block in plan.blocks:
            picks = _sample_conv(stream, block)
            cause = _admit(block.subject, set(picks), load, drawn, cap, mutual)
            if cause:
                break
            convs[block.subject] = picks
        if cause:
            causes[cause] += 1
            continue
        # Accept the Convention assignment only if some supplementary draw completes it: that is what
        # makes it uniform over the Convention assignments that belong to a valid assignment.
        if _completion_search(plan, convs, load, drawn, _SEARCH_NODES) == "none":
            causes["no valid supplementary draw for the Convention reviewers drawn"] += 1
            continue
        weights = {b.subject: _completion_profiles(b, convs[b.subject]) for b in plan.blocks}
        for completion in range(1, max_attempts + 1):
            stage_load = dict(load)
            stage_drawn = {k: set(v) for k, v in drawn.items()}
            result: dict[str, list[dict[str, str]]] = {}
            for block in plan.blocks:
                completed = _sample_block_completion(stream, block, convs[block.subject], *weights[block.subject])
                reviewers = set().union(*(set(p.values()) for p in completed))
                cause = _admit(block.subject, reviewers, stage_load, stage_drawn, cap, mutual)
                if cause:
                    causes[f"supplementary draw: {cause}"] += 1
                    break
                result[block.subject] = completed
            else:
                return result, attempt, completion, causes
        raise DrawImpractical(_impractical_message(max_attempts, causes))
    raise DrawImpractical(_impractical_message(max_attempts, causes))


def _completion_search(plan: _Plan, convs: dict[str, list[str]], load0: dict[str, int],
                       drawn0: dict[str, set[str]], budget: int) -> str:
    """Whether the Convention reviewers drawn admit any valid supplementary draw: found, none or unknown."""
    rules = plan.draw_input.rules
    cap, limit, mutual = rules.max_reviews_per_reviewer, rules.max_reviewers_total, rules.no_mutual_review
    load: Counter[str] = Counter(load0)
    drawn = {k: set(v) for k, v in drawn0.items()}
    nodes = 0

    def choices(block: _Block, j: int, sets: list[set[str]]) -> Iterator[list[set[str]]]:
        nonlocal nodes
        if j == len(block.slots):
            yield sets
            return
        slot, conv = block.slots[j], convs[block.subject][j]
        others = set().union(*(x for i, x in enumerate(sets) if i != j))

        def ok(c: str, seen: set[str]) -> bool:
            return c in seen or (load[c] < cap and not (mutual and block.subject in drawn.get(c, ())))

        for supp in _supp_choices(slot, conv, others, ok, limit - len(others | {conv})):
            nodes += 1
            if nodes > budget:
                return
            new = [*sets[:j], sets[j] | set(supp), *sets[j + 1:]]
            if len(set().union(*new)) <= limit:
                yield from choices(block, j + 1, new)

    def go(i: int) -> bool:
        if i == len(plan.blocks):
            return True
        block = plan.blocks[i]
        for sets in choices(block, 0, [{c} for c in convs[block.subject]]):
            added = set().union(*sets) - set(convs[block.subject])
            for r in added:
                load[r] += 1
            drawn[block.subject] |= added
            if go(i + 1):
                return True
            drawn[block.subject] -= added
            for r in added:
                load[r] -= 1
            if nodes > budget:
                return False
        return False

    if go(0):
        return "found"
    return "unknown" if nodes > budget else "none"


def _impractical_message(attempts: int, causes: Counter[str]) -> str:
    top = "; ".join(f"{cause} ({n} rejections)" for cause, n in causes.most_common(3))
    return (f"no draw was accepted in {attempts} attempts: exact uniform sampling by rejection is impractical "
            f"for this input. The constraints that reject most attempts: {top}. Draw in smaller groups "
            f"(e.g. by year group) or review the load limit.")


def _search(plan: _Plan, node_budget: int) -> tuple[str, str | None]:
    """Depth-first search for any valid assignment: ("found"|"none"|"unknown", deepest failing State)."""
    rules = plan.draw_input.rules
    cap, limit, mutual = rules.max_reviews_per_reviewer, rules.max_reviewers_total, rules.no_mutual_review
    load = Counter(plan.base_load)
    drawn: dict[str, set[str]] = {}
    nodes = 0
    deepest = -1

    def ok(subject: str, code: str, block_seen: set[str]) -> bool:
        if code in block_seen:
            return True
        if load[code] >= cap:
            return False
        return not (mutual and subject in drawn.get(code, ()))

    def slot_choices(block: _Block, k: int, seen: set[str]) -> Iterator[set[str]]:
        nonlocal nodes
        if k == len(block.slots):
            yield set()
            return
        slot = block.slots[k]
        for conv in sorted(slot.conv, key=lambda c: (load[c], len(slot.lacking[c]), c)):
            nodes += 1
            if nodes > node_budget:
                return
            if conv in seen or not ok(block.subject, conv, seen):
                continue
            for supp in _supp_choices(slot, conv, seen, lambda c, sn: ok(block.subject, c, sn),
                                      limit - len(seen) - 1):
                chosen = {conv, *supp}
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
            drawn[block.subject] = reviewers
            if go(i + 1):
                return True
            del drawn[block.subject]
            for r in reviewers:
                load[r] -= 1
            if nodes > node_budget:
                return False
        return False

    found = go(0)
    if found:
        return "found", None
    return ("unknown" if nodes > node_budget else "none"), plan.blocks[max(deepest, 0)].subject


def _supp_choices(slot: _Slot, conv: str, seen: set[str], ok: Any,
                  room: int = len(INSTRUMENTS)) -> Iterator[tuple[str, ...]]:
    """Supplementary reviewers for a slot (searches only): at most `room` distinct ones, none in `seen`."""
    lacking = slot.lacking[conv]

    def rec(k: int, chosen: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        if k == len(lacking):
            yield chosen
            return
        pool = slot.pools[lacking[k]]
        # Reusing a State already chosen costs no room, so try those first; the order only affects speed.
        reuse = [c for c in dict.fromkeys(chosen) if c in pool]
        fresh = [c for c in pool if c not in chosen] if len(set(chosen)) < room else []
        for c in (*reuse, *fresh):
            if c in seen or not ok(c, seen | {conv, *chosen}):
                continue
            yield from rec(k + 1, (*chosen, c))

    yield from rec(0, ())


def _assignments_of(subject: str, slot: str, picks: dict[str, str]) -> list[Assignment]:
    conv = picks[CONVENTION]
    return [Assignment(subject, inst, rev, slot, supplementary=rev != conv) for inst, rev in picks.items()]


def _sort_assignments(items: Sequence[Assignment]) -> tuple[Assignment, ...]:
    return tuple(sorted(items, key=lambda a: (a.under_review, SLOTS.index(a.slot), INSTRUMENTS.index(a.instrument))))


def _notes(draw_input: DrawInput) -> tuple[Note, ...]:
    index = _state_index(draw_input)
    return tuple(Note(s, "no_regional_group", f"{s} has no regional group: its same-group slot is filled from "
                      f"any group") for s in draw_input.under_review
                 if index[s].group is None and SAME_GROUP in draw_input.rules.slots())


def draw_reviewers(draw_input: DrawInput, seed: str, *, max_attempts: int = DEFAULT_MAX_ATTEMPTS) -> DrawRecord:
    """Draw the reviewing States of every State under review, uniformly over all valid assignments.

    Raises InfeasibleDraw when no valid assignment exists, DrawImpractical when the attempt budget runs out.
    """
    plan = _plan(draw_input)
    # A bounded search first, so that an infeasible input is reported as such instead of exhausting the
    # attempt budget; it does not touch the random stream.
    status, subject = _search(plan, _SEARCH_NODES)
    if status == "none":
        raise InfeasibleDraw([_global_infeasibility(draw_input, subject or "")])
    digest = commit_input(draw_input)
    stream = LotsStream(seed=seed, commitment=bytes.fromhex(digest), label=f"{_LABEL}/reviewers")
    completion_attempts = 0
    try:
        if draw_input.rules.supplementary_draw == "joint":
            result, attempts, _ = _sample(plan, stream, max_attempts)
        else:
            result, attempts, completion_attempts, _ = _sample_conditional(plan, stream, max_attempts)
    except DrawImpractical as error:
        if status == "unknown":
            raise DrawImpractical(f"{error} (a bounded search of {_SEARCH_NODES} steps found no valid "
                                  "assignment either; the input may be infeasible)") from None
        raise
    assignments: list[Assignment] = []
    for block in plan.blocks:
        for slot, picks in zip(block.slots, result[block.subject], strict=True):
            assignments.extend(_assignments_of(block.subject, slot.slot, picks))
    record = DrawRecord(draw_input=draw_input, input_sha256=digest, seed=seed, attempts=attempts,
                        completion_attempts=completion_attempts, assignments=_sort_assignments(assignments),
                        notes=_notes(draw_input))
    return _seal(record)


def _global_infeasibility(draw_input: DrawInput, subject: str) -> Infeasibility:
    rules = draw_input.rules
    message = (f"no assignment satisfies every rule at once: however the States before it are drawn, {subject} "
               f"cannot get its reviewers (load limit of {rules.max_reviews_per_reviewer} reviews per reviewer"
               f"{', no mutual reviews' if rules.no_mutual_review else ''}, at most {rules.max_reviewers_total} "
               "reviewing States)")
    return Infeasibility(subject, "", CONVENTION, "combined", message)


# --------------------------------------------------------------------------------------------- eligibility


def eligibility(draw_input: DrawInput, *, assignments: Sequence[Assignment] = (),
                refused: Mapping[str, frozenset[str]] | None = None,
                under_review: Sequence[str] | None = None) -> tuple[SlotEligibility, ...]:
    """For each State under review, slot and instrument, every State with its exclusion reasons.

    With `assignments` (a record's), each slot is explained with every other assignment held fixed: the
    table a redraw draws from. Convention rows also exclude reviewers whose supplementary draws cannot be
    completed.
    """
    subjects = draw_input.under_review if under_review is None else tuple(under_review)
    codes = [s.code for s in draw_input.states]
    tables: list[SlotEligibility] = []
    for subject in subjects:
        for slot in draw_input.rules.slots():
            fixed = [a for a in assignments if not (a.under_review == subject and a.slot == slot)]
            ctx = _context(draw_input, fixed, refused)
            plan = _slot_plan(ctx, subject, slot, codes)
            others = len({a.reviewer for a in fixed if a.under_review == subject})
            for inst in plan.instruments:
                cands: list[Candidate] = []
                for c in codes:
                    reasons = _pick_reasons(ctx, subject, slot, inst, c)
                    if inst == CONVENTION and not reasons:
                        lacking = [p for p in plan.instruments[1:] if p not in ctx.index[c].parties]
                        reasons += [_reason("no_supplementary", f"no eligible reviewer party to "
                                            f"{INSTRUMENT_NAMES[p]} for the supplementary draw", instrument=p)
                                    for p in lacking if not plan.pools[p]]
                        needed = others + 1 + plan.fewest(c) if c in plan.lacking else 0
                        if not reasons and needed > draw_input.rules.max_reviewers_total:
                            reasons.append(_reason("max_reviewers", f"would need {needed} reviewing States (the "
                                                   f"limit is {draw_input.rules.max_reviewers_total})",
                                                   needed=needed, limit=draw_input.rules.max_reviewers_total))
                    cands.append(Candidate(c, tuple(reasons)))
                tables.append(SlotEligibility(subject, slot, inst, tuple(cands)))
    return tuple(tables)


# --------------------------------------------------------------------------------------------- rule check


def refused_by_state(redraws: Sequence[RedrawEntry]) -> dict[str, frozenset[str]]:
    """The States refused for each State under review by the redraws so far."""
    refused: dict[str, set[str]] = {}
    for r in redraws:
        refused.setdefault(r.under_review, set()).add(r.refused)
    return {k: frozenset(v) for k, v in refused.items()}


def check_assignments(draw_input: DrawInput, assignments: Sequence[Assignment],
                      refused: Mapping[str, frozenset[str]] | None = None) -> list[str]:
    """Every rule the assignments break, in words; empty when they satisfy all of them."""
    rules = draw_input.rules
    index = _state_index(draw_input)
    problems: list[str] = []
    by_key: dict[tuple[str, str, str], Assignment] = {}
    for a in assignments:
        key = (a.under_review, a.slot, a.instrument)
        if a.under_review not in draw_input.under_review:
            problems.append(f"{a.under_review} is not under review in this draw")
            continue
        if a.slot not in rules.slots() or a.instrument not in index[a.under_review].parties:
            problems.append(f"{a.under_review}: unexpected {a.slot} assignment for {a.instrument}")
            continue
        if a.reviewer not in index:
            problems.append(f"{a.under_review}: reviewer {a.reviewer} is not in the input")
            continue
        if key in by_key:
            problems.append(f"{a.under_review}: two {a.slot} reviewers for {a.instrument}")
        by_key[key] = a
    if problems:
        return problems
    fixed: list[Assignment] = []
    ctx = _context(draw_input, (), refused)
    for subject in draw_input.under_review:
        seen: set[str] = set()
        for slot in rules.slots():
            mine = {inst: by_key.get((subject, slot, inst)) for inst in index[subject].parties}
            if any(a is None for a in mine.values()):
                problems.append(f"{subject}: {slot} slot is incomplete")
                continue
            complete = {inst: a for inst, a in mine.items() if a is not None}
            conv = complete[CONVENTION].reviewer
            chosen: set[str] = set()
            for inst, a in complete.items():
                expected_supp = inst != CONVENTION and inst not in index[conv].parties
                if not expected_supp and a.reviewer != conv:
                    problems.append(f"{subject}: {slot} {inst} must be the Convention reviewer {conv}")
                if a.supplementary != expected_supp:
                    problems.append(f"{subject}: {slot} {inst} supplementary flag is wrong")
                for r in _pick_reasons(ctx, subject, slot, inst, a.reviewer):
                    if r.code not in ("load_limit", "already_reviewing", "mutual"):
                        problems.append(f"{subject}: {a.reviewer} ({slot}, {inst}): {r.message}")
                chosen.add(a.reviewer)
                fixed.append(a)
            if chosen & seen:
                problems.append(f"{subject}: {', '.join(sorted(chosen & seen))} fills more than one slot")
            seen |= chosen
        if len(seen) > rules.max_reviewers_total:
            problems.append(f"{subject}: {len(seen)} reviewing States (the limit is {rules.max_reviewers_total})")
    # Only what this draw adds is judged: earlier assignments of the cycle are facts, not choices.
    total = _context(draw_input, fixed)
    drawn_pairs = {(a.reviewer, a.under_review) for a in fixed}
    for reviewer in sorted({r for r, _ in drawn_pairs}):
        subjects = total.load[reviewer]
        if len(subjects) > rules.max_reviews_per_reviewer:
            problems.append(f"{reviewer} reviews {len(subjects)} States "
                            f"(the limit is {rules.max_reviews_per_reviewer})")
    if rules.no_mutual_review:
        for reviewer, subject in sorted(drawn_pairs):
            if (subject, reviewer) in total.reviews and (reviewer < subject or (subject, reviewer) not in drawn_pairs):
                problems.append(f"{reviewer} and {subject} would review each other")
    return problems


# --------------------------------------------------------------------------------------------- redraws


def redraw(record: DrawRecord, *, under_review: str, slot: str, seed: str, at: str,
           requested_by: str | None = None, declined_by: str | None = None) -> DrawRecord:
    """Redraw one reviewer of a State under review, every other assignment held fixed.

    `requested_by` (the State under review, at most `max_redraws` times) refuses the slot's Convention
    reviewer; `declined_by` (a drawn reviewer) refuses itself. A refused Convention reviewer is redrawn
    with the slot's supplementary draws (they exist only because of it); a refused supplementary reviewer
    is redrawn for its Protocol(s) only. The refused State is excluded for that State under review.
    """
    draw_input = record.draw_input
    rules = draw_input.rules
    if under_review not in draw_input.under_review:
        raise RedrawRefused(f"{under_review} is not under review in this draw")
    if slot not in rules.slots():
        raise RedrawRefused(f"unknown slot '{slot}' (expected one of {', '.join(rules.slots())})")
    if (requested_by is None) == (declined_by is None):
        raise RedrawRefused("give exactly one of requested_by and declined_by")
    mine = {a.instrument: a for a in record.assignments if a.under_review == under_review and a.slot == slot}
    conv = mine[CONVENTION].reviewer
    if requested_by is not None:
        if requested_by != under_review:
            raise RedrawRefused(f"only the State under review ({under_review}) may request a redraw, "
                                f"not {requested_by}")
        used = sum(1 for r in record.redraws if r.under_review == under_review and r.kind == "requested")
        if used >= rules.max_redraws:
            raise RedrawRefused(f"{under_review} has already requested {used} redraw(s); "
                                f"the limit is {rules.max_redraws}")
        kind, by, refused_code = "requested", requested_by, conv
    else:
        assert declined_by is not None
        if declined_by not in {a.reviewer for a in mine.values()}:
            raise RedrawRefused(f"{declined_by} is not a reviewer of {under_review} in the {slot} slot")
        kind, by, refused_code = "declined", declined_by, declined_by
    refused = dict(refused_by_state(record.redraws))
    refused[under_review] = refused.get(under_review, frozenset()) | {refused_code}
    index = _state_index(draw_input)
    redrawn = set(mine) if refused_code == conv else {i for i, a in mine.items() if a.reviewer == refused_code}
    fixed = [a for a in record.assignments
             if not (a.under_review == under_review and a.slot == slot and a.instrument in redrawn)]
    ctx = _context(draw_input, [a for a in fixed if not (a.under_review == under_review and a.slot == slot)],
                   refused)
    codes = [s.code for s in draw_input.states]
    plan = _slot_plan(ctx, under_review, slot, codes)
    kept = {a.instrument: a.reviewer for a in fixed if a.under_review == under_review and a.slot == slot}
    others = {a.reviewer for a in fixed if a.under_review == under_review and a.slot != slot}
    limit = rules.max_reviewers_total
    moving = tuple(sorted(redrawn, key=INSTRUMENTS.index))
    block = _block(under_review, [plan], limit - 1 - len(others))
    if refused_code == conv:
        if plan.total == 0:
            raise InfeasibleDraw([_slot_infeasibility(ctx, plan, codes)])
        if block.total == 0 or (index[under_review].group is None and _feasible_slot(plan, others, limit) is None):
            raise InfeasibleDraw([_limit_infeasibility(under_review, slot, limit)])
    else:
        for inst in moving:
            if not plan.pools[inst]:
                raise InfeasibleDraw([_slot_infeasibility(ctx, plan, codes, inst)])
        if not any(_supplementary_ok(kept, moving, combo, others, limit)
                   for combo in itertools.product(*(plan.pools[i] for i in moving))):
            raise InfeasibleDraw([_limit_infeasibility(under_review, slot, limit)])
    # The redraw commits to the record as it stood and to the request (who, which slot, when), all fixed
    # before the redraw's seed is known.
    request = {"previous_record_sha256": record.record_sha256, "under_review": under_review, "slot": slot,
               "kind": kind, "by": by, "at": at}
    stream = LotsStream(seed=seed, commitment=hashlib.sha256(canonical_json(request)).digest(),
                        label=f"{_LABEL}/redraw/{len(record.redraws) + 1}")
    attempts = 1
    if refused_code == conv and rules.supplementary_draw == "conditional":
        picks = _redraw_conditional(stream, plan, others, limit, index[under_review].group is None)
    elif refused_code == conv:
        picks = _sample_block(stream, block, frozenset(others))[0][0]
    else:
        # Only the refused supplementary reviewer's Protocols move; the rest of the slot stays. Each is
        # drawn uniformly from its pool and the whole proposal is drawn again if it breaks the limit.
        while True:
            combo = tuple(plan.pools[i][stream.below(len(plan.pools[i]))] for i in moving)
            if _supplementary_ok(kept, moving, combo, others, limit):
                break
            attempts += 1
            if attempts > _BLOCK_TRIES:
                raise DrawImpractical(f"{under_review}: no replacement accepted in {_BLOCK_TRIES} proposals")
        picks = {**kept, **dict(zip(moving, combo, strict=True))}
    new = [a for a in _assignments_of(under_review, slot, picks) if a.instrument in redrawn]
    entry = RedrawEntry(under_review=under_review, slot=slot, kind=kind, by=by, refused=refused_code, at=at,
                        seed=seed, previous_record_sha256=record.record_sha256, attempts=attempts,
                        replaced=_sort_assignments([mine[i] for i in redrawn]), replacement=_sort_assignments(new))
    updated = DrawRecord(draw_input=draw_input, input_sha256=record.input_sha256, seed=record.seed,
                         attempts=record.attempts, completion_attempts=record.completion_attempts,
                         assignments=_sort_assignments([*fixed, *new]), notes=record.notes,
                         redraws=(*record.redraws, entry))
    return _seal(updated)


def _feasible_slot(plan: _Slot, others: set[str], limit: int) -> dict[str, str] | None:
    """Any valid completion of a slot being redrawn, or None (decides feasibility before sampling)."""
    for conv in plan.conv:
        if conv in others:
            continue
        for supp in _supp_choices(plan, conv, others, lambda c, seen: True, limit - len(others) - 1):
            picks = {CONVENTION: conv, **dict(zip(plan.lacking[conv], supp, strict=True))}
            chosen = set(picks.values())
            if not chosen & others and len(chosen | others) <= limit:
                return picks
    return None


def _redraw_conditional(stream: LotsStream, plan: _Slot, others: set[str], limit: int, no_group: bool
                        ) -> dict[str, str]:
    """A new Convention reviewer uniform among those the slot can be completed with, then its supplementary
    reviewers uniform among the valid completions."""
    allowed = limit - 1 - len(others)
    candidates = [c for c in plan.conv if c not in others and plan.fewest(c) <= allowed]
    if no_group:  # slots may overlap only here: keep candidates with a completion that avoids the other slot
        candidates = [c for c in candidates if any(len({c, *supp} | others) <= limit
                                                   for supp in _supp_choices(plan, c, others, lambda x, seen: True,
                                                                             allowed))]
    if not candidates:
        raise InfeasibleDraw([_limit_infeasibility(plan.subject, plan.slot, limit)])
    conv = candidates[stream.below(len(candidates))]
    ks = [k for k in range(len(INSTRUMENTS)) if k <= allowed and _completions(plan, conv, k)]
    cumulative: list[int] = []
    for k in ks:
        cumulative.append((cumulative[-1] if cumulative else 0) + _completions(plan, conv, k))
    for _ in range(_BLOCK_TRIES):
        picks = _sample_completion(stream, plan, conv, ks[_choose(stream, cumulative, cumulative[-1])])
        if not set(picks.values()) & others:
            return picks
    raise DrawImpractical(f"{plan.subject}: no completion avoiding the other slot in {_BLOCK_TRIES} tries")


def _supplementary_ok(kept: dict[str, str], moving: tuple[str, ...], combo: tuple[str, ...], others: set[str],
                      limit: int) -> bool:
    chosen = set(kept.values()) | set(combo)
    return not chosen & others and len(chosen | others) <= limit


def record_eligibility(record: DrawRecord) -> tuple[SlotEligibility, ...]:
    """The eligibility tables of a record: each slot explained with every other assignment held fixed."""
    return eligibility(record.draw_input, assignments=record.assignments, refused=refused_by_state(record.redraws))


# --------------------------------------------------------------------------------------------- year groups


def draw_year_groups(draw_input: DrawInput, groups: int, seed: str) -> YearGroupRecord:
    """Split the States parties to the Convention into `groups` year groups by lot.

    Uniform over every split in which each regional group is spread as evenly as possible and the year
    groups' sizes differ by at most one. A party with no regional group counts as a regional group of its own.
    """
    if groups < 1:
        raise InputError("groups", "must be at least 1")
    digest = commit_input(draw_input)
    stream = LotsStream(seed=seed, commitment=bytes.fromhex(digest), label=f"{_LABEL}/year-groups/{groups}")
    buckets: dict[str | None, list[str]] = {}
    for s in draw_input.states:
        if CONVENTION in s.parties:
            buckets.setdefault(s.group, []).append(s.code)
    order = sorted(buckets, key=lambda g: (g is None, g or ""))
    extras: dict[str | None, list[int]] = {}
    attempt = 0
    while True:
        attempt += 1
        if attempt > _YEAR_GROUP_ATTEMPTS:  # pragma: no cover - acceptance is far above 1e-6 in practice
            raise DrawImpractical(f"no balanced split accepted in {_YEAR_GROUP_ATTEMPTS} attempts")
        # Which year groups take one more member of each regional group: uniform subsets, accepted when
        # the year groups come out balanced. Every balanced choice admits the same number of member splits,
        # so uniform choices here and uniform member shuffles below give a uniform split.
        sizes = [0] * groups
        for g in order:
            k = len(buckets[g]) % groups
            chosen = _partial_shuffle(stream, list(range(groups)), k)[:k]
            extras[g] = chosen
            for j in chosen:
                sizes[j] += 1
        if max(sizes) - min(sizes) <= 1:
            break
    members: list[list[str]] = [[] for _ in range(groups)]
    for g in order:
        codes = buckets[g]
        shuffled = _partial_shuffle(stream, list(codes), len(codes))
        base = len(codes) // groups
        position = 0
        for j in range(groups):
            n = base + (1 if j in extras[g] else 0)
            members[j].extend(shuffled[position:position + n])
            position += n
    record = YearGroupRecord(draw_input=draw_input, input_sha256=digest, seed=seed, groups=groups, attempts=attempt,
                             year_groups=tuple(tuple(sorted(m)) for m in members))
    return _seal_groups(record)


def _partial_shuffle(stream: LotsStream, items: list[Any], count: int) -> list[Any]:
    """Fisher-Yates from the front: the first `count` items are a uniform ordered sample."""
    n = len(items)
    for i in range(min(count, n - 1)):
        j = i + stream.below(n - i)
        items[i], items[j] = items[j], items[i]
    return items


# --------------------------------------------------------------------------------------------- records


def _assignment_json(a: Assignment) -> dict[str, Any]:
    return {"under_review": a.under_review, "instrument": a.instrument, "reviewer": a.reviewer, "slot": a.slot,
            "supplementary": a.supplementary}


def _algorithm_json() -> dict[str, Any]:
    return {"name": ALGORITHM_NAME, "version": ALGORITHM_VERSION}


def record_to_json(record: DrawRecord | YearGroupRecord) -> dict[str, Any]:
    """The record as a JSON object, `record_sha256` included."""
    data = _unsealed_json(record)
    data["record_sha256"] = record.record_sha256
    return data


def _unsealed_json(record: DrawRecord | YearGroupRecord) -> dict[str, Any]:
    if isinstance(record, YearGroupRecord):
        return {"format": RECORD_FORMAT, "kind": "year-groups", "algorithm": _algorithm_json(),
                "input": input_to_json(record.draw_input), "input_sha256": record.input_sha256, "seed": record.seed,
                "groups": record.groups, "attempts": record.attempts,
                "year_groups": [{"year_group": i + 1, "states": list(m)} for i, m in enumerate(record.year_groups)]}
    return {
        "format": RECORD_FORMAT, "kind": "reviewers", "algorithm": _algorithm_json(),
        "input": input_to_json(record.draw_input), "input_sha256": record.input_sha256, "seed": record.seed,
        "attempts": record.attempts, "completion_attempts": record.completion_attempts,
        "assignments": [_assignment_json(a) for a in record.assignments],
        "notes": [{"under_review": n.under_review, "code": n.code, "message": n.message} for n in record.notes],
        "redraws": [{"under_review": r.under_review, "slot": r.slot, "kind": r.kind, "by": r.by, "refused": r.refused,
                     "at": r.at, "seed": r.seed, "previous_record_sha256": r.previous_record_sha256,
                     "attempts": r.attempts, "replaced": [_assignment_json(a) for a in r.replaced],
                     "replacement": [_assignment_json(a) for a in r.replacement]} for r in record.redraws],
    }


def _digest(record: DrawRecord | YearGroupRecord) -> str:
    return hashlib.sha256(canonical_json(_unsealed_json(record))).hexdigest()


def _seal(record: DrawRecord) -> DrawRecord:
    return DrawRecord(**{**record.__dict__, "record_sha256": _digest(record)})


def _seal_groups(record: YearGroupRecord) -> YearGroupRecord:
    return YearGroupRecord(**{**record.__dict__, "record_sha256": _digest(record)})


def _assignment_from(data: object, path: str) -> Assignment:
    obj = _expect(data, dict, path)
    try:
        return Assignment(under_review=_expect(obj["under_review"], str, f"{path}.under_review"),
                          instrument=_expect(obj["instrument"], str, f"{path}.instrument"),
                          reviewer=_expect(obj["reviewer"], str, f"{path}.reviewer"),
                          slot=_expect(obj["slot"], str, f"{path}.slot"),
                          supplementary=_expect(obj.get("supplementary", False), bool, f"{path}.supplementary"))
    except KeyError as missing:
        raise InputError(f"{path}.{missing.args[0]}", "missing field") from None


def record_from_json(data: object) -> DrawRecord | YearGroupRecord:
    """Parse a record (either kind) without checking it; `verify_record` checks it."""
    obj = _expect(data, dict, "$")
    try:
        kind = obj["kind"]
        draw_input = parse_input(obj["input"], reviewers=kind == "reviewers")
        common = {"draw_input": draw_input, "input_sha256": _expect(obj["input_sha256"], str, "input_sha256"),
                  "seed": _expect(obj["seed"], str, "seed"), "attempts": _expect(obj["attempts"], int, "attempts"),
                  "record_sha256": _expect(obj["record_sha256"], str, "record_sha256")}
        if kind == "year-groups":
            groups = _expect(obj["year_groups"], list, "year_groups")
            return YearGroupRecord(groups=_expect(obj["groups"], int, "groups"),
                                   year_groups=tuple(tuple(_expect(g, dict, f"year_groups[{i}]")["states"])
                                                     for i, g in enumerate(groups)), **common)
        if kind != "reviewers":
            raise InputError("kind", f"unknown record kind {kind!r}")
        redraws = []
        for i, r in enumerate(_expect(obj.get("redraws", []), list, "redraws")):
            p = f"redraws[{i}]"
            r = _expect(r, dict, p)
            redraws.append(RedrawEntry(
                under_review=r["under_review"], slot=r["slot"], kind=r["kind"], by=r["by"], refused=r["refused"],
                at=r["at"], seed=r["seed"], previous_record_sha256=r["previous_record_sha256"], attempts=r["attempts"],
                replaced=tuple(_assignment_from(a, f"{p}.replaced[{k}]") for k, a in enumerate(r["replaced"])),
                replacement=tuple(_assignment_from(a, f"{p}.replacement[{k}]")
                                  for k, a in enumerate(r["replacement"]))))
        notes = tuple(Note(n["under_review"], n["code"], n["message"])
                      for n in _expect(obj.get("notes", []), list, "notes"))
        return DrawRecord(completion_attempts=_expect(obj.get("completion_attempts", 0), int, "completion_attempts"),
                          assignments=tuple(_assignment_from(a, f"assignments[{i}]")
                                            for i, a in enumerate(_expect(obj["assignments"], list, "assignments"))),
                          notes=notes, redraws=tuple(redraws), **common)
    except KeyError as missing:
        raise InputError(str(missing.args[0]), "missing field") from None
    except (TypeError, AttributeError) as error:
        raise InputError("$", f"malformed record ({error})") from None


def verify_record(data: object) -> Verification:
    """Replay a record from its input and seed(s) and check every rule; any changed byte fails it."""
    try:
        record = record_from_json(data)
    except LotsError as error:
        return Verification(False, (f"unreadable record: {error}",))
    problems: list[str] = []
    obj: dict[str, Any] = data  # type: ignore[assignment]
    if obj.get("format") != RECORD_FORMAT:
        problems.append("not a treatyreview draw record")
    if obj.get("algorithm") != _algorithm_json():
        problems.append(f"algorithm {obj.get('algorithm')!r} is not {_algorithm_json()!r}")
    if canonical_json(obj.get("input")) != canonical_json(input_to_json(record.draw_input)):
        problems.append("the input is not in canonical form")
    digest = commit_input(record.draw_input)
    if record.input_sha256 != digest:
        problems.append(f"input_sha256 {record.input_sha256} does not match the input ({digest})")
    if canonical_json(obj) != canonical_json(record_to_json(record)):
        problems.append("the record has fields or values outside its format")
    if record.record_sha256 != _digest(record):
        problems.append("record_sha256 does not match the record")
    if problems:
        return Verification(False, tuple(problems))
    try:
        if isinstance(record, YearGroupRecord):
            replay_groups = draw_year_groups(record.draw_input, record.groups, record.seed)
            if record_to_json(replay_groups) != record_to_json(record):
                problems.append("the year groups do not reproduce from the input and seed")
            return Verification(not problems, tuple(problems))
        replay = draw_reviewers(record.draw_input, record.seed,
                                max_attempts=max(record.attempts, record.completion_attempts, 1))
        if (replay.attempts, replay.completion_attempts) != (record.attempts, record.completion_attempts):
            problems.append(f"the draw was accepted at attempt {replay.attempts}, not {record.attempts}")
        if replay.notes != record.notes:
            problems.append("the notes do not reproduce")
        for i, entry in enumerate(record.redraws):
            if entry.previous_record_sha256 != replay.record_sha256:
                problems.append(f"redraws[{i}]: previous_record_sha256 does not match the replayed record")
                break
            kwargs = {"requested_by": entry.by} if entry.kind == "requested" else {"declined_by": entry.by}
            replay = redraw(replay, under_review=entry.under_review, slot=entry.slot, seed=entry.seed, at=entry.at,
                            **kwargs)
            if replay.redraws[-1] != entry:
                problems.append(f"redraws[{i}]: the redraw does not reproduce")
                break
        if not problems and replay.assignments != record.assignments:
            changed = sorted(set(record.assignments) ^ set(replay.assignments),
                             key=lambda a: (a.under_review, a.slot, a.instrument))
            problems.append("the assignments do not reproduce from the input and seed(s): "
                            + "; ".join(f"{a.under_review} {a.slot} {a.instrument} {a.reviewer}" for a in changed[:6]))
        if not problems and replay.record_sha256 != record.record_sha256:
            problems.append("the replayed record differs")
    except LotsError as error:
        problems.append(f"replay failed: {error}")
    if isinstance(record, DrawRecord):
        problems += check_assignments(record.draw_input, record.assignments, refused_by_state(record.redraws))
    return Verification(not problems, tuple(problems))
