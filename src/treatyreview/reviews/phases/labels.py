"""The words of the schedule pages: the steps of the PHASE machine as buttons name them, and the roles in a
review as a refusal names them."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from treatyreview.mechanism import workflow

STEP_NAMES: dict[str, Promise] = {
    "focal_point_named": _("Focal point named"),
    "experts_named": _("Governmental experts named"),
    "questionnaire_submitted": _("Self-assessment questionnaire submitted"),
    "feedback_sent": _("Written feedback sent"),
    "dialogue_held": _("Dialogue held"),
    "observations_adopted": _("List of observations adopted"),
    "summary_agreed": _("Summary agreed"),
}

# Roles in one review, plural, as a refusal names those who may act ("only the focal point ... may").
ROLE_NAMES: dict[str, Promise] = {
    workflow.SECRETARIAT: _("the secretariat"),
    workflow.FOCAL_POINT: _("the focal point of the State under review"),
    workflow.EXPERT: _("the governmental experts of the State under review"),
    workflow.REVIEWER_FOCAL_POINT: _("the focal points of the reviewing States"),
    workflow.REVIEWER_EXPERT: _("the governmental experts of the reviewing States"),
}

# What a role may edit in a stage, as a refusal names it.
FIELD_NAMES: dict[str, Promise] = {
    "focal_point": _("the focal point"),
    "experts": _("the list of governmental experts"),
    "answers": _("the answers to the questionnaire"),
    "feedback": _("the written feedback"),
}
