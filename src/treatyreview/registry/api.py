"""Read endpoints for the registry: States with participation, instruments, articles with clusters."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from treatyreview.accounts.auth import public
from treatyreview.registry import selectors
from treatyreview.registry.loading import REGIONAL_GROUPS
from treatyreview.registry.models import Article, Instrument, ParticipationStatus, State

router = Router(tags=["registry"], auth=public)


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
    )


class ApiInputError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@router.get("/states", response=list[StateOut], summary="States and other parties, alphabetical")
def states(
    request: HttpRequest, group: str | None = None, instrument: str | None = None, status: str = "party"
) -> list[StateOut]:
    """Filter by regional group code (AFRICAN, APG, EEG, GRULAC, WEOG, or `none`) and by standing under an
    instrument (UNTOC, TIP, SOM, FIREARMS). The order is alphabetical, never a measure of implementation."""
    if group and group != "none" and group not in REGIONAL_GROUPS.values():
        raise ApiInputError(
            "group", f"unknown regional group '{group}' (one of {', '.join(REGIONAL_GROUPS.values())}, none)"
        )
    if instrument and not Instrument.objects.filter(code=instrument).exists():
        raise ApiInputError("instrument", f"unknown instrument '{instrument}'")
    if status not in ParticipationStatus.values:
        raise ApiInputError("status", f"'{status}' is not one of {', '.join(ParticipationStatus.values)}")
    return [_state_out(state) for state in selectors.state_list(group=group, instrument=instrument, status=status)]


@router.get("/states/{code}", response=StateOut)
def state(request: HttpRequest, code: str) -> StateOut:
    found = get_object_or_404(
        State.objects.select_related("regional_group").prefetch_related("participations__instrument"),
        code=code.upper(),
    )
    return _state_out(found)


@router.get("/instruments", response=list[InstrumentOut])
def instruments(request: HttpRequest) -> list[Instrument]:
    return list(selectors.instrument_list())


@router.get("/articles", response=list[ArticleOut], summary="Articles with their thematic cluster (null = unknown)")
def articles(request: HttpRequest, instrument: str | None = None, cluster: int | None = None) -> list[ArticleOut]:
    found = selectors.articles_by_cluster()
    if instrument:
        if not Instrument.objects.filter(code=instrument).exists():
            raise ApiInputError("instrument", f"unknown instrument '{instrument}'")
        found = found.filter(instrument__code=instrument)
    if cluster is not None:
        if cluster not in (1, 2, 3, 4):
            raise ApiInputError("cluster", f"'{cluster}' is not a cluster (1 to 4)")
        found = found.filter(cluster=cluster)
    return [_article_out(article) for article in found]
