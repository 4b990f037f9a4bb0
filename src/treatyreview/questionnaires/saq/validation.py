"""The checks every question passes, from a workbook or a form: each returns a sentence, or "" when all is well."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from treatyreview.questionnaires.saq.choices import CODE_MAX, FollowUpCondition, QuestionType

# Characters a workbook cannot hold (XML 1.0) or a reader cannot see; tab and line breaks are text.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def normalized(text: str) -> str:
    """Text as it is stored: line breaks as "\\n", no space at either end."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def text_problem(text: str, limit: int) -> str:
    if CONTROL.search(text):
        return _("contains a control character (position %(position)s); retype the text without it") % {
            "position": CONTROL.search(text).start() + 1  # type: ignore[union-attr]
        }
    if len(text) > limit:
        return _("is %(length)s characters long; at most %(limit)s are allowed") % {
            "length": len(text),
            "limit": limit,
        }
    return ""


def code_problem(code: str) -> str:
    if not code:
        return _("is empty; every question needs an identifier")
    if problem := text_problem(code, CODE_MAX):
        return problem
    if not CODE.fullmatch(code):
        return _("“%(code)s” may hold only letters, digits, dots, hyphens and underscores") % {"code": code}
    return ""


def type_problem(value: str) -> str:
    if value not in QuestionType.values:
        return _("“%(value)s” is not a type of question; use one of: %(types)s") % {
            "value": value,
            "types": ", ".join(QuestionType.values),
        }
    return ""


def condition_problem(value: str, *, has_parent: bool, parent_type: str | None) -> str:
    if value not in FollowUpCondition.values:
        return _("“%(value)s” is not a condition; use one of: %(conditions)s, or leave it empty") % {
            "value": value,
            "conditions": ", ".join(v for v in FollowUpCondition.values if v),
        }
    if value and not has_parent:
        return _("only a follow-up question (one with a parent) has a condition")
    if value and parent_type != QuestionType.YES_NO:
        return _("a condition applies only under a yes / yes in part / no question")
    return ""
