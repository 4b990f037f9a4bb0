"""Who may read a phase's list of observations and summary, and which roles of the OBSERVATION_LIST and SUMMARY
machines a user holds for them (the rules record's secretariat role included)."""

from __future__ import annotations

from typing import Any

from treatyreview.accounts.models import Role
from treatyreview.accounts.permissions import Visitor, active_grants, is_secretariat
from treatyreview.mechanism import workflow
from treatyreview.observations.lists.choices import Stage
from treatyreview.questionnaires.answers.permissions import UNDER_REVIEW_ROLES, reviewing_state_ids

# What the rules record's `secretariat_role` adds to the secretariat in a review (seed para 16).
SECRETARIAT_ROLES_BY_RULE = {
    "none": frozenset(),
    "assists": frozenset({workflow.SECRETARIAT_ASSISTING}),
    "drafts": frozenset({workflow.SECRETARIAT_ASSISTING, workflow.SECRETARIAT_DRAFTING}),
}


def secretariat_rule(phase: Any) -> str:
    return str(phase.review.cycle.rules.rules().secretariat_role)


def _participant_states(user: Visitor) -> dict[int, set[str]]:
    """The user's States, each with the roles held for it (focal point, expert, observer)."""
    states: dict[int, set[str]] = {}
    for grant in active_grants(user):
        if grant.state_id and grant.role in UNDER_REVIEW_ROLES:
            states.setdefault(grant.state_id, set()).add(grant.role)
    return states


def outcome_roles(user: Visitor, phase: Any) -> frozenset[str]:
    """The roles the OBSERVATION_LIST and SUMMARY machines know that `user` holds for this phase: focal point and
    experts of the State under review, of a reviewing State of the phase, and the secretariat (assisting or
    drafting as the rules say). Observers hold none: they read only."""
    roles: set[str] = set()
    states = _participant_states(user)
    own = states.get(phase.review.state_id, set())
    if Role.FOCAL_POINT in own:
        roles.add(workflow.FOCAL_POINT)
    if Role.EXPERT in own:
        roles.add(workflow.EXPERT)
    reviewing = reviewing_state_ids(phase) & set(states)
    for state_id in reviewing:
        if Role.FOCAL_POINT in states[state_id]:
            roles.add(workflow.REVIEWER_FOCAL_POINT)
        if Role.EXPERT in states[state_id]:
            roles.add(workflow.REVIEWER_EXPERT)
    if is_secretariat(user):
        roles.add(workflow.SECRETARIAT)
        roles |= SECRETARIAT_ROLES_BY_RULE.get(secretariat_rule(phase), frozenset())
    return frozenset(roles)


def is_participant(user: Visitor, phase: Any) -> bool:
    """The secretariat, and the focal point, experts and observers of the State under review and of the phase's
    reviewing States."""
    if is_secretariat(user):
        return True
    states = set(_participant_states(user))
    return phase.review.state_id in states or bool(states & reviewing_state_ids(phase))


def is_delegate(user: Visitor) -> bool:
    return any(grant.role == Role.DELEGATE for grant in active_grants(user))


def can_read_list(user: Visitor, observation_list: Any) -> bool:
    """The review's participants and the secretariat, at every stage; once final, also the delegates of the
    Conference's working groups, with whom lists of observations are shared (DESIGN §1)."""
    if is_participant(user, observation_list.phase):
        return True
    return observation_list.stage == Stage.FINAL and is_delegate(user)


def can_read_summary(user: Visitor, summary: Any) -> bool:
    """A summary is public only once published (the publishing app); until then its review's participants only."""
    return is_participant(user, summary.phase)


def reviewing_state_ids_of(user: Visitor, phase: Any) -> set[int]:
    """The reviewing States of the phase for which `user` is the focal point."""
    return {
        state_id for state_id, roles in _participant_states(user).items()
        if Role.FOCAL_POINT in roles and state_id in reviewing_state_ids(phase)
    }
