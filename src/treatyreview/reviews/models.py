"""The models of the reviews app, each in the subpackage of its domain: rules, cycles, draws, phases, reminders,
calendars."""

from treatyreview.reviews.calendars.models import CalendarFeed
from treatyreview.reviews.cycles.models import (
    CountryReview,
    Cycle,
    ExcludedPair,
    ReviewerAssignment,
    Unavailability,
    YearGroup,
)
from treatyreview.reviews.draws.models import Draw, DrawRequest
from treatyreview.reviews.phases.models import Extension, Phase, StageDeadline
from treatyreview.reviews.reminders.models import OverdueDigest, Reminder, ReminderKind
from treatyreview.reviews.rules.models import MechanismRules

__all__ = [
    "CalendarFeed",
    "CountryReview",
    "Cycle",
    "Draw",
    "DrawRequest",
    "ExcludedPair",
    "Extension",
    "MechanismRules",
    "OverdueDigest",
    "Phase",
    "Reminder",
    "ReminderKind",
    "ReviewerAssignment",
    "StageDeadline",
    "Unavailability",
    "YearGroup",
]
