"""The XLSX workbook of a template, as it circulates by e-mail: written from a version, read back into questions.

Sheet `questions`: one row per question, columns `id, instrument, article, paragraph, type, parent_id,
condition`, then `text_<lang>` and `guidance_<lang>` for each UN language (ar zh en fr ru es). Sheet
`template`: the template's `name` and its `title_<lang>`. Reading checks everything and reports every problem,
each naming its sheet, row and column; a workbook with any problem yields nothing.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl import load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from treatyreview.errors import InvalidInput
from treatyreview.questionnaires.saq.choices import (
    GUIDANCE_MAX,
    NAME_MAX,
    PARAGRAPH_MAX,
    QUESTIONS_MAX,
    TEMPLATE_LANGUAGES,
    TEXT_MAX,
    TITLE_MAX,
    FollowUpCondition,
    QuestionType,
)
from treatyreview.questionnaires.saq.validation import (
    code_problem,
    condition_problem,
    normalized,
    text_problem,
    type_problem,
)
from treatyreview.registry.choices import InstrumentCode, instrument_label

QUESTIONS_SHEET = "questions"
TEMPLATE_SHEET = "template"
TEXT_COLUMNS = tuple(f"text_{lang}" for lang in TEMPLATE_LANGUAGES)
GUIDANCE_COLUMNS = tuple(f"guidance_{lang}" for lang in TEMPLATE_LANGUAGES)
TITLE_FIELDS = tuple(f"title_{lang}" for lang in TEMPLATE_LANGUAGES)
COLUMNS = ("id", "instrument", "article", "paragraph", "type", "parent_id", "condition", *TEXT_COLUMNS,
           *GUIDANCE_COLUMNS)
FILE_MAX = 10 * 1024 * 1024
COLUMNS_READ = 64
ROWS_READ = QUESTIONS_MAX + 1000  # blank rows included
PROBLEMS_SHOWN = 50


@dataclass(frozen=True)
class QuestionRow:
    """One question as the workbook holds it; `row` is its row in the sheet (not part of its content)."""

    code: str
    instrument: str
    article: int
    paragraph: str
    type: str
    parent: str
    condition: str
    text: dict[str, str]
    guidance: dict[str, str]
    row: int = field(default=0, compare=False)


@dataclass(frozen=True)
class TemplateWorkbook:
    name: str
    title: dict[str, str]
    questions: tuple[QuestionRow, ...]


def _string_cell(cell: Any, value: str) -> None:
    cell.value = value
    cell.data_type = "s"  # a text that begins with "=" stays text, never a formula


def workbook_write(book: TemplateWorkbook) -> bytes:
    """The workbook of a template's questions, in the order given."""
    workbook = OpenpyxlWorkbook()
    sheet = workbook.active
    sheet.title = QUESTIONS_SHEET
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for question in book.questions:
        values: list[Any] = [
            question.code, question.instrument, question.article, question.paragraph, question.type,
            question.parent, question.condition,
            *(question.text.get(lang, "") for lang in TEMPLATE_LANGUAGES),
            *(question.guidance.get(lang, "") for lang in TEMPLATE_LANGUAGES),
        ]
        sheet.append([None] * len(values))
        for cell, value in zip(sheet[sheet.max_row], values, strict=True):
            if isinstance(value, str):
                _string_cell(cell, value)
            else:
                cell.value = value
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 50 if column.startswith(("text", "guid")) else 12
    last = max(sheet.max_row, 2) + 500
    for column, values in (("type", QuestionType.values), ("condition", [v for v in FollowUpCondition.values if v])):
        letter = get_column_letter(COLUMNS.index(column) + 1)
        validation = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
        validation.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(validation)

    about = workbook.create_sheet(TEMPLATE_SHEET)
    about.append(["field", "value"])
    for cell in about[1]:
        cell.font = Font(bold=True)
    for key, value in (("name", book.name), *((f, book.title.get(f[6:], "")) for f in TITLE_FIELDS)):
        about.append([None, None])
        _string_cell(about.cell(about.max_row, 1), key)
        _string_cell(about.cell(about.max_row, 2), value)
    about.column_dimensions["A"].width = 12
    about.column_dimensions["B"].width = 80
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


class _Problems:
    """Every problem found, each as a sentence naming its sheet, row and column."""

    def __init__(self) -> None:
        self.sentences: list[str] = []
        self.first_where = ""

    def add(self, sheet: str, row: int, column: str, problem: str, letter: str = "") -> None:
        where = _("sheet “%(sheet)s”, row %(row)s, column “%(column)s”") % {
            "sheet": sheet, "row": row, "column": column,
        }
        if letter:
            where += f" ({letter})"
        self.sentences.append(f"{where}: {problem}")
        if not self.first_where:
            self.first_where = f"{sheet}:{row}:{column}"

    def raise_any(self) -> None:
        if not self.sentences:
            return
        shown = self.sentences[:PROBLEMS_SHOWN]
        if len(self.sentences) > PROBLEMS_SHOWN:
            shown.append(_("… and %(count)s more problems") % {"count": len(self.sentences) - PROBLEMS_SHOWN})
        message = _("the workbook was refused and nothing was saved (%(count)s problems); the first: %(first)s") % {
            "count": len(self.sentences), "first": self.sentences[0],
        }
        raise InvalidInput(self.first_where, message, problems=shown)


