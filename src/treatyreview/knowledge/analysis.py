"""Text analysis for the search index: words cut out, stemmed in their language, diacritics folded; Chinese as bigrams.

The same functions analyse a record's text when it is indexed and a reader's query, so that "blanchiment" and
"blanchir" meet at the stem "blanch", "laundering" and "laundered" at "launder". Snowball stemmers (PyStemmer)
serve Arabic, English, French, Russian and Spanish; Chinese, written without spaces, is cut into overlapping
pairs of characters (洗钱罪 gives 洗钱 and 钱罪), which finds any word of two characters or more without a
dictionary. A query whose language is not known is stemmed in every language written in its script.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import Stemmer

STEMMERS = {"ar": "arabic", "en": "english", "fr": "french", "ru": "russian", "es": "spanish"}
# A query word in one script may be in any language written in it.
SCRIPT_LANGUAGES = {"latin": ("en", "fr", "es"), "cyrillic": ("ru",), "arabic": ("ar",)}
QUERY_TERMS_MAX = 12
QUERY_MAX = 500

# A run of letters and digits, or a run of Chinese characters (which are cut into pairs).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Combining marks belong to the word they mark (a text may be stored decomposed, é as e + ◌́).
_MARKS = "\u0300-\u036f\u0483-\u0489\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
_WORD = re.compile(rf"([{_HAN}]+)|((?:[^\W_{_HAN}]|[{_MARKS}])+)")
# The same words in a text without Chinese characters (no groups: the matches are the words themselves).
_PLAIN_WORD = re.compile(rf"(?:[^\W_{_HAN}]|[{_MARKS}])+")
_ANY_HAN = re.compile(f"[{_HAN}]")
# Arabic short vowels, shadda, sukun and the tatweel carry no meaning for search.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


@dataclass(frozen=True)
class Token:
    """One indexed term and where it stands in the original text (for highlighting)."""

    term: str
    start: int
    end: int


@cache
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(STEMMERS[language])


def fold(word: str) -> str:
    """Lower case without diacritics: "Pénal" is "penal", "ё" is "е", "أ" is "ا"."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _script(word: str) -> str:
    first = word[0]
    if "\u0400" <= first <= "\u04ff":
        return "cyrillic"
    if "\u0600" <= first <= "\u06ff":
        return "arabic"
    return "latin"


def _stem(word: str, language: str) -> str:
    word = unicodedata.normalize("NFC", word).lower()
    if language == "ar":
        word = _ARABIC_MARKS.sub("", word)
    if language in STEMMERS:
        word = _stemmer(language).stemWord(word)
    return fold(word)


def _bigrams(run: str, offset: int) -> Iterator[Token]:
    if len(run) == 1:
        yield Token(run, offset, offset + 1)
    for i in range(len(run) - 1):
        yield Token(run[i : i + 2], offset + i, offset + i + 2)


def tokens(text: str, language: str) -> Iterator[Token]:
    """Every term of `text` as the index holds it, with its place in `text`."""
    stems = _STEMS.setdefault(language, {})
    for match in _WORD.finditer(text):
        han, word = match.group(1), match.group(2)
        if han:
            yield from _bigrams(han, match.start())
        else:
            stem = stems.get(word)
            if stem is None:
                stem = stems[word] = _stem(word, language)
            yield Token(stem, match.start(), match.end())


# Stems already computed, per language; emptied when it grows past the limit.
_STEMS: dict[str, dict[str, str]] = {}
STEMS_CACHED = 500_000


def terms(text: str, language: str) -> str:
    """The analysed text as the index stores it: terms separated by spaces (`tokens` without the places, for
    speed: an import analyses every word of every record)."""
    stems = _STEMS.setdefault(language, {})
    if len(stems) > STEMS_CACHED:
        stems.clear()
    if not _ANY_HAN.search(text):
        # Most texts: each distinct word stemmed once, the rest done by the interpreter's own loops.
        words = _PLAIN_WORD.findall(text)
        for word in set(words).difference(stems):
            stems[word] = _stem(word, language)
        return " ".join(map(stems.__getitem__, words))
    out: list[str] = []
    for han, word in _WORD.findall(text):
        if han:
            out.extend([han] if len(han) == 1 else [han[i : i + 2] for i in range(len(han) - 1)])
        else:
            stem = stems.get(word)
            if stem is None:
                stem = stems[word] = _stem(word, language)
            out.append(stem)
    return " ".join(out)


@dataclass(frozen=True)
class QueryTerm:
    """One word of a query: the terms any of which matches it, and whether it matches as a prefix."""

    alternatives: tuple[str, ...]
    prefix: bool = False


def query_terms(query: str, language: str = "") -> list[QueryTerm]:
    """A reader's query as terms that must all match; each word stemmed in `language`, or in every language
    of its script when `language` is empty. A single Chinese character matches every pair it begins."""
    found: list[QueryTerm] = []
    for match in _WORD.finditer(query[:QUERY_MAX]):
        han, word = match.group(1), match.group(2)
        if han:
            if len(han) == 1:
                found.append(QueryTerm((han,), prefix=True))
            else:
                found.extend(QueryTerm((token.term,)) for token in _bigrams(han, 0))
            continue
        languages = (language,) if language in STEMMERS else SCRIPT_LANGUAGES[_script(word)]
        stems = dict.fromkeys(_stem(word, lang) for lang in languages)
        found.append(QueryTerm(tuple(stems)))
    unique = list(dict.fromkeys(found))
    return unique[:QUERY_TERMS_MAX]


def matches(term: str, wanted: list[QueryTerm]) -> bool:
    return any(term in q.alternatives or (q.prefix and term.startswith(q.alternatives[0])) for q in wanted)
