"""Who a user is in a country review: a person of the State under review, of a reviewing State, or the secretariat."""

from __future__ import annotations

from typing import Any

from treatyreview.accounts.models import Role
from treatyreview.accounts.permissions import Visitor, active_grants, is_secretariat
from treatyreview.mechanism import workflow

UNDER_REVIEW_ROLES = (Role.FOCAL_POINT, Role.EXPERT, Role.OBSERVER)


def under_review_roles(user: Visitor, review: Any) -> frozenset[str]:
    """The roles the user holds for the State under review of `review` (focal point, expert, observer)."""
    return frozenset(
        grant.role for grant in active_grants(user)
        if grant.state_id == review.state_id and grant.role in UNDER_REVIEW_ROLES
    )


def reviewing_state_ids(phase: Any) -> set[int]:
    """The reviewing States of a phase: of its instrument when instruments are reviewed in turn, else of all."""
    # Read in Python, so that a list of reviews with their assignments prefetched costs no query per phase.
    return {a.reviewer_id for a in phase.review.assignments.all()
            if phase.instrument_id is None or a.instrument_id == phase.instrument_id}


def is_of_reviewing_state(user: Visitor, phase: Any) -> bool:
    states = {grant.state_id for grant in active_grants(user) if grant.role in UNDER_REVIEW_ROLES and grant.state_id}
    return bool(states & reviewing_state_ids(phase)) if states else False


def can_read_questionnaire(user: Visitor, questionnaire: Any) -> bool:
    """Drafts: the State under review's people. Once submitted: also the reviewing States' people and the
    secretariat. Nobody else, whatever their role."""
    phase = questionnaire.phase
    if under_review_roles(user, phase.review):
        return True
    if questionnaire.stage != workflow.QUESTIONNAIRE.initial:
        return is_secretariat(user) or is_of_reviewing_state(user, phase)
    return False


def questionnaire_roles(user: Visitor, questionnaire: Any) -> frozenset[str]:
    """The roles the QUESTIONNAIRE machine knows that the user holds for this questionnaire."""
    roles = set(under_review_roles(user, questionnaire.phase.review)) & {workflow.FOCAL_POINT, workflow.EXPERT}
    if is_secretariat(user):
        roles.add(workflow.SECRETARIAT)
    return frozenset(roles)
