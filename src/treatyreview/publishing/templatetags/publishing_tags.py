"""Labels of documents and languages for the publishing pages: never a code shown raw."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from treatyreview.listing import joined
from treatyreview.publishing.choices import DocumentKind, Language

register = template.Library()


@register.filter
def document_kind(code: str) -> str:
    from django.utils.translation import gettext as _

    if code == "questionnaire_answers":
        return _("answers to the questionnaire")
    if code == "written_feedback":
        return _("written feedback")
    try:
        return str(DocumentKind(code).label)
    except ValueError:
        return code


@register.filter
def language_name(code: str) -> str:
    try:
        return str(Language(code).label)
    except ValueError:
        return code


@register.filter
def language_names(codes: Iterable[str]) -> str:
    return joined(language_name(code) for code in codes)
