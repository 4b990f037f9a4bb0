"""The single-file verifier: run under a plain system python3, it agrees with verify-draw on every record, genuine
or tampered; the published test vectors are what the code draws; a redraw's time is validated."""

from __future__ import annotations

import ast
import contextlib
import copy
import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.mechanism.test_lots_properties import instances
from treatyreview import lots_cli
from treatyreview.mechanism import lots

ROOT = Path(__file__).resolve().parents[2]
VERIFIER = Path(lots.__file__).parent / lots.VERIFIER_NAME
RECORDS = sorted((ROOT / "tests/mechanism/records").glob("*.json"))
VECTORS = sorted((ROOT / "docs/vectors").glob("draw-v*.json"))
AT = "2026-03-02T10:00:00Z"
# The registry's second year group (64 States under review, the first year held as existing) at a load limit of
# 3, drawn by the version-3 code: the tight limits of ADR 0011, 4 completion attempts.
TIGHT = "v3-reviewers-tight"


def system_python() -> str:
    """A python3 outside the virtual environment (the one a delegate has), never the venv's."""
    venv = Path(sys.prefix).resolve()
    path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep)
                           if p and not Path(p).resolve().is_relative_to(venv))
    found = shutil.which("python3", path=path) or "/usr/bin/python3"
    assert not Path(found).parent.resolve().is_relative_to(venv), found
    return found


def run_verifier(*paths: Path) -> subprocess.CompletedProcess[str]:
    # -I: isolated (no user site, no PYTHON* variables, no current directory on the path); a clean environment.
    return subprocess.run([system_python(), "-I", str(VERIFIER), *map(str, paths)], capture_output=True, text=True,
                          env={}, cwd="/", timeout=600, check=False)


