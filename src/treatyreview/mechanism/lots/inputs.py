"""The input of a draw: its rules, States and earlier assignments, validated, in canonical form and committed to."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from treatyreview.mechanism.lots.errors import InputError

ALGORITHM_NAME = "treatyreview-lots"
ALGORITHM_VERSION = 3
# Versions whose records this implementation reads and verifies: version 1 and 2 records stay verifiable.
SUPPORTED_VERSIONS = (1, 2, 3)
# The prefix of every label of the random stream (docs/draw-algorithm.md, section 2).
LABEL = f"{ALGORITHM_NAME}/v{ALGORITHM_VERSION}"


def label(version: int) -> str:
    """The prefix of the random stream's labels for an algorithm version."""
    return f"{ALGORITHM_NAME}/v{version}"

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

# Why a State cannot serve as reviewing State: codes only, so that no language enters the input or its hash.
CANNOT_REVIEW_REASONS = ("no_experts", "opted_out", "deferred", "reio_not_designated")
# English fallback texts of those codes (the platform translates the codes itself).
CANNOT_REVIEW_MESSAGES = {
    "no_experts": "no governmental experts listed",
    "opted_out": "opted out",
    "deferred": "deferred",
    "reio_not_designated": "regional economic integration organization not designated as reviewer",
}
SUPPLEMENTARY_DRAWS = ("conditional", "joint")
EARLIER_ATTEMPT_STATUSES = ("cancelled",)


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


# The rules a draw takes from the mechanism's rules record, in input order, with their JSON types.
_RULE_TYPES: dict[str, type] = {
    "same_group_reviewers": int, "other_group_reviewers": int, "max_reviewers_total": int,
    "max_reviews_per_reviewer": int, "max_redraws": int, "no_mutual_review": bool, "supplementary_draw": str,
}
RULE_FIELDS = tuple(_RULE_TYPES)
# The one statement of what each draw rule may be; the rules record (mechanism/rules.py) checks through it.
RULE_RANGES: dict[str, tuple[int, int]] = {
    "same_group_reviewers": (0, 1),
    "other_group_reviewers": (0, 1),
    "max_reviewers_total": (1, 10),
    "max_reviews_per_reviewer": (1, 50),
    "max_redraws": (0, 10),
}
RULE_CHOICES: dict[str, tuple[object, ...]] = {
    "no_mutual_review": (True, False),
    "supplementary_draw": SUPPLEMENTARY_DRAWS,
}


@dataclass(frozen=True)
class StateEntry:
    """A State (or REIO) as the draw sees it: its regional group (None for none), parties and availability.

    `may_review` restricts the instruments it may serve as reviewing State for (None: every instrument it is
    party to); it is still reviewed for all its `parties`.
    """

    code: str
    group: str | None
    parties: tuple[str, ...]
    can_review: bool = True
    cannot_review_reason: str | None = None
    may_review: tuple[str, ...] | None = None

    def reviews_for(self, instrument: str) -> bool:
        """Whether the State is party to `instrument` and designated to review for it."""
        return instrument in self.parties and (self.may_review is None or instrument in self.may_review)


@dataclass(frozen=True)
class ExistingAssignment:
    """A reviewer assignment made earlier in the cycle, held fixed by this draw."""

    under_review: str
    reviewer: str
    instrument: str


@dataclass(frozen=True)
class EarlierAttempt:
    """An earlier, cancelled attempt of the same draw: what it committed to and, if drawn, its record."""

    attempt: int
    input_sha256: str
    record_sha256: str | None
    status: str = "cancelled"


@dataclass(frozen=True)
class DrawInput:
    """Everything a draw depends on besides the seed, in canonical order (see `parse_input`)."""

    rules: Rules
    states: tuple[StateEntry, ...]
    under_review: tuple[str, ...] = ()
    exclusions: tuple[tuple[str, str], ...] = ()
    existing: tuple[ExistingAssignment, ...] = ()
    attempt: int = 1
    earlier_attempts: tuple[EarlierAttempt, ...] = ()
    # The format the input was written in: 1 (free-text reasons, no attempts) or 2; it decides the canonical
    # form and the labels of the random stream, never the law of the draw.
    version: int = ALGORITHM_VERSION

    def state(self, code: str) -> StateEntry:
        return state_index(self)[code]


