"""A signed-in person's work: the reviews their State takes part in, as State under review or as reviewing
State, the stage each is in, and what is due from them next and when."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _

from treatyreview.accounts.models import Role
from treatyreview.accounts.permissions import Visitor, active_grants
from treatyreview.observations.dialogue import permissions as dialogue_permissions
from treatyreview.observations.dialogue import selectors as dialogue_selectors
from treatyreview.observations.lists.selectors import work_actions
from treatyreview.questionnaires.answers.models import Questionnaire
from treatyreview.registry.choices import instrument_label
from treatyreview.registry.collation import sort_key
from treatyreview.reviews.phases import selectors as phase_selectors
from treatyreview.reviews.phases.choices import Stage


@dataclass
class WorkRow:
    review: Any
    under_review: bool
    instruments: list[str]
    phase: Any | None
    stage_label: str
    due_label: str = ""
    due_on: dt.date | None = None
    passed: bool = False
    days_late: int = 0
    questionnaire: Questionnaire | None = None
    actions: list[tuple[str, str]] = field(default_factory=list)
    # The phase's written feedback and dialogue, once the questionnaire is submitted: what waits on the person.
    dialogue: bool = False
    waiting: dict[str, int] = field(default_factory=dict)
    may_write_feedback: bool = False


def work_of(user: Visitor, on: dt.date) -> list[WorkRow]:
    """The reviews of the user's States (not the secretariat's every review), those under review first."""
    states = {grant.state_id: grant.role for grant in active_grants(user)
              if grant.state_id and grant.role in (Role.FOCAL_POINT, Role.EXPERT, Role.OBSERVER)}
    if not states:
        return []
    reviews = [review for review in phase_selectors.reviews_of(user).prefetch_related(
        "assignments__instrument", "state__names", phase_selectors.timeline_prefetch()) if review.state_id in states or
        any(a.reviewer_id in states for a in review.assignments.all())]
    questionnaires = {q.phase_id: q for q in Questionnaire.objects.filter(phase__review__in=reviews)}
    # Each phase's list of observations and summary, two queries in all, for the outcome actions below.
    prefetch_related_objects([phase for review in reviews for phase in getattr(review, "timeline_phases", ())],
                             "observation_list", "summary")
    rows = []
    for review in reviews:
        under_review = review.state_id in states
        instruments = sorted({str(instrument_label(a.instrument.code)) for a in review.assignments.all()
                              if under_review or a.reviewer_id in states})
        timeline = [row for row in phase_selectors.review_timeline(review, on) if row.launched]
        current = timeline[-1] if timeline else None
        row = WorkRow(review=review, under_review=under_review, instruments=instruments,
                      phase=current.phase if current else None,
                      stage_label=current.stage_label if current else _("Not launched yet"))
        if current is not None:
            row.questionnaire = questionnaires.get(current.phase.pk)
            if dialogue_permissions.can_read_dialogue(user, current.phase):
                row.dialogue = True
                row.waiting = dialogue_selectors.waiting_on(user, current.phase)
                row.may_write_feedback = dialogue_permissions.can_write_feedback(user, current.phase)
            row.actions = work_actions(user, current.phase)
            open_deadlines = [d for d in current.deadlines if d.met_on is None]
            mine = [d for d in open_deadlines if (d.deadline.stage == Stage.FEEDBACK) != under_review]
            if mine:
                first = min(mine, key=lambda d: d.effective_due)
                row.due_label, row.due_on = first.stage_label, first.effective_due
                row.passed, row.days_late = first.passed, first.days_late
        rows.append(row)
    rows.sort(key=lambda row: (not row.under_review, sort_key(str(row.review.state.name_in()))))
    return rows
