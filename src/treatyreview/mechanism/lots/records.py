"""Reading records back, checking assignments against the rules and verifying a record by replaying it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from treatyreview.mechanism.lots.errors import InputError, LotsError
from treatyreview.mechanism.lots.inputs import (
    CONVENTION,
    SUPPORTED_VERSIONS,
    DrawInput,
    canonical_json,
    commit_input,
    expect,
    input_to_json,
    parse_input,
    state_index,
)
from treatyreview.mechanism.lots.outcomes import (
    RECORD_FORMAT,
    Assignment,
    DrawRecord,
    Note,
    RedrawEntry,
    Verification,
    YearGroupRecord,
    algorithm_json,
    record_digest,
    record_to_json,
    refused_by_state,
)
from treatyreview.mechanism.lots.reasons import context, exclusion_reasons
from treatyreview.mechanism.lots.redraws import replay_redraw
from treatyreview.mechanism.lots.sampling import draw_reviewers
from treatyreview.mechanism.lots.year_groups import draw_year_groups


def check_assignments(draw_input: DrawInput, assignments: Sequence[Assignment],
                      refused: Mapping[str, frozenset[str]] | None = None) -> list[str]:
    """Every rule the assignments break, in words; empty when they satisfy all of them."""
    rules = draw_input.rules
    index = state_index(draw_input)
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
    ctx = context(draw_input, (), refused)
    for under_review in draw_input.under_review:
        seen: set[str] = set()
        for slot in rules.slots():
            mine = {instrument: by_key.get((under_review, slot, instrument))
                    for instrument in index[under_review].parties}
            if any(a is None for a in mine.values()):
                problems.append(f"{under_review}: {slot} slot is incomplete")
                continue
            complete = {instrument: a for instrument, a in mine.items() if a is not None}
            convention_reviewer = complete[CONVENTION].reviewer
            chosen: set[str] = set()
            for instrument, a in complete.items():
                # A supplementary reviewer exactly where the Convention reviewer may not review for the Protocol.
                expected_supplementary = (instrument != CONVENTION
                                          and not index[convention_reviewer].reviews_for(instrument))
                if not expected_supplementary and a.reviewer != convention_reviewer:
                    problems.append(f"{under_review}: {slot} {instrument} must be the Convention reviewer "
                                    f"{convention_reviewer}")
                if a.supplementary != expected_supplementary:
                    problems.append(f"{under_review}: {slot} {instrument} supplementary flag is wrong")
                for r in exclusion_reasons(ctx, under_review, slot, instrument, a.reviewer):
                    if r.code not in ("load_limit", "already_reviewing", "mutual"):
                        problems.append(f"{under_review}: {a.reviewer} ({slot}, {instrument}): {r.message}")
                chosen.add(a.reviewer)
                fixed.append(a)
            if chosen & seen:
                problems.append(f"{under_review}: {', '.join(sorted(chosen & seen))} fills more than one slot")
            seen |= chosen
        if len(seen) > rules.max_reviewers_total:
            problems.append(f"{under_review}: {len(seen)} reviewing States (the limit is {rules.max_reviewers_total})")
    # Only what this draw adds is judged: earlier assignments of the cycle are facts, not choices.
    total = context(draw_input, fixed)
    drawn_pairs = {(a.reviewer, a.under_review) for a in fixed}
    for reviewer in sorted({r for r, _ in drawn_pairs}):
        reviewed = total.load[reviewer]
        if len(reviewed) > rules.max_reviews_per_reviewer:
            problems.append(f"{reviewer} reviews {len(reviewed)} States "
                            f"(the limit is {rules.max_reviews_per_reviewer})")
    if rules.no_mutual_review:
        for reviewer, under_review in sorted(drawn_pairs):
            both_drawn = (under_review, reviewer) in drawn_pairs
            if (under_review, reviewer) in total.reviews and (reviewer < under_review or not both_drawn):
                problems.append(f"{reviewer} and {under_review} would review each other")
    return problems


def _assignment_from(data: object, path: str) -> Assignment:
    obj = expect(data, dict, path)
    try:
        return Assignment(under_review=expect(obj["under_review"], str, f"{path}.under_review"),
                          instrument=expect(obj["instrument"], str, f"{path}.instrument"),
                          reviewer=expect(obj["reviewer"], str, f"{path}.reviewer"),
                          slot=expect(obj["slot"], str, f"{path}.slot"),
                          supplementary=expect(obj.get("supplementary", False), bool, f"{path}.supplementary"))
    except KeyError as missing:
        raise InputError(f"{path}.{missing.args[0]}", "missing field") from None


_REDRAW_TEXT = ("under_review", "slot", "kind", "by", "refused", "at", "seed", "previous_record_sha256")


def record_from_json(data: object) -> DrawRecord | YearGroupRecord:
    """Parse a record (either kind) without checking it; `verify_record` checks it."""
    obj = expect(data, dict, "$")
    try:
        kind = obj["kind"]
        algorithm = expect(obj.get("algorithm", algorithm_json()), dict, "algorithm")
        version = algorithm.get("version")
        # An integer, not `true` or `1.0` (which Python would take for 1 and write into the labels).
        if type(version) is not int or version not in SUPPORTED_VERSIONS:
            raise InputError("algorithm.version", f"unknown algorithm version {version!r} (this verifier reads "
                                                  f"{', '.join(map(str, SUPPORTED_VERSIONS))})")
        draw_input = parse_input(obj["input"], reviewers=kind == "reviewers", version=version)
        common = {"draw_input": draw_input, "input_sha256": expect(obj["input_sha256"], str, "input_sha256"),
                  "seed": expect(obj["seed"], str, "seed"), "attempts": expect(obj["attempts"], int, "attempts"),
                  "record_sha256": expect(obj["record_sha256"], str, "record_sha256")}
        if kind == "year-groups":
            groups = expect(obj["year_groups"], list, "year_groups")
            return YearGroupRecord(groups=expect(obj["groups"], int, "groups"),
                                   year_groups=tuple(tuple(expect(g, dict, f"year_groups[{i}]")["states"])
                                                     for i, g in enumerate(groups)), **common)
        if kind != "reviewers":
            raise InputError("kind", f"unknown record kind {kind!r}")
        redraws = []
        for i, r in enumerate(expect(obj.get("redraws", []), list, "redraws")):
            p = f"redraws[{i}]"
            r = expect(r, dict, p)
            text = {key: expect(r[key], str, f"{p}.{key}") for key in _REDRAW_TEXT}
            redraws.append(RedrawEntry(
                **text, attempts=expect(r["attempts"], int, f"{p}.attempts"),
                replaced=tuple(_assignment_from(a, f"{p}.replaced[{k}]") for k, a in enumerate(r["replaced"])),
                replacement=tuple(_assignment_from(a, f"{p}.replacement[{k}]")
                                  for k, a in enumerate(r["replacement"]))))
        notes = tuple(Note(n["under_review"], n["code"], n["message"])
                      for n in expect(obj.get("notes", []), list, "notes"))
        return DrawRecord(completion_attempts=expect(obj.get("completion_attempts", 0), int, "completion_attempts"),
                          assignments=tuple(_assignment_from(a, f"assignments[{i}]")
                                            for i, a in enumerate(expect(obj["assignments"], list, "assignments"))),
                          notes=notes, redraws=tuple(redraws), **common)
    except KeyError as missing:
        raise InputError(str(missing.args[0]), "missing field") from None
    except (TypeError, AttributeError) as error:
        raise InputError("$", f"malformed record ({error})") from None


def verify_record(data: object) -> Verification:
    """Replay a record from its input and seed(s) and check every rule; any changed byte fails it."""
    try:
        record = record_from_json(data)
        canonical_json(data)
    except LotsError as error:
        return Verification(False, (f"unreadable record: {error}",))
    except ValueError as error:  # e.g. a lone surrogate, which has no UTF-8 form
        return Verification(False, (f"unreadable record: {error}",))
    problems: list[str] = []
    obj: dict[str, Any] = data  # type: ignore[assignment]
    if obj.get("format") != RECORD_FORMAT:
        problems.append("not a treatyreview draw record")
    if obj.get("algorithm") != algorithm_json(record.draw_input.version):
        problems.append(f"algorithm {obj.get('algorithm')!r} is not {algorithm_json(record.draw_input.version)!r}")
    if canonical_json(obj.get("input")) != canonical_json(input_to_json(record.draw_input)):
        problems.append("the input is not in canonical form")
    digest = commit_input(record.draw_input)
    if record.input_sha256 != digest:
        problems.append(f"input_sha256 {record.input_sha256} does not match the input ({digest})")
    if canonical_json(obj) != canonical_json(record_to_json(record)):
        problems.append("the record has fields or values outside its format")
    if record.record_sha256 != record_digest(record):
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
            replay = replay_redraw(replay, under_review=entry.under_review, slot=entry.slot, seed=entry.seed,
                                   at=entry.at,
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