_INDEX_CACHE: dict[int, tuple[DrawInput, dict[str, StateEntry]]] = {}


def state_index(draw_input: DrawInput) -> dict[str, StateEntry]:
    """The input's States by code, built once per input."""
    cached = _INDEX_CACHE.get(id(draw_input))
    if cached is not None and cached[0] is draw_input:
        return cached[1]
    index = {s.code: s for s in draw_input.states}
    if len(_INDEX_CACHE) > 64:
        _INDEX_CACHE.clear()
    _INDEX_CACHE[id(draw_input)] = (draw_input, index)
    return index


_TOP_FIELDS_V2 = ("rules", "states", "under_review", "exclusions", "existing", "attempt", "earlier_attempts")
# From version 3 the input names its algorithm version, so that its commitment binds the procedure.
_TOP_FIELDS = (*_TOP_FIELDS_V2, "algorithm_version")
_STATE_FIELDS = ("code", "group", "parties", "can_review", "cannot_review_reason", "may_review")
# Version 1 had neither attempts nor may_review, and its reasons were free text.
_TOP_FIELDS_V1 = ("rules", "states", "under_review", "exclusions", "existing")
_STATE_FIELDS_V1 = ("code", "group", "parties", "can_review", "cannot_review_reason")
_EARLIER_FIELDS = ("attempt", "input_sha256", "record_sha256", "status")
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")


def _type_name(value: object) -> str:
    return {bool: "boolean", int: "integer", str: "string", list: "array", dict: "object",
            float: "number", type(None): "null"}.get(type(value), type(value).__name__)


def expect(value: object, kind: type, path: str) -> Any:
    """`value` if it is of JSON type `kind`, else an `InputError` at `path`."""
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


def _instruments(value: object, path: str) -> tuple[str, ...]:
    """A list of instrument codes, each once, returned in instrument order."""
    seen: set[str] = set()
    for j, instrument in enumerate(expect(value, list, path)):
        instrument = expect(instrument, str, f"{path}[{j}]")
        if instrument not in INSTRUMENTS:
            raise InputError(f"{path}[{j}]", f"unknown instrument '{instrument}'")
        if instrument in seen:
            raise InputError(f"{path}[{j}]", f"instrument '{instrument}' is listed twice")
        seen.add(instrument)
    return tuple(i for i in INSTRUMENTS if i in seen)


def _sha256(value: object, path: str) -> str:
    text = expect(value, str, path)
    if not _SHA256_HEX.fullmatch(text):
        raise InputError(path, "expected a SHA-256 digest in 64 lowercase hexadecimal digits")
    return str(text)


def check_rules(values: Mapping[str, object]) -> Rules:
    """The draw's rules from named values (every one optional), or an `InputError` naming `rules.<field>`."""
    for key, value in values.items():
        if key not in _RULE_TYPES:
            raise InputError(f"rules.{key}", "unknown rule")
        expect(value, _RULE_TYPES[key], f"rules.{key}")
        if key in RULE_RANGES:
            low, high = RULE_RANGES[key]
            if not low <= value <= high:  # type: ignore[operator]
                raise InputError(f"rules.{key}", f"must be between {low} and {high} in algorithm version "
                                                 f"{ALGORITHM_VERSION}, not {value}")
        elif value not in RULE_CHOICES[key]:
            raise InputError(f"rules.{key}", f"must be one of {', '.join(map(str, RULE_CHOICES[key]))}")
    rules = Rules(**values)  # type: ignore[arg-type]
    if not rules.slots():
        raise InputError("rules", "at least one of same_group_reviewers and other_group_reviewers must be 1")
    if rules.max_reviewers_total < len(rules.slots()):
        raise InputError("rules.max_reviewers_total", "must be at least the number of reviewers per instrument")
    return rules


