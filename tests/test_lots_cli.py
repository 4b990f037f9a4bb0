"""The drawing-of-lots commands, through `main(...)` and as a separate process with no Django settings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from treatyreview import lots_cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "draw-input.json"


def run(command: str, *args: str) -> int:
    return lots_cli.main(command, list(args))


def test_draw_redraw_and_verify_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = tmp_path / "record.json"
    assert run("draw", "--input", str(EXAMPLE), "--seed", "4 2 6 1", "--output", str(record)) == 0
    assert "accepted at attempt" in capsys.readouterr().err
    assert run("verify-draw", str(record)) == 0
    redrawn = tmp_path / "redrawn.json"
    assert run("redraw", "--record", str(record), "--under-review", "POL", "--slot", "other-group",
               "--requested-by", "POL", "--seed", "6 6", "--at", "2026-02-03T10:00:00Z", "--output", str(redrawn)) == 0
    data = json.loads(redrawn.read_text())
    assert data["redraws"][0]["at"] == "2026-02-03T10:00:00Z"
    assert data["redraws"][0]["by"] == "POL"
    assert run("verify-draw", str(redrawn)) == 0


def test_commitment_is_printed_before_the_seed_is_known(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("draw", "--input", str(EXAMPLE), "--commitment") == 0
    # The example's commitment in algorithm version 3 (docs/draw-algorithm.md, section 12).
    assert capsys.readouterr().out.strip() == "8cbe93ff3d43c7ec22f8a9c9412a8de91899be1753ca9f1c509c162241a2908b"


@pytest.mark.parametrize("change", [
    lambda d: d["assignments"][3].__setitem__("reviewer", "ARG"),
    lambda d: d.__setitem__("seed", "4 2 6 2"),
    lambda d: d["input"]["states"][0].__setitem__("code", "AUS"),
])
def test_verify_fails_on_a_changed_assignment_seed_or_input(tmp_path: Path, change: Any,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    record = tmp_path / "record.json"
    assert run("draw", "--input", str(EXAMPLE), "--seed", "4 2 6 1", "--output", str(record)) == 0
    data = json.loads(record.read_text())
    change(data)
    record.write_text(json.dumps(data))
    assert run("verify-draw", str(record)) == 1
    assert capsys.readouterr().err


def test_verify_fails_on_a_single_changed_byte(tmp_path: Path) -> None:
    record = tmp_path / "record.json"
    assert run("draw", "--input", str(EXAMPLE), "--seed", "x", "--output", str(record)) == 0
    raw = record.read_bytes()
    position = raw.index(b'"reviewer": "') + len(b'"reviewer": "')
    record.write_bytes(raw[:position] + bytes([raw[position] ^ 0x01]) + raw[position + 1:])
    assert run("verify-draw", str(record)) == 1


def test_bad_input_names_the_json_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(EXAMPLE.read_text())
    data["states"][3]["parties"][1] = "FIRE"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    assert run("draw", "--input", str(bad), "--seed", "s", "--output", str(tmp_path / "r.json")) == 3
    assert "states[3].parties[1]: unknown instrument 'FIRE'" in capsys.readouterr().err
    bad.write_text("{not json")
    assert run("draw", "--input", str(bad), "--seed", "s", "--output", str(tmp_path / "r.json")) == 3
    assert "not valid JSON" in capsys.readouterr().err
    assert not (tmp_path / "r.json").exists()


def test_infeasible_draw_exits_2_with_the_explanation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = {"states": [{"code": "A1", "group": "A", "parties": ["UNTOC", "FIREARMS"]},
                       {"code": "A2", "group": "A", "parties": ["UNTOC"]},
                       {"code": "B1", "group": "B", "parties": ["UNTOC", "FIREARMS"]}],
            "under_review": ["A1"]}
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data))
    assert run("draw", "--input", str(path), "--seed", "s", "--output", str(tmp_path / "r.json")) == 2
    assert "A1, same-group slot, the Firearms Protocol: no eligible reviewer" in capsys.readouterr().err


def test_redraw_beyond_the_limit_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(EXAMPLE.read_text())
    data["rules"]["max_redraws"] = 0
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data))
    record = tmp_path / "r.json"
    assert run("draw", "--input", str(path), "--seed", "s", "--output", str(record)) == 0
    assert run("redraw", "--record", str(record), "--under-review", "AUT", "--slot", "same-group",
               "--requested-by", "AUT", "--seed", "x", "--output", str(tmp_path / "n.json")) == 5
    assert "limit is 0" in capsys.readouterr().err


def test_year_groups_round_trip(tmp_path: Path) -> None:
    record = tmp_path / "groups.json"
    assert run("draw-groups", "--input", str(EXAMPLE), "--groups", "3", "--seed", "1 1 2", "--output", str(record)) == 0
    data = json.loads(record.read_text())
    assert sorted(len(g["states"]) for g in data["year_groups"]) == [3, 4, 4]
    assert run("verify-draw", str(record)) == 0


def test_module_runs_as_a_process_without_django_settings(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    record = tmp_path / "record.json"
    draw = subprocess.run([sys.executable, "-m", "treatyreview.lots_cli", "draw", "--input", str(EXAMPLE),
                           "--seed", "dice 3 5 2", "--output", str(record)], env=env, capture_output=True, text=True,
                          check=False)
    assert draw.returncode == 0, draw.stderr
    verify = subprocess.run([sys.executable, "-m", "treatyreview.lots_cli", "verify-draw", str(record)], env=env,
                            capture_output=True, text=True, check=False)
    assert verify.returncode == 0, verify.stderr
    assert "verified" in verify.stdout
    check = subprocess.run([sys.executable, "-c", "import sys, treatyreview.lots_cli; "
                            "sys.exit('django' in sys.modules)"], env=env, check=False)
    assert check.returncode == 0
