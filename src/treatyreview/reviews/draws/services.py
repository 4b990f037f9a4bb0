"""The draw session: prepare from the registry, publish the commitment, draw with the seed, redraw, confirm.

Every step is a service (permission, one transaction, an audit event) that the workflow table
(`treatyreview.mechanism.workflow.DRAW`) must allow. The arithmetic is in `treatyreview.mechanism.lots`;
this module only stores its inputs and records. Every attempt counts: a cancelled draw stays public with its
seed, result and reason, and the next attempt's input names it, so its commitment differs.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from treatyreview.accounts.models import User
from treatyreview.accounts.permissions import is_secretariat, roles_of
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.errors import Conflict, InvalidInput, require, require_step
from treatyreview.mechanism import lots
from treatyreview.mechanism.workflow import DRAW
from treatyreview.registry.models import Instrument, State
from treatyreview.reviews.cycles.services import ONLY_SECRETARIAT
from treatyreview.reviews.draws.inputs import draw_input_build, parties
from treatyreview.reviews.draws.labels import STEP_NAMES
from treatyreview.reviews.draws.seeds import Seed, seed_check
from treatyreview.reviews.models import (
    CountryReview,
    Cycle,
    Draw,
    DrawRequest,
    ReviewerAssignment,
    YearGroup,
)
from treatyreview.reviews.phases.selectors import opted_out_state_ids

CANCEL_REASON_MAX = 500


def _scope(cycle: Cycle, kind: str, year_group: YearGroup | None) -> Any:
    return Draw.objects.filter(cycle=cycle, kind=kind, year_group=year_group)


def earlier_attempts(cycle: Cycle, kind: str, year_group: YearGroup | None) -> list[dict[str, Any]]:
    """The cancelled attempts of the same draw, in order, as the next attempt's input names them."""
    return [
        {
            "attempt": draw.attempt,
            "input_sha256": draw.input_sha256,
            "record_sha256": draw.record_sha256 or None,
            "status": "cancelled",
        }
        for draw in _scope(cycle, kind, year_group).filter(status=Draw.Status.CANCELLED).order_by("attempt", "pk")
    ]


@transaction.atomic
def draw_prepare(*, actor: User, cycle: Cycle, kind: str, year_group: YearGroup | None = None) -> Draw:
    """Freeze the input of a draw from the registry and compute the commitment to it (not yet published)."""
    require(is_secretariat(actor), _(ONLY_SECRETARIAT))
    if kind not in Draw.Kind.values:
        raise InvalidInput(
            "kind", _("'%(value)s' is not one of %(choices)s") % {"value": kind, "choices": ", ".join(Draw.Kind.values)}
        )
    # Lock the cycle so that two secretariat officers cannot prepare the same draw at once.
    Cycle.objects.select_for_update().filter(pk=cycle.pk).first()
    if kind == Draw.Kind.YEAR_GROUPS:
        year_group = None
    open_draw = _scope(cycle, kind, year_group).exclude(status__in=[Draw.Status.CONFIRMED, Draw.Status.CANCELLED])
    if open_draw.exists():
        raise InvalidInput(
            "kind", _("a draw of this kind is already in preparation for this cycle; finish or cancel it")
        )
    earlier = earlier_attempts(cycle, kind, year_group)
    number = len(earlier) + 1
    attempt = {"attempt": number, "earlier_attempts": earlier}
    if kind == Draw.Kind.YEAR_GROUPS:
        if YearGroup.objects.filter(cycle=cycle, states__isnull=False).exists():
            raise InvalidInput("kind", _("the year groups of this cycle have already been drawn"))
        data = draw_input_build(rules=cycle.rules.values, under_review=[], cycle=None)
        for key in ("under_review", "existing", "exclusions"):
            data.pop(key)
        draw_input = lots.parse_input({**data, **attempt}, reviewers=False)
    else:
        if year_group is None or year_group.cycle_id != cycle.pk:
            raise InvalidInput("year_group", _("choose a year group of this cycle"))
        # A State that opted out of the cycle is not reviewed in it: it is not under review in the draw.
        members = list(
            year_group.states.exclude(pk__in=opted_out_state_ids(cycle)).values_list("code", flat=True)
        )
        if not members:
            raise InvalidInput("year_group", _("draw the year groups first: this year group has no States yet"))
        if ReviewerAssignment.objects.filter(review__cycle=cycle, review__state__code__in=members).exists():
            raise InvalidInput("year_group", _("reviewers of this year group have already been drawn and confirmed"))
        data = draw_input_build(rules=cycle.rules.values, under_review=members, cycle=cycle)
        try:
            draw_input = lots.parse_input({**data, **attempt})
        except lots.InputError as error:
            raise InvalidInput(error.path, error.detail) from error
    draw = Draw.objects.create(
        cycle=cycle,
        year_group=year_group,
        kind=kind,
        attempt=number,
        input=lots.input_to_json(draw_input),
        input_sha256=lots.commit_input(draw_input),
        created_by=actor,
    )
    audit.record(
        actor=actor,
        action=AuditAction.DRAW_PREPARE,
        target=draw,
        after={"input_sha256": draw.input_sha256, "attempt": draw.attempt},
    )
    return draw


