"""The schedule of country reviews: launching a year group, moving a phase through its stages, extensions of
deadlines, and opting out or deferring a review.

Every step is one service (permission, one transaction, an audit event) that the workflow table
(`treatyreview.mechanism.workflow.PHASE`) must allow for the roles the actor holds in the review; its refusal
explains itself (`phase_step_require`, `phase_edit_require`). The dates are computed by the framework-free
`treatyreview.mechanism.schedule` from the rules record. Deadlines are flagged when passed, never blocking.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from treatyreview.accounts.models import User
from treatyreview.accounts.permissions import is_secretariat
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.errors import Conflict, InvalidInput, NotPermitted, require, workflow_error
from treatyreview.listing import joined
from treatyreview.mechanism import schedule, workflow
from treatyreview.mechanism.workflow import PHASE, PHASE_STEP_OF_STAGE, WorkflowRefusal
from treatyreview.registry.models import Instrument, Participation, ParticipationStatus, State
from treatyreview.reviews.cycles.models import NOTE_VERBALE_REF_MAX, STATUS_REASON_MAX
from treatyreview.reviews.models import CountryReview, Extension, Phase, StageDeadline, Unavailability, YearGroup
from treatyreview.reviews.phases.choices import ExtensionStatus, ReviewStatus, Stage
from treatyreview.reviews.phases.labels import FIELD_NAMES, ROLE_NAMES, STEP_NAMES
from treatyreview.reviews.phases.models import NOTE_MAX, REASON_MAX
from treatyreview.reviews.phases.selectors import opted_out_state_ids, review_roles

# An extension or a date of a step further than this from the deadline is a typing mistake, not a request.
EXTENSION_MONTHS_MAX = 24
EARLIEST = datetime.date(2000, 1, 1)

# What the step that leaves a stage did, with its date, as a refusal to edit says it.
DONE_ON = {
    "focal_point_named": lambda day: _("the focal point was named on %(date)s") % {"date": day},
    "experts_named": lambda day: _("the governmental experts were named on %(date)s") % {"date": day},
    "questionnaire_submitted": lambda day: _("the questionnaire was submitted on %(date)s") % {"date": day},
    "feedback_sent": lambda day: _("the written feedback was sent on %(date)s") % {"date": day},
    "dialogue_held": lambda day: _("the dialogue was held on %(date)s") % {"date": day},
    "observations_adopted": lambda day: _("the list of observations was adopted on %(date)s") % {"date": day},
    "summary_agreed": lambda day: _("the summary was agreed on %(date)s") % {"date": day},
}


def day_text(day: datetime.date) -> str:
    """A date as the reader's language writes it ("3 May 2021")."""
    return date_format(day, "DATE_FORMAT")


def _roles_text(roles: Iterable[str]) -> str:
    return _(" or ").join(str(ROLE_NAMES.get(role, role)) for role in sorted(roles))


def _who(roles: set[str]) -> str:
    """The actor's roles in the review as a refusal names them (the most specific one)."""
    for role in (
        workflow.EXPERT,
        workflow.FOCAL_POINT,
        workflow.REVIEWER_EXPERT,
        workflow.REVIEWER_FOCAL_POINT,
        workflow.SECRETARIAT,
    ):
        if role in roles:
            return str(ROLE_NAMES[role])
    return _("you")


def phase_step_require(phase: Phase, step: str, roles: set[str]) -> None:
    """The workflow table must allow `step` from the phase's stage for `roles`; a refusal in words."""
    try:
        PHASE.check(step, stage=phase.stage, roles=roles)
    except WorkflowRefusal as refusal:
        if refusal.code == "not_permitted":
            raise NotPermitted(
                _("Only %(roles)s can record “%(step)s”.")
                % {"roles": _roles_text(refusal.params.get("roles", ())), "step": STEP_NAMES.get(step, step)}  # type: ignore[arg-type]
            ) from refusal
        raise workflow_error(refusal, dict(Stage.choices), STEP_NAMES, _("the phase")) from refusal


