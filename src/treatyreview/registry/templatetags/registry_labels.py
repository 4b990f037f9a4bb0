"""Template filters naming registry values in the interface language; unknown is "not established"."""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from treatyreview.registry import choices, citations, labels
from treatyreview.registry.models import Article, Instrument, ParticipationStatus, State

register = template.Library()


@register.filter
def instrument_label(code: str) -> str:
    return choices.instrument_label(code)


@register.filter
def group_name(group: object | None) -> str:
    return labels.regional_group_name(group)


@register.filter
def language_name(code: str) -> str:
    return str(labels.LANGUAGE_NAMES.get(code, code))


@register.filter
def consent_type_name(value: str) -> str:
    return str(labels.CONSENT_TYPE_NAMES.get(value, value))


@register.filter
def established(flag: bool | None) -> SafeString:
    """Yes / No for a known flag; an unknown one is said to be not established, never "no"."""
    if flag is None:
        return format_html('<span class="tr-not-established">{}</span>', _("Not established"))
    return format_html("{}", _("Yes") if flag else _("No"))


@register.filter
def status_badge(participation: object | None) -> SafeString:
    """A participation status as a badge; a missing row reads "not established"."""
    status = getattr(participation, "status", ParticipationStatus.UNKNOWN)
    return _badge(str(status), get_language() or "")


@lru_cache(maxsize=64)
def _badge(status: str, language: str) -> SafeString:
    # Built once per status and language: the list of States shows some 800 of them.
    return format_html('<span class="tr-status tr-status-{}">{}</span>', status, ParticipationStatus(status).label)


@register.filter
def state_name(state: State | None) -> str:
    """A State's name in the reader's language; English, marked `lang="en"`, where no name is sourced."""
    return state.name_in() if state is not None else ""


@register.filter
def article_title(article: Article) -> str:
    """An article's heading in the reader's language where sourced, else the English one marked as such."""
    return article.title_in()


@register.filter
def instrument_title(instrument: Instrument) -> str:
    """The full title of an instrument in the reader's language where sourced, else the English one marked as such."""
    return instrument.title_in()


@register.filter
def languages_basis(value: str) -> str:
    return str(labels.LANGUAGES_BASIS_NAMES.get(value, value))


@register.filter
def sources(value: str) -> SafeString:
    """A cell of source keys as readable citations, each linked where it has an address; the key is kept as a title.

    The citations are the sources' own titles, in English: they are marked `lang="en"`.
    """
    known = citations.citations()
    parts = []
    for key in citations.keys_of(value or ""):
        citation = known.get(key)
        if citation is None:
            parts.append(format_html('<code dir="ltr">{}</code>', key))
        elif citation.url:
            parts.append(format_html('<cite lang="en" dir="ltr" title="{}"><a href="{}" rel="noopener">{}</a></cite>',
                                     key, citation.url, citation.text))
        else:
            parts.append(format_html('<cite lang="en" dir="ltr" title="{}">{}</cite>', key, citation.text))
    return mark_safe("; ".join(parts)) if parts else format_html("{}", "—")  # each part is escaped
