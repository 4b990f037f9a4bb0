"""The words of a reminder, in the reader's language: the e-mail, and the line the list of reminders shows."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from treatyreview.accounts.models import User
from treatyreview.registry.names import ShownName
from treatyreview.reviews.models import Phase, ReminderKind, StageDeadline


def day_text(day: datetime.date) -> str:
    """A date as the active language writes it (3 May 2021, 3 mai 2021, 2021年5月3日)."""
    return formats.date_format(day, "DATE_FORMAT")


def phase_text(phase: Phase) -> str:
    return _("phase %(position)s, cluster %(cluster)s") % {"position": phase.position, "cluster": phase.cluster}


def site_address(path: str) -> str:
    return settings.TREATYREVIEW_SITE_URL.rstrip("/") + path


def reminder_line(kind: str, deadline: StageDeadline, due: datetime.date, state: str) -> str:
    """One sentence: which stage of which review, and when it is or was due."""
    values = {
        "stage": deadline.get_stage_display(),
        "state": state,
        "phase": phase_text(deadline.phase),
        "cycle": deadline.phase.review.cycle.name,
        "date": day_text(due),
    }
    if kind == ReminderKind.BEFORE:
        return _("Review of %(state)s (%(cycle)s, %(phase)s): “%(stage)s” is due on %(date)s.") % values
    return _("Review of %(state)s (%(cycle)s, %(phase)s): “%(stage)s” was due on %(date)s and is not yet done.") % (
        values
    )


def reminder_email(
    user: User, kind: str, deadline: StageDeadline, due: datetime.date, state: str
) -> tuple[str, str]:
    """The subject and body of one reminder, in the active language."""
    values = {"stage": deadline.get_stage_display(), "state": state, "date": day_text(due)}
    if kind == ReminderKind.BEFORE:
        subject = _("Due on %(date)s: %(stage)s (review of %(state)s)") % values
    else:
        subject = _("Overdue since %(date)s: %(stage)s (review of %(state)s)") % values
    lines = [_("Dear %(name)s,") % {"name": user.full_name or user.get_username()}, "", reminder_line(
        kind, deadline, due, state
    )]
    if due != deadline.due_on:
        lines.append(_("The deadline was %(deadline)s; an extension moved it to %(date)s.") % {
            "deadline": day_text(deadline.due_on), "date": day_text(due)})
    lines += [
        "",
        _("If more time is needed, the focal point of the State may ask the secretariat for an extension."),
        _("Your reminders: %(address)s") % {"address": site_address(reverse("reminder_list"))},
        "",
        _("This message was sent by the UNTOC Review Mechanism platform. Every reminder is sent once."),
    ]
    return subject, "\n".join(lines)


def digest_email(user: User, day: datetime.date, rows: Iterable[tuple[StageDeadline, datetime.date, ShownName]]) -> (
    tuple[str, str]
):
    """The secretariat's daily list of overdue deadlines, States in alphabetical order, in the active language."""
    rows = list(rows)
    subject = _("Overdue deadlines on %(date)s: %(count)s") % {"date": day_text(day), "count": len(rows)}
    lines = [_("Dear %(name)s,") % {"name": user.full_name or user.get_username()}, "",
             _("These stages are overdue (States in alphabetical order):"), ""]
    for deadline, due, state in rows:
        late = (day - due).days
        lines.append("- " + ngettext("%(days)s day overdue: %(line)s", "%(days)s days overdue: %(line)s", late) % {
            "days": late, "line": reminder_line(ReminderKind.AFTER, deadline, due, state)})
    lines += ["", _("The dashboard of reviews: %(address)s") % {"address": site_address(reverse("dashboard"))}]
    return subject, "\n".join(lines)