def _text(value: Any) -> str:
    """A cell as text: numbers typed into a text column (an identifier "12", a paragraph 3) read as typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return normalized(str(value))


def _rows(sheet: Any) -> Iterator[tuple[int, list[Any]]]:
    # Only the first COLUMNS_READ columns are read: a sheet whose recorded size is huge costs no more.
    for number, cells in enumerate(sheet.iter_rows(max_col=COLUMNS_READ), start=1):
        yield number, list(cells)


def _open(content: bytes) -> Any:
    if len(content) > FILE_MAX:
        raise InvalidInput("file", _("the file is larger than %(size)s MB") % {"size": FILE_MAX // (1024 * 1024)})
    try:
        return load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds of errors for a file that is not a workbook
        raise InvalidInput(
            "file", _("this file is not an XLSX workbook (save it from the spreadsheet as .xlsx and try again)")
        ) from error


def workbook_read(
    content: bytes, *, articles: Collection[tuple[str, int]], name: str = ""
) -> TemplateWorkbook:
    """Read a template workbook; `articles` are the (instrument, number) pairs that exist.

    `name` names the template when the workbook has no `template` sheet (or to import it under another name).
    Raises InvalidInput listing every problem (at most PROBLEMS_SHOWN of them).
    """
    workbook = _open(content)
    try:
        problems = _Problems()
        if QUESTIONS_SHEET not in workbook.sheetnames:
            raise InvalidInput(
                "file",
                _("the workbook has no sheet “%(sheet)s” (its sheets: %(sheets)s)")
                % {"sheet": QUESTIONS_SHEET, "sheets": ", ".join(workbook.sheetnames)},
            )
        questions = _read_questions(workbook[QUESTIONS_SHEET], articles, problems)
        title: dict[str, str] = {}
        sheet_name = ""
        if TEMPLATE_SHEET in workbook.sheetnames:
            title, sheet_name = _read_template(workbook[TEMPLATE_SHEET], problems)
        name = name or sheet_name
        if not name:
            problems.add(TEMPLATE_SHEET, 2, "value", _("the template has no name; give one (for example untoc-saq)"))
        problems.raise_any()
        return TemplateWorkbook(name=name, title=title, questions=tuple(questions))
    finally:
        workbook.close()


def _read_template(sheet: Any, problems: _Problems) -> tuple[dict[str, str], str]:
    title: dict[str, str] = {}
    name = ""
    for number, cells in _rows(sheet):
        key = _text(cells[0].value) if cells else ""
        value = _text(cells[1].value) if len(cells) > 1 else ""
        if number == 1 or not (key or value):
            continue
        if key == "name":
            if len(value) > NAME_MAX or not value.replace("-", "").replace("_", "").isalnum() or not value.isascii():
                problems.add(TEMPLATE_SHEET, number, "value", _(
                    "“%(name)s” is not a template name: at most %(limit)s letters, digits, hyphens and underscores"
                ) % {"name": value, "limit": NAME_MAX})
            name = value
        elif key in TITLE_FIELDS:
            if problem := text_problem(value, TITLE_MAX):
                problems.add(TEMPLATE_SHEET, number, "value", problem)
            elif value:
                title[key[len("title_"):]] = value
        else:
            problems.add(TEMPLATE_SHEET, number, "field", _("“%(field)s” is not a field; use one of: %(fields)s") % {
                "field": key, "fields": ", ".join(("name", *TITLE_FIELDS)),
            })
    return title, name


def _read_questions(sheet: Any, articles: Collection[tuple[str, int]], problems: _Problems) -> list[QuestionRow]:
    rows = _rows(sheet)
    try:
        _number, header_cells = next(rows)
    except StopIteration:
        header_cells = []
    header = [_text(cell.value) for cell in header_cells]
    while header and not header[-1]:
        header.pop()
    for index, name in enumerate(header):
        if name and name not in COLUMNS:
            problems.add(QUESTIONS_SHEET, 1, name, _("this column is not one of the workbook's: %(columns)s") % {
                "columns": ", ".join(COLUMNS)}, get_column_letter(index + 1))
        elif name and header.index(name) != index:
            problems.add(QUESTIONS_SHEET, 1, name, _("this column appears twice"), get_column_letter(index + 1))
    for name in COLUMNS:
        if name not in header:
            problems.add(QUESTIONS_SHEET, 1, name, _("the column is missing; the header row must name every column"))
    if problems.sentences:
        problems.raise_any()
    position = {name: header.index(name) for name in COLUMNS}

    read: list[QuestionRow] = []
    first_row_of: dict[str, int] = {}
    for number, cells in rows:
        if number > ROWS_READ:  # checked before blank rows are skipped: a sheet of endless blank rows ends here
            problems.add(QUESTIONS_SHEET, number, "id", _(
                "a sheet holds at most %(limit)s rows; delete the rows below row %(limit)s"
            ) % {"limit": ROWS_READ}, get_column_letter(position["id"] + 1))
            break
        raw = {name: (cells[index] if index < len(cells) else None) for name, index in position.items()}
        if all(cell is None or cell.value is None or _text(cell.value) == "" for cell in raw.values()):
            continue
        if len(read) >= QUESTIONS_MAX:
            problems.add(QUESTIONS_SHEET, number, "id", _("a template holds at most %(limit)s questions") % {
                "limit": QUESTIONS_MAX})
            break

        reported: set[str] = set()

        def report(column: str, problem: str, row: int = number, reported: set[str] = reported) -> None:
            if column not in reported:  # one problem per cell: the first found
                reported.add(column)
                problems.add(QUESTIONS_SHEET, row, column, problem, get_column_letter(position[column] + 1))

        values: dict[str, str] = {}
        for name, cell in raw.items():
            if cell is not None and getattr(cell, "data_type", "") == "f":
                report(name, _("holds a formula; type the value itself"))
                values[name] = ""
            else:
                values[name] = _text(cell.value if cell is not None else None)
        code = values["id"]
        if code in first_row_of:
            report("id", _("“%(code)s” is already the identifier of row %(row)s") % {
                "code": code, "row": first_row_of[code]})
            continue
        if code:
            first_row_of[code] = number
        row = _question_row(number, values, articles, report)
        if row is not None:
            read.append(row)

    by_code = {row.code: row for row in read}
    for row in read:
        if not row.parent:
            continue
        parent = by_code.get(row.parent)

        def report_parent(column: str, problem: str, at: int = row.row) -> None:
            problems.add(QUESTIONS_SHEET, at, column, problem, get_column_letter(position[column] + 1))

        if parent is None and row.parent in first_row_of:
            continue  # the parent's own row was refused, and its problem reported
        if parent is None:
            report_parent("parent_id", _("no question in this sheet has the identifier “%(code)s”") % {
                "code": row.parent})
            continue
        if parent.parent:
            report_parent("parent_id", _(
                "“%(code)s” is itself a follow-up; a follow-up's parent must be a question without a parent"
            ) % {"code": row.parent})
        elif (parent.instrument, parent.article) != (row.instrument, row.article):
            report_parent("parent_id", _(
                "“%(code)s” is on another article; a follow-up is on the same article as its parent"
            ) % {"code": row.parent})
        if problem := condition_problem(row.condition, has_parent=True, parent_type=parent.type):
            report_parent("condition", problem)
    return read


def _question_row(
    number: int, values: dict[str, str], articles: Collection[tuple[str, int]], report: Any
) -> QuestionRow | None:
    """One row's question, or None after reporting what is wrong with it."""
    bad = False

    def problem_at(column: str, problem: str) -> None:
        nonlocal bad
        bad = True
        report(column, problem)

    code = values["id"]
    if problem := code_problem(code):
        problem_at("id", problem)
    instrument = values["instrument"].upper()
    article = 0
    if instrument not in InstrumentCode.values:
        problem_at("instrument", _("“%(value)s” is not an instrument; use one of: %(codes)s") % {
            "value": values["instrument"], "codes": ", ".join(InstrumentCode.values)})
    elif not values["article"].isdigit():
        problem_at("article", _("“%(value)s” is not an article number") % {"value": values["article"]})
    else:
        article = int(values["article"])
        if (instrument, article) not in articles:
            problem_at("article", _("there is no article %(number)s in %(instrument)s") % {
                "instrument": instrument_label(instrument), "number": article})
    if problem := text_problem(values["paragraph"], PARAGRAPH_MAX):
        problem_at("paragraph", problem)
    if problem := type_problem(values["type"]):
        problem_at("type", problem)
    if values["parent_id"] and (problem := code_problem(values["parent_id"])):
        problem_at("parent_id", problem)
    # Whether a condition suits its parent's type is checked once every row is read.
    parent_type = QuestionType.YES_NO if values["parent_id"] else None
    if problem := condition_problem(values["condition"], has_parent=bool(values["parent_id"]), parent_type=parent_type):
        problem_at("condition", problem)
    text: dict[str, str] = {}
    guidance: dict[str, str] = {}
    for lang in TEMPLATE_LANGUAGES:
        for column, limit, target in ((f"text_{lang}", TEXT_MAX, text), (f"guidance_{lang}", GUIDANCE_MAX, guidance)):
            if problem := text_problem(values[column], limit):
                problem_at(column, problem)
            elif values[column]:
                target[lang] = values[column]
    if not values["text_en"]:
        problem_at("text_en", _("the English text is empty; every question has one"))
    if bad:
        return None
    return QuestionRow(
        code=code, instrument=instrument, article=article, paragraph=values["paragraph"], type=values["type"],
        parent=values["parent_id"], condition=values["condition"], text=text, guidance=guidance, row=number,
    )
