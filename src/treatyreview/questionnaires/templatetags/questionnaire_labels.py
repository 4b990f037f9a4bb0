"""Template filters for questionnaire templates: texts in the reader's language, English marked where it stands in."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from treatyreview.questionnaires.saq.choices import FollowUpCondition, QuestionType, VersionStatus
from treatyreview.questionnaires.saq.models import Question, QuestionnaireTemplate, text_in
from treatyreview.registry.names import ENGLISH, un_language

register = template.Library()


def _marked(text: str, lang: str, english_heading: str = "") -> SafeString:
    """`text` as HTML; all of it marked English when English stands in, else only an English heading inside it."""
    if lang:
        return format_html('<span lang="{}" dir="ltr">{}</span>', lang, text)
    if english_heading and english_heading in text:
        before, heading, after = text.partition(english_heading)
        return format_html('{}<span lang="en" dir="ltr">{}</span>{}', before, heading, after)
    return format_html("{}", text)


def _english_heading(question: Question) -> str:
    """The article's English heading when the reader's language has none sourced (the demo's texts name it)."""
    language = un_language()
    if language == ENGLISH:
        return ""
    if any(title.language == language for title in question.article.titles.all()):
        return ""
    return question.article.title


@register.filter
def question_text(question: Question) -> SafeString:
    text, lang = question.text_in()
    return _marked(text, lang, _english_heading(question))


@register.filter
def question_guidance(question: Question) -> SafeString:
    text, lang = question.guidance_in()
    return _marked(text, lang) if text else SafeString("")


@register.filter
def template_title(template_: QuestionnaireTemplate) -> SafeString:
    text, lang = text_in(template_.title)
    return _marked(text or template_.name, lang)


@register.filter
def question_type_label(value: str) -> str:
    return str(QuestionType(value).label) if value in QuestionType.values else value


@register.filter
def condition_label(value: str) -> str:
    return str(FollowUpCondition(value).label) if value in FollowUpCondition.values else value


@register.filter
def version_status_badge(value: str) -> SafeString:
    label = VersionStatus(value).label if value in VersionStatus.values else value
    return format_html('<span class="tr-status {}">{}</span>', VERSION_CLASSES.get(value, ""), label)


# The badges reuse the participation badges' colours: a draft is open, a published version settled.
VERSION_CLASSES = {"draft": "tr-status-signatory", "published": "tr-status-party", "withdrawn": "tr-status-none"}
