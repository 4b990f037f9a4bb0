"""A person's deadlines as an iCalendar file (RFC 5545, written by the `icalendar` library, ADR 0016).

Each deadline is one all-day event on the date it is due (its latest granted extension, else the deadline), with
a UID that stays the same for the life of the deadline, so that a calendar that reads the feed again updates the
event instead of adding a second one.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from treatyreview.registry import selectors as registry_selectors
from treatyreview.reviews.models import Extension, StageDeadline
from treatyreview.reviews.reminders.messages import day_text, phase_text, site_address


def uid_of(deadline: StageDeadline) -> str:
    host = urlsplit(settings.TREATYREVIEW_SITE_URL).hostname or "treatyreview"
    return f"deadline-{deadline.pk}@{host}"


def _description(deadline: StageDeadline, due: datetime.date) -> str:
    review = deadline.phase.review
    lines = [
        _("Cycle: %(cycle)s") % {"cycle": review.cycle.name},
        _("Phase: %(phase)s") % {"phase": phase_text(deadline.phase)},
        _("Deadline: %(date)s") % {"date": day_text(deadline.due_on)},
    ]
    granted = [e for e in deadline.extensions.all() if e.status == Extension.Status.GRANTED]
    if due != deadline.due_on:
        lines.append(_("Extended to: %(date)s") % {"date": day_text(due)})
    pending = [e for e in deadline.extensions.all() if e.status == Extension.Status.PENDING]
    if pending and not granted:
        lines.append(_("An extension was requested and is not yet decided."))
    if deadline.met_on:
        lines.append(_("Done on %(date)s.") % {"date": day_text(deadline.met_on)})
    return "\n".join(lines)


def calendar_of(deadlines: Iterable[StageDeadline], *, now: datetime.datetime | None = None) -> bytes:
    """The iCalendar file of these deadlines, written in the active language."""
    now = now or timezone.now()
    names = registry_selectors.state_names()
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//treatyreview//UNTOC Review Mechanism//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("UNTOC Review Mechanism: my deadlines"))
    for deadline in deadlines:
        due = deadline.effective_due
        state = names[deadline.phase.review.state.code]
        event = icalendar.Event()
        event.add("uid", uid_of(deadline))
        event.add("dtstamp", now)
        event.add("dtstart", due)
        event.add("dtend", due + datetime.timedelta(days=1))
        summary = _("%(stage)s: review of %(state)s") % {"stage": deadline.get_stage_display(), "state": state}
        if deadline.met_on:
            summary = _("Done: %(summary)s") % {"summary": summary}
        event.add("summary", summary)
        event.add("description", _description(deadline, due))
        event.add("transp", "TRANSPARENT")
        event.add("url", site_address("/reminders/"))
        calendar.add_component(event)
    return calendar.to_ical()
