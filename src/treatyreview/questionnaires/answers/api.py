"""The answers of a review's questionnaires: read them (those entitled only) and save one with the version read."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from treatyreview.accounts.auth import session_or_token
from treatyreview.accounts.models import User
from treatyreview.api_errors import READ_ERRORS, ErrorOut
from treatyreview.errors import NotFound
from treatyreview.questionnaires.answers import choices, selectors, services
from treatyreview.questionnaires.answers.models import Answer, Questionnaire
from treatyreview.reviews.models import CountryReview

router = Router(tags=["questionnaires"], auth=session_or_token)


class CitationIn(Schema):
    reference: str = Field(max_length=choices.REFERENCE_MAX)
    url: str = Field("", max_length=choices.URL_MAX)
    record: int | None = Field(None, ge=1, le=2**31 - 1, description="A knowledge library record cited")


class OtherBodyIn(Schema):
    body: choices.OtherBody
    reference: str = Field(max_length=choices.REFERENCE_MAX)


class StatisticIn(Schema):
    label: str = Field(max_length=choices.STATISTIC_LABEL_MAX)
    year: int = Field(ge=1900, le=2100)
    value: int = Field(ge=0, le=choices.STATISTIC_VALUE_MAX)


class AnswerIn(Schema):
    version: int = Field(ge=1, le=2**31 - 1, description="The version of the answer the caller read")
    choice: choices.Choice | None = None
    text: str = Field("", max_length=choices.TEXT_MAX)
    language: str = Field("", max_length=10, description="One of ar, zh, en, fr, ru, es")
    citations: list[CitationIn] = Field(default_factory=list, max_length=choices.CITATIONS_MAX)
    other_bodies: list[OtherBodyIn] = Field(default_factory=list, max_length=choices.OTHER_BODIES_MAX)
    statistics: list[StatisticIn] = Field(default_factory=list, max_length=choices.STATISTICS_ROWS_MAX)


class AnswerOut(Schema):
    question_id: str
    instrument: str
    article: int
    paragraph: str
    type: str
    choice: str
    text: str
    language: str
    citations: list[dict[str, Any]]
    other_bodies: list[dict[str, Any]]
    statistics: list[dict[str, Any]]
    carried_over: bool
    version: int
    updated_at: dt.datetime


class QuestionnaireOut(Schema):
    id: int
    phase: int
    cluster: int
    stage: str
    template: str
    template_version: int
    submitted_at: dt.datetime | None
    answers: list[AnswerOut]


def _answer_out(answer: Answer) -> dict[str, Any]:
    question = answer.question
    return {
        "question_id": question.code, "instrument": question.instrument.code, "article": question.article.number,
        "paragraph": question.paragraph, "type": question.type, "choice": answer.choice, "text": answer.text,
        "language": answer.language, "citations": answer.citations, "other_bodies": answer.other_bodies,
        "statistics": answer.statistics, "carried_over": answer.carried_over, "version": answer.version,
        "updated_at": answer.updated_at,
    }


def _questionnaire_out(questionnaire: Questionnaire) -> dict[str, Any]:
    return {
        "id": questionnaire.pk, "phase": questionnaire.phase.position, "cluster": questionnaire.phase.cluster,
        "stage": questionnaire.stage, "template": questionnaire.template_version.template.name,
        "template_version": questionnaire.template_version.number, "submitted_at": questionnaire.submitted_at,
        "answers": [_answer_out(answer) for answer in selectors.answers_in_order(questionnaire)],
    }


def _review(pk: int) -> CountryReview:
    review = CountryReview.objects.filter(pk=pk).first()
    if review is None:
        raise NotFound
    return review


@router.get("/reviews/{review_id}/answers", response={200: list[QuestionnaireOut], **READ_ERRORS},
            summary="The questionnaires of a review the caller may read, with every answer")
def answers_list(request: HttpRequest, review_id: int) -> list[dict[str, Any]]:
    """404 for a review the caller takes no part in, as for one that does not exist. Every read is logged."""
    review = _review(review_id)
    readable = selectors.questionnaires_readable(request.user, review)
    if not readable:
        raise NotFound
    return [_questionnaire_out(selectors.access_questionnaire(request.user, q.pk)) for q in readable]


@router.put("/reviews/{review_id}/answers/{question_id}",
            response={200: AnswerOut, 403: ErrorOut, 409: ErrorOut, **READ_ERRORS},
            summary="Save one answer, naming the version read (409 with the current version if it changed)")
def answer_put(request: HttpRequest, review_id: int, question_id: str, payload: AnswerIn) -> dict[str, Any]:
    review = _review(review_id)
    readable = [q for q in selectors.questionnaires_readable(request.user, review) if q.stage == q.Stage.DRAFT]
    readable = readable or selectors.questionnaires_readable(request.user, review)
    for questionnaire in readable:
        found = questionnaire.answers.filter(question__code=question_id).first()
        if found is None:
            continue
        selectors.access_questionnaire(request.user, questionnaire.pk)
        content = payload.model_dump(mode="json", exclude={"version"})
        content["choice"] = content["choice"] or ""
        saved = services.answer_save(actor=cast(User, request.user), answer=found, expected_version=payload.version,
                                     content=content)
        return _answer_out(Answer.objects.select_related("question__instrument", "question__article").get(pk=saved.pk))
    raise NotFound
