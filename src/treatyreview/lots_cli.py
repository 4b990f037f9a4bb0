"""Command-line drawing of lots: draw, draw-groups, redraw and verify-draw, with no database or settings.

Exit codes: 0 success; 1 the record does not verify; 2 the draw is infeasible; 3 bad input (unreadable
file, malformed JSON, invalid field: the message names the JSON path); 4 exact sampling is impractical
within the attempt budget; 5 the redraw request is refused by the rules.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from treatyreview.mechanism import lots

EXIT_OK = 0
EXIT_NOT_VERIFIED = 1
EXIT_INFEASIBLE = 2
EXIT_BAD_INPUT = 3
EXIT_IMPRACTICAL = 4
EXIT_REFUSED = 5

COMMANDS = ("draw", "draw-groups", "redraw", "verify-draw", "export-verifier")


class _BadInput(Exception):
    pass


def _read_json(path: str) -> Any:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise _BadInput(f"{path}: cannot read ({error.strerror})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise _BadInput(f"{path}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})") from None


def _write_json(path: str, data: Any) -> None:
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if path == "-":
        sys.stdout.write(text)
    else:
        Path(path).write_text(text, encoding="utf-8")


def _parser(command: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"treatyreview {command}")
    if command == "draw":
        parser.description = "Draw the reviewing States of every State under review in the input."
        parser.add_argument("--input", required=True, help="input JSON file (see docs/draw-algorithm.md)")
        parser.add_argument("--seed", help="the published seed (e.g. dice rolled in the session)")
        parser.add_argument("--output", help="where to write the record JSON ('-' for standard output)")
        parser.add_argument("--commitment", action="store_true",
                            help="only print the input's SHA-256, to publish before the seed is known")
        parser.add_argument("--max-attempts", type=int, default=lots.DEFAULT_MAX_ATTEMPTS,
                            help="attempt budget of the exact rejection sampler (default %(default)s)")
    elif command == "draw-groups":
        parser.description = "Split the States parties in the input into year groups by lot."
        parser.add_argument("--input", required=True)
        parser.add_argument("--groups", type=int, required=True)
        parser.add_argument("--seed", required=True)
        parser.add_argument("--output", required=True)
    elif command == "redraw":
        parser.description = "Redraw one reviewer of a State under review in a draw record."
        parser.add_argument("--record", required=True)
        parser.add_argument("--under-review", required=True)
        parser.add_argument("--slot", required=True, choices=lots.SLOTS)
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--requested-by", help="the State under review asking for a redraw")
        who.add_argument("--declined-by", help="the drawn reviewer declining (deferral)")
        parser.add_argument("--seed", required=True)
        parser.add_argument("--output", required=True)
        parser.add_argument("--at", help="when the request was made: ISO 8601 with its offset, e.g. "
                            "2026-03-02T11:00:00+01:00, recorded in UTC as 2026-03-02T10:00:00Z (default: now)")
    elif command == "export-verifier":
        parser.description = ("Write the single-file verifier: Python 3.9 or later and nothing else runs it, "
                              f"e.g. python3 {lots.VERIFIER_NAME} record.json")
        parser.add_argument("--output", required=True, help=f"where to write {lots.VERIFIER_NAME} ('-' for standard "
                            "output)")
    else:
        parser.description = "Check that a draw record reproduces exactly and satisfies every rule."
        parser.add_argument("record")
    return parser


def _run(command: str, args: argparse.Namespace) -> int:
    if command == "export-verifier":
        if args.output == "-":
            sys.stdout.buffer.write(lots.verifier_source())
        else:
            Path(args.output).write_bytes(lots.verifier_source())
        print(f"{args.output}: SHA-256 {lots.verifier_sha256()}; run: python3 {args.output} record.json",
              file=sys.stderr)
        return EXIT_OK
    if command == "verify-draw":
        result = lots.verify_record(_read_json(args.record))
        if result.ok:
            print(f"{args.record}: verified")
            return EXIT_OK
        for problem in result.problems:
            print(f"{args.record}: {problem}", file=sys.stderr)
        return EXIT_NOT_VERIFIED
    if command == "redraw":
        record = lots.record_from_json(_read_json(args.record))
        if not isinstance(record, lots.DrawRecord):
            raise _BadInput(f"{args.record}: a year-group record has no reviewers to redraw")
        check = lots.verify_record(lots.record_to_json(record))
        if not check.ok:
            raise _BadInput(f"{args.record}: the record does not verify: {'; '.join(check.problems)}")
        try:
            at = lots.canonical_time(args.at or dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        except lots.InputError as error:
            raise _BadInput(f"--at: {error.detail}") from None
        new = lots.redraw(record, under_review=args.under_review, slot=args.slot, seed=args.seed, at=at,
                          requested_by=args.requested_by, declined_by=args.declined_by)
        entry = new.redraws[-1]
        _write_json(args.output, lots.record_to_json(new))
        print(f"{entry.under_review} {entry.slot}: {entry.refused} replaced by "
              f"{', '.join(sorted({a.reviewer for a in entry.replacement}))}; record {new.record_sha256}",
              file=sys.stderr)
        return EXIT_OK
    draw_input = lots.parse_input(_read_json(args.input), reviewers=command == "draw")
    if command == "draw-groups":
        groups = lots.draw_year_groups(draw_input, args.groups, args.seed)
        _write_json(args.output, lots.record_to_json(groups))
        sizes = ", ".join(str(len(g)) for g in groups.year_groups)
        print(f"{args.groups} year groups of {sizes} States; record {groups.record_sha256}", file=sys.stderr)
        return EXIT_OK
    if args.commitment:
        print(lots.commit_input(draw_input))
        return EXIT_OK
    if args.seed is None or args.output is None:
        raise _BadInput("--seed and --output are required (or --commitment)")
    if args.max_attempts < 1:
        raise _BadInput("--max-attempts: must be at least 1")
    record = lots.draw_reviewers(draw_input, args.seed, max_attempts=args.max_attempts)
    _write_json(args.output, lots.record_to_json(record))
    for note in record.notes:
        print(note.message, file=sys.stderr)
    print(f"{len(draw_input.under_review)} States under review, {len(record.assignments)} assignments, accepted "
          f"at attempt {record.attempts}; input {record.input_sha256}; record {record.record_sha256}",
          file=sys.stderr)
    return EXIT_OK


def main(command: str, argv: list[str]) -> int:
    """Run one drawing-of-lots command; return its exit code (see the module docstring)."""
    if command not in COMMANDS:
        print(f"unknown command {command!r} (expected one of {', '.join(COMMANDS)})", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        args = _parser(command).parse_args(argv)
    except SystemExit as stop:  # argparse has printed the usage message
        return EXIT_BAD_INPUT if stop.code else EXIT_OK
    try:
        return _run(command, args)
    except (_BadInput, lots.InputError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except lots.InfeasibleDraw as error:
        print(f"infeasible: {error}", file=sys.stderr)
        return EXIT_INFEASIBLE
    except lots.DrawImpractical as error:
        print(f"impractical: {error}", file=sys.stderr)
        return EXIT_IMPRACTICAL
    except lots.RedrawRefused as error:
        print(f"refused: {error}", file=sys.stderr)
        return EXIT_REFUSED
    except OSError as error:
        print(f"error: cannot write output ({error})", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(f"usage: python -m treatyreview.lots_cli {{{','.join(COMMANDS)}}} [options]", file=sys.stderr)
        sys.exit(EXIT_BAD_INPUT)
    sys.exit(main(sys.argv[1], sys.argv[2:]))