def _locked(draw: Draw, expected_version: int) -> Draw:
    """The draw as stored now, locked for this transaction; refused if it changed since the page was read."""
    current = Draw.objects.select_for_update().get(pk=draw.pk)
    if current.version != expected_version:
        raise Conflict(
            _(
                "This draw was changed in another tab or by someone else after this page was opened: it is now "
                "“%(status)s”. Nothing was done. The page shows the draw as it is now; check it before going on."
            )
            % {"status": current.get_status_display()},
            current_version=current.version,
        )
    return current


def _step(current: Draw, step: str, actor: User) -> None:
    """The workflow table must allow `step` from the draw's stage for the actor's roles."""
    require_step(
        DRAW,
        step,
        stage=current.status,
        roles=roles_of(actor),
        stage_labels=dict(Draw.Status.choices),
        step_labels=STEP_NAMES,
        subject=_("the draw"),
    )


def _save(current: Draw, status: str | None = None) -> None:
    if status is not None:
        current.status = status
    current.version += 1
    current.full_clean()
    current.save()


@transaction.atomic
def draw_commit(*, actor: User, draw: Draw, expected_version: int) -> Draw:
    """Publish the SHA-256 of the input: from now on the input cannot change, and the seed can be chosen."""
    require(is_secretariat(actor), _(ONLY_SECRETARIAT))
    current = _locked(draw, expected_version)
    _step(current, "commit", actor)
    current.committed_at = timezone.now()
    _save(current, DRAW.transition("commit").target)
    audit.record(
        actor=actor, action=AuditAction.DRAW_COMMIT, target=current, after={"input_sha256": current.input_sha256}
    )
    return current


def _seed(kind: str, value: str, count: int | None, source: str, field: str = "seed") -> Seed:
    return seed_check(kind=kind, value=value, count=count, source=source, field=field)