def phase_edit_require(*, actor: User, phase: Phase, fields: Iterable[str]) -> None:
    """Refuse, in words, an edit the workflow table does not allow the actor in the phase's stage.

    For example: "the questionnaire was submitted on 3 May 2021; the governmental experts of the State under
    review can no longer edit the answers to the questionnaire". The answering pages call this before saving.
    """
    roles = review_roles(actor, phase.review)
    fields = list(fields)
    try:
        PHASE.check_edit(fields, stage=phase.stage, roles=roles)
    except WorkflowRefusal as refusal:
        locked = list(refusal.params.get("fields", ()))  # type: ignore[call-overload]
        name = locked[0] if locked else ""
        what = str(FIELD_NAMES.get(name, name))
        who = _who(roles)
        # The last stage in which these roles could edit the field, if the phase has left it: say when.
        stages = list(PHASE.stages)
        here = stages.index(phase.stage)
        earlier = [stage for stage in stages[:here] if name in PHASE.editable_fields(stage=stage, roles=roles)]
        if earlier:
            left = earlier[-1]
            step = PHASE_STEP_OF_STAGE[left]
            deadline = phase.deadlines.filter(stage=left).first()
            done = DONE_ON[step](day_text(deadline.met_on)) if deadline and deadline.met_on else str(STEP_NAMES[step])
            raise InvalidInput(
                name,
                _("%(done)s; %(who)s can no longer edit %(what)s.") % {"done": done, "who": who, "what": what},
            ) from refusal
        allowed = [stage for stage in stages if name in PHASE.editable_fields(stage=stage, roles=roles)]
        if allowed:
            raise InvalidInput(
                name,
                _("%(who)s can edit %(what)s only at the stage “%(allowed)s”; the phase is at “%(stage)s”.")
                % {
                    "who": who,
                    "what": what,
                    "allowed": joined(Stage(stage).label for stage in allowed),
                    "stage": Stage(phase.stage).label,
                },
            ) from refusal
        raise NotPermitted(_("%(who)s cannot edit %(what)s in this review.") % {"who": who, "what": what}) from refusal


def _require_under_review(review: CountryReview) -> None:
    if review.status == ReviewStatus.OPTED_OUT or review.state_id in opted_out_state_ids(review.cycle):
        raise InvalidInput(
            "review", _("%(state)s opted out of this cycle: its review does not go on.") % {"state": review.state}
        )
    if review.status == ReviewStatus.DEFERRED:
        raise InvalidInput(
            "review",
            _("The review of %(state)s is deferred: resume it first.") % {"state": review.state},
        )


def _check_day(where: str, day: object, *, not_after: datetime.date | None = None) -> datetime.date:
    if not isinstance(day, datetime.date) or isinstance(day, datetime.datetime):
        raise InvalidInput(where, _("give a date"))
    if day < EARLIEST:
        raise InvalidInput(where, _("a date before %(date)s is not plausible") % {"date": day_text(EARLIEST)})
    if not_after is not None and day > not_after:
        raise InvalidInput(where, _("the date cannot be later than %(date)s") % {"date": day_text(not_after)})
    return day


def _capacity(state: State) -> bool:
    """Least developed, small island or landlocked developing: the rules may give such a State more time."""
    return bool(state.least_developed or state.small_island or state.landlocked)


def _rules_of(review: CountryReview) -> schedule.ScheduleRules:
    return schedule.ScheduleRules.of(review.cycle.rules.rules())


def _party_instruments(state: State) -> list[str]:
    return list(
        Participation.objects.filter(state=state, status=ParticipationStatus.PARTY)
        .order_by("instrument__position")
        .values_list("instrument__code", flat=True)
    )


def _create_deadlines(phase: Phase, review: CountryReview) -> None:
    due = schedule.stage_deadlines(phase.starts_on, _rules_of(review), capacity=_capacity(review.state))
    StageDeadline.objects.bulk_create(
        [StageDeadline(phase=phase, stage=stage, due_on=day) for stage, day in due.items()]
    )


def _plan(review: CountryReview, first_start: datetime.date) -> list[schedule.PlannedPhase]:
    cycle = review.cycle
    plan = schedule.WorkPlan(
        cluster_order=tuple(cycle.cluster_order),
        phase_months=cycle.phase_months,
        instruments_review=cycle.instruments_review,
    )
    return schedule.plan_phases(plan, first_start, _party_instruments(review.state))


