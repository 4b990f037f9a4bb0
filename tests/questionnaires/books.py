"""Test helpers (not collected): workbooks written cell by cell, as a spreadsheet would save them."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook, load_workbook

from treatyreview.questionnaires.saq.workbooks import COLUMNS

QUESTION = {
    "id": "untoc-5", "instrument": "UNTOC", "article": 5, "paragraph": "", "type": "yes_no", "parent_id": "",
    "condition": "", "text_en": "Has your State criminalized participation in an organized criminal group?",
    "text_fr": "Votre État a-t-il incriminé la participation à un groupe criminel organisé ?",
}
FOLLOW_UP = {
    "id": "untoc-5-law", "instrument": "UNTOC", "article": 5, "paragraph": "1 (a)", "type": "citation",
    "parent_id": "untoc-5", "condition": "yes", "text_en": "Please cite the legislation.",
}


def workbook(
    rows: list[dict[str, Any]], columns: tuple[str, ...] = COLUMNS, name: str | None = "test-saq"
) -> bytes:
    """A workbook with a `questions` sheet of `rows` (missing cells empty) and, unless name is None, a name."""
    book = Workbook()
    sheet = book.active
    sheet.title = "questions"
    sheet.append(list(columns))
    for row in rows:
        sheet.append([row.get(column) for column in columns])
    if name is not None:
        about = book.create_sheet("template")
        about.append(["field", "value"])
        about.append(["name", name])
        about.append(["title_en", "Test questionnaire"])
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def content(data: bytes) -> dict[str, list[tuple[Any, ...]]]:
    """Every sheet's cell values, row by row: what "unchanged" means for a workbook."""
    book = load_workbook(io.BytesIO(data), read_only=True)
    try:
        return {name: [tuple(row) for row in book[name].iter_rows(values_only=True)] for name in book.sheetnames}
    finally:
        book.close()
