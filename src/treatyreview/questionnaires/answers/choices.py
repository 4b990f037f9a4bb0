"""The values an answer holds, each with one translated label."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from treatyreview.questionnaires.saq.choices import YesNoAnswer


class Stage(models.TextChoices):
    """Stages of the QUESTIONNAIRE machine (mechanism/workflow.py)."""

    DRAFT = "draft", _("being answered")
    SUBMITTED = "submitted", _("submitted")


# The answers to a "yes_no" question are the templates' own enumeration.
Choice = YesNoAnswer


class OtherBody(models.TextChoices):
    """Other review bodies whose findings an answer may point to (seed para 15)."""

    UNCAC = "uncac", _("UNCAC Implementation Review Mechanism")
    FATF = "fatf", _("Financial Action Task Force (FATF)")
    GRECO = "greco", _("Group of States against Corruption (GRECO)")
    GRETA = "greta", _("Group of Experts on Action against Trafficking in Human Beings (GRETA)")


STEP_NAMES = {
    "submit": _("submit the questionnaire"),
    "reopen": _("reopen the questionnaire"),
}

# Limits on what one answer may hold.
TEXT_MAX = 20_000
REFERENCE_MAX = 500
URL_MAX = 500
CITATIONS_MAX = 20
OTHER_BODIES_MAX = 10
STATISTICS_ROWS_MAX = 50
STATISTIC_LABEL_MAX = 200
STATISTIC_VALUE_MAX = 10**12
