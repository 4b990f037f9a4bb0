"""The timeline chart: phases, stage deadlines and extensions on a time axis, drawn as inline SVG on the server.

No script and no charting library: the page carries the picture itself, and the same data as a table (the text
alternative that screen readers read). In a right-to-left language the time axis runs from right to left and
the labels stand on the right, as an Arabic reader expects; every label is in the page's language.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from treatyreview.reviews.dashboard.selectors import DeadlineItem, PhaseItem

WIDTH = 1000
LABEL_WIDTH = 210
PAD = 12
AXIS_HEIGHT = 30
ROW_HEIGHT = 24
BAR_HEIGHT = 12
# The chart's own look, inside the <svg>, so that it needs no stylesheet of the site; the legend uses the same.
STYLE = (
    "<style>"
    ".tl-grid{stroke:#d5dbe1;stroke-width:1}.tl-year{font-size:12px;fill:#52606d}"
    ".tl-band{fill:#f3f5f8}.tl-label{font-size:12px;fill:#1b3553}"
    ".tl-phase{fill:#7fb8d8}.tl-planned{fill:#e3e8ee;stroke:#9aa5b1;stroke-width:1}"
    ".tl-met{fill:#1e7b45}.tl-open{fill:#fff;stroke:#1b3553;stroke-width:1.5}.tl-passed{fill:#b02a37}"
    ".tl-extension{fill:#d97706}.tl-today{stroke:#b02a37;stroke-width:1.5;stroke-dasharray:3 2}"
    "</style>"
)


@dataclass(frozen=True)
class ChartRow:
    """One line of the chart: a review (its phases) or a phase (itself alone), with its label."""

    label: str
    href: str
    phases: Sequence[PhaseItem]
    lang: str = ""


class _Scale:
    def __init__(self, first: datetime.date, last: datetime.date, rtl: bool) -> None:
        self.first = first
        self.days = max((last - first).days, 1)
        self.rtl = rtl
        self.left = PAD if rtl else LABEL_WIDTH
        self.width = WIDTH - LABEL_WIDTH - PAD

    def x(self, day: datetime.date) -> float:
        offset = (day - self.first).days / self.days * self.width
        return round(self.left + (self.width - offset if self.rtl else offset), 1)

    def span(self, start: datetime.date, end: datetime.date) -> tuple[float, float]:
        """The left edge and width of a bar from `start` to `end`, whichever way the axis runs."""
        a, b = self.x(start), self.x(end)
        return min(a, b), max(abs(b - a), 2.0)


def _extent(rows: Sequence[ChartRow], on: datetime.date) -> tuple[datetime.date, datetime.date]:
    days = [on]
    for row in rows:
        for phase in row.phases:
            days += [phase.starts_on, phase.ends_on]
            days += [d.effective_due for d in phase.deadlines]
    first, last = min(days), max(days)
    return datetime.date(first.year, 1, 1), datetime.date(last.year + 1, 1, 1)


def _deadline_marks(item: DeadlineItem, scale: _Scale, middle: float) -> list[str]:
    marks = []
    if item.extended:
        left, width = scale.span(item.due_on, item.effective_due)
        marks.append(f'<rect class="tl-extension" x="{left}" y="{middle - 1.5}" width="{width}" height="3"/>')
    x = scale.x(item.effective_due)
    if item.met_on and not item.passed:
        marks.append(f'<circle class="tl-met" cx="{x}" cy="{middle}" r="4"/>')
    else:
        state = "tl-passed" if item.passed else "tl-open"
        marks.append(
            f'<path class="{state}" d="M{x} {middle - 6}l6 6l-6 6l-6 -6z"/>'
        )
    return marks


def timeline_svg(rows: Sequence[ChartRow], *, on: datetime.date, rtl: bool, title: str, describedby: str) -> SafeString:
    """The chart as an `<svg>` element; `describedby` is the id of the table that says the same in words.

    A group, not an image: its links to each review stay reachable by keyboard and named for a screen reader
    (links inside `role="img"` would be controls nobody can reach by name).
    """
    height = AXIS_HEIGHT + ROW_HEIGHT * max(len(rows), 1) + PAD
    direction = ' direction="rtl"' if rtl else ""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="tr-timeline" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="group" aria-labelledby="{describedby}-title" aria-describedby="{describedby}"'
        f"{direction}>",
        f'<title id="{describedby}-title">{escape(title)}</title>',
        STYLE,
    ]
    if not rows:
        parts.append("</svg>")
        return mark_safe("".join(parts))
    first, last = _extent(rows, on)
    scale = _Scale(first, last, rtl)
    span_years = last.year - first.year
    step = 1 if span_years <= 12 else 2
    for year in range(first.year, last.year + 1, step):
        x = scale.x(datetime.date(year, 1, 1))
        parts.append(f'<line class="tl-grid" x1="{x}" y1="{AXIS_HEIGHT - 6}" x2="{x}" y2="{height - PAD}"/>')
        if year < last.year:
            middle = scale.x(datetime.date(year, 7, 1))
            parts.append(
                f'<text class="tl-year" x="{middle}" y="{AXIS_HEIGHT - 12}" text-anchor="middle">{year}</text>'
            )
    label_x = WIDTH - PAD if rtl else PAD
    for index, row in enumerate(rows):
        top = AXIS_HEIGHT + index * ROW_HEIGHT
        middle = top + ROW_HEIGHT / 2
        if index % 2:
            parts.append(f'<rect class="tl-band" x="0" y="{top}" width="{WIDTH}" height="{ROW_HEIGHT}"/>')
        lang = f' lang="{row.lang}" direction="ltr"' if row.lang else ""
        anchor = "end" if rtl and row.lang else "start"
        text = (
            f'<text class="tl-label" x="{label_x}" y="{middle + 4}" text-anchor="{anchor}"{lang}>'
            f"{escape(str(row.label))}</text>"
        )
        parts.append(f'<a href="{escape(row.href)}">{text}</a>' if row.href else text)
        for phase in row.phases:
            left, width = scale.span(phase.starts_on, phase.ends_on)
            css = "tl-phase" if phase.launched else "tl-planned"
            parts.append(
                f'<rect class="{css}" x="{left}" y="{middle - BAR_HEIGHT / 2}" width="{width}" '
                f'height="{BAR_HEIGHT}" rx="2"/>'
            )
            for item in phase.deadlines:
                parts.extend(_deadline_marks(item, scale, middle))
    today = scale.x(on)
    parts.append(f'<line class="tl-today" x1="{today}" y1="{AXIS_HEIGHT - 6}" x2="{today}" y2="{height - PAD}"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
