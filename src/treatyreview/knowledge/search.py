"""Full-text search over the library: one interface, two backends chosen by the database (ADR 0013).

SQLite: an FTS5 table over `SearchDocument` (kept in step by triggers), ranked by BM25 with the title
weighing four times the text. PostgreSQL: a GIN index over the documents' `tsvector`, ranked by `ts_rank`
with the same weights. Both index the terms `analysis` produced, so a query matches the same records on
either; filters, facets and the grouping of language versions into records are the same SQL on both.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils.safestring import SafeString, mark_safe

from treatyreview.knowledge import analysis
from treatyreview.knowledge.models import LegalRecord, RecordText, SearchDocument

PAGE_SIZE = 20
PAGE_MAX = 500
SNIPPET_CHARS = 240
FACETS = ("kind", "state", "language", "instrument", "status")
TITLE_WEIGHT = 4.0


@dataclass(frozen=True)
class Filters:
    """What a search is narrowed to; every field empty means the whole library the reader may see."""

    state_ids: tuple[int, ...] = ()
    instrument: str = ""
    article_id: int | None = None
    kind: str = ""
    language: str = ""
    status: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


@dataclass(frozen=True)
class Scope:
    """Which records the reader may see: public ones, those restricted to the reader's States, or all."""

    all_records: bool = False
    state_ids: frozenset[int] = frozenset()


@dataclass
class Hit:
    record_id: int
    text_id: int
    score: float


@dataclass
class SearchResult:
    count: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    terms: list[analysis.QueryTerm] = field(default_factory=list)


def _backend() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def _fts_query(terms: Sequence[analysis.QueryTerm]) -> str:
    """The MATCH string (SQLite) or tsquery (PostgreSQL): every word required, any of its stems matching.

    Terms are runs of letters and digits (`analysis` guarantees it); quoting keeps FTS5 from reading a term
    such as "or" or "near" as an operator.
    """
    parts = []
    for term in terms:
        if _backend() == "sqlite":
            options = [f'"{alt}"' + ("*" if term.prefix else "") for alt in term.alternatives]
            parts.append(options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")")
        else:
            options = [alt + (":*" if term.prefix else "") for alt in term.alternatives]
            parts.append(options[0] if len(options) == 1 else "(" + " | ".join(options) + ")")
    return (" AND " if _backend() == "sqlite" else " & ").join(parts)


def _match(terms: Sequence[analysis.QueryTerm]) -> tuple[str, str, str, list[Any]]:
    """FROM clause, WHERE fragment and score expression (lower is better) of a text query."""
    docs = SearchDocument._meta.db_table
    if not terms:
        return f"{docs} d", "1=1", "0", []
    query = _fts_query(terms)
    if _backend() == "sqlite":
        return (
            # CROSS JOIN keeps the full-text index as the outer loop: with a plain join SQLite may walk the
            # documents of a filter (a country's, by its index) and run the full-text query once for each.
            f"knowledge_fts CROSS JOIN {docs} d ON d.id = knowledge_fts.rowid",
            "knowledge_fts MATCH %s",
            "knowledge_fts.rank",
            [query],
        )
    vector = "d.vector"
    return (
        f"{docs} d",
        f"{vector} @@ to_tsquery('simple', %s)",
        f"-ts_rank('{{0.1, 0.2, 0.4, 1.0}}', {vector}, to_tsquery('simple', %s), 1)",
        [query],
    )


def _where(filters: Filters, scope: Scope) -> tuple[list[str], list[Any]]:

    records_articles = LegalRecord.articles.through._meta.db_table
    clauses: list[str] = []
    params: list[Any] = []
    if not scope.all_records:
        if scope.state_ids:
            marks = ", ".join(["%s"] * len(scope.state_ids))
            clauses.append(f"(d.visibility = 'public' OR d.state_id IN ({marks}))")
            params.extend(sorted(scope.state_ids))
        else:
            clauses.append("d.visibility = 'public'")
    if filters.state_ids:
        clauses.append(f"d.state_id IN ({', '.join(['%s'] * len(filters.state_ids))})")
        params.extend(filters.state_ids)
    for column in ("kind", "language", "status"):
        value = getattr(filters, column)
        if value:
            clauses.append(f"d.{column} = %s")
            params.append(value)
    if filters.date_from:
        clauses.append("d.date >= %s")
        params.append(filters.date_from)
    if filters.date_to:
        clauses.append("d.date <= %s")
        params.append(filters.date_to)
    if filters.article_id:
        clauses.append(f"d.record_id IN (SELECT legalrecord_id FROM {records_articles} WHERE article_id = %s)")
        params.append(filters.article_id)
    elif filters.instrument:
        # The record's instruments are in its index rows (codes are letters only, so no LIKE wildcard).
        clauses.append("(' ' || d.instruments || ' ') LIKE %s")
        params.append(f"% {filters.instrument} %")
    return clauses, params


