"""Benchmark of the drawing of lots on the real registry: prints median times, attempts and a SHA-256 baseline."""

from __future__ import annotations

import hashlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from treatyreview.mechanism import lots  # noqa: E402
from treatyreview.mechanism.lots import pools, sampling  # noqa: E402
from treatyreview.mechanism.lots.stream import LotsStream  # noqa: E402
from treatyreview.mechanism.rules import UNTOC_2018  # noqa: E402
from treatyreview.registry.loading import read_reference_data  # noqa: E402

# Attempt budget for the draws expected to be impractical: enough to show it, short enough to run.
BUDGET = 2_000
# Attempt budget of the version-2 baseline in the table of limits (whole-attempt rejection).
BASELINE_BUDGET = 20_000
# One year group drawn in a fresh process from its input file: what a user running the draw waits for.
WHOLE_PROCESS = """
import json, sys, time
start = time.perf_counter()
from treatyreview.mechanism import lots
draw_input = lots.parse_input(json.load(open(sys.argv[1], encoding="utf-8")))
try:
    record = lots.draw_reviewers(draw_input, sys.argv[2])
    json.dump(lots.record_to_json(record), open(sys.argv[3], "w", encoding="utf-8"))
    print("ok", record.attempts, record.completion_attempts)
except lots.LotsError as error:
    print("failed", str(error).split(" (")[0])
"""


def registry_states() -> list[dict[str, Any]]:
    """The 198 registry rows, read and checked by the platform's own loader, as draw-input States."""
    return [{"code": row.code, "group": row.group_code,
             "parties": [cell.instrument for cell in row.participation if cell.status == "party"], "can_review": True}
            for row in read_reference_data().states]


