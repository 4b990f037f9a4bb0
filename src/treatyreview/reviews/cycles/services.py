"""Opening a review cycle and recording who cannot review in it and which pairs are never matched."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from treatyreview.accounts.models import User
from treatyreview.accounts.permissions import is_secretariat
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.errors import InvalidInput, require
from treatyreview.registry.models import State
from treatyreview.reviews.cycles.models import Cycle, ExcludedPair, Unavailability, YearGroup
from treatyreview.reviews.rules.models import MechanismRules
from treatyreview.reviews.rules.selectors import rules_current

# Marked for translation here, translated when raised (in the language of the request).
ONLY_SECRETARIAT = gettext_noop("Only the secretariat runs the drawing of lots.")
NOTE_MAX = 500


@transaction.atomic
def cycle_create(*, actor: User, name: str, rules: MechanismRules | None = None) -> Cycle:
    """Open a review cycle under the current rules, with its year groups (empty until drawn)."""
    require(is_secretariat(actor), _("Only the secretariat opens a review cycle."))
    if not name.strip():
        raise InvalidInput("name", _("give the cycle a name (e.g. 'First cycle 2020-2028')"))
    if Cycle.objects.filter(name=name.strip()).exists():
        raise InvalidInput("name", _("a cycle named '%(name)s' already exists") % {"name": name.strip()})
    rules = rules or rules_current()
    if rules is None:
        raise InvalidInput("rules", _("no rules record exists yet"))
    values = rules.rules()
    cycle = Cycle.objects.create(
        name=name.strip(),
        rules=rules,
        cluster_order=list(values.cluster_order),
        phase_months=values.phase_duration_months,
        instruments_review=values.instruments_review,
    )
    for number, year in enumerate(values.year_group_start_years, start=1):
        YearGroup.objects.create(cycle=cycle, number=number, start_year=year)
    audit.record(actor=actor, action=AuditAction.CYCLE_CREATE, target=cycle, after={"rules": str(rules)})
    return cycle


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
