"""Every read of the library: searches limited to what the reader may see, and the one way to open a record.

`access_record` is how pages, the API and other apps (the questionnaire's citations) open a record: a record
restricted to a State's review is shown only to those entitled, its read logged; to anyone else it does not
exist (404). `records_citable` is what a State's answer may cite.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch, QuerySet

from treatyreview.accounts.permissions import Visitor
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.errors import NotFound
from treatyreview.knowledge import permissions, search
from treatyreview.knowledge.models import LegalRecord, RecordRevision, RecordText, Theme, Visibility
from treatyreview.registry.models import Article, State

CITABLE_MAX = 50
NO_FILTERS = search.Filters()


def _records(ids: list[int], *, themes: bool = True) -> dict[int, LegalRecord]:
    """The records with what their pages show (a list of results shows no themes)."""
    records = (
        LegalRecord.objects.filter(pk__in=ids)
        .select_related("state")
        .prefetch_related("texts", "state__names",
                          Prefetch("articles", queryset=Article.objects.select_related("instrument")))
    )
    if themes:
        records = records.prefetch_related("themes")
    return {record.pk: record for record in records}


@dataclass
class Found:
    """One result: the record, the language version that matched best, and its score."""

    record: LegalRecord
    text: RecordText
    score: float


@dataclass
class Page:
    count: int
    found: list[Found]
    facets: dict[str, list[tuple[str, int]]]
    terms: list
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.page_size))


def record_search(*, user: Visitor, query: str = "", filters: search.Filters = NO_FILTERS, page: int = 1,
                  page_size: int = search.PAGE_SIZE, language: str = "", facets: bool = True) -> Page:
    """A page of records matching `query` and `filters` among those `user` may see, best first."""
    result = search.search(query, filters=filters, scope=permissions.search_scope(user), page=page,
                           page_size=page_size, facets=facets, language=language)
    records = _records([hit.record_id for hit in result.hits], themes=False)
    found = []
    for hit in result.hits:
        record = records.get(hit.record_id)
        if record is None:
            continue
        text = next((t for t in record.texts.all() if t.pk == hit.text_id), None) or record.text_in(language)
        if text is not None:
            found.append(Found(record, text, hit.score))
    return Page(result.count, found, result.facets, result.terms, page, page_size)


def records_citable(*, user: Visitor, state: State, article: Article | None = None, query: str = "",
                    language: str = "") -> list[LegalRecord]:
    """The records an answer of `state` may cite, as `user` sees them: public records and those restricted to
    `state`'s own review, optionally about `article` and matching `query`; best match first (newest first
    without a query), at most 50."""
    filters = search.Filters(article_id=article.pk if article else None)
    # Restricted records of `state` only, and only for a reader who may see them; no other State's.
    own = permissions.search_scope(user)
    scope = search.Scope(state_ids=frozenset({state.pk}) if own.all_records or state.pk in own.state_ids
                         else frozenset())
    result = search.search(query, filters=filters, scope=scope, page_size=CITABLE_MAX, facets=False,
                           language=language)
    records = _records([hit.record_id for hit in result.hits])
    return [records[hit.record_id] for hit in result.hits if hit.record_id in records]


@transaction.atomic
def access_record(user: Visitor, pk: int) -> LegalRecord:
    """One record for `user`; a record restricted to a State's review is logged when read, and is not found
    (404) for anyone not entitled to it — the same answer as for no such record."""
    records = _records([pk])
    record = records.get(pk)
    if record is None or not permissions.can_view_record(user, record):
        raise NotFound
    if record.visibility != Visibility.PUBLIC:
        audit.record(actor=user, action=AuditAction.LIBRARY_RECORD_READ, target=record)
    return record


def records_for_export(*, user: Visitor | None, query: str = "", filters: search.Filters = NO_FILTERS,
                       include_restricted: bool = False) -> Iterator[LegalRecord]:
    """The records an export writes, best match first: those `user` may see (public ones only for the command
    line, unless `include_restricted`), read in batches."""
    scope = permissions.search_scope(user) if user is not None else search.Scope(all_records=include_restricted)
    ids = search.matching_record_ids(query, filters=filters, scope=scope)
    for start in range(0, len(ids), 1_000):
        batch = _records(ids[start : start + 1_000])
        yield from (batch[pk] for pk in ids[start : start + 1_000] if pk in batch)


def record_revisions(record: LegalRecord) -> QuerySet[RecordRevision]:
    return RecordRevision.objects.filter(record=record).select_related("actor").order_by("-version")


def theme_list() -> QuerySet[Theme]:
    return Theme.objects.select_related("broader").order_by("code")


def state_choices() -> QuerySet[State]:
    return State.objects.prefetch_related("names").order_by("name")