def standalone() -> Any:
    spec = importlib.util.spec_from_file_location("verify_draw_standalone", VERIFIER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def digest(value: Any) -> str:
    return hashlib.sha256(lots.canonical_json(value)).hexdigest()


def resealed(data: dict[str, Any]) -> dict[str, Any]:
    """The record with both hashes recomputed, so that only the replay can catch a change."""
    data = copy.deepcopy(data)
    if isinstance(data.get("input"), dict):
        data["input_sha256"] = digest(data["input"])
    data.pop("record_sha256", None)
    data["record_sha256"] = digest(data)
    return data


def genuine() -> dict[str, dict[str, Any]]:
    records = {path.stem: json.loads(path.read_text("utf-8")) for path in [*RECORDS, *VECTORS]}
    example = lots.parse_input(json.loads((ROOT / "examples/draw-input.json").read_text("utf-8")))
    drawn = lots.draw_reviewers(example, "3 1 4 1 5 9")
    records["v3-example-redrawn"] = lots.record_to_json(lots.redraw(
        drawn, under_review="POL", slot=lots.OTHER_GROUP, seed="6 6 2", at=AT, requested_by="POL"))
    records["v3-year-groups"] = lots.record_to_json(lots.draw_year_groups(example, 3, "3 1 4 1 5 9"))
    records["v3-supplementary-redraw"] = lots.record_to_json(supplementary_redraw())
    return records


def supplementary_redraw() -> lots.DrawRecord:
    """At most 3 reviewing States: when BRA, supplementary reviewer of POL's other-group slot for SOM and FIREARMS,
    declines, a proposal of two different States breaks the limit and is drawn again (section 8)."""
    data = json.loads((ROOT / "examples/draw-input.json").read_text("utf-8"))
    data["rules"]["max_reviewers_total"] = 3
    data["states"] += [{"code": "GBR", "group": "Western European and other States", "parties": ["UNTOC", "TIP"]},
                       {"code": "UKR", "group": "Eastern European States", "parties": ["UNTOC", "SOM"]}]
    record = lots.draw_reviewers(lots.parse_input(data), "a0")
    return lots.redraw(record, under_review="POL", slot=lots.OTHER_GROUP, seed="d0", at="2026-03-03T09:30:00Z",
                       declined_by="BRA")


def test_a_supplementary_redraw_counts_every_proposal_it_draws() -> None:
    entry = supplementary_redraw().redraws[-1]
    assert (entry.kind, entry.refused, entry.attempts) == ("declined", "BRA", 5)
    assert {(a.instrument, a.reviewer) for a in entry.replacement} == {("SOM", "ARG"), ("FIREARMS", "ARG")}


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value(target[path[-1]]) if callable(value) else value
    return change


TAMPERINGS: dict[str, Callable[[dict[str, Any]], None]] = {
    "seed": _set(("seed",), lambda s: s + " "),
    "attempts": _set(("attempts",), lambda n: n + 1),
    "attempts-float": _set(("attempts",), float),
    "version-true": _set(("algorithm", "version"), True),
    "version-float": _set(("algorithm", "version"), lambda v: float(v)),
    "extra-field": _set(("extra",), 1),
    "input-rule": _set(("input", "rules", "max_reviews_per_reviewer"), lambda n: n + 1),
    "input-out-of-range": _set(("input", "rules", "max_redraws"), 11),
    "input-party": _set(("input", "states", 0, "parties"), ["UNTOC"]),
}
REVIEWER_TAMPERINGS: dict[str, Callable[[dict[str, Any]], None]] = {
    "reviewer": _set(("assignments", 0, "reviewer"), lambda r: "AUT" if r != "AUT" else "DEU"),
    "supplementary-flag": _set(("assignments", 1, "supplementary"), lambda b: not b),
    "notes": _set(("notes",), []),
    "completion-attempts": _set(("completion_attempts",), lambda n: n + 1),
}
REDRAW_TAMPERINGS: dict[str, Callable[[dict[str, Any]], None]] = {
    "redraw-at": _set(("redraws", 0, "at"), "2030-01-01T00:00:00Z"),
    "redraw-seed": _set(("redraws", 0, "seed"), lambda s: s + "1"),
    "redraw-kind": _set(("redraws", 0, "kind"), lambda k: "declined" if k == "requested" else "requested"),
    "redraw-attempts": _set(("redraws", 0, "attempts"), lambda n: n + 1),
    "redraw-dropped": lambda d: d["redraws"].pop(0),
}
GROUP_TAMPERINGS: dict[str, Callable[[dict[str, Any]], None]] = {
    "year-group-moved": lambda d: d["year_groups"][1]["states"].append(d["year_groups"][0]["states"].pop()),
    "groups": _set(("groups",), lambda n: n + 1),
}


def corpus() -> dict[str, tuple[dict[str, Any], bool]]:
    """Every genuine record (True) and, for each, its tampered variants, as they are and resealed (False)."""
    out: dict[str, tuple[dict[str, Any], bool]] = {}
    for name, record in genuine().items():
        out[name] = (record, True)
        kinds = dict(TAMPERINGS)
        kinds |= GROUP_TAMPERINGS if record["kind"] == "year-groups" else REVIEWER_TAMPERINGS
        kinds |= REDRAW_TAMPERINGS if record.get("redraws") else {}
        if name == TIGHT:  # each replay of the registry's second year at a limit of 3 takes a second or more
            kinds = {key: kinds[key] for key in ("reviewer", "completion-attempts")}
        for label, change in kinds.items():
            data = copy.deepcopy(record)
            change(data)
            out[f"{name}--{label}"] = (data, False)
            out[f"{name}--{label}--resealed"] = (resealed(data), False)
    return out


def test_the_verifier_is_one_file_of_the_standard_library_importing_nothing_of_the_package() -> None:
    tree = ast.parse(VERIFIER.read_text("utf-8"), feature_version=(3, 9))  # a delegate's Python may be old
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module}
    assert imported <= set(sys.stdlib_module_names), imported - set(sys.stdlib_module_names)
    # The plain interpreter the suite runs it with cannot even see the package.
    probe = subprocess.run([system_python(), "-I", "-c", "import treatyreview"], capture_output=True, env={},
                           cwd="/", check=False)
    assert probe.returncode != 0