def search(
    query: str, *, filters: Filters = Filters(), scope: Scope = Scope(), page: int = 1, page_size: int = PAGE_SIZE,
    facets: bool = True, language: str = "",
) -> SearchResult:
    """Records matching every word of `query` (all records when it is empty), best first, one hit per record
    (its best language version), with facet counts of the records that match."""
    terms = analysis.query_terms(query, language)
    if query.strip() and not terms:
        return SearchResult(0, [], {f: [] for f in FACETS} if facets else {}, terms)
    page = max(1, min(page, PAGE_MAX))
    if not terms:
        return _browse(filters, scope, page, page_size, facets)
    source, match, score, match_params = _match(terms)
    clauses, params = _where(filters, scope)
    # One pass over the index: every matching document with its score and the columns the facets count. The
    # full-text engine is asked once; grouping the versions into records, ranking, paging and counting are done
    # here, on at most a few thousand rows (each further query would make the engine find them all again).
    rank = f" AND knowledge_fts.rank MATCH 'bm25({TITLE_WEIGHT}, 1.0)'" if _backend() == "sqlite" else ""
    score_params = match_params if _backend() == "postgresql" else []
    sql = (f"SELECT d.record_id, d.text_id, d.language, d.kind, d.state_id, d.status, d.instruments, {score} "
           f"FROM {source} WHERE {' AND '.join([match, *clauses])}{rank}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*score_params, *match_params, *params])
        rows = cursor.fetchall()
    # Per record: its best version (best score, then the reader's language, then the first saved).
    best: dict[int, tuple[float, int, int]] = {}
    record_rows: dict[int, tuple[Any, ...]] = {}
    languages: dict[str, int] = {}
    for record_id, text_id, doc_language, kind, state_id, status, instruments, doc_score in rows:
        key = (float(doc_score), 0 if doc_language == language else 1, int(text_id))
        if record_id not in best:
            record_rows[record_id] = (kind, state_id, status, instruments, 1)
            best[record_id] = key
        elif key < best[record_id]:
            best[record_id] = key
        languages[doc_language] = languages.get(doc_language, 0) + 1
    ranked = sorted(best, key=lambda record_id: (best[record_id][0], -record_id))
    shown = ranked[(page - 1) * page_size : page * page_size]
    hits = [Hit(record_id, best[record_id][2], -best[record_id][0]) for record_id in shown]
    counts = _count_facets(record_rows.values(), languages) if facets else {}
    return SearchResult(len(best), hits, counts, terms)


def _count_facets(records: Iterable[tuple[Any, ...]], languages: dict[str, int]) -> dict[str, list[tuple[str, int]]]:
    """Facet counts from (kind, state, status, instruments, number of records) of the matching records; a record
    counts once per value, and once per language it has a matching version in."""
    tallies: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    combinations: Counter[tuple[Any, ...]] = Counter()
    for *values, number in records:
        combinations[tuple(values)] += number
    for (kind, state_id, status, instruments), number in combinations.items():
        tallies["kind"][kind] += number
        tallies["state"][str(state_id)] += number
        tallies["status"][status] += number
        for code in instruments.split():
            tallies["instrument"][code] += number
    tallies["language"] = Counter(languages)
    return {name: sorted(((str(v), n) for v, n in tallies[name].items()), key=lambda item: item[0])
            for name in FACETS}


def _browse(filters: Filters, scope: Scope, page: int, page_size: int, facets: bool) -> SearchResult:
    """No words to match: the records newest first; the counts are the database's (every record may match)."""
    docs = SearchDocument._meta.db_table
    clauses, params = _where(filters, scope)
    where = " AND ".join(["1=1", *clauses])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(DISTINCT d.record_id) FROM {docs} d WHERE {where}", params)
        count = int(cursor.fetchone()[0])
        cursor.execute(
            f"SELECT d.record_id, MAX(d.date) AS newest FROM {docs} d WHERE {where} "
            "GROUP BY d.record_id ORDER BY newest DESC, d.record_id DESC LIMIT %s OFFSET %s",
            [*params, page_size, (page - 1) * page_size],
        )
        ranked = [int(row[0]) for row in cursor.fetchall()]
        hits = []
        if ranked:
            # The version shown: the one in the record's official language, else the first saved.
            marks = ", ".join(["%s"] * len(ranked))
            cursor.execute(
                f"SELECT d.record_id, d.text_id FROM {docs} d JOIN {LegalRecord._meta.db_table} r "
                f"ON r.id = d.record_id WHERE d.record_id IN ({marks}) AND {where} "
                "ORDER BY CASE WHEN d.language = r.original_language THEN 0 ELSE 1 END, d.text_id",
                [*ranked, *params],
            )
            chosen: dict[int, int] = {}
            for record_id, text_id in cursor.fetchall():
                chosen.setdefault(int(record_id), int(text_id))
            hits = [Hit(record_id, chosen[record_id], 0.0) for record_id in ranked if record_id in chosen]
        counts: dict[str, list[tuple[str, int]]] = {}
        if facets and count:
            # A record's type, country, status and instruments are the same in each of its versions.
            cursor.execute(f"SELECT d.kind, d.state_id, d.status, d.instruments, COUNT(DISTINCT d.record_id) "
                           f"FROM {docs} d WHERE {where} GROUP BY d.kind, d.state_id, d.status, d.instruments",
                           params)
            grouped = cursor.fetchall()
            cursor.execute(f"SELECT d.language, COUNT(*) FROM {docs} d WHERE {where} GROUP BY d.language", params)
            languages = {str(language): int(n) for language, n in cursor.fetchall()}
            counts = _count_facets([(*row[:4], int(row[4])) for row in grouped], languages)
        elif facets:
            counts = {f: [] for f in FACETS}
    return SearchResult(count, hits, counts, [])


def matching_record_ids(query: str, *, filters: Filters = Filters(), scope: Scope = Scope(),
                        language: str = "") -> list[int]:
    """Every record matching, best first, unpaged (an export)."""
    terms = analysis.query_terms(query, language)
    if query.strip() and not terms:
        return []
    source, match, score, match_params = _match(terms)
    clauses, params = _where(filters, scope)
    score_params = match_params if _backend() == "postgresql" and terms else []
    rank = f" AND knowledge_fts.rank MATCH 'bm25({TITLE_WEIGHT}, 1.0)'" if terms and _backend() == "sqlite" else ""
    matched = (f"SELECT d.record_id, d.date, {score} AS score FROM {source} "
               f"WHERE {' AND '.join([match, *clauses])}{rank}")
    order = "MIN(score), record_id DESC" if terms else "MAX(date) DESC, record_id DESC"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT record_id FROM ({matched}) m GROUP BY record_id ORDER BY {order}",
                       [*score_params, *match_params, *params])
        return [int(row[0]) for row in cursor.fetchall()]


