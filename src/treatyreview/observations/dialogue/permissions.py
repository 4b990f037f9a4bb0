"""Who someone is in the dialogue of a phase, and what they may read.

A person takes part for the State under review, for one of the phase's reviewing States, or as the
secretariat. Draft feedback is seen only by its reviewing State's people and the secretariat; cleared feedback,
threads and meetings by every participant of the phase and the secretariat; nobody else sees any of it.
"""

from __future__ import annotations

from typing import Any

from treatyreview.accounts.models import Role
from treatyreview.accounts.permissions import Visitor, active_grants, is_secretariat
from treatyreview.mechanism import workflow
from treatyreview.observations.dialogue.choices import FeedbackStage
from treatyreview.questionnaires.answers.permissions import reviewing_state_ids

STATE_ROLES = (Role.FOCAL_POINT, Role.EXPERT, Role.OBSERVER)
# The phase's stages in which written feedback exists (a questionnaire was submitted), and those in which the
# dialogue goes on: threads are answered and meetings recorded.
FEEDBACK_STAGES = ("feedback",)
DIALOGUE_STAGES = ("feedback", "dialogue", "observations")
MEETING_STAGES = ("feedback", "dialogue", "observations", "summary")
READABLE_STAGES = ("feedback", "dialogue", "observations", "summary", "closed")


def phase_reviewing_state_ids(phase: Any) -> set[int]:
    cached: set[int] | None = getattr(phase, "_dialogue_reviewing_ids", None)
    if cached is None:
        cached = reviewing_state_ids(phase)
        phase._dialogue_reviewing_ids = cached
    return cached


def reviewing_states_of(user: Visitor, phase: Any) -> set[int]:
    """The phase's reviewing States for which the user is focal point, expert or observer."""
    reviewing = phase_reviewing_state_ids(phase)
    return {g.state_id for g in active_grants(user) if g.role in STATE_ROLES and g.state_id in reviewing}


def is_of_state_under_review(user: Visitor, phase: Any) -> bool:
    return any(g.role in STATE_ROLES and g.state_id == phase.review.state_id for g in active_grants(user))


def is_participant(user: Visitor, phase: Any) -> bool:
    """The phase's participants (including observers, who read only) and the secretariat."""
    return is_secretariat(user) or is_of_state_under_review(user, phase) or bool(reviewing_states_of(user, phase))


def secretariat_role(phase: Any) -> str:
    """The rules' role of the secretariat (seed para 16): none, assists or drafts."""
    return str(phase.review.cycle.rules.rules().secretariat_role)


def dialogue_roles(
    user: Visitor, phase: Any, reviewing_state_id: int | None = None, *, act: str = ""
) -> frozenset[str]:
    """The roles the FEEDBACK and THREAD machines know that the user holds, for one reviewing State's item.

    The secretariat's role counts only where the rules let it `act`: "draft" (it drafts) or "comment" (it
    assists or drafts); observers hold no role of the machines.
    """
    roles: set[str] = set()
    for grant in active_grants(user):
        if grant.state_id is None:
            continue
        if grant.state_id == phase.review.state_id:
            if grant.role == Role.FOCAL_POINT:
                roles.add(workflow.FOCAL_POINT)
            elif grant.role == Role.EXPERT:
                roles.add(workflow.EXPERT)
        elif grant.state_id in phase_reviewing_state_ids(phase) and grant.state_id == reviewing_state_id:
            if grant.role == Role.FOCAL_POINT:
                roles.add(workflow.REVIEWER_FOCAL_POINT)
            elif grant.role == Role.EXPERT:
                roles.add(workflow.REVIEWER_EXPERT)
    if is_secretariat(user) and secretariat_may(phase, act):
        roles.add(workflow.SECRETARIAT)
    return frozenset(roles)


def secretariat_may(phase: Any, act: str) -> bool:
    role = secretariat_role(phase)
    if act == "draft":
        return role == "drafts"
    if act == "comment":
        return role in ("assists", "drafts")
    return act == ""


def can_read_feedback(user: Visitor, item: Any) -> bool:
    if is_secretariat(user):
        return True
    if item.reviewing_state_id in reviewing_states_of(user, item.phase):
        return True
    if item.stage != FeedbackStage.CLEARED:
        return False
    return is_of_state_under_review(user, item.phase) or bool(reviewing_states_of(user, item.phase))


def can_read_dialogue(user: Visitor, phase: Any) -> bool:
    """Threads and meetings: the phase's participants and the secretariat, once the questionnaire is submitted."""
    return phase.stage in READABLE_STAGES and is_participant(user, phase)


def can_write_feedback(user: Visitor, phase: Any) -> bool:
    """Whether the page offers a feedback form at all: a reviewing State's focal point or experts, or the
    secretariat where it drafts, while the phase waits for the feedback."""
    if phase.stage not in FEEDBACK_STAGES:
        return False
    writers = {g.state_id for g in active_grants(user) if g.role in (Role.FOCAL_POINT, Role.EXPERT)}
    if writers & phase_reviewing_state_ids(phase):
        return True
    return is_secretariat(user) and secretariat_may(phase, "draft")
