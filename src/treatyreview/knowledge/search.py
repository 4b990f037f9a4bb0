"""Full-text search over the library: one interface, two backends chosen by the database (ADR 0013).

SQLite: an FTS5 table over `SearchDocument` (kept in step by triggers), ranked by BM25 with the title
weighing four times the text. PostgreSQL: a GIN index over the documents' `tsvector`, ranked by `ts_rank`
with the same weights. Both index the terms `analysis` produced, so a query matches the same records on
either; filters, facets and the grouping of language versions into records are the same SQL on both.
"""

from __future__ import annotations

import datetime as dt
import html
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
            f"knowledge_fts JOIN {docs} d ON d.id = knowledge_fts.rowid",
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
    from treatyreview.registry.models import Article

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
        articles = Article._meta.db_table
        instruments = Article._meta.get_field("instrument").related_model._meta.db_table
        clauses.append(
            f"d.record_id IN (SELECT ra.legalrecord_id FROM {records_articles} ra "
            f"JOIN {articles} a ON a.id = ra.article_id JOIN {instruments} i ON i.id = a.instrument_id "
            "WHERE i.code = %s)"
        )
        params.append(filters.instrument)
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
    source, match, score, match_params = _match(terms)
    clauses, params = _where(filters, scope)
    where = " AND ".join([match, *clauses])
    # Counting and faceting need only which documents match; the score is computed for the page alone.
    matched = f"SELECT d.id AS doc_id, d.record_id FROM {source} WHERE {where}"
    plain_params = [*match_params, *params]
    score_params = match_params if _backend() == "postgresql" and terms else []
    # On SQLite `rank` is FTS5's BM25 with the title weighted (a column, so it may be grouped like any other);
    # asking for it costs, so only this query does.
    rank = f" AND knowledge_fts.rank MATCH 'bm25({TITLE_WEIGHT}, 1.0)'" if terms and _backend() == "sqlite" else ""
    scored = f"SELECT d.id AS doc_id, d.record_id, d.date, {score} AS score FROM {source} WHERE {where}{rank}"
    scored_params = [*score_params, *match_params, *params]
    page = max(1, min(page, PAGE_MAX))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(DISTINCT record_id) FROM ({matched}) m", plain_params)
        count = int(cursor.fetchone()[0])
        if not count:
            ranked: list[tuple[int, float]] = []
        elif terms:
            cursor.execute(
                f"SELECT record_id, MIN(score) AS best FROM ({scored}) m GROUP BY record_id "
                "ORDER BY best, record_id DESC LIMIT %s OFFSET %s",
                [*scored_params, page_size, (page - 1) * page_size],
            )
            ranked = [(int(row[0]), float(row[1])) for row in cursor.fetchall()]
        else:
            docs = SearchDocument._meta.db_table
            cursor.execute(
                f"SELECT d.record_id, MAX(d.date) AS newest FROM {docs} d WHERE {' AND '.join(['1=1', *clauses])} "
                "GROUP BY d.record_id ORDER BY newest DESC, d.record_id DESC LIMIT %s OFFSET %s",
                [*params, page_size, (page - 1) * page_size],
            )
            ranked = [(int(row[0]), 0.0) for row in cursor.fetchall()]
        hits = _best_versions(cursor, scored, scored_params, ranked, language)
        counts = _facets(cursor, matched, plain_params) if facets and count else {f: [] for f in FACETS}
    return SearchResult(count, hits, counts, terms)


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


def _best_versions(cursor: Any, matched: str, params: list[Any], ranked: list[tuple[int, float]],
                   language: str) -> list[Hit]:
    """For each record on the page, the language version that matched best (the reader's language on a tie)."""
    if not ranked:
        return []
    marks = ", ".join(["%s"] * len(ranked))
    docs = SearchDocument._meta.db_table
    # The page's records only, inside the scored query, so that no other document is scored.
    inner = matched.replace(" WHERE ", f" WHERE d.record_id IN ({marks}) AND ", 1)
    ids = [record_id for record_id, _score in ranked]
    split = matched.index(" WHERE ")
    before = matched[:split].count("%s")
    cursor.execute(
        f"SELECT m.record_id, d.text_id, m.score, d.language FROM ({inner}) m JOIN {docs} d ON d.id = m.doc_id",
        [*params[:before], *ids, *params[before:]],
    )
    best: dict[int, tuple[float, int, int]] = {}
    for record_id, text_id, score, doc_language in cursor.fetchall():
        key = (float(score), 0 if doc_language == language else 1, int(text_id))
        if record_id not in best or key < best[record_id]:
            best[record_id] = key
    return [Hit(record_id, best[record_id][2], -score) for record_id, score in ranked if record_id in best]


def _facets(cursor: Any, matched: str, params: list[Any]) -> dict[str, list[tuple[str, int]]]:
    from treatyreview.registry.models import Article

    docs = SearchDocument._meta.db_table
    records_articles = LegalRecord.articles.through._meta.db_table
    articles = Article._meta.db_table
    instruments = Article._meta.get_field("instrument").related_model._meta.db_table
    result: dict[str, list[tuple[str, int]]] = {}
    base = f"FROM ({matched}) m JOIN {docs} d ON d.id = m.doc_id"
    for name, column in (("kind", "d.kind"), ("state", "d.state_id"), ("language", "d.language"),
                         ("status", "d.status")):
        cursor.execute(f"SELECT {column}, COUNT(DISTINCT m.record_id) {base} GROUP BY {column}", params)
        result[name] = sorted(((str(value), int(n)) for value, n in cursor.fetchall()), key=lambda item: item[0])
    cursor.execute(
        f"SELECT i.code, COUNT(DISTINCT m.record_id) FROM ({matched}) m "
        f"JOIN {records_articles} ra ON ra.legalrecord_id = m.record_id "
        f"JOIN {articles} a ON a.id = ra.article_id JOIN {instruments} i ON i.id = a.instrument_id GROUP BY i.code",
        params,
    )
    result["instrument"] = [(str(code), int(n)) for code, n in cursor.fetchall()]
    return result


# Indexing -------------------------------------------------------------------------------------------------


def _document(record: LegalRecord, text: RecordText) -> SearchDocument:
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
        title_terms=analysis.terms(title, language),
        body_terms=analysis.terms(body, language),
    )


@transaction.atomic
def index_record(record: LegalRecord) -> None:
    """Replace the record's rows in the index: called by every service that changes a record, so that a
    record saved is searchable at once (in the same transaction)."""
    SearchDocument.objects.filter(record=record).delete()
    SearchDocument.objects.bulk_create(_document(record, text) for text in record.texts.all())


def index_records(records: Iterable[LegalRecord], batch: int = 2_000) -> int:
    """Index many records that have no rows yet (an import); their texts are read from a prefetch."""
    documents = [_document(record, text) for record in records for text in record.texts.all()]
    SearchDocument.objects.bulk_create(documents, batch_size=batch)
    return len(documents)


# Highlighting ---------------------------------------------------------------------------------------------


def highlight(text: str, language: str, terms: list[analysis.QueryTerm], *, snippet: bool = False) -> SafeString:
    """`text` with the words that matched in <mark>, escaped; as a snippet, the passage around the first match."""
    spans = [(t.start, t.end) for t in analysis.tokens(text, language) if analysis.matches(t.term, terms)] \
        if terms else []
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