# Indexing -------------------------------------------------------------------------------------------------


def instrument_codes(articles: Iterable[Any]) -> str:
    """The instruments of a record's articles as the index holds them: codes separated by spaces."""
    return " ".join(sorted({article.instrument.code for article in articles}))


def _document(record: LegalRecord, text: RecordText, instruments: str) -> SearchDocument:
    language = text.language
    title = " ".join(part for part in (text.title, text.provision) if part)
    extra = [record.court, record.parties, record.offences, record.outcome] if language == record.original_language \
        else []
    body = " ".join(part for part in (text.text, *extra) if part)
    return SearchDocument(
        record_id=record.pk,
        text_id=text.pk,
        language=language,
        kind=record.kind,
        state_id=record.state_id,
        status=record.status,
        date=record.date,
        visibility=record.visibility,
        instruments=instruments,
        title_terms=analysis.terms(title, language),
        body_terms=analysis.terms(body, language),
    )


@transaction.atomic
def index_record(record: LegalRecord) -> None:
    """Replace the record's rows in the index: called by every service that changes a record, so that a
    record saved is searchable at once (in the same transaction)."""
    SearchDocument.objects.filter(record=record).delete()
    instruments = instrument_codes(record.articles.select_related("instrument"))
    SearchDocument.objects.bulk_create(_document(record, text, instruments) for text in record.texts.all())


def index_records(records: Iterable[LegalRecord], batch: int = 2_000) -> int:
    """Index many records that have no rows yet (a rebuild); their texts and articles are read from a prefetch."""
    documents = [_document(record, text, instrument_codes(record.articles.all())) for record in records
                 for text in record.texts.all()]
    SearchDocument.objects.bulk_create(documents, batch_size=batch)
    return len(documents)


# Highlighting ---------------------------------------------------------------------------------------------


def highlight(text: str, language: str, terms: list[analysis.QueryTerm], *, snippet: bool = False) -> SafeString:
    """`text` with the words that matched in <mark>, escaped; as a snippet, the passage around the first match."""
    spans: list[tuple[int, int]] = []
    for token in analysis.tokens(text, language) if terms else ():
        # A snippet ends within SNIPPET_CHARS of its first match: the rest of the text need not be analysed.
        if snippet and spans and token.start >= spans[0][0] + SNIPPET_CHARS:
            break
        if analysis.matches(token.term, terms):
            spans.append((token.start, token.end))
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    begin, finish = 0, len(text)
    if snippet:
        first = merged[0][0] if merged else 0
        begin = max(0, first - SNIPPET_CHARS // 3)
        if begin:
            space = text.find(" ", begin, first)
            begin = space + 1 if space != -1 else begin
        finish = min(len(text), begin + SNIPPET_CHARS)
    out = ["…" if begin else ""]
    at = begin
    for start, end in merged:
        if end <= begin or start >= finish:
            continue
        start, end = max(start, begin), min(end, finish)
        out.append(html.escape(text[at:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        at = end
    out.append(html.escape(text[at:finish]))
    if finish < len(text):
        out.append("…")
    return mark_safe("".join(out))
