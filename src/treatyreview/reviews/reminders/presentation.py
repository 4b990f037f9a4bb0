"""Reminders as the list shows them, written in the reader's language at the time they read it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from treatyreview.accounts.models import User
from treatyreview.registry import selectors as registry_selectors
from treatyreview.reviews.models import Reminder
from treatyreview.reviews.reminders.messages import reminder_line
from treatyreview.reviews.reminders.selectors import reminder_list


@dataclass(frozen=True)
class ReminderRow:
    reminder: Reminder
    kind_label: str
    text: str
    unread: bool


def reminder_rows(reminders: Iterable[Reminder]) -> list[ReminderRow]:
    reminders = list(reminders)
    if not reminders:
        return []
    names = registry_selectors.state_names()
    return [
        ReminderRow(
            reminder=reminder,
            kind_label=reminder.get_kind_display(),
            text=reminder_line(reminder.kind, reminder.deadline, reminder.due_on,
                               names[reminder.deadline.phase.review.state.code]),
            unread=reminder.read_at is None,
        )
        for reminder in reminders
    ]


def recent_reminders(user: User, limit: int = 5) -> list[ReminderRow]:
    """The newest reminders of a person, for the home page's `reviews/reminders/_list.html` (`reminders`)."""
    return reminder_rows(reminder_list(user)[:limit])
