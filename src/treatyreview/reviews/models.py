"""The models of the reviews app, each in the subpackage of its domain: rules, cycles, draws, phases."""

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
from treatyreview.reviews.rules.models import MechanismRules

__all__ = [
    "CountryReview",
    "Cycle",
    "Draw",
    "DrawRequest",
    "ExcludedPair",
    "Extension",
    "MechanismRules",
    "Phase",
    "ReviewerAssignment",
    "StageDeadline",
    "Unavailability",
    "YearGroup",
]
