"""The input of a draw: its rules, States and earlier assignments, validated, in canonical form and committed to."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from treatyreview.mechanism.lots.errors import InputError

ALGORITHM_NAME = "treatyreview-lots"


ALGORITHM_VERSION = 1


LABEL = f"{ALGORITHM_NAME}/v{ALGORITHM_VERSION}"


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


SLOT_NAMES = {SAME_GROUP: "same-group slot", OTHER_GROUP: "other-group slot"}


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
        return state_index(self)[code]


_INDEX_CACHE: dict[int, tuple[DrawInput, dict[str, StateEntry]]] = {}


def state_index(draw_input: DrawInput) -> dict[str, StateEntry]:
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


def expect(value: object, kind: type, path: str) -> Any:
    # bool is a subclass of int in Python, but `true` is not a number of reviewers.
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    expected = {int: "an integer", bool: "a boolean", str: "a string", list: "an array", dict: "an object"}[kind]
    raise InputError(path, f"expected {expected}, got {_type_name(value)}")


def _code(value: object, path: str) -> str:
    text = expect(value, str, path)
    if not text or text != text.strip():
        raise InputError(path, f"invalid State code {text!r}")
    return str(text)


def parse_input(data: object, *, reviewers: bool = True) -> DrawInput:
    """Validate decoded JSON and return the canonical `DrawInput`; raise `InputError` naming the JSON path.

    With ``reviewers=False`` (year-group draws) only ``states`` (and optionally ``rules``) are required.
    """
    obj = expect(data, dict, "$")
    for key in obj:
        if key not in _TOP_FIELDS:
            raise InputError(str(key), "unknown field")
    rules_obj = expect(obj.get("rules", {}), dict, "rules")
    values: dict[str, Any] = {}
    for key, value in rules_obj.items():
        if key not in _RULE_FIELDS:
            raise InputError(f"rules.{key}", "unknown rule")
        values[key] = expect(value, _RULE_FIELDS[key], f"rules.{key}")
    rules = Rules(**values)
    check_rules(rules)

    if "states" not in obj:
        raise InputError("states", "missing field")
    states_list = expect(obj["states"], list, "states")
    seen: dict[str, int] = {}
    states: list[StateEntry] = []
    for i, raw in enumerate(states_list):
        path = f"states[{i}]"
        entry = expect(raw, dict, path)
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
            group = expect(group, str, f"{path}.group")
            if not group.strip():
                raise InputError(f"{path}.group", "empty regional group (use null for none)")
        parties_raw = expect(entry["parties"], list, f"{path}.parties")
        parties: set[str] = set()
        for j, instrument in enumerate(parties_raw):
            instrument = expect(instrument, str, f"{path}.parties[{j}]")
            if instrument not in INSTRUMENTS:
                raise InputError(f"{path}.parties[{j}]", f"unknown instrument '{instrument}'")
            if instrument in parties:
                raise InputError(f"{path}.parties[{j}]", f"instrument '{instrument}' is listed twice")
            parties.add(instrument)
        can_review = expect(entry.get("can_review", True), bool, f"{path}.can_review")
        reason = entry.get("cannot_review_reason")
        if reason is not None:
            reason = expect(reason, str, f"{path}.cannot_review_reason")
        states.append(StateEntry(code=code, group=group, parties=tuple(x for x in INSTRUMENTS if x in parties),
                                 can_review=can_review, cannot_review_reason=reason))
    index = {s.code: s for s in states}

    under_review: list[str] = []
    if reviewers and "under_review" not in obj:
        raise InputError("under_review", "missing field")
    for i, raw in enumerate(expect(obj.get("under_review", []), list, "under_review")):
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
    for i, raw in enumerate(expect(obj.get("exclusions", []), list, "exclusions")):
        pair = expect(raw, list, f"exclusions[{i}]")
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
    for i, raw in enumerate(expect(obj.get("existing", []), list, "existing")):
        path = f"existing[{i}]"
        entry = expect(raw, dict, path)
        for key in entry:
            if key not in ("under_review", "reviewer", "instrument"):
                raise InputError(f"{path}.{key}", "unknown field")
        for key in ("under_review", "reviewer", "instrument"):
            if key not in entry:
                raise InputError(f"{path}.{key}", "missing field")
        existing_under_review = _code(entry["under_review"], f"{path}.under_review")
        existing_reviewer = _code(entry["reviewer"], f"{path}.reviewer")
        instrument = expect(entry["instrument"], str, f"{path}.instrument")
        for key, c in (("under_review", existing_under_review), ("reviewer", existing_reviewer)):
            if c not in index:
                raise InputError(f"{path}.{key}", f"'{c}' is not in states")
        if instrument not in INSTRUMENTS:
            raise InputError(f"{path}.instrument", f"unknown instrument '{instrument}'")
        if existing_under_review == existing_reviewer:
            raise InputError(path, "a State cannot review itself")
        if existing_under_review in reviewed:
            raise InputError(f"{path}.under_review", f"'{existing_under_review}' is also in under_review; a State is drawn once per cycle")
        existing.add(ExistingAssignment(existing_under_review, existing_reviewer, instrument))

    return DrawInput(
        rules=rules,
        states=tuple(sorted(states, key=lambda s: s.code)),
        under_review=tuple(sorted(under_review)),
        exclusions=tuple(sorted(exclusions)),
        existing=tuple(sorted(existing, key=lambda e: (e.under_review, e.reviewer, INSTRUMENTS.index(e.instrument)))),
    )


def check_rules(rules: Rules) -> None:
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