def test_under_a_plain_python3_the_verifier_agrees_with_verify_draw_on_every_record(tmp_path: Path) -> None:
    cases = corpus()
    paths = {}
    for name, (data, _) in cases.items():
        paths[name] = tmp_path / f"{name}.json"
        paths[name].write_text(json.dumps(data, indent=1, ensure_ascii=False), "utf-8")
    result = run_verifier(*paths.values())
    verdicts = {}
    for line in (result.stdout + result.stderr).splitlines():
        path, _, message = line.partition(": ")
        verdicts[Path(path).stem] = message == "reproduced"
    assert set(verdicts) == set(cases)
    assert result.returncode == 1  # some are tampered
    for name, (data, is_genuine) in cases.items():
        exit_code = lots_cli.main("verify-draw", [str(paths[name])])
        assert (exit_code == 0) == verdicts[name] == is_genuine, name
        assert lots.verify_record(data).ok == is_genuine, name
    assert len(cases) > 200


def test_a_genuine_record_prints_reproduced_and_a_changed_one_its_first_difference(tmp_path: Path) -> None:
    record = json.loads(VECTORS[-1].read_text("utf-8"))
    good = tmp_path / "record.json"
    good.write_text(json.dumps(record), "utf-8")
    result = run_verifier(good)
    assert (result.returncode, result.stdout) == (0, "reproduced\n")
    changed = resealed(record)
    changed["assignments"][0]["reviewer"] = "ARG" if changed["assignments"][0]["reviewer"] != "ARG" else "BRA"
    bad = tmp_path / "changed.json"
    bad.write_text(json.dumps(resealed(changed)), "utf-8")
    result = run_verifier(bad)
    assert result.returncode == 1
    assert result.stderr.startswith("record.assignments[0].reviewer: the record has")
    (tmp_path / "broken.json").write_text("{", "utf-8")
    result = run_verifier(tmp_path / "broken.json")
    assert result.returncode == 1 and "cannot read the record" in result.stderr


def _tamper(data: Any, choice: Any) -> Any:
    """Change one leaf of a JSON value, chosen by `choice`."""
    leaves: list[tuple[Any, Any]] = []

    def walk(node: Any) -> None:
        for key, value in (node.items() if isinstance(node, dict) else enumerate(node)):
            if isinstance(value, dict | list) and value:
                walk(value)
            else:
                leaves.append((node, key))
    walk(data)
    node, key = choice(leaves)
    value = node[key]
    node[key] = (not value if isinstance(value, bool) else value + 1 if isinstance(value, int)
                 else value + "X" if isinstance(value, str) else None if value is not None else 0)
    return data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(instances(), st.sampled_from([1, 2, 3]), st.lists(st.tuples(st.integers(0, 99), st.booleans()), max_size=3),
       st.randoms(use_true_random=False), st.booleans())
def test_on_generated_draws_the_two_verifiers_always_agree(data: dict[str, Any], version: int,
                                                          redraws: list[tuple[int, bool]], rnd: Any,
                                                          reseal: bool) -> None:
    if version == 1:
        for state in data["states"]:
            state.pop("may_review", None)
    try:
        record = lots.draw_reviewers(lots.parse_input(data, version=version), "generated")
    except lots.LotsError:
        return
    for i, (pick, requested) in enumerate(redraws):
        a = record.assignments[pick % len(record.assignments)]
        who = {"requested_by": a.under_review} if requested else {"declined_by": a.reviewer}
        with contextlib.suppress(lots.LotsError):
            record = lots.redraw(record, under_review=a.under_review, slot=a.slot, seed=f"r{i}", at=AT, **who)
    good = lots.record_to_json(record)
    verifier = standalone()
    assert lots.verify_record(good).ok and verifier.verify(copy.deepcopy(good)) is None
    bad = _tamper(copy.deepcopy(good), rnd.choice)
    bad = resealed(bad) if reseal else bad
    try:
        found = verifier.verify(copy.deepcopy(bad))
    except (verifier.Bad, KeyError, TypeError, AttributeError, IndexError) as error:
        found = str(error) or type(error).__name__
    assert (found is None) == lots.verify_record(bad).ok