@transaction.atomic
def year_group_launch(*, actor: User, year_group: YearGroup, on: datetime.date) -> list[CountryReview]:
    """Start the reviews of a year group: every review under review that has no phases yet gets the phases of
    the work plan (the first starting on `on`) and the deadlines of its first phase.

    Run again (after a deferred review resumes), it launches only the reviews still without phases.
    """
    require(is_secretariat(actor), _("Only the secretariat launches a year group."))
    cycle = type(year_group.cycle).objects.select_for_update().get(pk=year_group.cycle_id)
    group = YearGroup.objects.select_related("cycle__rules").get(pk=year_group.pk)
    _check_day("on", on, not_after=datetime.date(group.start_year + 10, 12, 31))
    if on.year < group.start_year:
        raise InvalidInput(
            "on",
            _("year group %(number)s starts in %(year)s: it cannot be launched on %(date)s")
            % {"number": group.number, "year": group.start_year, "date": day_text(on)},
        )
    if not cycle.cluster_order:
        raise InvalidInput("cluster_order", _("set the cycle's work plan first: the order of the clusters is empty"))
    reviews = list(group.reviews.select_related("state", "cycle__rules").order_by("state__code"))
    if not reviews:
        raise InvalidInput("year_group", _("draw the year groups first: this year group has no reviews yet"))
    opted_out = opted_out_state_ids(cycle)
    waiting = [
        review
        for review in reviews
        if review.status == ReviewStatus.ACTIVE and review.state_id not in opted_out and not review.phases.exists()
    ]
    if not waiting:
        raise InvalidInput(
            "year_group",
            _("every review of year group %(number)s that is under review already has its phases: nothing was done")
            % {"number": group.number},
        )
    instruments = {instrument.code: instrument for instrument in Instrument.objects.all()}
    now = timezone.now()
    for review in waiting:
        for planned in _plan(review, on):
            phase = Phase.objects.create(
                review=review,
                position=planned.position,
                cluster=planned.cluster,
                instrument=instruments.get(planned.instrument) if planned.instrument else None,
                starts_on=planned.starts_on,
                launched_at=now if planned.position == 1 else None,
            )
            if planned.position == 1:
                _create_deadlines(phase, review)
    audit.record(
        actor=actor,
        action=AuditAction.YEAR_GROUP_LAUNCH,
        target=group,
        after={"on": on.isoformat(), "reviews": [review.state.code for review in waiting]},
    )
    return waiting


@transaction.atomic
def phase_launch(*, actor: User, phase: Phase, on: datetime.date, expected_version: int | None = None) -> Phase:
    """Start a later phase of a review: it starts on `on` and its deadlines are counted from that day."""
    require(is_secretariat(actor), _("Only the secretariat launches a phase."))
    current = _locked(phase, expected_version)
    review = current.review
    _require_under_review(review)
    if current.launched_at is not None:
        raise InvalidInput(
            "phase",
            _("phase %(position)s was already launched on %(date)s: nothing was done")
            % {"position": current.position, "date": day_text(current.starts_on)},
        )
    before = Phase.objects.filter(review=review, position=current.position - 1).first()
    if before is not None and before.launched_at is None:
        raise InvalidInput("phase", _("launch phase %(position)s first") % {"position": before.position})
    _check_day("on", on, not_after=schedule.add_months(current.starts_on, EXTENSION_MONTHS_MAX))
    if before is not None and on < before.starts_on:
        raise InvalidInput(
            "on",
            _("phase %(position)s started on %(date)s: the next phase cannot start before it")
            % {"position": before.position, "date": day_text(before.starts_on)},
        )
    planned = current.starts_on
    current.starts_on = on
    current.launched_at = timezone.now()
    current.version += 1
    current.save(update_fields=["starts_on", "launched_at", "version"])
    _create_deadlines(current, review)
    audit.record(
        actor=actor,
        action=AuditAction.PHASE_LAUNCH,
        target=current,
        before={"planned_start": planned.isoformat()},
        after={"starts_on": on.isoformat()},
    )
    return current