def median_time(function: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def attempt(draw_input: lots.DrawInput, seed: str, max_attempts: int) -> tuple[lots.DrawRecord | None, str]:
    try:
        return lots.draw_reviewers(draw_input, seed, max_attempts=max_attempts), ""
    except lots.LotsError as error:
        text = str(error)
    if "The constraints that reject most attempts: " in text:
        top = text.split("The constraints that reject most attempts: ")[1].split(";")[0]
        return None, text.split(": exact")[0] + f" (most rejections: {top})"
    return None, text


def main() -> None:
    states = registry_states()
    # The rules of the UNTOC 2018 preset, as the platform passes them to the draw.
    preset = UNTOC_2018.values.as_dict()
    rules: dict[str, Any] = {name: preset[name] for name in lots.RULE_FIELDS}
    print(f"rules: UNTOC 2018 preset, load limit {rules['max_reviews_per_reviewer']} reviews per cycle")
    registry = lots.parse_input({"rules": rules, "states": states}, reviewers=False)
    parties = [s for s in registry.states if "UNTOC" in s.parties]
    print(f"registry: {len(registry.states)} rows, {len(parties)} parties to the Convention")

    t_groups = median_time(lambda: lots.draw_year_groups(registry, 3, "bench groups"), 20)
    groups = lots.draw_year_groups(registry, 3, "bench groups").year_groups
    print(f"year groups (3): sizes {[len(g) for g in groups]}, median {t_groups * 1e3:.1f} ms")

    def year_input(index: int, existing: list[dict[str, str]]) -> lots.DrawInput:
        return lots.parse_input({"rules": rules, "states": states, "under_review": list(groups[index]),
                                 "existing": existing})

    year1 = year_input(0, [])
    seeds = [f"bench {i}" for i in range(15)]
    results = [lots.draw_reviewers(year1, s) for s in seeds]
    times = []
    for s in seeds:
        start = time.perf_counter()
        lots.draw_reviewers(year1, s)
        times.append(time.perf_counter() - start)
    attempts = [r.attempts for r in results]
    t_year = statistics.median(times)
    print(f"year-group draw, year 1 ({len(year1.under_review)} under review, all instruments): median "
          f"{t_year * 1e3:.1f} ms; attempts median {statistics.median(attempts)}, max {max(attempts)} "
          f"(target < 200 ms)")

    record = results[0]
    existing = [{"under_review": a.under_review, "reviewer": a.reviewer, "instrument": a.instrument}
                for a in record.assignments]
    for index in (1, 2):
        later = year_input(index, existing)
        start = time.perf_counter()
        outcome, error = attempt(later, f"bench year {index + 1}", lots.DEFAULT_MAX_ATTEMPTS)
        print(f"year-group draw, year {index + 1} (earlier years held as existing): "
              f"{time.perf_counter() - start:.2f} s; "
              + (f"accepted at attempt {outcome.attempts}" if outcome else f"not drawn: {error}"))
        if outcome is None:
            break
        existing += [{"under_review": a.under_review, "reviewer": a.reviewer, "instrument": a.instrument}
                     for a in outcome.assignments]

    limits_table(states, rules, groups)

    whole = lots.parse_input({"rules": rules, "states": states, "under_review": [s.code for s in parties]})
    start = time.perf_counter()
    outcome, error = attempt(whole, "bench whole", BUDGET)
    print(f"whole membership at once ({len(whole.under_review)} under review): {time.perf_counter() - start:.2f} s; "
          + (f"accepted at attempt {outcome.attempts}" if outcome else f"not drawn: {error}"))
    for cap in (3, 8):
        loose_rules: dict[str, Any] = dict(rules, max_reviews_per_reviewer=cap)
        loose = lots.parse_input({"rules": loose_rules, "states": states, "under_review": [s.code for s in parties]})
        start = time.perf_counter()
        outcome, error = attempt(loose, "bench whole", BUDGET)
        print(f"  same with a load limit of {cap}: {time.perf_counter() - start:.2f} s; "
              + (f"accepted at attempt {outcome.attempts}" if outcome else f"not drawn: {error}"))

    def full_parties(group: str) -> list[dict[str, Any]]:
        return [s for s in states if s["group"] == group and len(s["parties"]) == len(lots.INSTRUMENTS)][:5]

    small_states = full_parties("WEOG") + full_parties("EEG")
    small = lots.parse_input({"rules": rules, "states": small_states,
                              "under_review": [s["code"] for s in small_states[::2]]})
    start = time.perf_counter()
    small_attempts = sum(lots.draw_reviewers(small, f"small {i}").attempts for i in range(10_000))
    t_small = time.perf_counter() - start
    print(f"10,000 draws of a 10-State instance ({len(small.under_review)} under review): {t_small:.2f} s "
          f"({t_small / 10_000 * 1e6:.0f} µs per draw, "
          f"{small_attempts / 10_000:.2f} attempts per draw)")

    subject = record.assignments[0].under_review
    t_redraw = median_time(lambda: lots.redraw(record, under_review=subject, slot=lots.SAME_GROUP, seed="r",
                                               at="2026-01-01T00:00:00Z", requested_by=subject), 15)
    print(f"redraw (one slot, year 1 record): median {t_redraw * 1e3:.1f} ms")
    data = lots.record_to_json(record)
    t_verify = median_time(lambda: lots.verify_record(data), 15)
    print(f"verification (year 1 record): median {t_verify * 1e3:.1f} ms (target < 200 ms)")

    canonical = lots.canonical_json(lots.input_to_json(year1))
    t_hash = median_time(lambda: hashlib.sha256(canonical).digest(), 200)
    stream = LotsStream(seed="bench 0", commitment=bytes.fromhex(record.input_sha256), label="x")
    lots.draw_reviewers(year1, "bench 0")
    # The stream bytes one year-1 draw consumes, as whole HMAC blocks: the same number of SHA-256 calls is
    # the floor any verifier needs.
    probe = pools.plan_draw(year1)
    probe_stream = LotsStream(seed="bench 0", commitment=bytes.fromhex(record.input_sha256), label="probe")
    sampling._sample_conditional(probe, probe_stream, 100_000)
    blocks = (probe_stream.bytes_read + 31) // 32
    del stream

    def sha_loop() -> None:
        digest = b""
        for _ in range(blocks * 2):  # an HMAC is two SHA-256 calls
            digest = hashlib.sha256(digest).digest()

    t_loop = median_time(sha_loop, 50)
    print(f"baseline: SHA-256 of the canonical input ({len(canonical)} bytes) {t_hash * 1e6:.0f} µs; "
          f"{blocks * 2} plain SHA-256 calls (the random stream of one draw) {t_loop * 1e3:.2f} ms")
    print(f"ratio year-group draw / hashing its input: {t_year / t_hash:.0f}x; "
          f"draw / SHA-256 loop of its stream: {t_year / t_loop:.0f}x; "
          f"verification / hashing its input: {t_verify / t_hash:.0f}x")


def limits_table(states: list[dict[str, Any]], rules: dict[str, Any], groups: tuple[tuple[str, ...], ...]) -> None:
    """Each load limit and year group: version 3 (sequential, exact) in a fresh process, against version 2
    (whole-attempt rejection, today's sampler before version 3) in the same run. Both years hold the earlier
    years' version-3 draws as existing assignments."""
    print(f"load limits, year groups drawn in turn (seeds 'bench year N'); version 2 budget {BASELINE_BUDGET:,} "
          f"attempts; version 3 timed whole-process (start, import, draw, write the record):")
    for limit in (3, 4, 5):
        limit_rules = dict(rules, max_reviews_per_reviewer=limit)
        existing: list[dict[str, str]] = []
        for year in range(3):
            data = {"rules": limit_rules, "states": states, "under_review": list(groups[year]), "existing": existing}
            seed = f"bench year {year + 1}"
            start = time.perf_counter()
            _, error = attempt(lots.parse_input(data, version=2), seed, BASELINE_BUDGET)
            t2 = time.perf_counter() - start
            v2 = f"drawn in {t2:.2f} s" if not error else f"not drawn ({t2:.1f} s: {error.split(' (')[0][:60]})"
            with tempfile.TemporaryDirectory() as tmp:
                path, out = Path(tmp) / "input.json", Path(tmp) / "record.json"
                path.write_text(json.dumps(data), encoding="utf-8")
                start = time.perf_counter()
                result = subprocess.run([sys.executable, "-c", WHOLE_PROCESS, str(path), seed, str(out)],
                                        capture_output=True, text=True, check=False,
                                        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
                t3 = time.perf_counter() - start
                words = (result.stdout.strip() or result.stderr.strip().splitlines()[-1]).split(" ", 1)
                if words[0] == "ok":
                    record = json.loads(out.read_text(encoding="utf-8"))
                    tries = words[1].split()
                    v3 = f"drawn in {t3:.2f} s ({tries[0]} + {tries[1]} attempts)"
                    existing = existing + [{k: a[k] for k in ("under_review", "reviewer", "instrument")}
                                           for a in record["assignments"]]
                else:
                    v3 = f"not drawn ({t3:.1f} s: {words[-1][:90]})"
            print(f"  limit {limit}, year {year + 1}: version 3 {v3}; version 2 {v2}"
                  + (f"; ratio {t2 / t3:.1f}x" if not error and words[0] == "ok" else ""), flush=True)
            if words[0] != "ok":
                break


if __name__ == "__main__":
    main()
