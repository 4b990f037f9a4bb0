"""Names shown to a reader in their language, marked `lang="en"` where no sourced name exists and English stands in."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.translation import get_language

# The platform's page languages are Django's codes (`zh-hans`); the reference data and the rules use the UN's (`zh`).
ENGLISH = "en"


def un_language(code: str | None = None) -> str:
    """The UN language code of a page language: `zh-hans` is `zh`; the active language when none is given."""
    return (code or get_language() or ENGLISH).split("-")[0].lower()


def page_language(code: str) -> str:
    """The page language (Django's code) of a UN language code: `zh` is `zh-hans`."""
    return "zh-hans" if code == "zh" else code


class ShownName(str):
    """A name as text; in a template it carries `lang` (and left-to-right) when it is English on another page.

    Being a `str`, it sorts, formats and goes into CSV files as plain text; only HTML output marks the language.
    """

    lang: str

    def __new__(cls, text: str, lang: str = "") -> ShownName:
        shown = super().__new__(cls, text)
        shown.lang = lang
        return shown

    def __html__(self) -> str:
        text = escape(str(self))
        if not self.lang:
            return text
        return f'<span lang="{self.lang}" dir="ltr">{text}</span>'


def shown(sourced: str, english: str, language: str | None = None) -> ShownName:
    """The sourced name in the reader's language, else the English name marked as English."""
    language = un_language(language)
    if language == ENGLISH:
        return ShownName(english)
    if sourced:
        return ShownName(sourced)
    return ShownName(english, ENGLISH)