def _state(raw: object, path: str, version: int = ALGORITHM_VERSION) -> StateEntry:
    entry = expect(raw, dict, path)
    for key in entry:
        if key not in (_STATE_FIELDS if version >= 2 else _STATE_FIELDS_V1):
            raise InputError(f"{path}.{key}", "unknown field")
    for key in ("code", "group", "parties"):
        if key not in entry:
            raise InputError(f"{path}.{key}", "missing field")
    code = _code(entry["code"], f"{path}.code")
    group = entry["group"]
    if group is not None:
        group = expect(group, str, f"{path}.group")
        if not group.strip():
            raise InputError(f"{path}.group", "empty regional group (use null for none)")
    parties = _instruments(entry["parties"], f"{path}.parties")
    can_review = expect(entry.get("can_review", True), bool, f"{path}.can_review")
    reason = entry.get("cannot_review_reason")
    if version < 2:
        if reason is not None:
            reason = expect(reason, str, f"{path}.cannot_review_reason")
        return StateEntry(code=code, group=group, parties=parties, can_review=can_review, cannot_review_reason=reason)
    if can_review and reason is not None:
        raise InputError(f"{path}.cannot_review_reason", "must be null when can_review is true")
    if not can_review and reason not in CANNOT_REVIEW_REASONS:
        raise InputError(f"{path}.cannot_review_reason",
                         f"must be one of {', '.join(CANNOT_REVIEW_REASONS)} when can_review is false, not "
                         f"{json.dumps(reason, ensure_ascii=False)}")
    may_review = entry.get("may_review")
    if may_review is not None:
        may_review = _instruments(may_review, f"{path}.may_review")
    return StateEntry(code=code, group=group, parties=parties, can_review=can_review,
                      cannot_review_reason=reason, may_review=may_review)


def _attempts(obj: dict[str, Any]) -> tuple[int, tuple[EarlierAttempt, ...]]:
    attempt = expect(obj.get("attempt", 1), int, "attempt")
    if attempt < 1:
        raise InputError("attempt", f"must be at least 1, not {attempt}")
    earlier_list = expect(obj.get("earlier_attempts", []), list, "earlier_attempts")
    if len(earlier_list) != attempt - 1:
        raise InputError("earlier_attempts", f"attempt {attempt} needs exactly {attempt - 1} earlier attempt(s), "
                                             f"got {len(earlier_list)}")
    earlier: list[EarlierAttempt] = []
    for i, raw in enumerate(earlier_list):
        path = f"earlier_attempts[{i}]"
        entry = expect(raw, dict, path)
        for key in entry:
            if key not in _EARLIER_FIELDS:
                raise InputError(f"{path}.{key}", "unknown field")
        for key in _EARLIER_FIELDS:
            if key not in entry:
                raise InputError(f"{path}.{key}", "missing field")
        if expect(entry["attempt"], int, f"{path}.attempt") != i + 1:
            raise InputError(f"{path}.attempt", f"must be {i + 1} (earlier attempts are listed in order)")
        record = entry["record_sha256"]
        if entry["status"] not in EARLIER_ATTEMPT_STATUSES:
            raise InputError(f"{path}.status", f"must be one of {', '.join(EARLIER_ATTEMPT_STATUSES)}")
        earlier.append(EarlierAttempt(
            attempt=i + 1, input_sha256=_sha256(entry["input_sha256"], f"{path}.input_sha256"),
            record_sha256=None if record is None else _sha256(record, f"{path}.record_sha256"),
            status=entry["status"]))
    return attempt, tuple(earlier)


