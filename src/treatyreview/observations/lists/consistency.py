"""Consistency of suggestions (seed para 13): while a reviewer writes a suggestion on an article, the suggestions
already made on the same article in other final lists of observations, closest first, so that similar findings
get similar wording. No State is named unless its document is public.

The database's own full-text search does it, as for the knowledge library (ADR 0013, 0019): an FTS5 table over
the suggestions' analysed terms on SQLite (BM25), a GIN index over their `tsvector` on PostgreSQL (`ts_rank`).
The words typed are analysed by `knowledge.analysis` as the suggestions were, and any of them may match: a
suggestion sharing more and rarer words ranks higher.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from treatyreview.knowledge import analysis
from treatyreview.observations.lists.choices import Stage
from treatyreview.observations.lists.models import ObservationList, Recommendation

SHOWN_AT_MOST = 5
# Words of the typed text that are looked up: enough to rank, few enough to stay fast.
QUERY_WORDS_MAX = 16
QUERY_CHARS_MAX = 2_000
WORD_CHARS_MIN = 3


@dataclass(frozen=True)
class Similar:
    recommendation_id: int
    text: str
    # The State that made the review's list public, else empty: the page says "a State".
    state_name: str
    cycle: str
    follow_up: str


def article_mark(article_id: int) -> str:
    """A term naming the article, indexed with each suggestion: a look-up matches and ranks only the suggestions
    on the article being written (analysed words are never letters followed by digits only like this)."""
    return f"article{article_id}"


def analysed_terms(text: str, language: str, article_id: int) -> str:
    """What the index holds for a suggestion: the article's mark, then its words stemmed in its language
    (Chinese as pairs of characters), diacritics folded; the words typed are analysed alike."""
    return f"{article_mark(article_id)} {analysis.terms(text, language)}"


def _query_terms(text: str, language: str) -> list[str]:
    words: dict[str, None] = {}
    for match in analysis.tokens(text[:QUERY_CHARS_MAX], language):
        if len(match.term) >= WORD_CHARS_MIN or not match.term.isascii():
            words.setdefault(match.term, None)
        if len(words) >= QUERY_WORDS_MAX:
            break
    return list(words)


def similar_ids(text: str, *, article_id: int, exclude_list_id: int | None, language: str = "",
                limit: int = SHOWN_AT_MOST) -> list[int]:
    """Ids of suggestions on `article_id` in final lists other than `exclude_list_id`, closest to `text` first."""
    terms = _query_terms(text, language)
    if not terms:
        return []
    suggestions = Recommendation._meta.db_table
    lists = ObservationList._meta.db_table
    exclude = exclude_list_id or 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            query = f"{article_mark(article_id)} & (" + " | ".join(terms) + ")"
            cursor.execute(
                f"SELECT r.id FROM {suggestions} r JOIN {lists} l ON l.id = r.observation_list_id "
                "WHERE r.vector @@ to_tsquery('simple', %s) AND r.article_id = %s AND l.stage = %s AND l.id <> %s "
                "ORDER BY ts_rank(r.vector, to_tsquery('simple', %s)) DESC, r.id DESC LIMIT %s",
                [query, article_id, Stage.FINAL, exclude, query, limit],
            )
        else:
            query = f'"{article_mark(article_id)}" AND (' + " OR ".join(f'"{term}"' for term in terms) + ")"
            cursor.execute(
                f"SELECT r.id FROM observations_suggestion_fts f JOIN {suggestions} r ON r.id = f.rowid "
                f"JOIN {lists} l ON l.id = r.observation_list_id "
                "WHERE observations_suggestion_fts MATCH %s AND r.article_id = %s AND l.stage = %s AND l.id <> %s "
                "ORDER BY bm25(observations_suggestion_fts), r.id DESC LIMIT %s",
                [query, article_id, Stage.FINAL, exclude, limit],
            )
        return [int(row[0]) for row in cursor.fetchall()]


def similar_suggestions(text: str, *, article_id: int, exclude_list_id: int | None, language: str,
                        public_state_ids: set[int], limit: int = SHOWN_AT_MOST) -> list[Similar]:
    """The closest suggestions as a page shows them: a State named only when it made its list public."""
    ids = similar_ids(text, article_id=article_id, exclude_list_id=exclude_list_id, language=language, limit=limit)
    found = Recommendation.objects.filter(pk__in=ids).select_related(
        "observation_list__phase__review__state", "observation_list__phase__review__cycle")
    by_id = {recommendation.pk: recommendation for recommendation in found}
    shown = []
    for pk in ids:
        recommendation = by_id[pk]
        review = recommendation.observation_list.phase.review
        shown.append(Similar(
            recommendation_id=pk,
            text=recommendation.text,
            state_name=str(review.state) if review.state_id in public_state_ids else "",
            cycle=str(review.cycle),
            follow_up=str(recommendation.get_follow_up_status_display()),
        ))
    return shown
