"""What an answer may hold: one check of every part, naming the part that is wrong."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

from django.conf import settings
from django.utils.translation import gettext as _

from treatyreview.errors import InvalidInput
from treatyreview.questionnaires.answers import choices
from treatyreview.questionnaires.answers.choices import Choice, OtherBody

# Control characters other than tab, line feed and carriage return are never part of a text.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
YEARS = (1900, 2100)


def clean_text(where: str, value: Any, limit: int) -> str:
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").strip()
    if CONTROL.search(text):
        raise InvalidInput(where, _("contains a control character; remove it and save again"))
    if len(text) > limit:
        raise InvalidInput(
            where, _("is %(length)s characters long; at most %(max)s are kept") % {"length": len(text), "max": limit}
        )
    return text


def clean_url(where: str, value: Any) -> str:
    url = clean_text(where, value, choices.URL_MAX)
    if url:
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise InvalidInput(where, _("give a web address starting with https:// (or http://)"))
    return url


def clean_content(data: dict[str, Any]) -> dict[str, Any]:
    """The parts of an answer, checked and normalised; `InvalidInput` names the first part that is wrong."""
    choice = str(data.get("choice") or "")
    if choice and choice not in Choice.values:
        raise InvalidInput("choice", _("choose yes, yes in part or no"))
    language = str(data.get("language") or "")
    if language and language not in LANGUAGE_CODES:
        raise InvalidInput("language", _("choose one of the six languages of the mechanism"))
    citations = []
    for number, item in enumerate(_items(data.get("citations"), "citations", choices.CITATIONS_MAX), start=1):
        where = _("citation %(number)s") % {"number": number}
        reference = clean_text(where, item.get("reference"), choices.REFERENCE_MAX)
        url = clean_url(where, item.get("url"))
        record = item.get("record")
        if record not in (None, ""):
            try:
                record = int(record)
            except (TypeError, ValueError):
                raise InvalidInput(where, _("the library record is not a number")) from None
        else:
            record = None
        if reference or url or record:
            # A record of the knowledge library names the law itself; otherwise the reference must.
            if not reference and not record:
                raise InvalidInput(where, _("name the law and its provision (e.g. 'Criminal Code, section 278')"))
            citations.append({"reference": reference, "url": url, "record": record})
    other_bodies = []
    for number, item in enumerate(_items(data.get("other_bodies"), "other_bodies", choices.OTHER_BODIES_MAX), 1):
        where = _("other review body %(number)s") % {"number": number}
        body = str(item.get("body") or "")
        reference = clean_text(where, item.get("reference"), choices.REFERENCE_MAX)
        if body or reference:
            if body not in OtherBody.values:
                raise InvalidInput(where, _("choose the review body"))
            if not reference:
                raise InvalidInput(where, _("give the reference of its report or finding"))
            other_bodies.append({"body": body, "reference": reference})
    statistics = []
    for number, item in enumerate(_items(data.get("statistics"), "statistics", choices.STATISTICS_ROWS_MAX), 1):
        where = _("statistics, row %(number)s") % {"number": number}
        label = clean_text(where, item.get("label"), choices.STATISTIC_LABEL_MAX)
        year = _whole(where, item.get("year"), YEARS, _("year"))
        value = _whole(where, item.get("value"), (0, choices.STATISTIC_VALUE_MAX), _("figure"))
        if label or year is not None or value is not None:
            if not label or year is None or value is None:
                raise InvalidInput(where, _("give what is counted, the year and the figure"))
            statistics.append({"label": label, "year": year, "value": value})
    return {
        "choice": choice,
        "text": clean_text("text", data.get("text"), choices.TEXT_MAX),
        "language": language,
        "citations": citations,
        "other_bodies": other_bodies,
        "statistics": statistics,
    }


def _items(value: Any, where: str, limit: int) -> list[dict[str, Any]]:
    if value in (None, ""):
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise InvalidInput(where, _("must be a list of entries"))
    if len(value) > limit:
        raise InvalidInput(where, _("at most %(max)s entries") % {"max": limit})
    return value


def _whole(where: str, value: Any, bounds: tuple[int, int], name: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise InvalidInput(where, _("the %(name)s must be a whole number") % {"name": name}) from None
    low, high = bounds
    if not low <= number <= high:
        raise InvalidInput(
            where, _("the %(name)s must be between %(low)s and %(high)s") % {"name": name, "low": low, "high": high}
        )
    return number


def is_answered(question_type: str, content: dict[str, Any]) -> bool:
    """Whether an answer says something for its question's type (an unanswered question counts as open)."""
    if question_type == "yes_no":
        return bool(content["choice"])
    if question_type == "citation":
        return bool(content["citations"] or content["text"])
    if question_type == "statistics":
        return bool(content["statistics"] or content["text"])
    return bool(content["text"])
