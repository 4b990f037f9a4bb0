"""The values a list of observations and its summary hold, each with one translated label, and their limits."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """Stages of the OBSERVATION_LIST and SUMMARY machines (mechanism/workflow.py)."""

    DRAFT = "draft", _("draft")
    AGREED_BY_REVIEWING = "agreed_by_reviewing", _("agreed by the reviewing States")
    AGREED_BY_UNDER_REVIEW = "agreed_by_under_review", _("agreed by the State under review")
    FINAL = "final", _("final")


class Subject(models.TextChoices):
    """What a comment, a saved version or an agreement is about."""

    LIST = "list", _("list of observations")
    SUMMARY = "summary", _("summary")


class FollowUpStatus(models.TextChoices):
    """Where the State under review stands with a suggestion, as it reports later."""

    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    IMPLEMENTED = "implemented", _("implemented")
    NO_LONGER_RELEVANT = "no_longer_relevant", _("no longer relevant")


class AssistanceType(models.TextChoices):
    """The kinds of technical assistance a State may need."""

    LEGISLATIVE_DRAFTING = "legislative_drafting", _("legislative drafting")
    CAPACITY_BUILDING = "capacity_building", _("capacity building")
    INSTITUTION_BUILDING = "institution_building", _("institution building")
    EQUIPMENT = "equipment", _("equipment")
    DATA_COLLECTION = "data_collection", _("data collection")
    OTHER = "other", _("other")


# The parts of one article's observation, in the order a list shows them.
OBSERVATION_FIELDS = ("implementation", "successes", "challenges")
# The sections of a summary, in the order it reads.
SUMMARY_FIELDS = ("introduction", "successes", "challenges", "assistance_needs")

# Limits on what one entry may hold.
OBSERVATION_TEXT_MAX = 20_000
SUGGESTION_TEXT_MAX = 2_000
NEED_TEXT_MAX = 2_000
FOLLOW_UP_NOTE_MAX = 2_000
COMMENT_MAX = 4_000
SUMMARY_TEXT_MAX = 30_000
SUGGESTIONS_PER_ARTICLE_MAX = 30
NEEDS_PER_ARTICLE_MAX = 20
