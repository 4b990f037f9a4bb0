"""Read endpoints for the registry: States with participation, instruments, articles with clusters.

Names and titles come in the language asked for (`?lang=`, else the request's `Accept-Language`, else English),
with `*_lang` saying which language a value is actually in (English stands in where no sourced value exists), and
every sourced value in all six languages (`names`, `titles`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Router, Schema
from pydantic import Field

from treatyreview.api_errors import READ_ERRORS
from treatyreview.mechanism.rules import LANGUAGES
from treatyreview.registry import selectors
from treatyreview.registry.choices import InstrumentCode, instrument_label
from treatyreview.registry.models import Article, Instrument, State
from treatyreview.registry.names import ENGLISH, ShownName, page_language, un_language

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


# The six UN languages by their UN codes (`zh`, not `zh-hans`).
Lang = Literal["ar", "zh", "en", "fr", "ru", "es"]
LANG_DESCRIPTION = ("Language of `name`/`title` values: ar, zh, en, fr, ru or es. Without it the request's "
                    "Accept-Language is used, else English.")


class NameOut(Schema):
    short_name: str | None = Field(description="the short name in this language; null where no source gives it")
    formal_name: str | None = Field(description="the formal name in this language; null where no source gives it")


class StateOut(Schema):
    code: str
    iso2: str
    name: str = Field(description="short name in the language asked for; English where no sourced name exists")
    name_lang: str = Field(description="the language `name` is in: the one asked for, or `en` standing in")
    names: dict[str, NameOut] = Field(description="short and formal names in each of the six languages, by UN code")
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
    short_name: str = Field(description="the UN short title in the language asked for")
    full_title: str = Field(description="the full title in the language asked for; English where none is sourced")
    full_title_lang: str = Field(description="the language `full_title` is in")
    titles: dict[str, str | None] = Field(description="the full title in each of the six languages; null = no source")
    adoption_date: dt.date | None
    entry_into_force_date: dt.date | None
    untc_ref: str


class ArticleOut(Schema):
    instrument: str
    number: int
    title: str = Field(description="the heading in the language asked for; English where none is sourced")
    title_lang: str = Field(description="the language `title` is in")
    titles: dict[str, str | None] = Field(description="the heading in each of the six languages; null = no source")
    cluster: int | None
    cluster_source: str
    cluster_provisional: bool


def _language(request: HttpRequest, lang: str | None) -> str:
    """The UN code of the language asked for: `?lang=`, else the request's (Accept-Language), else English."""
    return lang or un_language(translation.get_language())


def _lang_of(value: ShownName, language: str) -> str:
    return value.lang or language


def _state_names(state: State) -> dict[str, NameOut]:
    rows = {n.language: n for n in state.names.all()}
    names = {}
    for code in LANGUAGES:
        row = rows.get(code)
        short = state.name if code == ENGLISH else (row.short_name if row else "")
        names[code] = NameOut(short_name=short or None, formal_name=(row.formal_name if row else "") or None)
    return names


def _state_out(state: State, language: str) -> StateOut:
    name = state.name_in(language)
    return StateOut(
        code=state.code,
        iso2=state.iso2,
        name=str(name),
        name_lang=_lang_of(name, language),
        names=_state_names(state),
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


def _titles(english: str, sourced: dict[str, str]) -> dict[str, str | None]:
    return {code: (english if code == ENGLISH else sourced.get(code)) or None for code in LANGUAGES}


def _instrument_out(instrument: Instrument, language: str) -> InstrumentOut:
    title = instrument.title_in(language)
    return InstrumentOut(
        code=instrument.code,
        short_name=instrument_label(instrument.code),
        full_title=str(title),
        full_title_lang=_lang_of(title, language),
        titles=_titles(instrument.full_title, {t.language: t.full_title for t in instrument.titles.all()}),
        adoption_date=instrument.adoption_date,
        entry_into_force_date=instrument.entry_into_force_date,
        untc_ref=instrument.untc_ref,
    )


def _article_out(article: Article, language: str) -> ArticleOut:
    title = article.title_in(language)
    return ArticleOut(
        instrument=article.instrument.code,
        number=article.number,
        title=str(title),
        title_lang=_lang_of(title, language),
        titles=_titles(article.title, {t.language: t.title for t in article.titles.all()}),
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
    lang: Annotated[Lang | None, Field(description=LANG_DESCRIPTION)] = None,
) -> list[StateOut]:
    """Filter by regional group (`none`: parties with no regional group) and by standing under an instrument.
    The order is alphabetical in the language asked for, never a measure of implementation."""
    language = _language(request, lang)
    with translation.override(page_language(language)):
        found = selectors.state_list(group=group, instrument=instrument, status=status, all_names=True)
        return [_state_out(state, language) for state in found]


@router.get("/states/{code}", response={200: StateOut, **READ_ERRORS})
def state(
    request: HttpRequest, code: str, lang: Annotated[Lang | None, Field(description=LANG_DESCRIPTION)] = None
) -> StateOut:
    found = get_object_or_404(
        State.objects.select_related("regional_group").prefetch_related("participations__instrument", "names"),
        code=code.upper(),
    )
    return _state_out(found, _language(request, lang))


@router.get("/instruments", response={200: list[InstrumentOut], **READ_ERRORS})
def instruments(
    request: HttpRequest, lang: Annotated[Lang | None, Field(description=LANG_DESCRIPTION)] = None
) -> list[InstrumentOut]:
    language = _language(request, lang)
    with translation.override(page_language(language)):
        return [_instrument_out(instrument, language) for instrument in selectors.instrument_list()]


@router.get(
    "/articles",
    response={200: list[ArticleOut], **READ_ERRORS},
    summary="Articles with their thematic cluster (null = unknown)",
)
def articles(
    request: HttpRequest,
    instrument: InstrumentCode | None = None,
    cluster: ClusterNumber | None = None,
    lang: Annotated[Lang | None, Field(description=LANG_DESCRIPTION)] = None,
) -> list[ArticleOut]:
    found = selectors.articles_by_cluster()
    if instrument:
        found = found.filter(instrument__code=instrument)
    if cluster is not None:
        found = found.filter(cluster=cluster)
    language = _language(request, lang)
    return [_article_out(article, language) for article in found]
