"""Every action the audit log records, each with the label the audit trail shows for it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    """The value is stored in the event and covered by its hash: never change one, only add new ones."""

    # Accounts
    TOKEN_CREATE = "token.create", _("API token created")
    TOKEN_REVOKE = "token.revoke", _("API token revoked")

    # Registry
    REFERENCE_LOAD = "registry.load_reference", _("Reference data loaded")
    PARTICIPATION_UPDATE = "participation.update", _("Participation corrected")
    PARTICIPATION_IMPORT = "participation.import", _("Participation list imported")
    ARTICLE_CLUSTER_UPDATE = "article.cluster_update", _("Article's cluster set")
    NOMINATION_RECORD = "nomination.record", _("Nomination recorded")
    EXPERT_CREATE = "expert.create", _("Governmental expert added")
    EXPERT_UPDATE = "expert.update", _("Governmental expert's entry changed")

    # Reads of confidential material
    EXPERT_LIST_READ = "experts.read", _("List of governmental experts read")
    EXPERT_READ = "expert.read", _("Governmental expert's entry read")

    # Rules of the mechanism
    RULES_PRESET_INSTALL = "rules.install_preset", _("Rules: preset installed")
    RULES_VERSION_CREATE = "rules.new_version", _("Rules: new version")

    # Review cycles
    CYCLE_CREATE = "cycle.create", _("Review cycle opened")
    CYCLE_UNAVAILABILITY = "cycle.unavailability", _("Cycle: State recorded as unable to review")
    CYCLE_EXCLUDE_PAIR = "cycle.exclude_pair", _("Cycle: pair of States excluded")

    # Drawings of lots
    DRAW_PREPARE = "draw.prepare", _("Draw: input frozen")
    DRAW_COMMIT = "draw.commit", _("Draw: commitment published")
    DRAW_READ = "draw.read", _("Draw in preparation read (input not yet public)")
    DRAW_RUN = "draw.run", _("Draw: lots drawn")
    DRAW_REDRAW = "draw.redraw", _("Draw: redraw requested by the State under review")
    DRAW_DECLINE = "draw.decline", _("Draw: declined by the drawn reviewer")
    DRAW_CONFIRM = "draw.confirm", _("Draw confirmed")
    DRAW_CANCEL = "draw.cancel", _("Draw cancelled")

    # Schedules of country reviews
    CYCLE_WORK_PLAN = "cycle.work_plan", _("Cycle: work plan set")
    YEAR_GROUP_LAUNCH = "year_group.launch", _("Year group launched")
    PHASE_LAUNCH = "phase.launch", _("Phase launched")
    PHASE_STAGE_COMPLETE = "phase.stage_complete", _("Phase: stage done")
    EXTENSION_REQUEST = "extension.request", _("Extension of a deadline requested")
    EXTENSION_DECIDE = "extension.decide", _("Extension of a deadline decided")
    REVIEW_STATUS = "review.status", _("Country review: opted out, deferred or resumed")
    REVIEW_READ = "review.read", _("Country review's schedule read")

    # Reminders and calendars
    REMINDERS_SEND = "reminders.send", _("Reminders of deadlines sent")
    REMINDERS_READ = "reminders.read", _("Reminders marked as read")
    CALENDAR_RESET = "calendar.reset", _("Calendar address created or reset")


def action_label(action: str) -> str:
    """The label of a stored action; one the enumeration no longer knows is shown as it was stored."""
    try:
        return str(AuditAction(action).label)
    except ValueError:
        return action
