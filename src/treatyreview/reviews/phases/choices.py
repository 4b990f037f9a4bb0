"""The enumerations of a review's schedule, each with its translated label; the stage codes are those of
the PHASE machine in `treatyreview.mechanism.workflow`."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """The stages of a phase, in order: each names what the phase is waiting for."""

    FOCAL_POINT = "focal_point", _("Focal point to be named")
    EXPERTS = "experts", _("Governmental experts to be named")
    QUESTIONNAIRE = "questionnaire", _("Self-assessment questionnaire to be answered")
    FEEDBACK = "feedback", _("Written feedback from the reviewing States")
    DIALOGUE = "dialogue", _("Dialogue")
    OBSERVATIONS = "observations", _("List of observations")
    SUMMARY = "summary", _("Summary")
    CLOSED = "closed", _("Closed")


class ReviewStatus(models.TextChoices):
    """Whether a State is reviewed in a cycle: an opted-out State is neither reviewed nor drawn as reviewer."""

    ACTIVE = "active", _("Under review")
    OPTED_OUT = "opted_out", _("Opted out")
    DEFERRED = "deferred", _("Deferred")


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", _("Requested, not yet decided")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class InstrumentsReview(models.TextChoices):
    """Whether a phase covers the Convention and the Protocols together, or one instrument at a time."""

    TOGETHER = "together", _("The Convention and the Protocols together")
    IN_TURN = "in_turn", _("Each instrument in turn")
