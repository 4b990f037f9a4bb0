"""The models of the observations app, each in the subpackage of its domain: dialogue (written feedback, threads,
meetings), lists (lists of observations, suggestions, technical-assistance needs, summaries)."""

from treatyreview.observations.dialogue.models import (
    FeedbackDispatch,
    FeedbackItem,
    FeedbackRevision,
    Meeting,
    Message,
    Thread,
)

__all__ = ["FeedbackDispatch", "FeedbackItem", "FeedbackRevision", "Meeting", "Message", "Thread"]
