"""`treatyreview estimate`: presets and files, table, JSON and XLSX, and refusals that name the key path."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from treatyreview.mechanism import costs

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("estimate", *args, stdout=out)
    return out.getvalue()


def test_json_output_has_the_fields_the_issue_names() -> None:
    data = json.loads(run("--preset", "together", "--compare", "in-turn", "--format", "json"))
    names = [s["name"] for s in data["scenarios"]]
    assert names == ["together", "in-turn"]
    for scenario in data["scenarios"]:
        assert set(scenario) >= {"name", "total", "per_year", "per_item", "funding", "units"}
        assert set(scenario["funding"]) == {"regular_budget", "extrabudgetary"}
    assert data["scenarios"][0]["units"] == data["scenarios"][1]["units"] > 0


def test_a_preset_exported_and_edited_is_read_back(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    run("--preset", "outcome-c", "--export-scenario", str(path))
    data = json.loads(path.read_text())
    assert data["rules"]["outcome_model"] == "public_recommendations"
    data["name"] = "mine"
    data["rates"]["hosting_per_year"] = "0"
    path.write_text(json.dumps(data))
    table = run("--scenario", str(path), "--compare", "outcome-c")
    assert "mine" in table and "outcome-c" in table and "Total for the cycle" in table


def test_xlsx_needs_an_output_and_writes_a_workbook(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="--output"):
        run("--preset", "together", "--format", "xlsx")
    target = tmp_path / "costs.xlsx"
    run("--preset", "together", "--compare", "secretariat-drafts", "--format", "xlsx", "--output", str(target))
    assert load_workbook(target)["Comparison"]["C1"].value == "secretariat-drafts"


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d["rates"]["translation_per_word"].update(xx="1"), "rates.translation_per_word.xx"),
        (lambda d: d["rates"].update(travel_per_traveller="-3"), "rates.travel_per_traveller"),
        (lambda d: d["rates"]["translation_per_word"].pop("ru"), "rates.translation_per_word.ru"),
        (lambda d: d["staff"].update(interns=1), "staff.interns"),
    ],
)
def test_an_invalid_scenario_fails_naming_the_key_path(tmp_path: Path, change: object, path: str) -> None:
    data = costs.preset_data("together")
    change(data)  # type: ignore[operator]
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(data))
    with pytest.raises(CommandError, match=path.replace(".", r"\.")):
        run("--scenario", str(file))


def test_an_unknown_file_or_preset_is_named() -> None:
    with pytest.raises(CommandError, match="no such file and no such preset"):
        run("--preset", "together", "--compare", "no-such-thing")


def test_the_command_exits_non_zero_through_the_console_script(tmp_path: Path) -> None:
    from treatyreview.cli import main

    file = tmp_path / "bad.json"
    file.write_text("{}")
    assert main(["estimate", "--scenario", str(file)]) != 0