def _locked(phase: Phase, expected_version: int | None) -> Phase:
    current = Phase.objects.select_for_update().select_related("review__state", "review__cycle__rules").get(pk=phase.pk)
    if expected_version is not None and current.version != expected_version:
        raise Conflict(
            _(
                "This phase was changed in another tab or by someone else after this page was opened: it is now at "
                "the stage “%(stage)s”. Nothing was done. The page shows the phase as it is now."
            )
            % {"stage": current.get_stage_display()},
            current_version=current.version,
        )
    return current


@transaction.atomic
def phase_stage_complete(
    *, actor: User, phase: Phase, stage: str, on: datetime.date, expected_version: int | None = None
) -> Phase:
    """Record that a stage of a phase is done on `on`; the phase moves to the next stage.

    The focal point of the State under review (or the secretariat) records the focal point and the experts
    named and the questionnaire submitted; the reviewing States' focal points (or the secretariat) the feedback.
    Submitting the questionnaire starts the feedback deadline from the day it was received.
    """
    if stage not in Stage.values or stage not in PHASE_STEP_OF_STAGE:
        raise InvalidInput("stage", _("'%(value)s' is not a stage that can be done") % {"value": stage})
    current = _locked(phase, expected_version)
    review = current.review
    roles = review_roles(actor, review)
    if not roles:
        raise NotPermitted(_("You take no part in this review."))
    step = PHASE_STEP_OF_STAGE[stage]
    if current.stage != stage:
        deadline = current.deadlines.filter(stage=stage).first()
        if deadline is not None and deadline.met_on is not None:
            raise InvalidInput(
                "stage",
                _("This was already recorded: %(done)s. Nothing more was done.")
                % {"done": DONE_ON[step](day_text(deadline.met_on))},
            )
    phase_step_require(current, step, roles)
    _require_under_review(review)
    if current.launched_at is None:
        raise InvalidInput(
            "phase",
            _("phase %(position)s is planned to start on %(date)s and is not launched yet")
            % {"position": current.position, "date": day_text(current.starts_on)},
        )
    _check_day("on", on, not_after=timezone.localdate())
    if on < current.starts_on:
        raise InvalidInput(
            "on",
            _("the phase started on %(date)s: a stage of it cannot be done before")
            % {"date": day_text(current.starts_on)},
        )
    deadline = current.deadlines.filter(stage=stage).first()
    if deadline is not None:
        deadline.met_on = on
        deadline.save(update_fields=["met_on"])
    before = current.stage
    current.stage = PHASE.transition(step).target
    current.version += 1
    current.save(update_fields=["stage", "version"])
    if current.stage == Stage.FEEDBACK:
        StageDeadline.objects.update_or_create(
            phase=current,
            stage=Stage.FEEDBACK,
            defaults={"due_on": schedule.feedback_due(on, _rules_of(review))},
        )
    audit.record(
        actor=actor,
        action=AuditAction.PHASE_STAGE_COMPLETE,
        target=current,
        before={"stage": before},
        after={"stage": current.stage, "on": on.isoformat()},
    )
    return current


def phase_questionnaire_submitted(
    *, actor: User, phase: Phase, on: datetime.date, expected_version: int | None = None
) -> Phase:
    """The focal point cleared and submitted the self-assessment questionnaire, received on `on`: the phase
    moves to the reviewers' written feedback, due `feedback_months` after that day."""
    return phase_stage_complete(
        actor=actor, phase=phase, stage=Stage.QUESTIONNAIRE, on=on, expected_version=expected_version
    )


def may_request_extension(roles: set[str], stage: str) -> bool:
    """The focal point asks for more time for the State under review's stages, a reviewing State's focal point
    for the feedback; the secretariat for any."""
    if workflow.SECRETARIAT in roles:
        return True
    if stage in schedule.STAGES_OF_THE_STATE_UNDER_REVIEW:
        return workflow.FOCAL_POINT in roles
    return workflow.REVIEWER_FOCAL_POINT in roles


