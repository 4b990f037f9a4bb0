"""Labels and small helpers for the questionnaire pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

from treatyreview.questionnaires.answers.choices import OtherBody
from treatyreview.questionnaires.saq.choices import CONDITION_ANSWERS

register = template.Library()


@register.filter
def other_body(code: str) -> str:
    try:
        return str(OtherBody(code).label)
    except ValueError:
        return code


@register.filter
def shown_by(condition: str) -> str:
    """The parent's answers that show a follow-up, space-separated, for the page's script."""
    return " ".join(sorted(CONDITION_ANSWERS.get(condition, frozenset())))


@register.filter
def with_blank(rows: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The rows given, and one empty row to add another."""
    return [*(rows or []), {}]


@register.simple_tag
def phase_link(phase: Any) -> str:
    """The page of the phase's country review, where the platform has one."""
    try:
        return reverse("review_detail", args=[phase.review_id])
    except NoReverseMatch:
        return ""
