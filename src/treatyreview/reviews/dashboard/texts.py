"""The words of the dashboard's cells, written once in Python: a page of 190 reviews has some 3,000 of them, too
many for a template include each."""

from __future__ import annotations

import datetime
from html import escape
from typing import Any

from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from treatyreview.reviews.dashboard.selectors import DeadlineItem


class DeadlineTexts:
    """Writes a deadline as a cell shows it: stage, date, extension, done or overdue by how long."""

    def __init__(self) -> None:
        self.dates: dict[datetime.date, str] = {}
        self.extended = _("extended to %(date)s")
        self.requested = _("extension requested")
        self.done = _("done on %(date)s")
        self.late = _("late")
        self.overdue: dict[int, str] = {}

    def day(self, day: datetime.date) -> str:
        if day not in self.dates:
            self.dates[day] = formats.date_format(day, "DATE_FORMAT")
        return self.dates[day]

    def __call__(self, item: DeadlineItem) -> SafeString:
        parts = [f"{escape(item.stage_label)}: {self.day(item.due_on)}"]
        if item.extended:
            parts.append(escape(self.extended % {"date": self.day(item.effective_due)}))
        if item.pending_extension:
            parts.append(escape(self.requested))
        if item.met_on:
            done = escape(self.done % {"date": self.day(item.met_on)})
            parts.append(f"{done} ({escape(self.late)})" if item.passed else done)
        elif item.days_overdue:
            days = item.days_overdue
            if days not in self.overdue:
                self.overdue[days] = escape(ngettext("overdue by %(days)s day", "overdue by %(days)s days", days) % {
                    "days": days})
            parts.append(f'<strong class="text-danger">{self.overdue[days]}</strong>')
        return mark_safe(" · ".join(parts))  # every part escaped above

    def table_rows(self, cells: list[dict[str, Any]], *, no_phase: str) -> SafeString:
        """The body of a timeline's text alternative: one row per phase of each review, the State's name once."""
        parts = []
        for cell in cells:
            name = cell["row"].state_name
            header = escape(str(name))
            if getattr(name, "lang", ""):
                header = f'<span lang="{name.lang}" dir="ltr">{header}</span>'
            phases = cell["phases"]
            if not phases:
                parts.append(f'<tr><th scope="row">{header}</th><td colspan="3">{escape(no_phase)}</td></tr>')
                continue
            for index, phase in enumerate(phases):
                first = f'<th scope="rowgroup" rowspan="{len(phases)}">{header}</th>' if index == 0 else ""
                parts.append(f"<tr>{first}<td>{escape(phase['label'])}</td><td>{escape(phase['dates'])}</td>"
                             f"<td>{phase['deadlines']}</td></tr>")
        return mark_safe("\n".join(parts))  # every text escaped above

    def lines(self, items: list[DeadlineItem]) -> SafeString:
        return mark_safe("<br>".join(self(item) for item in items) or "—")  # each escaped in __call__