@transaction.atomic
def extension_request(
    *,
    actor: User,
    deadline: StageDeadline,
    requested_until: datetime.date,
    reason: str,
    on: datetime.date | None = None,
) -> Extension:
    """Ask for more time for one stage, with a reason; the secretariat decides. The deadline itself stays."""
    current = (
        StageDeadline.objects.select_for_update()
        .select_related("phase__review__state", "phase__review__cycle")
        .get(pk=deadline.pk)
    )
    review = current.phase.review
    roles = review_roles(actor, review)
    if not may_request_extension(roles, current.stage):
        who = "focal_point" if current.stage in schedule.STAGES_OF_THE_STATE_UNDER_REVIEW else "reviewer_focal_point"
        raise NotPermitted(
            _("Only %(who)s or the secretariat can ask for more time for this stage.") % {"who": ROLE_NAMES[who]}
        )
    _require_under_review(review)
    on = on or timezone.localdate()
    if current.met_on is not None:
        raise InvalidInput(
            "deadline",
            _("this stage was done on %(date)s: no more time is needed") % {"date": day_text(current.met_on)},
        )
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("reason", _("say why more time is needed"))
    if len(reason) > REASON_MAX:
        raise InvalidInput("reason", _("at most %(max)s characters") % {"max": REASON_MAX})
    effective = current.effective_due
    _check_day("requested_until", requested_until, not_after=schedule.add_months(effective, EXTENSION_MONTHS_MAX))
    if requested_until <= effective:
        raise InvalidInput(
            "requested_until",
            _("the stage is already due on %(date)s: ask for a later date") % {"date": day_text(effective)},
        )
    pending = current.extensions.filter(status=ExtensionStatus.PENDING).first()
    if pending is not None:
        raise InvalidInput(
            "requested_until",
            _("more time was already asked for on %(date)s (until %(until)s) and is still to be decided")
            % {"date": day_text(pending.requested_on), "until": day_text(pending.requested_until)},
        )
    extension = Extension(
        deadline=current, requested_by=actor, requested_on=on, requested_until=requested_until, reason=reason
    )
    extension.full_clean()
    extension.save()
    audit.record(
        actor=actor,
        action=AuditAction.EXTENSION_REQUEST,
        target=extension,
        after={"stage": current.stage, "due_on": current.due_on.isoformat(), "until": requested_until.isoformat()},
        note=reason,
    )
    return extension


@transaction.atomic
def extension_decide(*, actor: User, extension: Extension, grant: bool, note: str = "") -> Extension:
    """The secretariat grants or refuses a requested extension; a refusal says why."""
    require(is_secretariat(actor), _("Only the secretariat decides on an extension."))
    current = (
        Extension.objects.select_for_update().select_related("deadline__phase__review__state").get(pk=extension.pk)
    )
    if current.status != ExtensionStatus.PENDING:
        raise InvalidInput(
            "status",
            _("this request was already decided (%(decision)s) on %(date)s: nothing was changed")
            % {
                "decision": current.get_status_display(),
                "date": day_text(timezone.localdate(current.decided_at)) if current.decided_at else "",
            },
        )
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise InvalidInput("note", _("at most %(max)s characters") % {"max": NOTE_MAX})
    if not grant and not note:
        raise InvalidInput("note", _("say why the extension is refused"))
    current.status = ExtensionStatus.GRANTED if grant else ExtensionStatus.REFUSED
    current.decided_by = actor
    current.decided_at = timezone.now()
    current.decision_note = note
    current.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    audit.record(
        actor=actor,
        action=AuditAction.EXTENSION_DECIDE,
        target=current,
        before={"status": ExtensionStatus.PENDING},
        after={"status": current.status, "until": current.requested_until.isoformat()},
        note=note,
    )
    return current


