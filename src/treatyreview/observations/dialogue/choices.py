"""The values of the desk review and the dialogue, each with one translated label, and the limits on what they hold."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedbackStage(models.TextChoices):
    """Stages of the FEEDBACK machine (mechanism/workflow.py)."""

    DRAFT = "draft", _("draft, not yet cleared")
    CLEARED = "cleared", _("cleared by the focal point")
    WITHDRAWN = "withdrawn", _("withdrawn")


class FeedbackKind(models.TextChoices):
    """What a feedback item asks of the State under review."""

    QUESTION = "question", _("question")
    CLARIFICATION = "clarification", _("request for clarification")
    INFORMATION = "information", _("request for further information")
    COMMENT = "comment", _("comment")


class ThreadStage(models.TextChoices):
    """Stages of the THREAD machine (mechanism/workflow.py)."""

    OPEN = "open", _("open")
    CLOSED = "closed", _("closed, resolved")


class MeetingKind(models.TextChoices):
    VIRTUAL = "virtual", _("virtual meeting")
    VIENNA = "vienna", _("meeting in Vienna")


class Side(models.TextChoices):
    """For whom the author of a message speaks."""

    UNDER_REVIEW = "under_review", _("State under review")
    REVIEWING = "reviewing", _("reviewing State")
    SECRETARIAT = "secretariat", _("Secretariat")


FEEDBACK_STEP_NAMES = {
    "clear": _("clear the feedback"),
    "withdraw": _("withdraw the feedback"),
}
THREAD_STEP_NAMES = {
    "close": _("close the thread as resolved"),
    "reopen": _("open the thread again"),
}

# Limits on what one item holds.
FEEDBACK_TEXT_MAX = 10_000
MESSAGE_TEXT_MAX = 10_000
RESOLUTION_MAX = 1_000
MEETING_PLACE_MAX = 200
PARTICIPANTS_MAX = 4_000
MINUTES_MAX = 50_000