def parse_input(data: object, *, reviewers: bool = True, version: int = ALGORITHM_VERSION) -> DrawInput:
    """Validate decoded JSON and return the canonical `DrawInput`; raise `InputError` naming the JSON path.

    With ``reviewers=False`` (year-group draws) only ``states`` (and optionally ``rules``) are required.
    ``version=1`` reads an input of algorithm version 1 (to verify its records).
    """
    if version not in SUPPORTED_VERSIONS:
        raise InputError("algorithm.version", f"unknown algorithm version {version!r}")
    obj = expect(data, dict, "$")
    allowed = _TOP_FIELDS if version >= 3 else _TOP_FIELDS_V2 if version == 2 else _TOP_FIELDS_V1
    for key in obj:
        if key not in allowed:
            raise InputError(str(key), "unknown field")
    if "algorithm_version" in obj and expect(obj["algorithm_version"], int, "algorithm_version") != version:
        raise InputError("algorithm_version", f"must be {version}, not {obj['algorithm_version']}")
    rules = check_rules(expect(obj.get("rules", {}), dict, "rules"))

    if "states" not in obj:
        raise InputError("states", "missing field")
    seen: dict[str, int] = {}
    states: list[StateEntry] = []
    for i, raw in enumerate(expect(obj["states"], list, "states")):
        state = _state(raw, f"states[{i}]", version)
        if state.code in seen:
            raise InputError(f"states[{i}].code",
                             f"'{state.code}' is listed twice (first at states[{seen[state.code]}])")
        seen[state.code] = i
        states.append(state)
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
        earlier_under_review = _code(entry["under_review"], f"{path}.under_review")
        reviewer = _code(entry["reviewer"], f"{path}.reviewer")
        instrument = expect(entry["instrument"], str, f"{path}.instrument")
        for key, c in (("under_review", earlier_under_review), ("reviewer", reviewer)):
            if c not in index:
                raise InputError(f"{path}.{key}", f"'{c}' is not in states")
        if instrument not in INSTRUMENTS:
            raise InputError(f"{path}.instrument", f"unknown instrument '{instrument}'")
        if earlier_under_review == reviewer:
            raise InputError(path, "a State cannot review itself")
        if earlier_under_review in reviewed:
            raise InputError(f"{path}.under_review",
                             f"'{earlier_under_review}' is also in under_review; a State is drawn once per cycle")
        existing.add(ExistingAssignment(earlier_under_review, reviewer, instrument))

    attempt, earlier_attempts = _attempts(obj)
    return DrawInput(
        rules=rules,
        states=tuple(sorted(states, key=lambda s: s.code)),
        under_review=tuple(sorted(under_review)),
        exclusions=tuple(sorted(exclusions)),
        existing=tuple(sorted(existing, key=lambda e: (e.under_review, e.reviewer, INSTRUMENTS.index(e.instrument)))),
        attempt=attempt,
        earlier_attempts=earlier_attempts,
        version=version,
    )


def input_to_json(draw_input: DrawInput) -> dict[str, Any]:
    """The canonical JSON object of an input: every field and rule spelled out, lists in canonical order."""
    r = draw_input.rules
    if draw_input.version < 2:
        return {
            "rules": {name: getattr(r, name) for name in RULE_FIELDS},
            "states": [{"code": s.code, "group": s.group, "parties": list(s.parties), "can_review": s.can_review,
                        "cannot_review_reason": s.cannot_review_reason} for s in draw_input.states],
            "under_review": list(draw_input.under_review),
            "exclusions": [list(p) for p in draw_input.exclusions],
            "existing": [{"under_review": e.under_review, "reviewer": e.reviewer, "instrument": e.instrument}
                         for e in draw_input.existing],
        }
    data: dict[str, Any] = {
        "rules": {name: getattr(r, name) for name in RULE_FIELDS},
        "states": [{"code": s.code, "group": s.group, "parties": list(s.parties), "can_review": s.can_review,
                    "cannot_review_reason": s.cannot_review_reason,
                    "may_review": None if s.may_review is None else list(s.may_review)}
                   for s in draw_input.states],
        "under_review": list(draw_input.under_review),
        "exclusions": [list(p) for p in draw_input.exclusions],
        "existing": [{"under_review": e.under_review, "reviewer": e.reviewer, "instrument": e.instrument}
                     for e in draw_input.existing],
        "attempt": draw_input.attempt,
        "earlier_attempts": [{"attempt": e.attempt, "input_sha256": e.input_sha256,
                              "record_sha256": e.record_sha256, "status": e.status}
                             for e in draw_input.earlier_attempts],
    }
    if draw_input.version >= 3:
        data["algorithm_version"] = draw_input.version
    return data


def input_version(data: object) -> int:
    """The version of a stored input: from version 3 it says so in `algorithm_version`; version 2 always spells
    out `attempt`, version 1 never has it."""
    if not isinstance(data, dict):
        return 1
    if isinstance(data.get("algorithm_version"), int) and not isinstance(data["algorithm_version"], bool):
        return int(data["algorithm_version"])
    return 2 if "attempt" in data else 1


def canonical_json(value: object) -> bytes:
    """UTF-8 JSON with sorted keys and no insignificant whitespace (RFC 8785 for the values used here)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def commit_input(draw_input: DrawInput) -> str:
    """The SHA-256 (hex) of the canonical input: publish it before the seed is known."""
    return hashlib.sha256(canonical_json(input_to_json(draw_input))).hexdigest()
