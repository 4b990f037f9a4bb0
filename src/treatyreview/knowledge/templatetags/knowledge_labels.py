"""Template filters for the library: labels of its enumerations and names of themes in the reader's language."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from treatyreview.knowledge.models import LegalStatus, RecordKind, Theme, Visibility
from treatyreview.registry.names import un_language

register = template.Library()


@register.filter
def kind_label(code: str) -> str:
    return str(RecordKind(code).label) if code in RecordKind.values else code


@register.filter
def status_label(code: str) -> str:
    return str(LegalStatus(code).label) if code in LegalStatus.values else code


@register.filter
def visibility_label(code: str) -> str:
    return str(Visibility(code).label) if code in Visibility.values else code


@register.filter
def theme_name(theme: Theme) -> SafeString:
    """The theme's name in the reader's language, else the English name marked as English."""
    language = un_language()
    if theme.names.get(language):
        return format_html("{}", theme.names[language])
    return format_html('<span lang="en" dir="ltr">{}</span>', theme.name_in("en"))


@register.filter
def lang_attr(code: str) -> str:
    """The `lang` value of a UN language code in HTML (`zh` written in simplified characters)."""
    return "zh-Hans" if code == "zh" else code
