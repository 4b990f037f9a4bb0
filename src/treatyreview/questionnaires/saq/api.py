"""Read endpoints for questionnaire templates (signed-in users; drafts for the secretariat only)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.http import HttpRequest
from ninja import Router, Schema

from treatyreview.accounts.auth import session_or_token
from treatyreview.api_errors import READ_ERRORS
from treatyreview.questionnaires.saq import selectors
from treatyreview.questionnaires.saq.models import Question, QuestionnaireTemplate, TemplateVersion

router = Router(tags=["questionnaire templates"], auth=session_or_token)


class VersionSummaryOut(Schema):
    number: int
    status: str
    note: str
    created_at: dt.datetime
    published_at: dt.datetime | None
    question_count: int


class TemplateOut(Schema):
    name: str
    title: dict[str, str]
    versions: list[VersionSummaryOut]


class QuestionOut(Schema):
    id: str
    instrument: str
    article: int
    paragraph: str
    type: str
    parent_id: str | None
    condition: str
    text: dict[str, str]
    guidance: dict[str, str]


class VersionOut(VersionSummaryOut):
    template: str
    questions: list[QuestionOut]


def _summary(version: TemplateVersion, count: int) -> VersionSummaryOut:
    return VersionSummaryOut(
        number=version.number, status=version.status, note=version.note, created_at=version.created_at,
        published_at=version.published_at, question_count=count,
    )


def _question_out(question: Question) -> QuestionOut:
    return QuestionOut(
        id=question.code, instrument=question.instrument.code, article=question.article.number,
        paragraph=question.paragraph, type=question.type, parent_id=question.parent.code if question.parent else None,
        condition=question.condition, text=question.text, guidance=question.guidance,
    )


@router.get("/templates", response={200: list[TemplateOut], **READ_ERRORS},
            summary="Every questionnaire template with the versions the caller may read, newest first")
def templates_list(request: HttpRequest) -> list[TemplateOut]:
    counts = dict(
        selectors.visible_versions(request.user).annotate(count=Count("questions")).values_list("pk", "count")
    )
    templates: list[QuestionnaireTemplate] = selectors.templates_list(request.user)
    return [
        TemplateOut(
            name=template.name, title=template.title,
            versions=[_summary(v, counts.get(v.pk, 0)) for v in template.shown_versions],  # type: ignore[attr-defined]
        )
        for template in templates
    ]


@router.get("/templates/{name}/versions/{number}", response={200: VersionOut, **READ_ERRORS},
            summary="One version of a template with its questions in the order they are asked")
def template_version(request: HttpRequest, name: str, number: int) -> VersionOut:
    version = selectors.version_get(request.user, name, number)
    questions = selectors.version_questions(version)
    return VersionOut(
        **_summary(version, len(questions)).dict(), template=version.template.name,
        questions=[_question_out(q) for q in questions],
    )
