"""`treatyreview import-template` and `export-template`: the workbook exchange from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.questionnaires.books import FOLLOW_UP, QUESTION, content, workbook
from treatyreview.audit.models import AuditEvent
from treatyreview.cli import PLATFORM_COMMANDS
from treatyreview.questionnaires.models import TemplateVersion
from treatyreview.questionnaires.saq.demo import demo_template_create

pytestmark = pytest.mark.django_db


def test_a_workbook_imported_and_exported_comes_back_unchanged(tmp_path: Path, capsys: Any) -> None:
    source = tmp_path / "saq.xlsx"
    source.write_bytes(workbook([QUESTION, FOLLOW_UP]))
    call_command("import_template", str(source))
    assert capsys.readouterr().out.strip() == "saq.xlsx: test-saq version 1 (draft), 2 questions"
    event = AuditEvent.objects.get(action="template.import")
    assert event.actor is None and event.actor_label == "system"

    exported = tmp_path / "out.xlsx"
    call_command("export_template", "test-saq", output=exported)
    assert "test-saq version 1 (Draft), 2 questions" in capsys.readouterr().out
    assert content(exported.read_bytes())["questions"] == content(source.read_bytes())["questions"]


def test_list_prints_the_template_names_one_a_line(capsys: Any, secretariat: Any, tmp_path: Path) -> None:
    demo_template_create(actor=secretariat)
    source = tmp_path / "saq.xlsx"
    source.write_bytes(workbook([QUESTION], name="firearms-saq"))
    call_command("import_template", str(source), username="officer")
    capsys.readouterr()
    call_command("export_template", list=True)
    assert capsys.readouterr().out == "firearms-saq\nuntoc-saq\n"


def test_a_bad_workbook_prints_every_problem_and_imports_nothing(tmp_path: Path, capsys: Any) -> None:
    source = tmp_path / "bad.xlsx"
    source.write_bytes(workbook([QUESTION, {**FOLLOW_UP, "parent_id": "untoc-6"}, {**QUESTION, "type": "maybe"}]))
    with pytest.raises(CommandError) as failure:
        call_command("import_template", str(source))
    error = str(failure.value)
    assert "bad.xlsx: nothing was imported:" in error
    assert "sheet “questions”, row 3, column “parent_id” (F)" in error
    assert "sheet “questions”, row 4, column “id” (A)" in error
    assert not TemplateVersion.objects.exists()


def test_exporting_an_unknown_template_says_how_to_list_them(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="export-template --list"):
        call_command("export_template", "nothing", output=tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


def test_the_treatyreview_command_lists_both() -> None:
    assert {"import-template", "export-template"} <= set(PLATFORM_COMMANDS)
