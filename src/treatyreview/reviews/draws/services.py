"""The draw session: prepare from the registry, publish the commitment, draw with the seed, redraw, confirm.

Every step is a service (permission, one transaction, an audit event). The arithmetic is in
`treatyreview.mechanism.lots`; this module only stores its inputs and records.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from treatyreview.accounts.permissions import is_secretariat
from treatyreview.audit import services as audit
from treatyreview.errors import Conflict, InvalidInput, require
from treatyreview.mechanism import lots
from treatyreview.registry.models import Instrument, State
from treatyreview.reviews.cycles.services import ONLY_SECRETARIAT
from treatyreview.reviews.draws.inputs import draw_input_build, parties
from treatyreview.reviews.models import (
    CountryReview,
    Cycle,
    Draw,
    DrawRequest,
    ReviewerAssignment,
    YearGroup,
)


def _open_draws(cycle: Cycle, kind: str, year_group: YearGroup | None) -> bool:
    return (
        Draw.objects.filter(cycle=cycle, kind=kind, year_group=year_group)
        .exclude(status__in=[Draw.Status.CONFIRMED, Draw.Status.CANCELLED])
        .exists()
    )


@transaction.atomic
def draw_prepare(*, actor: Any, cycle: Cycle, kind: str, year_group: YearGroup | None = None) -> Draw:
    """Freeze the input of a draw from the registry and compute the commitment to it (not yet published)."""
    require(is_secretariat(actor), _(ONLY_SECRETARIAT))
    if kind not in Draw.Kind.values:
        raise InvalidInput(
            "kind", _("'%(value)s' is not one of %(choices)s") % {"value": kind, "choices": ", ".join(Draw.Kind.values)}
        )
    if _open_draws(cycle, kind, year_group):
        raise InvalidInput(
            "kind", _("a draw of this kind is already in preparation for this cycle; finish or cancel it")
        )
    if kind == Draw.Kind.YEAR_GROUPS:
        if YearGroup.objects.filter(cycle=cycle, states__isnull=False).exists():
            raise InvalidInput("kind", _("the year groups of this cycle have already been drawn"))
        data = draw_input_build(rules=cycle.rules.values, under_review=[], cycle=None)
        data.pop("under_review")
        data.pop("existing")
        data.pop("exclusions")
        draw_input = lots.parse_input(data, reviewers=False)
    else:
        if year_group is None or year_group.cycle_id != cycle.pk:
            raise InvalidInput("year_group", _("choose a year group of this cycle"))
        members = list(year_group.states.values_list("code", flat=True))
        if not members:
            raise InvalidInput("year_group", _("draw the year groups first: this year group has no States yet"))
        if ReviewerAssignment.objects.filter(review__cycle=cycle, review__state__code__in=members).exists():
            raise InvalidInput("year_group", _("reviewers of this year group have already been drawn and confirmed"))
        data = draw_input_build(rules=cycle.rules.values, under_review=members, cycle=cycle)
        try:
            draw_input = lots.parse_input(data)
        except lots.InputError as error:
            raise InvalidInput(error.path, error.detail) from error
    stored = lots.input_to_json(draw_input)
    draw = Draw.objects.create(
        cycle=cycle,
        year_group=year_group,
        kind=kind,
        input=stored,
        input_sha256=lots.commit_input(draw_input),
        created_by=actor,
    )
    audit.record(actor=actor, action="draw.prepare", target=draw, after={"input_sha256": draw.input_sha256})
    return draw


def _locked(draw: Draw, expected_version: int | None) -> Draw:
    current = Draw.objects.select_for_update().get(pk=draw.pk)
    if expected_version is not None and current.version != expected_version:
        raise Conflict(_("The draw was changed by someone else since this page was opened; reload it."))
    return current


def _require_status(draw: Draw, *allowed: str) -> None:
    if draw.status not in allowed:
        labels = ", ".join(str(Draw.Status(s).label) for s in allowed)
        raise InvalidInput(
            "status",
            _("the draw is %(status)s; this step needs it to be: %(allowed)s")
            % {"status": draw.get_status_display(), "allowed": labels},
        )


@transaction.atomic
def draw_commit(*, actor: Any, draw: Draw, expected_version: int | None = None) -> Draw:
    """Publish the SHA-256 of the input: from now on the input cannot change, and the seed can be chosen."""
    require(is_secretariat(actor), _(ONLY_SECRETARIAT))
    current = _locked(draw, expected_version)
    _require_status(current, Draw.Status.PREPARED)
    current.status = Draw.Status.COMMITTED
    current.committed_at = timezone.now()
    current.version += 1
    current.save()
    audit.record(actor=actor, action="draw.commit", target=current, after={"input_sha256": current.input_sha256})
    return current


def _parsed_input(draw: Draw) -> lots.DrawInput:
    return lots.parse_input(draw.input, reviewers=draw.kind == Draw.Kind.REVIEWERS)


@transaction.atomic
def draw_run(*, actor: Any, draw: Draw, seed: str, seed_source: str, expected_version: int | None = None) -> Draw:
    """Draw with the seed chosen after the commitment; the result is provisional until confirmed."""
    require(is_secretariat(actor), _(ONLY_SECRETARIAT))
    if not seed.strip():
        raise InvalidInput("seed", _("enter the seed (e.g. the dice rolled in the session, digit by digit)"))
    if not seed_source.strip():
        raise InvalidInput("seed_source", _("say where the seed comes from (e.g. 'ten dice rolled by the Chair')"))
    current = _locked(draw, expected_version)
    _require_status(current, Draw.Status.COMMITTED)
    draw_input = _parsed_input(current)
    try:
        if current.kind == Draw.Kind.YEAR_GROUPS:
            record: lots.DrawRecord | lots.YearGroupRecord = lots.draw_year_groups(
                draw_input, current.cycle.rules.values["year_groups"], seed.strip()
            )
        else:
            record = lots.draw_reviewers(draw_input, seed.strip())
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
    current.seed = seed.strip()
    current.seed_source = seed_source.strip()
    current.record = lots.record_to_json(record)
    current.record_sha256 = record.record_sha256
    current.status = Draw.Status.PROVISIONAL
    current.version += 1
    current.save()
    audit.record(
        actor=actor,
        action="draw.run",
        target=current,
        after={"seed": current.seed, "record_sha256": current.record_sha256},
        note=current.seed_source,
    )
    return current


@transaction.atomic
def draw_request(
    *,
    actor: Any,
    draw: Draw,
    kind: str,
    under_review: State,
    slot: str,
    seed: str,
    by: State | None = None,
    expected_version: int | None = None,
) -> DrawRequest:
    """Record a redraw asked by the State under review, or a drawn reviewer declining, and redraw that slot."""
    require(is_secretariat(actor), _(ONLY_SECRETARIAT))
    if kind not in DrawRequest.Kind.values:
        raise InvalidInput(
            "kind",
            _("'%(value)s' is not one of %(choices)s") % {"value": kind, "choices": ", ".join(DrawRequest.Kind.values)},
        )
    if not seed.strip():
        raise InvalidInput("seed", _("a redraw needs a new seed, rolled in the session after the request"))
    current = _locked(draw, expected_version)
    _require_status(current, Draw.Status.PROVISIONAL)
    if current.kind != Draw.Kind.REVIEWERS:
        raise InvalidInput("kind", _("only a draw of reviewing States has redraws"))
    record = lots.record_from_json(current.record)
    assert isinstance(record, lots.DrawRecord)
    before = {a.reviewer for a in record.assignments if a.under_review == under_review.code and a.slot == slot}
    refusing = by.code if by is not None else ""
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
            seed=seed.strip(),
            at=timezone.now().isoformat(timespec="seconds"),
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
        seed=seed.strip(),
        recorded_by=actor,
    )
    current.record = lots.record_to_json(new)
    current.record_sha256 = new.record_sha256
    current.version += 1
    current.save()
    audit.record(
        actor=actor,
        action=f"draw.{kind}",
        target=current,
        before={"reviewers": sorted(before)},
        after={
            "reviewers": sorted(replacement_codes),
            "refused": refused.code,
            "by": refusing or under_review.code,
            "record_sha256": new.record_sha256,
        },
    )
    return request


@transaction.atomic
def draw_confirm(*, actor: Any, draw: Draw, expected_version: int | None = None) -> Draw:
    """Make the provisional result final: year groups get their States, reviews get their reviewing States."""
    require(is_secretariat(actor), _(ONLY_SECRETARIAT))
    current = _locked(draw, expected_version)
    _require_status(current, Draw.Status.PROVISIONAL)
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
    current.status = Draw.Status.CONFIRMED
    current.confirmed_at = timezone.now()
    current.version += 1
    current.save()
    audit.record(actor=actor, action="draw.confirm", target=current, after={"record_sha256": current.record_sha256})
    return current


@transaction.atomic
def draw_cancel(*, actor: Any, draw: Draw, reason: str, expected_version: int | None = None) -> Draw:
    """Abandon a draw that is not confirmed; it stays on record with its reason."""
    require(is_secretariat(actor), _(ONLY_SECRETARIAT))
    if not reason.strip():
        raise InvalidInput("reason", _("say why the draw is cancelled"))
    current = _locked(draw, expected_version)
    _require_status(current, Draw.Status.PREPARED, Draw.Status.COMMITTED, Draw.Status.PROVISIONAL)
    current.status = Draw.Status.CANCELLED
    current.version += 1
    current.save()
    audit.record(actor=actor, action="draw.cancel", target=current, note=reason.strip())
    return current
