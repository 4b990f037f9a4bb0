"""The lists of observations and summaries of a review: read them (those entitled only; 404 for anyone else)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from treatyreview.accounts.auth import session_or_token
from treatyreview.api_errors import READ_ERRORS
from treatyreview.errors import NotFound
from treatyreview.observations.lists import selectors
from treatyreview.observations.lists.models import ObservationList, Summary
from treatyreview.reviews.models import CountryReview

router = Router(tags=["observations"], auth=session_or_token)


class FollowUpOut(Schema):
    status: str
    note: str
    on: dt.date | None


class SuggestionOut(Schema):
    id: int
    text: str
    language: str
    follow_up: FollowUpOut


class NeedOut(Schema):
    id: int
    kind: str
    description: str
    already_received: bool


class ArticleOut(Schema):
    instrument: str
    article: int
    implementation: str
    successes: str
    challenges: str
    suggestions: list[SuggestionOut]
    needs: list[NeedOut]


class ListOut(Schema):
    stage: str
    version: int
    final_at: dt.datetime | None
    articles: list[ArticleOut]


class SummaryOut(Schema):
    stage: str
    version: int
    final_at: dt.datetime | None
    introduction: str
    successes: str
    challenges: str
    assistance_needs: str


class PhaseOutcomeOut(Schema):
    phase: int
    cluster: int
    instrument: str | None
    list_of_observations: ListOut | None
    summary: SummaryOut | None


def _list_out(observation_list: ObservationList) -> dict[str, Any]:
    articles = []
    for entry in selectors.list_entries(observation_list):
        observation = entry.observation
        articles.append({
            "instrument": entry.article.instrument.code, "article": entry.article.number,
            "implementation": observation.implementation if observation else "",
            "successes": observation.successes if observation else "",
            "challenges": observation.challenges if observation else "",
            "suggestions": [{"id": s.pk, "text": s.text, "language": s.language,
                             "follow_up": {"status": s.follow_up_status, "note": s.follow_up_note,
                                           "on": s.follow_up_on}} for s in entry.suggestions],
            "needs": [{"id": n.pk, "kind": n.kind, "description": n.description,
                       "already_received": n.already_received} for n in entry.needs],
        })
    return {"stage": observation_list.stage, "version": observation_list.version,
            "final_at": observation_list.final_at, "articles": articles}


def _summary_out(summary: Summary) -> dict[str, Any]:
    return {"stage": summary.stage, "version": summary.version, "final_at": summary.final_at,
            **{name: text for name, _heading, text in selectors.summary_sections(summary)}}


@router.get("/reviews/{review_id}/observations", response={200: list[PhaseOutcomeOut], **READ_ERRORS},
            summary="The lists of observations and summaries of a review's phases the caller may read")
def observations_list(request: HttpRequest, review_id: int) -> list[dict[str, Any]]:
    """404 for a review the caller takes no part in (or whose lists are not begun), as for one that does not
    exist. Delegates of the working groups read final lists only. Every read is logged."""
    review = CountryReview.objects.filter(pk=review_id).first()
    if review is None:
        raise NotFound
    readable = selectors.outcome_of_review(request.user, review)
    if not readable:
        raise NotFound
    return [{
        "phase": row["phase"].position, "cluster": row["phase"].cluster,
        "instrument": row["phase"].instrument.code if row["phase"].instrument_id else None,
        "list_of_observations": _list_out(row["list"]) if row["list"] is not None else None,
        "summary": _summary_out(row["summary"]) if row["summary"] is not None else None,
    } for row in readable]

