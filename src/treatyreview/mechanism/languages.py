"""The working language(s) of a country review, and the translations they call for (seed para. 13).

Framework-free. Each party to a review (the State under review, each reviewing State) reads and writes some of
the six UN languages: those of its governmental experts. A set of working languages *serves* a party when the
party uses one of them. `propose` chooses, among the sets of at most `at_most` UN languages, the one that

1. serves the State under review (whenever it uses a UN language at all),
2. serves as many reviewing States as possible,
3. has as few languages as possible,
4. needs the fewest words translated (`translations_needed`),
5. and, all else equal, comes first in the UN's order of languages (ar, zh, en, fr, ru, es): a fixed tie-break,
   never the order in which the States were listed.

The secretariat confirms the proposal or overrides it with a reason; this module only proposes and counts.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

__all__ = [
    "UN_LANGUAGES", "WORDS_PER_PAGE", "DocumentEstimate", "Proposal", "Translation", "outcome_documents",
    "pages_of", "propose", "translations_needed",
]

UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
# UNOG's standard page: about 312 words (the cost model's rates use the same figure).
WORDS_PER_PAGE = 312
# Plausible lengths of the documents of a review, in words, before any is written: per article reviewed for
# the documents that grow with the articles, once per review for the others. Replaced by recorded counts.
WORDS_PER_ARTICLE = {"questionnaire_answers": 900, "written_feedback": 250, "list_of_observations": 400,
                     "report": 700}
WORDS_PER_REVIEW = {"summary": 1800, "executive_summary": 1500, "recommendations": 2500}
# The documents each outcome model produces after the answers and the feedback, and which of them are public.
OUTCOME_DOCUMENTS = {
    "list_and_summary": ("list_of_observations", "summary"),
    "report_and_executive_summary": ("report", "executive_summary"),
    "public_recommendations": ("recommendations",),
}
PUBLIC_KINDS = frozenset({"summary", "executive_summary", "recommendations"})
UNDER_REVIEW = "under_review"


@dataclass(frozen=True)
class DocumentEstimate:
    """One document of a review: its kind, the language it is written in, its length, where it must be read."""

    kind: str
    original: str
    words: int
    into: tuple[str, ...]


@dataclass(frozen=True)
class Translation:
    kind: str
    source: str
    target: str
    words: int
    pages: int


@dataclass(frozen=True)
class Proposal:
    """The working languages proposed, which party each serves, the parties left unserved, the translations."""

    languages: tuple[str, ...]
    served: Mapping[str, str]
    unserved: tuple[str, ...]
    translations: tuple[Translation, ...]

    @property
    def words(self) -> int:
        return sum(t.words for t in self.translations)

    @property
    def pages(self) -> int:
        return sum(t.pages for t in self.translations)


def pages_of(words: int, words_per_page: int = WORDS_PER_PAGE) -> int:
    """Standard pages of a text of `words` words (a started page counts)."""
    if words < 0 or words_per_page < 1:
        raise ValueError("words must be >= 0 and words_per_page >= 1")
    return math.ceil(words / words_per_page)


def _un(languages: Iterable[str]) -> tuple[str, ...]:
    """The UN languages among `languages`, in the UN order, each once (`zh-hans` counts as `zh`)."""
    wanted = {code.lower().split("-")[0].split("_")[0] for code in languages}
    return tuple(code for code in UN_LANGUAGES if code in wanted)


def outcome_documents(
    *,
    outcome_model: str,
    articles: int,
    under_review: Sequence[str],
    working: Sequence[str],
    recorded_words: Mapping[str, int] | None = None,
) -> tuple[DocumentEstimate, ...]:
    """The documents of one phase under `outcome_model` and where each must be readable.

    The answers are written in the State's first UN language (else the first working language) and read in every
    working language; the feedback and the outcome documents are written in the first working language; the
    outcome documents are read in every working language and in the State's own; public ones also in the State's
    languages. `recorded_words` (per kind) replaces the estimate where the platform has counted a document.
    """
    if outcome_model not in OUTCOME_DOCUMENTS:
        raise ValueError(f"unknown outcome model {outcome_model!r}")
    if articles < 0:
        raise ValueError("articles must be >= 0")
    working = _un(working)
    if not working:
        raise ValueError("at least one working language is needed")
    own = _un(under_review)
    recorded = recorded_words or {}

    def words(kind: str) -> int:
        if kind in recorded:
            return max(0, int(recorded[kind]))
        if kind in WORDS_PER_ARTICLE:
            return WORDS_PER_ARTICLE[kind] * articles
        return WORDS_PER_REVIEW[kind]

    first = working[0]
    documents = [
        DocumentEstimate("questionnaire_answers", own[0] if own else first, words("questionnaire_answers"), working),
        DocumentEstimate("written_feedback", first, words("written_feedback"), working),
    ]
    for kind in OUTCOME_DOCUMENTS[outcome_model]:
        into = _un((*working, *own[:1], *(own if kind in PUBLIC_KINDS else ())))
        documents.append(DocumentEstimate(kind, first, words(kind), into))
    return tuple(documents)


def translations_needed(
    documents: Iterable[DocumentEstimate], words_per_page: int = WORDS_PER_PAGE
) -> tuple[Translation, ...]:
    """Every translation the documents call for: from its original into each language it must be read in."""
    needed = []
    for document in documents:
        for target in _un(document.into):
            if target != document.original:
                needed.append(Translation(document.kind, document.original, target, document.words,
                                          pages_of(document.words, words_per_page)))
    return tuple(needed)


def propose(
    *,
    under_review: Sequence[str],
    reviewers: Mapping[str, Sequence[str]],
    outcome_model: str = "list_and_summary",
    articles: int = 0,
    at_most: int = 2,
    allowed: Sequence[str] = UN_LANGUAGES,
    recorded_words: Mapping[str, int] | None = None,
) -> Proposal:
    """Propose the working languages: see the module's docstring for the order of what is minimised.

    `under_review`: the languages of the State under review's experts; `reviewers`: each reviewing State's
    (by code) experts' languages. Languages outside `allowed` (and outside the six) are ignored.
    """
    if at_most < 1:
        raise ValueError("at_most must be >= 1")
    allowed = _un(allowed)
    if not allowed:
        raise ValueError("no UN language is allowed")
    own = tuple(code for code in _un(under_review) if code in allowed)
    parties = {code: tuple(c for c in _un(languages) if c in allowed) for code, languages in reviewers.items()}
    best: tuple[tuple[object, ...], Proposal] | None = None
    for size in range(1, min(at_most, len(allowed)) + 1):
        for chosen in combinations(allowed, size):
            # A State's own language comes first when chosen: the answers are written in it.
            ordered = tuple(sorted(chosen, key=lambda code: (code not in own[:1], UN_LANGUAGES.index(code))))
            served = {}
            if own and set(own) & set(ordered):
                served[UNDER_REVIEW] = next(code for code in ordered if code in own)
            for code in sorted(parties):
                match = next((c for c in ordered if c in parties[code]), None)
                if match is not None:
                    served[code] = match
            unserved = tuple(sorted(code for code in parties if code not in served))
            documents = outcome_documents(outcome_model=outcome_model, articles=articles, under_review=own,
                                          working=ordered, recorded_words=recorded_words)
            translations = translations_needed(documents)
            key = (
                bool(own) and UNDER_REVIEW not in served,
                len(unserved),
                size,
                sum(t.words for t in translations),
                tuple(UN_LANGUAGES.index(code) for code in chosen),
            )
            if best is None or key < best[0]:
                best = (key, Proposal(ordered, served, unserved, translations))
    assert best is not None
    return best[1]
