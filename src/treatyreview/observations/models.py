"""The models of the observations app, each in the subpackage of its domain: dialogue (written feedback, threads,
meetings), lists (lists of observations, suggestions, technical-assistance needs, summaries)."""

from treatyreview.observations.lists.models import (
    Agreement,
    AssistanceNeed,
    Comment,
    FollowUp,
    Observation,
    ObservationList,
    Recommendation,
    Snapshot,
    Summary,
)

__all__: list[str] = [
    "Agreement", "AssistanceNeed", "Comment", "FollowUp", "Observation", "ObservationList", "Recommendation",
    "Snapshot", "Summary",
]
