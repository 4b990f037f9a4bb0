"""Opening a review cycle and recording who cannot review in it and which pairs are never matched."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from treatyreview.accounts.models import User
from treatyreview.accounts.permissions import is_secretariat
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.errors import InvalidInput, require, require_version
from treatyreview.mechanism.rules import START_YEARS
from treatyreview.registry.models import State
from treatyreview.reviews.cycles.models import (
    PHASE_MONTHS,
    CountryReview,
    Cycle,
    ExcludedPair,
    Unavailability,
    YearGroup,
)
from treatyreview.reviews.phases.choices import InstrumentsReview
from treatyreview.reviews.rules.models import MechanismRules
from treatyreview.reviews.rules.selectors import rules_current

# Marked for translation here, translated when raised (in the language of the request).
ONLY_SECRETARIAT = gettext_noop("Only the secretariat runs the drawing of lots.")
NOTE_MAX = 500
NAME_MAX = 100


@transaction.atomic
def cycle_create(
    *, actor: User, name: str, rules: MechanismRules | None = None, start_years: Sequence[int] | None = None
) -> Cycle:
    """Open a review cycle under a version of the rules (the current one by default), with its year groups
    (empty until drawn) starting in `start_years` (the rules record's by default), and the work plan the rules
    record gives."""
    require(is_secretariat(actor), _("Only the secretariat opens a review cycle."))
    if not name.strip():
        raise InvalidInput("name", _("give the cycle a name (e.g. 'First cycle 2020-2028')"))
    if len(name.strip()) > NAME_MAX:
        raise InvalidInput("name", _("at most %(max)s characters") % {"max": NAME_MAX})
    if Cycle.objects.filter(name=name.strip()).exists():
        raise InvalidInput("name", _("a cycle named '%(name)s' already exists") % {"name": name.strip()})
    rules = rules or rules_current()
    if rules is None:
        raise InvalidInput("rules", _("no rules record exists yet"))
    values = rules.rules()
    years = _start_years(values.year_groups, values.year_group_start_years if start_years is None else start_years)
    cycle = Cycle.objects.create(
        name=name.strip(),
        rules=rules,
        cluster_order=list(values.cluster_order),
        phase_months=values.phase_duration_months,
        instruments_review=values.instruments_review,
    )
    for number, year in enumerate(years, start=1):
        YearGroup.objects.create(cycle=cycle, number=number, start_year=year)
    audit.record(
        actor=actor,
        action=AuditAction.CYCLE_CREATE,
        target=cycle,
        after={"rules": str(rules), "start_years": list(years), **_work_plan(cycle)},
    )
    return cycle


def _start_years(groups: int, years: Sequence[int]) -> list[int]:
    years = list(years)
    if len(years) != groups:
        raise InvalidInput(
            "start_years", _("give one start year for each of the %(count)s year groups") % {"count": groups}
        )
    low, high = START_YEARS
    for year in years:
        if isinstance(year, bool) or not isinstance(year, int) or not low <= year <= high:
            raise InvalidInput(
                "start_years",
                _("'%(year)s' is not a start year between %(low)s and %(high)s")
                % {"year": year, "low": low, "high": high},
            )
    if any(a >= b for a, b in itertools.pairwise(years)):
        raise InvalidInput("start_years", _("each year group starts after the one before it"))
    return years


def _work_plan(cycle: Cycle) -> dict[str, object]:
    return {
        "cluster_order": list(cycle.cluster_order),
        "phase_months": cycle.phase_months,
        "instruments_review": cycle.instruments_review,
        "start_years": list(cycle.year_groups.order_by("number").values_list("start_year", flat=True)),
    }


@transaction.atomic
def cycle_work_plan_set(
    *,
    actor: User,
    cycle: Cycle,
    cluster_order: Sequence[int],
    phase_months: int,
    instruments_review: str,
    start_years: Sequence[int],
    expected_version: int | None,
) -> Cycle:
    """Set a cycle's work plan: the clusters in review order, the length of a phase, the instruments together or
    in turn, and the start year of each year group. Fixed once a year group is launched."""
    require(is_secretariat(actor), _("Only the secretariat sets the work plan of a cycle."))
    current = Cycle.objects.select_for_update().select_related("rules").get(pk=cycle.pk)
    require_version(current.version, expected_version)
    launched = YearGroup.objects.filter(cycle=current, reviews__phases__isnull=False).order_by("number").first()
    if launched is not None:
        raise InvalidInput(
            "cluster_order",
            _("year group %(number)s is launched: the work plan of the cycle can no longer change")
            % {"number": launched.number},
        )
    values = current.rules.rules()
    order = list(cluster_order)
    if sorted(order) != list(range(1, values.phases_per_review + 1)) or any(isinstance(c, bool) for c in order):
        raise InvalidInput(
            "cluster_order",
            _("list each cluster from 1 to %(count)s once, in the order they are reviewed (e.g. 1, 4, 2, 3)")
            % {"count": values.phases_per_review},
        )
    low, high = PHASE_MONTHS
    if isinstance(phase_months, bool) or not isinstance(phase_months, int) or not low <= phase_months <= high:
        raise InvalidInput(
            "phase_months", _("a phase lasts between %(low)s and %(high)s months") % {"low": low, "high": high}
        )
    if instruments_review not in InstrumentsReview.values:
        raise InvalidInput(
            "instruments_review",
            _("'%(value)s' is not one of %(choices)s")
            % {"value": instruments_review, "choices": ", ".join(InstrumentsReview.values)},
        )
    groups = list(current.year_groups.order_by("number"))
    years = _start_years(len(groups), start_years)
    before = _work_plan(current)
    current.cluster_order = order
    current.phase_months = phase_months
    current.instruments_review = instruments_review
    current.version += 1
    current.full_clean()
    current.save(update_fields=["cluster_order", "phase_months", "instruments_review", "version"])
    for group, year in zip(groups, years, strict=True):
        if group.start_year != year:
            group.start_year = year
            group.save(update_fields=["start_year"])
    audit.record(
        actor=actor, action=AuditAction.CYCLE_WORK_PLAN, target=current, before=before, after=_work_plan(current)
    )
    return current


@transaction.atomic
def unavailability_record(*, actor: User, cycle: Cycle, state: State, reason: str, note: str = "") -> Unavailability:
    """Record that a State cannot serve as reviewing State in this cycle (opted out or deferred)."""
    require(is_secretariat(actor), _(ONLY_SECRETARIAT))
    if reason not in Unavailability.Reason.values:
        raise InvalidInput(
            "reason",
            _("'%(value)s' is not one of %(choices)s")
            % {"value": reason, "choices": ", ".join(Unavailability.Reason.values)},
        )
    if reason == Unavailability.Reason.OPTED_OUT and CountryReview.objects.filter(cycle=cycle, state=state).exists():
        raise InvalidInput(
            "reason",
            _(
                "%(state)s has a review in this cycle: record its opt-out on the review's page, with the note "
                "verbale, so that it is neither reviewed nor drawn"
            )
            % {"state": state},
        )
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise InvalidInput("note", _("at most %(max)s characters") % {"max": NOTE_MAX})
    found = Unavailability.objects.select_for_update().filter(cycle=cycle, state=state).first()
    before = {"reason": found.reason, "note": found.note} if found else None
    if found is None:
        found = Unavailability(cycle=cycle, state=state)
    found.reason = reason
    # Recording the State again without a note keeps the note recorded earlier; a new note replaces it
    # (the audit event keeps the earlier one).
    if note:
        found.note = note
    found.full_clean()
    found.save()
    audit.record(
        actor=actor,
        action=AuditAction.CYCLE_UNAVAILABILITY,
        target=found,
        before=before,
        after={"state": state.code, "reason": reason, "note": found.note},
    )
    return found


@transaction.atomic
def excluded_pair_add(*, actor: User, cycle: Cycle, first: State, second: State, reason: str) -> ExcludedPair:
    """Two States never matched in this cycle, either way round."""
    require(is_secretariat(actor), _(ONLY_SECRETARIAT))
    if first == second:
        raise InvalidInput("second", _("a State cannot be excluded from reviewing itself: that is always excluded"))
    if not reason.strip():
        raise InvalidInput("reason", _("say why the pair is excluded"))
    first, second = sorted([first, second], key=lambda s: s.code)
    pair, _created = ExcludedPair.objects.get_or_create(
        cycle=cycle, first=first, second=second, defaults={"reason": reason.strip()}
    )
    audit.record(
        actor=actor, action=AuditAction.CYCLE_EXCLUDE_PAIR, target=pair, after={"pair": [first.code, second.code]}
    )
    return pair