@transaction.atomic
def draw_run(
    *,
    actor: User,
    draw: Draw,
    seed: str,
    seed_kind: str,
    seed_source: str = "",
    seed_count: int | None = None,
    expected_version: int,
) -> Draw:
    """Draw with the seed chosen after the commitment; the result is provisional until confirmed."""
    require(is_secretariat(actor), _(ONLY_SECRETARIAT))
    checked = _seed(seed_kind, seed, seed_count, seed_source)
    current = _locked(draw, expected_version)
    _step(current, "run", actor)
    # A draw prepared before input version 2 is drawn in its own version, as its commitment promised.
    draw_input = lots.parse_input(
        current.input, reviewers=current.kind == Draw.Kind.REVIEWERS, version=lots.input_version(current.input)
    )
    try:
        if current.kind == Draw.Kind.YEAR_GROUPS:
            record: lots.DrawRecord | lots.YearGroupRecord = lots.draw_year_groups(
                draw_input, current.cycle.rules.values["year_groups"], checked.value
            )
        else:
            record = lots.draw_reviewers(draw_input, checked.value)
    except lots.InfeasibleDraw as error:
        raise InvalidInput(
            "seed", _("No assignment satisfies every rule, so nothing was drawn. %(detail)s") % {"detail": error}
        ) from error
    except lots.DrawImpractical as error:
        raise InvalidInput(
            "seed",
            _(
                "The rules leave so few valid assignments that an exactly uniform draw cannot be found in "
                "reasonable time, so nothing was drawn. A new version of the rules with a higher load limit "
                "lets the draw proceed. %(detail)s"
            )
            % {"detail": error},
        ) from error
    except lots.LotsError as error:
        raise InvalidInput("seed", str(error)) from error
    current.seed = checked.value
    current.seed_kind = checked.kind
    current.seed_count = checked.count
    current.seed_source = checked.source
    current.record = lots.record_to_json(record)
    current.record_sha256 = record.record_sha256
    _save(current, DRAW.transition("run").target)
    audit.record(
        actor=actor,
        action=AuditAction.DRAW_RUN,
        target=current,
        after={"seed": current.seed, "seed_kind": current.seed_kind, "record_sha256": current.record_sha256},
        note=current.seed_source,
    )
    return current


@transaction.atomic
def draw_request(
    *,
    actor: User,
    draw: Draw,
    kind: str,
    under_review: State,
    slot: str,
    seed: str,
    seed_kind: str,
    seed_source: str = "",
    seed_count: int | None = None,
    by: State | None = None,
    expected_version: int,
) -> DrawRequest:
    """Record a redraw asked by the State under review, or a drawn reviewer declining, and redraw that slot."""
    require(is_secretariat(actor), _(ONLY_SECRETARIAT))
    if kind not in DrawRequest.Kind.values:
        raise InvalidInput(
            "kind",
            _("'%(value)s' is not one of %(choices)s") % {"value": kind, "choices": ", ".join(DrawRequest.Kind.values)},
        )
    checked = _seed(seed_kind, seed, seed_count, seed_source)
    current = _locked(draw, expected_version)
    _step(current, "redraw", actor)
    if current.kind != Draw.Kind.REVIEWERS:
        raise InvalidInput("kind", _("only a draw of reviewing States has redraws"))
    record = lots.record_from_json(current.record)
    assert isinstance(record, lots.DrawRecord)
    if under_review.code not in record.draw_input.under_review:
        raise InvalidInput("under_review", _("%(state)s is not under review in this draw") % {"state": under_review})
    before = {a.reviewer for a in record.assignments if a.under_review == under_review.code and a.slot == slot}
    # A redraw is asked by the State under review; a decline comes from the drawn reviewer itself.
    if kind == DrawRequest.Kind.REDRAW:
        requester = {"requested_by": under_review.code}
    elif by is None:
        raise InvalidInput("by", _("name the drawn reviewer that declines"))
    else:
        requester = {"declined_by": by.code}
    try:
        new = lots.redraw(
            record,
            under_review=under_review.code,
            slot=slot,
            seed=checked.value,
            at=lots.canonical_time(timezone.now().isoformat(timespec="seconds")),
            **requester,
        )
    except (lots.RedrawRefused, lots.InfeasibleDraw) as error:
        raise InvalidInput("slot", str(error)) from error
    except lots.LotsError as error:
        raise InvalidInput("seed", str(error)) from error
    entry = new.redraws[-1]
    refused = State.objects.get(code=entry.refused)
    replacement_codes = {a.reviewer for a in entry.replacement}
    replacement = State.objects.filter(code__in=replacement_codes).order_by("code").first()
    request = DrawRequest.objects.create(
        draw=current,
        kind=kind,
        under_review=under_review,
        slot=slot,
        refused_reviewer=refused,
        replacement=replacement,
        seed=checked.value,
        seed_kind=checked.kind,
        seed_count=checked.count,
        seed_source=checked.source,
        recorded_by=actor,
    )
    current.record = lots.record_to_json(new)
    current.record_sha256 = new.record_sha256
    _save(current)
    audit.record(
        actor=actor,
        action=AuditAction.DRAW_REDRAW if kind == DrawRequest.Kind.REDRAW else AuditAction.DRAW_DECLINE,
        target=current,
        before={"reviewers": sorted(before)},
        after={
            "reviewers": sorted(replacement_codes),
            "refused": refused.code,
            "by": by.code if by is not None else under_review.code,
            "record_sha256": new.record_sha256,
        },
    )
    return request


