"""The library's API: the search (`GET /api/library/search`) and one record (`GET /api/library/records/{id}`).

Anonymous callers see public records; a signed-in session or a token adds the records its user may see.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path as PathParam
from ninja import Query, Router, Schema
from ninja.errors import AuthenticationError
from pydantic import BeforeValidator, Field

from treatyreview.accounts.auth import TokenAuth
from treatyreview.api_errors import READ_ERRORS
from treatyreview.errors import NotFound
from treatyreview.knowledge import search, selectors
from treatyreview.registry.choices import InstrumentCode
from treatyreview.registry.models import Article, State

# Public records need no authentication; the reader is the session's user or the bearer of a token, whose
# restricted records are added. A token that is sent but not valid is refused (401), never ignored.
router = Router(tags=["library"], auth=None)


def _reader(request: HttpRequest) -> Any:
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _sep, token = header.partition(" ")
        user = TokenAuth().authenticate(request, token.strip()) if scheme.lower() == "bearer" else None
        if user is None:
            raise AuthenticationError
        return user
    return request.user

def _iso_date(value: object) -> object:
    # Written YYYY-MM-DD only: a number would otherwise be read as seconds since 1970.
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise ValueError("a date written YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
Language = Literal["ar", "zh", "en", "fr", "ru", "es"]
Kind = Literal["legislation", "case", "strategy"]


class SearchQuery(Schema):
    q: Annotated[str, Field(max_length=search.analysis.QUERY_MAX, description="Words to find, in any of the six "
                            "languages; every word must match, in any of its forms.")] = ""
    country: Annotated[str, Field(pattern=r"^([A-Za-z]{3})?$", description="ISO 3166-1 alpha-3 code of the State; "
                                  "404 when no State has it")] = ""
    instrument: InstrumentCode | None = None
    article: Annotated[str, Field(pattern=r"^((UNTOC|TIP|SOM|FIREARMS)[ -]?[0-9]{1,2})?$",
                                  description="An article, e.g. `UNTOC-6` or `TIP 5`; 404 when there is none")] = ""
    type: Kind | None = None
    lang: Language | None = None
    status: Literal["in_force", "repealed"] | None = None
    date_from: IsoDate | None = None
    date_to: IsoDate | None = None
    page: Annotated[int, Field(ge=1, le=search.PAGE_MAX)] = 1


class HitOut(Schema):
    id: int
    title: str
    language: str
    snippet: str = Field(description="The passage that matched, HTML-escaped, matched words in <mark>")
    kind: str
    country: str
    date: dt.date | None
    status: str
    visibility: str
    demo: bool
    articles: list[str]
    url: str


class SearchOut(Schema):
    count: int
    page: int
    results: list[HitOut]
    facets: dict[str, dict[str, int]]


class TextOut(Schema):
    language: str
    title: str
    provision: str
    text: str


class RecordOut(Schema):
    id: int
    version: int
    kind: str
    country: str
    official_language: str
    date: dt.date | None
    status: str
    official_link: str
    court: str
    parties: str
    outcome: str
    offences: str
    visibility: str
    demo: bool
    articles: list[str]
    themes: list[str]
    texts: list[TextOut]


def _filters(params: SearchQuery) -> search.Filters:
    """The filters the parameters name; a State or an article that does not exist is not found (404)."""
    state_ids: tuple[int, ...] = ()
    if params.country:
        state = State.objects.filter(code=params.country.upper()).first()
        if state is None:
            raise NotFound(_("country: no State with the code %(code)s") % {"code": params.country.upper()})
        state_ids = (state.pk,)
    article_id = None
    if params.article:
        match = re.fullmatch(r"([A-Z]+)[ -]?([0-9]+)", params.article)
        assert match is not None  # the schema's pattern
        article = Article.objects.filter(instrument__code=match.group(1), number=int(match.group(2))).first()
        if article is None:
            raise NotFound(_("article: no article %(article)s") % {"article": params.article})
        article_id = article.pk
    return search.Filters(state_ids=state_ids, instrument=params.instrument or "", article_id=article_id,
                          kind=params.type or "", language=params.lang or "", status=params.status or "",
                          date_from=params.date_from, date_to=params.date_to)


def _articles(record: Any) -> list[str]:
    return [f"{a.instrument.code} {a.number}" for a in record.articles.all()]


@router.get("/library/search", response={200: SearchOut, **READ_ERRORS}, summary="Search the knowledge library")
def library_search(request: HttpRequest, params: Query[SearchQuery]) -> SearchOut:
    """Public records, and those restricted to a State's review for a signed-in reader or a token's bearer
    (`Authorization: Bearer …`). Ranked by relevance (newest first without `q`), 20 a page, one result per
    record in its best matching language; `facets` counts the matching records by `type`, `country`, `lang`,
    `instrument` and `status`."""
    page = selectors.record_search(user=_reader(request), query=params.q, filters=_filters(params), page=params.page,
                                   language=params.lang or "")
    states = dict(State.objects.filter(pk__in=[int(v) for v, _n in page.facets.get("state", [])])
                  .values_list("pk", "code"))
    facets = {
        "type": dict(page.facets.get("kind", [])),
        "country": {states[int(v)]: n for v, n in page.facets.get("state", [])},
        "lang": dict(page.facets.get("language", [])),
        "instrument": dict(page.facets.get("instrument", [])),
        "status": {v: n for v, n in page.facets.get("status", []) if v},
    }
    results = [
        HitOut(
            id=f.record.pk, title=f.text.title, language=f.text.language,
            snippet=str(search.highlight(f.text.text or f.text.provision, f.text.language, page.terms, snippet=True)),
            kind=f.record.kind, country=f.record.state.code, date=f.record.date, status=f.record.status,
            visibility=f.record.visibility, demo=f.record.demo, articles=_articles(f.record),
            url=f.record.get_absolute_url(),
        )
        for f in page.found
    ]
    return SearchOut(count=page.count, page=params.page, results=results, facets=facets)


@router.get("/library/records/{record_id}", response={200: RecordOut, **READ_ERRORS}, summary="One library record")
def library_record(request: HttpRequest, record_id: int = PathParam(..., ge=1, le=2**62)) -> RecordOut:
    """A record with its versions in every language; 404 for a record the caller may not see."""
    record = selectors.access_record(_reader(request), record_id)
    return RecordOut(
        id=record.pk, version=record.version, kind=record.kind, country=record.state.code,
        official_language=record.original_language, date=record.date, status=record.status,
        official_link=record.official_link, court=record.court, parties=record.parties, outcome=record.outcome,
        offences=record.offences, visibility=record.visibility, demo=record.demo, articles=_articles(record),
        themes=sorted(t.code for t in record.themes.all()),
        texts=[TextOut(language=t.language, title=t.title, provision=t.provision, text=t.text)
               for t in record.texts.all()],
    )
