"""`treatyreview import-template` and `export-template`: the workbook exchange from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.questionnaires.books import FOLLOW_UP, QUESTION, content, workbook
from treatyreview.audit.models import AuditEvent
from treatyreview.cli import main
from treatyreview.questionnaires.models import TemplateVersion
from treatyreview.questionnaires.saq.demo import demo_template_create

pytestmark = pytest.mark.django_db


def test_a_workbook_imported_and_exported_comes_back_unchanged(tmp_path: Path, capsys: Any) -> None:
    source = tmp_path / "saq.xlsx"
    source.write_bytes(workbook([QUESTION, FOLLOW_UP]))
    assert main(["import-template", str(source)]) == 0
    assert capsys.readouterr().out.strip() == "saq.xlsx: test-saq version 1 (draft), 2 questions"
    event = AuditEvent.objects.get(action="template.import")
    assert event.actor is None and event.actor_label == "system"

    exported = tmp_path / "out.xlsx"
    assert main(["export-template", "test-saq", "--output", str(exported)]) == 0
    assert "test-saq version 1 (Draft), 2 questions" in capsys.readouterr().out
    assert content(exported.read_bytes())["questions"] == content(source.read_bytes())["questions"]


def test_list_prints_the_template_names_one_a_line(capsys: Any, secretariat: Any, tmp_path: Path) -> None:
    demo_template_create(actor=secretariat)
    source = tmp_path / "saq.xlsx"
    source.write_bytes(workbook([QUESTION], name="firearms-saq"))
    assert main(["import-template", str(source), "--as", "officer"]) == 0
    capsys.readouterr()
    assert main(["export-template", "--list"]) == 0
    assert capsys.readouterr().out == "firearms-saq\nuntoc-saq\n"


def test_a_bad_workbook_prints_every_problem_and_imports_nothing(tmp_path: Path, capsys: Any) -> None:
    source = tmp_path / "bad.xlsx"
    source.write_bytes(workbook([QUESTION, {**FOLLOW_UP, "parent_id": "untoc-6"}, {**QUESTION, "type": "maybe"}]))
    assert main(["import-template", str(source)]) != 0
    error = capsys.readouterr().err
    assert "bad.xlsx: nothing was imported:" in error
    assert "sheet “questions”, row 3, column “parent_id” (F)" in error
    assert "sheet “questions”, row 4, column “id” (A)" in error
    assert not TemplateVersion.objects.exists()


def test_exporting_an_unknown_template_says_how_to_list_them(tmp_path: Path, capsys: Any) -> None:
    assert main(["export-template", "nothing", "--output", str(tmp_path / "x.xlsx")]) != 0
    assert "export-template --list" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()