@transaction.atomic
def draw_confirm(*, actor: User, draw: Draw, expected_version: int) -> Draw:
    """Make the provisional result final: year groups get their States, reviews get their reviewing States."""
    require(is_secretariat(actor), _(ONLY_SECRETARIAT))
    current = _locked(draw, expected_version)
    _step(current, "confirm", actor)
    verification = lots.verify_record(current.record)
    if not verification.ok:
        raise InvalidInput(
            "record",
            _("the stored record does not verify: %(problems)s") % {"problems": "; ".join(verification.problems)},
        )
    record = lots.record_from_json(current.record)
    states = {state.code: state for state in parties()}
    if isinstance(record, lots.YearGroupRecord):
        groups = {group.number: group for group in current.cycle.year_groups.all()}
        for number, codes in enumerate(record.year_groups, start=1):
            groups[number].states.set([states[code] for code in codes])
            CountryReview.objects.bulk_create(
                [CountryReview(cycle=current.cycle, state=states[code], year_group=groups[number]) for code in codes],
                ignore_conflicts=True,
            )
    else:
        instruments = {instrument.code: instrument for instrument in Instrument.objects.all()}
        reviews = {
            review.state.code: review
            for review in CountryReview.objects.filter(cycle=current.cycle).select_related("state")
        }
        for code in record.draw_input.under_review:
            if code not in reviews:
                reviews[code] = CountryReview.objects.create(
                    cycle=current.cycle, state=states[code], year_group=current.year_group
                )
        ReviewerAssignment.objects.bulk_create(
            ReviewerAssignment(
                review=reviews[a.under_review],
                instrument=instruments[a.instrument],
                reviewer=states[a.reviewer],
                slot=a.slot,
                draw=current,
            )
            for a in record.assignments
        )
    current.confirmed_at = timezone.now()
    _save(current, DRAW.transition("confirm").target)
    audit.record(
        actor=actor, action=AuditAction.DRAW_CONFIRM, target=current, after={"record_sha256": current.record_sha256}
    )
    return current


@transaction.atomic
def draw_cancel(*, actor: User, draw: Draw, reason: str, expected_version: int) -> Draw:
    """Abandon a draw that is not confirmed; it stays public with its seed, result and the reason."""
    require(is_secretariat(actor), _(ONLY_SECRETARIAT))
    reason = reason.strip()
    if not reason:
        raise InvalidInput("reason", _("say why the draw is cancelled: the reason is published with the attempt"))
    if len(reason) > CANCEL_REASON_MAX:
        raise InvalidInput("reason", _("at most %(max)s characters") % {"max": CANCEL_REASON_MAX})
    current = _locked(draw, expected_version)
    _step(current, "cancel", actor)
    current.cancel_reason = reason
    current.cancelled_at = timezone.now()
    _save(current, DRAW.transition("cancel").target)
    audit.record(
        actor=actor, action=AuditAction.DRAW_CANCEL, target=current, after={"attempt": current.attempt}, note=reason
    )
    return current
