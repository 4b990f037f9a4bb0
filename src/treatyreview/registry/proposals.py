"""A focal point proposes its State's governmental experts and observers; the secretariat confirms each against
the note verbale that nominates them, or declines it. Every step is audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from treatyreview.accounts.models import Nomination, Role, User
from treatyreview.accounts.permissions import can_propose_experts, is_secretariat
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.errors import InvalidInput, require, require_version
from treatyreview.registry.models import GovernmentalExpert, State

NAME_MAX = 200
EXPERTISE_MAX = 300
REF_MAX = 100
NOTE_MAX = 500
LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")


def _text(where: str, value: Any, limit: int, *, required: bool = True) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise InvalidInput(where, _("this is required"))
    if len(text) > limit:
        raise InvalidInput(where, _("at most %(max)s characters") % {"max": limit})
    if any(ord(character) < 32 for character in text):
        raise InvalidInput(where, _("contains a control character; remove it and save again"))
    return text


@transaction.atomic
def expert_propose(
    *,
    actor: User,
    state: State,
    full_name: str,
    expertise: str,
    languages: list[str],
    affiliation: str = GovernmentalExpert.Affiliation.GOVERNMENT,
    kind: str = GovernmentalExpert.Kind.EXPERT,
    email: str = "",
) -> GovernmentalExpert:
    """The focal point proposes a governmental expert or an observer (academia allowed, seed para 13)."""
    require(can_propose_experts(actor, state), _("Only the State's focal point proposes its experts and observers."))
    if kind not in GovernmentalExpert.Kind.values:
        raise InvalidInput("kind", _("choose expert or observer"))
    if affiliation not in GovernmentalExpert.Affiliation.values:
        raise InvalidInput("affiliation", _("choose government, academia or other"))
    unknown = sorted(set(languages) - set(LANGUAGES))
    if unknown or not languages:
        raise InvalidInput("languages", _("choose at least one of the six languages of the mechanism"))
    name = _text("full_name", full_name, NAME_MAX)
    if GovernmentalExpert.objects.filter(state=state, full_name__iexact=name).exclude(
        status=GovernmentalExpert.Status.DECLINED
    ).exists():
        raise InvalidInput("full_name", _("%(name)s is already on the list or proposed") % {"name": name})
    expert = GovernmentalExpert(
        state=state,
        full_name=name,
        expertise=_text("expertise", expertise, EXPERTISE_MAX),
        languages=[code for code in LANGUAGES if code in languages],
        affiliation=affiliation,
        kind=kind,
        email=email.strip(),
        status=GovernmentalExpert.Status.PROPOSED,
        active=False,
        proposed_by=actor,
        proposed_at=timezone.now(),
    )
    expert.full_clean()
    expert.save()
    audit.record(actor=actor, action=AuditAction.EXPERT_PROPOSE, target=expert,
                 after={"state": state.code, "full_name": name, "kind": kind, "affiliation": affiliation})
    return expert


def _proposal(expert: GovernmentalExpert, expected_version: int | None) -> GovernmentalExpert:
    current = GovernmentalExpert.objects.select_for_update().select_related("state").get(pk=expert.pk)
    require_version(current.version, expected_version)
    if current.status != GovernmentalExpert.Status.PROPOSED:
        raise InvalidInput(
            "status",
            _("%(name)s is no longer a proposal: %(status)s") % {"name": current.full_name,
                                                                  "status": current.get_status_display()},
        )
    return current


@transaction.atomic
def expert_confirm(
    *, actor: User, expert: GovernmentalExpert, expected_version: int | None, note_verbale_ref: str,
    note_verbale_date: dt.date,
) -> GovernmentalExpert:
    """The secretariat confirms a proposal against the note verbale: the nomination is recorded with it."""
    require(is_secretariat(actor), _("Only the secretariat confirms a proposal against the note verbale."))
    current = _proposal(expert, expected_version)
    reference = _text("note_verbale_ref", note_verbale_ref, REF_MAX)
    if not isinstance(note_verbale_date, dt.date) or note_verbale_date > timezone.localdate():
        raise InvalidInput("note_verbale_date", _("give the date of the note verbale (not in the future)"))
    if note_verbale_date < dt.date(2000, 1, 1):
        raise InvalidInput("note_verbale_date", _("give the date of the note verbale"))
    nomination = Nomination.objects.create(
        state=current.state,
        role=Role.OBSERVER if current.kind == GovernmentalExpert.Kind.OBSERVER else Role.EXPERT,
        note_verbale_ref=reference,
        note_verbale_date=note_verbale_date,
        person_name=current.full_name,
        email=current.email,
        recorded_by=actor,
    )
    current.nomination = nomination
    current.status = GovernmentalExpert.Status.CONFIRMED
    current.active = True
    current.decided_by = actor
    current.decided_at = timezone.now()
    current.version += 1
    current.save()
    audit.record(actor=actor, action=AuditAction.EXPERT_CONFIRM, target=current,
                 after={"note_verbale_ref": reference, "note_verbale_date": note_verbale_date})
    return current


@transaction.atomic
def expert_decline(
    *, actor: User, expert: GovernmentalExpert, expected_version: int | None, note: str
) -> GovernmentalExpert:
    """The secretariat declines a proposal (no note verbale came, or it names someone else); the reason is kept."""
    require(is_secretariat(actor), _("Only the secretariat declines a proposal."))
    current = _proposal(expert, expected_version)
    current.decision_note = _text("decision_note", note, NOTE_MAX)
    current.status = GovernmentalExpert.Status.DECLINED
    current.decided_by = actor
    current.decided_at = timezone.now()
    current.version += 1
    current.save()
    audit.record(actor=actor, action=AuditAction.EXPERT_DECLINE, target=current,
                 after={"note": current.decision_note})
    return current
