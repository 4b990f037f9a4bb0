"""Read endpoints for the registry: States with participation, instruments, articles with clusters."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from pydantic import Field

from treatyreview.api_errors import READ_ERRORS
from treatyreview.registry import selectors
from treatyreview.registry.choices import InstrumentCode
from treatyreview.registry.models import Article, Instrument, State

# Public data: no authentication, whoever asks (a token sent along is not needed and not checked).
router = Router(tags=["registry"], auth=None)


class ParticipationOut(Schema):
    instrument: str
    status: str
    signature_date: dt.date | None
    consent_date: dt.date | None
    consent_type: str
    declarations: str
    sources: str


class StateOut(Schema):
    code: str
    iso2: str
    name: str
    kind: str
    regional_group: str | None
    regional_group_note: str
    languages: list[str]
    least_developed: bool | None
    small_island: bool | None
    landlocked: bool | None
    participation: list[ParticipationOut]


class InstrumentOut(Schema):
    code: str
    short_name: str
    full_title: str
    adoption_date: dt.date | None
    entry_into_force_date: dt.date | None
    untc_ref: str


class ArticleOut(Schema):
    instrument: str
    number: int
    title: str
    cluster: int | None
    cluster_source: str
    cluster_provisional: bool


def _state_out(state: State) -> StateOut:
    return StateOut(
        code=state.code,
        iso2=state.iso2,
        name=state.name,
        kind=state.kind,
        regional_group=state.regional_group.name if state.regional_group else None,
        regional_group_note=state.regional_group_note,
        languages=state.languages,
        least_developed=state.least_developed,
        small_island=state.small_island,
        landlocked=state.landlocked,
        participation=[
            ParticipationOut(
                instrument=p.instrument.code,
                status=p.status,
                signature_date=p.signature_date,
                consent_date=p.consent_date,
                consent_type=p.consent_type,
                declarations=p.declarations,
                sources=p.sources,
            )
            for p in sorted(state.participations.all(), key=lambda p: p.instrument.position)
        ],
    )


def _article_out(article: Article) -> ArticleOut:
    return ArticleOut(
        instrument=article.instrument.code,
        number=article.number,
        title=article.title,
        cluster=article.cluster,
        cluster_source=article.cluster_source,
        cluster_provisional=article.cluster_provisional,
    )


# The allowed values are part of the OpenAPI document; anything else gets a 422 naming the parameter.
GroupCode = Literal["AFRICAN", "APG", "EEG", "GRULAC", "WEOG", "none"]
Standing = Literal["party", "signatory", "none", "unknown"]
ClusterNumber = Annotated[int, Field(ge=1, le=4)]


@router.get("/states", response={200: list[StateOut], **READ_ERRORS}, summary="States and other parties, alphabetical")
def states(
    request: HttpRequest,
    group: GroupCode | None = None,
    instrument: InstrumentCode | None = None,
    status: Standing = "party",
) -> list[StateOut]:
    """Filter by regional group (`none`: parties with no regional group) and by standing under an instrument.
    The order is alphabetical, never a measure of implementation."""
    return [_state_out(state) for state in selectors.state_list(group=group, instrument=instrument, status=status)]


@router.get("/states/{code}", response={200: StateOut, **READ_ERRORS})
def state(request: HttpRequest, code: str) -> StateOut:
    found = get_object_or_404(
        State.objects.select_related("regional_group").prefetch_related("participations__instrument"),
        code=code.upper(),
    )
    return _state_out(found)


@router.get("/instruments", response={200: list[InstrumentOut], **READ_ERRORS})
def instruments(request: HttpRequest) -> list[Instrument]:
    return list(selectors.instrument_list())


@router.get(
    "/articles",
    response={200: list[ArticleOut], **READ_ERRORS},
    summary="Articles with their thematic cluster (null = unknown)",
)
def articles(
    request: HttpRequest, instrument: InstrumentCode | None = None, cluster: ClusterNumber | None = None
) -> list[ArticleOut]:
    found = selectors.articles_by_cluster()
    if instrument:
        found = found.filter(instrument__code=instrument)
    if cluster is not None:
        found = found.filter(cluster=cluster)
    return [_article_out(article) for article in found]
