"""The questionnaire as a Word document and as a workbook: headings in the reader's language, answers as written."""

from __future__ import annotations

import io
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

from treatyreview.questionnaires.answers import selectors
from treatyreview.questionnaires.answers.choices import Choice, OtherBody
from treatyreview.questionnaires.answers.models import Answer, Questionnaire
from treatyreview.registry.models import Cluster

MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def title_of(questionnaire: Questionnaire) -> str:
    phase = questionnaire.phase
    review = phase.review
    return _("Self-assessment questionnaire of %(state)s, %(cycle)s, phase %(position)s (%(cluster)s)") % {
        "state": str(review.state.name_in()),
        "cycle": review.cycle,
        "position": phase.position,
        "cluster": _cluster(phase.cluster),
    }


def _cluster(number: int) -> str:
    try:
        return str(Cluster(number).label)
    except ValueError:
        return str(number)


def _status(questionnaire: Questionnaire) -> str:
    if questionnaire.submitted_at is None:
        return _("Draft, not submitted")
    return _("Submitted on %(date)s") % {
        "date": date_format(timezone.localtime(questionnaire.submitted_at), "DATE_FORMAT")}


def _lines(answer: Answer) -> list[tuple[str, str]]:
    """The parts of an answer as (heading, text) lines, headings translated."""
    lines: list[tuple[str, str]] = []
    if answer.choice:
        lines.append((_("Answer"), str(Choice(answer.choice).label)))
    if answer.text:
        lines.append((_("Explanation"), answer.text))
    for citation in answer.citations:
        text = citation["reference"] + (f" ({citation['url']})" if citation.get("url") else "")
        lines.append((_("Legislation cited"), text))
    for item in answer.other_bodies:
        lines.append((str(OtherBody(item["body"]).label), item["reference"]))
    for row in answer.statistics:
        lines.append((_("Statistics"), f"{row['label']} ({row['year']}): {row['value']}"))
    if answer.carried_over:
        lines.append((_("Note"), _("Carried over from an earlier phase; not yet confirmed")))
    return lines


def _question_text(answer: Answer, language: str) -> str:
    text, _lang = answer.question.text_in(language)
    return text


def questionnaire_docx(questionnaire: Questionnaire) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    language = (get_language() or "en").split("-")[0]
    document = Document()
    document.core_properties.title = title_of(questionnaire)
    document.core_properties.language = language
    document.add_heading(title_of(questionnaire), level=0)
    document.add_paragraph(_status(questionnaire))
    document.add_paragraph(_("Confidential: for the State under review, the reviewing States and the secretariat."))
    for group in selectors.questionnaire_outline(questionnaire):
        title = str(group.article.title_in(language))
        document.add_heading(
            _("%(instrument)s, article %(number)s: %(title)s")
            % {"instrument": _instrument(group.instrument), "number": group.article.number, "title": title},
            level=1,
        )
        for item in _shown(group.items):
            answer = item.answer
            paragraph = document.add_paragraph(style="List Number" if answer.question.parent_id is None else None)
            run = paragraph.add_run(f"{answer.question.code}. {_question_text(answer, language)}")
            run.bold = True
            for heading, text in _lines(answer) or [(_("Answer"), _("Not answered"))]:
                line = document.add_paragraph()
                line.add_run(f"{heading}: ").italic = True
                line.add_run(text)
                if get_language_bidi():
                    line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _shown(items: list[Any]) -> list[Any]:
    flat = []
    for item in items:
        if item.shown:
            flat.append(item)
            flat.extend(_shown(item.follow_ups))
    return flat


def _instrument(instrument: Any) -> str:
    from treatyreview.registry.choices import instrument_label

    return str(instrument_label(instrument.code))


def questionnaire_xlsx(questionnaire: Questionnaire) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    language = (get_language() or "en").split("-")[0]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "answers"
    sheet.sheet_view.rightToLeft = bool(get_language_bidi())
    headings = [_("Question"), _("Instrument"), _("Article"), _("Paragraph"), _("Question asked"), _("Answer"),
                _("Explanation"), _("Language of the answer"), _("Legislation cited"), _("Other review bodies"),
                _("Statistics"), _("Carried over"), _("Version"), _("Saved at")]
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for group in selectors.questionnaire_outline(questionnaire):
        for item in _shown(group.items):
            answer = item.answer
            question = answer.question
            sheet.append([
                question.code,
                _instrument(group.instrument),
                group.article.number,
                question.paragraph,
                _question_text(answer, language),
                str(Choice(answer.choice).label) if answer.choice else "",
                answer.text,
                answer.language,
                "\n".join(c["reference"] + (f" ({c['url']})" if c.get("url") else "") for c in answer.citations),
                "\n".join(f"{OtherBody(b['body']).label}: {b['reference']}" for b in answer.other_bodies),
                "\n".join(f"{r['label']} ({r['year']}): {r['value']}" for r in answer.statistics),
                _("yes") if answer.carried_over else "",
                answer.version,
                timezone.localtime(answer.updated_at).strftime("%Y-%m-%d %H:%M") if answer.updated_at else "",
            ])
    for column, width in zip("ABCDEFGHIJKLMN", (12, 18, 8, 8, 60, 14, 60, 8, 40, 30, 30, 8, 8, 16), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def attachment(content: bytes, questionnaire: Questionnaire, kind: str) -> HttpResponse:
    review = questionnaire.phase.review
    name = slugify(f"saq-{review.state.code}-{review.cycle}-phase-{questionnaire.phase.position}") or "saq"
    response = HttpResponse(content, content_type=MIME[kind])
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response