@pytest.mark.parametrize("path", VECTORS, ids=lambda p: p.stem)
def test_each_published_vector_is_what_the_code_draws(path: Path) -> None:
    vector = json.loads(path.read_text("utf-8"))
    version = vector["algorithm"]["version"]
    record = lots.draw_reviewers(lots.parse_input(vector["input"], version=version), vector["seed"])
    for entry in vector["redraws"]:
        who = {"requested_by" if entry["kind"] == "requested" else "declined_by": entry["by"]}
        record = lots.redraw(record, under_review=entry["under_review"], slot=entry["slot"], seed=entry["seed"],
                             at=entry["at"], **who)
    assert lots.record_to_json(record) == vector
    # What each vector exercises: redraws and declines (whole slot and supplementary only), a State with no
    # regional group under review (noted, and redrawn), supplementary reviewers.
    assert any(e["kind"] == "requested" for e in vector["redraws"])
    assert any(e["kind"] == "declined" and all(a["supplementary"] for a in e["replaced"]) for e in vector["redraws"])
    assert any(e["kind"] == "declined" and e["under_review"] == "EUU" for e in vector["redraws"])
    assert vector["notes"] and any(a["supplementary"] for a in vector["assignments"])
    spec = (ROOT / "docs/draw-algorithm.md").read_text("utf-8")
    assert vector["record_sha256"] in spec and vector["input_sha256"] in spec


def test_export_verifier_writes_the_shipped_file_and_says_its_sha256(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "verify_draw.py"
    assert lots_cli.main("export-verifier", ["--output", str(target)]) == 0
    assert target.read_bytes() == VERIFIER.read_bytes() == lots.verifier_source()
    assert hashlib.sha256(target.read_bytes()).hexdigest() == lots.verifier_sha256()
    assert lots.verifier_sha256() in capsys.readouterr().err
    assert lots_cli.main("export-verifier", []) == lots_cli.EXIT_BAD_INPUT


@pytest.mark.parametrize(("text", "canonical"), [
    ("2026-03-02T10:00:00Z", "2026-03-02T10:00:00Z"),
    ("2026-03-02T11:00:00+01:00", "2026-03-02T10:00:00Z"),
    ("2026-03-02T10:00:00+00:00", "2026-03-02T10:00:00Z"),
    ("2026-03-01T23:30-05:00", "2026-03-02T04:30:00Z"),
])
def test_a_redraw_time_has_one_canonical_form(text: str, canonical: str) -> None:
    assert lots.canonical_time(text) == canonical


@pytest.mark.parametrize("text", ["yesterday", "2026-03-02", "2026-03-02T10:00:00", "2026-02-30T10:00:00Z",
                                  "2026-03-02T10:00:00.5Z", "1999-12-31T23:59:59Z", " 2026-03-02T10:00:00Z"])
def test_a_redraw_time_that_is_not_an_iso_8601_moment_is_refused(text: str) -> None:
    with pytest.raises(lots.InputError) as error:
        lots.canonical_time(text)
    assert error.value.path == "at"


def test_redraw_refuses_a_time_outside_the_canonical_form_and_the_command_normalises_it(tmp_path: Path) -> None:
    example = lots.parse_input(json.loads((ROOT / "examples/draw-input.json").read_text("utf-8")))
    record = lots.draw_reviewers(example, "3 1 4 1 5 9")
    with pytest.raises(lots.InputError, match="canonical form YYYY-MM-DDTHH:MM:SSZ"):
        lots.redraw(record, under_review="POL", slot=lots.OTHER_GROUP, seed="6", at="2026-03-02T11:00:00+01:00",
                    requested_by="POL")
    source = tmp_path / "record.json"
    source.write_text(json.dumps(lots.record_to_json(record)), "utf-8")
    args = ["--record", str(source), "--under-review", "POL", "--slot", "other-group", "--requested-by", "POL",
            "--seed", "6", "--output", str(tmp_path / "out.json")]
    assert lots_cli.main("redraw", [*args, "--at", "yesterday"]) == lots_cli.EXIT_BAD_INPUT
    assert not (tmp_path / "out.json").exists()
    assert lots_cli.main("redraw", [*args, "--at", "2026-03-02T11:00:00+01:00"]) == 0
    written = json.loads((tmp_path / "out.json").read_text("utf-8"))
    assert written["redraws"][0]["at"] == "2026-03-02T10:00:00Z"
    # Records made before the form was fixed keep the `at` they were committed with, and still verify.
    v1 = json.loads((ROOT / "tests/mechanism/records/v1-reviewers.json").read_text("utf-8"))
    assert v1["redraws"][0]["at"].endswith("+00:00") and lots.verify_record(v1).ok
