"""The workbook exchange: an exported workbook imports back unchanged; a bad one is refused, naming sheet,
row and column, and saves nothing."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from tests.questionnaires.books import FOLLOW_UP, QUESTION, content, workbook
from treatyreview.errors import InvalidInput
from treatyreview.questionnaires.models import Question, QuestionnaireTemplate, TemplateVersion
from treatyreview.questionnaires.saq import selectors, services
from treatyreview.questionnaires.saq.choices import TEMPLATE_LANGUAGES, FollowUpCondition, QuestionType
from treatyreview.questionnaires.saq.demo import demo_template_create
from treatyreview.questionnaires.saq.workbooks import (
    COLUMNS,
    QuestionRow,
    TemplateWorkbook,
    workbook_read,
    workbook_write,
)

ARTICLES = {("UNTOC", number) for number in range(1, 42)} | {("TIP", number) for number in range(1, 21)}


def _export(version: TemplateVersion) -> bytes:
    return workbook_write(services.book_of(version, selectors.version_questions(version)))


@pytest.mark.django_db
def test_an_exported_workbook_imports_back_unchanged(secretariat: Any) -> None:
    published = demo_template_create(actor=secretariat)
    exported = _export(published)
    services.version_withdraw(actor=secretariat, version=published, expected_revision=published.revision,
                              reason="replaced by its own export, for the test")
    imported = services.template_import(actor=secretariat, content=exported, filename="untoc-saq.xlsx")

    assert imported.number == 2
    assert imported.questions.count() == published.questions.count()
    again = _export(imported)
    assert content(again) == content(exported)
    first, second = content(exported)["questions"], content(again)["questions"]
    assert first[0] == COLUMNS and len(first) == published.questions.count() + 1
    assert first == second


@pytest.mark.django_db
def test_an_imported_workbook_keeps_follow_ups_under_their_parents(secretariat: Any) -> None:
    version = services.template_import(actor=secretariat, content=workbook([FOLLOW_UP, QUESTION]))
    follow_up = version.questions.get(code="untoc-5-law")
    assert follow_up.parent.code == "untoc-5"
    assert follow_up.condition == "yes"
    assert follow_up.paragraph == "1 (a)"
    assert [q.code for q in selectors.version_questions(version)] == ["untoc-5", "untoc-5-law"]
    assert version.questions.get(code="untoc-5").text["fr"].startswith("Votre État")


def _refused(secretariat: Any, data: bytes) -> InvalidInput:
    before = (QuestionnaireTemplate.objects.count(), TemplateVersion.objects.count(), Question.objects.count())
    with pytest.raises(InvalidInput) as refusal:
        services.template_import(actor=secretariat, content=data, filename="bad.xlsx")
    after = (QuestionnaireTemplate.objects.count(), TemplateVersion.objects.count(), Question.objects.count())
    assert after == before, "a refused workbook saved something"
    return refusal.value


@pytest.mark.django_db
def test_a_workbook_missing_a_column_is_refused_naming_it(secretariat: Any) -> None:
    columns = tuple(column for column in COLUMNS if column != "parent_id")
    error = _refused(secretariat, workbook([QUESTION], columns=columns))
    assert 'sheet “questions”, row 1, column “parent_id”' in error.problems[0]
    assert "missing" in error.problems[0]


@pytest.mark.django_db
def test_an_unknown_article_is_refused_naming_its_cell(secretariat: Any) -> None:
    error = _refused(secretariat, workbook([QUESTION, {**QUESTION, "id": "untoc-99", "article": 99}]))
    assert error.problems == [
        "sheet “questions”, row 3, column “article” (C): there is no article 99 in Organized Crime Convention"
    ]


@pytest.mark.django_db
def test_a_duplicate_identifier_is_refused_naming_both_rows(secretariat: Any) -> None:
    error = _refused(secretariat, workbook([QUESTION, FOLLOW_UP, {**QUESTION, "article": 6}]))
    assert error.problems == ["sheet “questions”, row 4, column “id” (A): “untoc-5” is already the identifier of row 2"]


@pytest.mark.django_db
def test_a_parent_that_does_not_exist_is_refused(secretariat: Any) -> None:
    error = _refused(secretariat, workbook([QUESTION, {**FOLLOW_UP, "parent_id": "untoc-55"}]))
    assert error.problems == [
        "sheet “questions”, row 3, column “parent_id” (F): no question in this sheet has the identifier “untoc-55”"
    ]


@pytest.mark.django_db
def test_a_type_that_does_not_exist_is_refused(secretariat: Any) -> None:
    error = _refused(secretariat, workbook([{**QUESTION, "type": "essay"}]))
    assert error.problems[0].startswith(
        "sheet “questions”, row 2, column “type” (E): “essay” is not a type of question"
    )


@pytest.mark.django_db
def test_a_text_too_long_is_refused_naming_its_language_column(secretariat: Any) -> None:
    error = _refused(secretariat, workbook([{**QUESTION, "guidance_ru": "д" * 4001}]))
    assert error.problems == [
        "sheet “questions”, row 2, column “guidance_ru” (R): is 4001 characters long; at most 4000 are allowed"
    ]


@pytest.mark.django_db
def test_a_control_character_is_refused(secretariat: Any) -> None:
    # A text pasted from another program can carry a "delete" character that no reader sees.
    error = _refused(secretariat, workbook([{**QUESTION, "text_es": "¿Ha tipificado\x7f su Estado?"}]))
    assert error.problems == [
        "sheet “questions”, row 2, column “text_es” (M): contains a control character (position 15); "
        "retype the text without it"
    ]


@pytest.mark.django_db
def test_every_problem_is_listed_not_only_the_first(secretariat: Any) -> None:
    error = _refused(secretariat, workbook([
        {**QUESTION, "instrument": "UNCAC"}, {**FOLLOW_UP, "condition": "maybe"}, {**QUESTION, "id": "", "article": 6},
    ]))
    columns = [problem.split("column ")[1].split(" ")[0] for problem in error.problems]
    assert columns == ["“instrument”", "“condition”", "“id”"]


@pytest.mark.django_db
def test_a_condition_under_a_question_that_is_not_yes_no_is_refused(secretariat: Any) -> None:
    error = _refused(secretariat, workbook([{**QUESTION, "type": "text"}, FOLLOW_UP]))
    assert "column “condition”" in error.problems[0]
    assert "row 3" in error.problems[0]


@pytest.mark.django_db
def test_a_formula_is_refused(secretariat: Any) -> None:
    error = _refused(secretariat, workbook([{**QUESTION, "text_en": "=HYPERLINK(\"http://example.org\")"}]))
    assert error.problems == ["sheet “questions”, row 2, column “text_en” (J): holds a formula; type the value itself"]


@pytest.mark.django_db
def test_a_file_that_is_not_a_workbook_is_refused(secretariat: Any) -> None:
    error = _refused(secretariat, b"id,instrument\nuntoc-5,UNTOC\n")
    assert error.where == "file"
    assert "not an XLSX workbook" in error.message


@pytest.mark.django_db
def test_a_workbook_without_a_name_needs_one(secretariat: Any) -> None:
    error = _refused(secretariat, workbook([QUESTION], name=None))
    assert "has no name" in error.problems[0]
    version = services.template_import(actor=secretariat, content=workbook([QUESTION], name=None), name="named")
    assert version.template.name == "named"


# Any text a UN language can hold (no control characters; ends without spaces, as the platform stores it).
_text = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"), exclude_characters="\ufffe\uffff"
    ),
    min_size=1, max_size=60,
).map(str.strip).filter(bool)
_code = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,20}", fullmatch=True)
_texts = st.dictionaries(st.sampled_from(TEMPLATE_LANGUAGES), _text, max_size=6)


@st.composite
def _books(draw: Any) -> TemplateWorkbook:
    codes = draw(st.lists(_code, min_size=1, max_size=12, unique=True))
    rows: list[QuestionRow] = []
    parents: dict[str, QuestionRow] = {}
    for code in codes:
        parent = draw(st.sampled_from([None, *parents.values()])) if parents else None
        if parent is None:
            instrument, article = draw(st.sampled_from(sorted(ARTICLES)))
            type_ = draw(st.sampled_from(QuestionType.values))
            condition = ""
        else:
            instrument, article = parent.instrument, parent.article
            type_ = draw(st.sampled_from(QuestionType.values))
            conditions = FollowUpCondition.values if parent.type == QuestionType.YES_NO else [""]
            condition = draw(st.sampled_from(conditions))
        row = QuestionRow(
            code=code, instrument=instrument, article=article,
            paragraph=draw(st.one_of(st.just(""), st.from_regex(r"[0-9]{1,2}( \([a-z]\))?", fullmatch=True))),
            type=type_, parent=parent.code if parent else "", condition=condition,
            text={**draw(_texts), "en": draw(_text)}, guidance=draw(_texts),
        )
        rows.append(row)
        if parent is None:
            parents[code] = row
    title = {**draw(_texts), "en": draw(_text)}
    return TemplateWorkbook(name=draw(st.from_regex(r"[a-z][a-z0-9-]{0,30}", fullmatch=True)), title=title,
                            questions=tuple(rows))


@settings(max_examples=50)
@given(_books())
def test_any_valid_template_written_as_a_workbook_reads_back_the_same(book: TemplateWorkbook) -> None:
    assert workbook_read(workbook_write(book), articles=ARTICLES) == book


def test_a_sheet_of_endless_blank_rows_is_refused_without_reading_them_all() -> None:
    book = TemplateWorkbook(name="t", title={"en": "T"}, questions=())
    loaded = load_workbook(io.BytesIO(workbook_write(book)))
    loaded["questions"].cell(row=50_000, column=1, value=" ")
    output = io.BytesIO()
    loaded.save(output)
    with pytest.raises(InvalidInput) as refusal:
        workbook_read(output.getvalue(), articles=ARTICLES)
    assert refusal.value.problems == [
        "sheet “questions”, row 4001, column “id” (A): a sheet holds at most 4000 rows; delete the rows below row 4000"
    ]
