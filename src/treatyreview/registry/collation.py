"""The order of names in the reader's language: the Unicode Collation Algorithm, tailored where a language asks.

pyuca (pure Python, the root collation of the Unicode Collation Algorithm) orders accents, Cyrillic and Arabic as
readers of French, Russian and Arabic expect; Spanish puts ñ after n as a letter of its own; Chinese names are
ordered by their pinyin (pypinyin, pure Python), then by the characters. See docs/adr/0006-collation.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from typing import TypeVar

import pyuca
from pypinyin import Style, lazy_pinyin

from treatyreview.registry.names import un_language

T = TypeVar("T")

# A code point past every assigned character: its implicit weight sorts after all letters, so "n" followed by it
# comes after every "n…" and before "o" — where Spanish alphabetical order puts ñ.
_AFTER_ALL_LETTERS = "\U0010fffd"
# Arabic dictionaries file alif with hamza or madda under bare alif; the root collation gives each its own letter.
_ARABIC_ALIF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})


@cache
def _collator() -> pyuca.Collator:
    return pyuca.Collator()


def sort_key(name: str, language: str | None = None) -> tuple[object, ...]:
    """A key that orders names as a dictionary in the reader's language (the active one by default) does."""
    return _sort_key(str(name), un_language(language))


# A page sorts the same two hundred names many times (eight eligibility tables of 193 candidates), and a
# collation key costs tens of microseconds: compute each once per name and language.
@lru_cache(maxsize=16_384)
def _sort_key(name: str, language: str) -> tuple[object, ...]:
    text = name.casefold()
    if language == "ar":
        text = text.translate(_ARABIC_ALIF)
    if language == "es":
        text = text.replace("ñ", "n" + _AFTER_ALL_LETTERS).replace("n\u0303", "n" + _AFTER_ALL_LETTERS)
    key: tuple[object, ...] = (_collator().sort_key(text), name)
    if language == "zh":
        # Latin text (an English name where no Chinese one is sourced) passes through, folded to sort among pinyin.
        return (tuple(syllable.casefold() for syllable in lazy_pinyin(name, style=Style.TONE3)), *key)
    return key


def sorted_by_name(items: Iterable[T], name: Callable[[T], str], language: str | None = None) -> list[T]:
    """The items in alphabetical order of their names in the reader's language."""
    language = un_language(language)
    return sorted(items, key=lambda item: sort_key(name(item), language))
