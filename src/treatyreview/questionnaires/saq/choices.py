"""The enumerations of questionnaire templates, each with its translated label, and the limits of their texts."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from treatyreview.mechanism.rules import LANGUAGES

# The six UN languages, in the order of the workbook's columns and of the official documents.
TEMPLATE_LANGUAGES: tuple[str, ...] = LANGUAGES

NAME_MAX = 60
TITLE_MAX = 300
CODE_MAX = 40
PARAGRAPH_MAX = 20
CONDITION_MAX = 20
NOTE_MAX = 500
TEXT_MAX = 2000
GUIDANCE_MAX = 4000
QUESTIONS_MAX = 3000


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class QuestionType(models.TextChoices):
    """What kind of answer a question asks for."""

    YES_NO = "yes_no", _("Yes / yes in part / no, with an explanation")
    TEXT = "text", _("Free text")
    CITATION = "citation", _("Citation of legislation")
    STATISTICS = "statistics", _("Table of statistics")
    CASES = "cases", _("Examples of cases")


class YesNoAnswer(models.TextChoices):
    """The answers to a "yes_no" question; each comes with an explanation."""

    YES = "yes", _("Yes")
    YES_IN_PART = "yes_in_part", _("Yes, in part")
    NO = "no", _("No")


class FollowUpCondition(models.TextChoices):
    """Which answer to its parent shows a follow-up question; blank shows it always."""

    ALWAYS = "", _("Always")
    YES = "yes", _("When the answer is yes")
    YES_IN_PART = "yes_in_part", _("When the answer is yes, in part")
    YES_OR_YES_IN_PART = "yes_or_in_part", _("When the answer is yes or yes, in part")
    NO = "no", _("When the answer is no")


# The answers to a "yes_no" parent that show a follow-up under each condition.
CONDITION_ANSWERS: dict[str, frozenset[str]] = {
    FollowUpCondition.ALWAYS: frozenset(YesNoAnswer.values),
    FollowUpCondition.YES: frozenset({YesNoAnswer.YES}),
    FollowUpCondition.YES_IN_PART: frozenset({YesNoAnswer.YES_IN_PART}),
    FollowUpCondition.YES_OR_YES_IN_PART: frozenset({YesNoAnswer.YES, YesNoAnswer.YES_IN_PART}),
    FollowUpCondition.NO: frozenset({YesNoAnswer.NO}),
}


def condition_met(condition: str, parent_answer: str | None) -> bool:
    """Whether a follow-up under `condition` is shown once its parent was answered `parent_answer`.

    A follow-up that is always shown is shown before its parent is answered; a conditional one only after.
    """
    if condition == FollowUpCondition.ALWAYS:
        return True
    return parent_answer in CONDITION_ANSWERS.get(condition, frozenset())
