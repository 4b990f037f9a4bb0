"""Every action the audit log records, each with the label the audit trail shows for it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    """The value is stored in the event and covered by its hash: never change one, only add new ones."""

    # Accounts
    TOKEN_CREATE = "token.create", _("API token created")
    TOKEN_REVOKE = "token.revoke", _("API token revoked")
    ACCOUNT_CREATE = "account.create", _("Account created from a nomination")
    ACCOUNT_ACTIVATION_SEND = "account.activation_send", _("Activation link e-mailed")
    ACCOUNT_ACTIVATE = "account.activate", _("Account activated (password set)")
    ACCOUNT_DEACTIVATE = "account.deactivate", _("Account deactivated")
    ACCOUNT_REACTIVATE = "account.reactivate", _("Account reactivated")
    ROLE_GRANT_CREATE = "role_grant.create", _("Role granted")
    ROLE_GRANT_END = "role_grant.end", _("Role grant ended")
    SIGN_IN_FAILURE = "sign_in.failure", _("Sign-in refused (wrong user name or password)")
    SIGN_IN_LOCKOUT = "sign_in.lockout", _("Sign-in locked after repeated failures")
    SIGN_OUT_EVERYWHERE = "sessions.end_all", _("Signed out everywhere")
    PASSWORD_CHANGE = "password.change", _("Password changed")
    PASSWORD_RESET = "password.reset", _("Password reset from an e-mailed link")
    SECOND_FACTOR_ENABLE = "two_factor.enable", _("Two-factor authentication set up")
    SECOND_FACTOR_FAILURE = "two_factor.failure", _("Two-factor code refused")
    RECOVERY_CODES_RENEW = "two_factor.recovery_codes", _("New recovery codes issued")
    RECOVERY_CODE_USE = "two_factor.recovery_code_use", _("Recovery code used")
    LANGUAGE_CHOOSE = "account.language", _("Language of the pages and e-mails chosen")
    SECOND_FACTOR_REMOVE = "two_factor.remove", _("Lost authenticator removed by the secretariat")

    # Registry
    REFERENCE_LOAD = "registry.load_reference", _("Reference data loaded")
    PARTICIPATION_UPDATE = "participation.update", _("Participation corrected")
    PARTICIPATION_IMPORT = "participation.import", _("Participation list imported")
    ARTICLE_CLUSTER_UPDATE = "article.cluster_update", _("Article's cluster set")
    NOMINATION_RECORD = "nomination.record", _("Nomination recorded")
    EXPERT_CREATE = "expert.create", _("Governmental expert added")
    EXPERT_UPDATE = "expert.update", _("Governmental expert's entry changed")
    EXPERT_PROPOSE = "expert.propose", _("Expert or observer proposed by the focal point")
    EXPERT_CONFIRM = "expert.confirm", _("Proposed expert or observer confirmed by note verbale")
    EXPERT_DECLINE = "expert.decline", _("Proposed expert or observer declined")

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

    # Self-assessment questionnaires
    QUESTIONNAIRE_OPEN = "questionnaire.open", _("Questionnaire opened for a phase")
    QUESTIONNAIRE_READ = "questionnaire.read", _("Questionnaire read")
    QUESTIONNAIRE_EXPORT = "questionnaire.export", _("Questionnaire downloaded")
    QUESTIONNAIRE_SUBMIT = "questionnaire.submit", _("Questionnaire submitted by the focal point")
    QUESTIONNAIRE_REOPEN = "questionnaire.reopen", _("Submitted questionnaire reopened")
    ANSWER_SAVE = "answer.save", _("Answer saved")
    ANSWER_CONFIRM = "answer.confirm", _("Carried-over answer confirmed")

    # Questionnaire templates
    TEMPLATE_CREATE = "template.create", _("Questionnaire template created")
    TEMPLATE_IMPORT = "template.import", _("Questionnaire template: workbook imported")
    TEMPLATE_DRAFT_CREATE = "template.new_draft", _("Questionnaire template: new draft version")
    TEMPLATE_QUESTION_UPDATE = "template.question_update", _("Questionnaire template: question changed")
    TEMPLATE_PUBLISH = "template.publish", _("Questionnaire template: version published")
    TEMPLATE_WITHDRAW = "template.withdraw", _("Questionnaire template: version withdrawn")
    # Reminders and calendars
    REMINDERS_SEND = "reminders.send", _("Reminders of deadlines sent")
    REMINDERS_READ = "reminders.read", _("Reminders marked as read")
    CALENDAR_RESET = "calendar.reset", _("Calendar address created or reset")
    # The audit trail itself
    AUDIT_EXPORT = "audit.export", _("Audit trail exported")

    # Costs of the mechanism
    BUDGET_SCENARIO_CREATE = "budget.scenario_create", _("Costing scenario created")
    BUDGET_SCENARIO_UPDATE = "budget.scenario_update", _("Costing scenario: new version")
    # Knowledge library
    LIBRARY_RECORD_CREATE = "library.record_create", _("Library: record added")
    LIBRARY_RECORD_UPDATE = "library.record_update", _("Library: record changed")
    LIBRARY_TEXT_SAVE = "library.text_save", _("Library: language version saved")
    LIBRARY_RECORD_READ = "library.record_read", _("Library: record restricted to a review read")
    LIBRARY_IMPORT = "library.import", _("Library: records imported")
    LIBRARY_REINDEX = "library.reindex", _("Library: search index rebuilt")
    THEME_CREATE = "library.theme_create", _("Library: theme added to the thesaurus")
    THEME_UPDATE = "library.theme_update", _("Library: theme changed")
    # Desk review and dialogue
    FEEDBACK_SAVE = "feedback.save", _("Written feedback saved")
    FEEDBACK_CLEAR = "feedback.clear", _("Written feedback cleared by the reviewing State's focal point")
    FEEDBACK_WITHDRAW = "feedback.withdraw", _("Written feedback withdrawn")
    FEEDBACK_SEND = "feedback.send", _("A reviewing State's written feedback sent")
    FEEDBACK_READ = "feedback.read", _("Written feedback read")
    THREAD_READ = "thread.read", _("Thread of the dialogue read")
    THREAD_CLOSE = "thread.close", _("Thread closed as resolved")
    THREAD_REOPEN = "thread.reopen", _("Thread opened again")
    MESSAGE_POST = "message.post", _("Message posted in a thread")
    MEETING_SAVE = "meeting.save", _("Meeting of the dialogue recorded")
    MEETING_READ = "meeting.read", _("Meeting of the dialogue read")
    # Lists of observations and summaries
    OBSERVATION_LIST_BEGIN = "observation_list.begin", _("List of observations begun")
    OBSERVATION_LIST_READ = "observation_list.read", _("List of observations read")
    OBSERVATION_SAVE = "observation_list.observation_save", _("List of observations: observation on an article saved")
    SUGGESTION_SAVE = "observation_list.suggestion_save", _("List of observations: suggestion saved")
    SUGGESTION_DELETE = "observation_list.suggestion_delete", _("List of observations: suggestion removed")
    NEED_SAVE = "observation_list.need_save", _("List of observations: technical assistance need saved")
    NEED_DELETE = "observation_list.need_delete", _("List of observations: technical assistance need removed")
    OBSERVATION_LIST_STEP = "observation_list.step", _("List of observations: agreed, sent back or final")
    OUTCOME_COMMENT = "observation_list.comment", _("List of observations or summary: comment written")
    FOLLOW_UP_RECORD = "observation_list.follow_up", _("Follow-up of a suggestion recorded")
    SUMMARY_BEGIN = "summary.begin", _("Summary drafted from the list of observations")
    SUMMARY_READ = "summary.read", _("Summary read")
    SUMMARY_SAVE = "summary.save", _("Summary saved")
    SUMMARY_STEP = "summary.step", _("Summary: agreed, sent back or final")
    # Outcome documents and their publication
    WORKING_LANGUAGE_PROPOSE = "working_language.propose", _("Working languages proposed for a review")
    WORKING_LANGUAGE_DECIDE = "working_language.decide", _("Working languages confirmed or set by the secretariat")
    DOCUMENT_GENERATE = "document.generate", _("Outcome document generated from its Word template")
    DOCUMENT_READ = "document.read", _("Outcome document read")
    DOCUMENT_EXPORT = "document.export", _("Outcome document downloaded")
    TRANSLATION_REQUEST = "document.translation_request", _("Translation of an outcome document requested")
    TRANSLATION_RECORD = "document.translation_record", _("Translation of an outcome document recorded")
    TRANSLATION_VERIFY = "document.translation_verify", _("Translation of an outcome document verified")
    DOCUMENT_TEMPLATE_UPLOAD = "document.template_upload", _("Word template of an outcome document uploaded")
    CONSENT_GIVE = "consent.give", _("Consent to publication given by the focal point")
    CONSENT_WITHDRAW = "consent.withdraw", _("Consent to publication withdrawn")
    DOCUMENT_PUBLISH = "document.publish", _("Outcome document published")


# Reads of confidential material: a focal point sees these for its State's records.
READ_ACTIONS = frozenset({
    AuditAction.EXPERT_LIST_READ, AuditAction.EXPERT_READ, AuditAction.DRAW_READ, AuditAction.REVIEW_READ,
    AuditAction.QUESTIONNAIRE_READ, AuditAction.QUESTIONNAIRE_EXPORT, AuditAction.LIBRARY_RECORD_READ,
    AuditAction.FEEDBACK_READ, AuditAction.THREAD_READ, AuditAction.MEETING_READ,
    AuditAction.OBSERVATION_LIST_READ, AuditAction.SUMMARY_READ,
    AuditAction.DOCUMENT_READ, AuditAction.DOCUMENT_EXPORT,
})


def action_label(action: str) -> str:
    """The label of a stored action; one the enumeration no longer knows is shown as it was stored."""
    try:
        return str(AuditAction(action).label)
    except ValueError:
        return action