def _review_status_set(
    *,
    actor: User,
    review: CountryReview,
    status: str,
    note_verbale_ref: str,
    note_verbale_date: datetime.date | None,
    reason: str,
    expected_version: int | None,
    allowed_from: tuple[str, ...],
) -> CountryReview:
    require(is_secretariat(actor), _("Only the secretariat records an opt-out, a deferral or a resumption."))
    current = CountryReview.objects.select_for_update().select_related("state", "cycle").get(pk=review.pk)
    if expected_version is not None and current.version != expected_version:
        raise Conflict(
            _("This review was changed after this page was opened: it is now “%(status)s”. Nothing was saved.")
            % {"status": current.get_status_display()},
            current_version=current.version,
        )
    if current.status not in allowed_from:
        raise InvalidInput(
            "status",
            _("the review of %(state)s is “%(status)s”: this cannot be recorded now")
            % {"state": current.state, "status": current.get_status_display()},
        )
    ref = (note_verbale_ref or "").strip()
    reason = (reason or "").strip()
    if status != ReviewStatus.ACTIVE or ref or note_verbale_date:
        if not ref:
            raise InvalidInput("note_verbale_ref", _("give the reference of the note verbale"))
        if len(ref) > NOTE_VERBALE_REF_MAX:
            raise InvalidInput("note_verbale_ref", _("at most %(max)s characters") % {"max": NOTE_VERBALE_REF_MAX})
        if note_verbale_date is None:
            raise InvalidInput("note_verbale_date", _("give the date of the note verbale"))
        _check_day("note_verbale_date", note_verbale_date, not_after=timezone.localdate())
    if len(reason) > STATUS_REASON_MAX:
        raise InvalidInput("reason", _("at most %(max)s characters") % {"max": STATUS_REASON_MAX})
    before = {
        "status": current.status,
        "note_verbale_ref": current.status_note_verbale_ref,
        "note_verbale_date": current.status_note_verbale_date.isoformat() if current.status_note_verbale_date else None,
    }
    current.status = status
    current.status_note_verbale_ref = ref
    current.status_note_verbale_date = note_verbale_date
    current.status_reason = reason
    current.version += 1
    current.full_clean()
    current.save()
    if status == ReviewStatus.OPTED_OUT:
        # The draw input reads the cycle's unavailabilities: an opted-out State is not drawn as reviewing State.
        Unavailability.objects.update_or_create(
            cycle=current.cycle,
            state=current.state,
            defaults={
                "reason": Unavailability.Reason.OPTED_OUT,
                # The note verbale's reference and date, in no language: every reader sees the same.
                "note": f"{ref} ({note_verbale_date})",
            },
        )
    audit.record(
        actor=actor,
        action=AuditAction.REVIEW_STATUS,
        target=current,
        before=before,
        after={"status": status, "note_verbale_ref": ref, "note_verbale_date": str(note_verbale_date or "")},
        note=reason,
    )
    return current


@transaction.atomic
def review_opt_out(
    *,
    actor: User,
    review: CountryReview,
    note_verbale_ref: str,
    note_verbale_date: datetime.date | None,
    reason: str = "",
    expected_version: int | None = None,
) -> CountryReview:
    """The State opts out of the cycle (seed para. 17): it is neither reviewed nor drawn as reviewing State."""
    return _review_status_set(
        actor=actor,
        review=review,
        status=ReviewStatus.OPTED_OUT,
        note_verbale_ref=note_verbale_ref,
        note_verbale_date=note_verbale_date,
        reason=reason,
        expected_version=expected_version,
        allowed_from=(ReviewStatus.ACTIVE, ReviewStatus.DEFERRED),
    )


@transaction.atomic
def review_defer(
    *,
    actor: User,
    review: CountryReview,
    note_verbale_ref: str,
    note_verbale_date: datetime.date | None,
    reason: str = "",
    expected_version: int | None = None,
) -> CountryReview:
    """The State's review is deferred: not launched with its year group until it resumes."""
    if review.phases.filter(launched_at__isnull=False).exists():
        raise InvalidInput(
            "status", _("the review of %(state)s is already under way: it cannot be deferred") % {"state": review.state}
        )
    return _review_status_set(
        actor=actor,
        review=review,
        status=ReviewStatus.DEFERRED,
        note_verbale_ref=note_verbale_ref,
        note_verbale_date=note_verbale_date,
        reason=reason,
        expected_version=expected_version,
        allowed_from=(ReviewStatus.ACTIVE,),
    )


@transaction.atomic
def review_resume(
    *,
    actor: User,
    review: CountryReview,
    note_verbale_ref: str = "",
    note_verbale_date: datetime.date | None = None,
    reason: str = "",
    expected_version: int | None = None,
) -> CountryReview:
    """A deferred review goes on: launching its year group again gives it its phases."""
    return _review_status_set(
        actor=actor,
        review=review,
        status=ReviewStatus.ACTIVE,
        note_verbale_ref=note_verbale_ref,
        note_verbale_date=note_verbale_date,
        reason=reason,
        expected_version=expected_version,
        allowed_from=(ReviewStatus.DEFERRED,),
    )
