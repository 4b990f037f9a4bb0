"""Changes to the rules record: installing the presets and adding a new version."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from treatyreview.accounts.models import User
from treatyreview.accounts.permissions import can_edit_rules
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.errors import Conflict, InvalidInput, require
from treatyreview.mechanism.rules import PRESETS, RulesError, rules_from_dict
from treatyreview.reviews.models import MechanismRules


@transaction.atomic
def rules_presets_install() -> list[MechanismRules]:
    """Create version 1 of each preset that has no version yet; later versions are left alone."""
    installed = []
    for preset in PRESETS.values():
        if MechanismRules.objects.filter(preset=preset.name).exists():
            continue
        record = MechanismRules.objects.create(
            preset=preset.name,
            version=1,
            title=preset.title,
            values=preset.values.as_dict(),
            sources=dict(preset.sources),
            reason="preset",
        )
        audit.record(actor=None, action=AuditAction.RULES_PRESET_INSTALL, target=record, after=record.values)
        installed.append(record)
    return installed


@transaction.atomic
def rules_version_create(
    *,
    actor: User,
    preset: str,
    values: dict[str, Any],
    reason: str,
    sources: dict[str, str] | None = None,
    expected_version: int,
) -> MechanismRules:
    """Add a new version of a preset's rules; the earlier versions stay as they were."""
    require(can_edit_rules(actor), _("Only the secretariat changes the rules."))
    if not reason.strip():
        raise InvalidInput("reason", _("say why the rules change (e.g. the decision of the Conference)"))
    try:
        checked = rules_from_dict(values)
    except RulesError as error:
        raise InvalidInput(error.field, error.message) from error
    # Lock the preset's versions so two editors cannot both create "the next" version.
    current = MechanismRules.objects.select_for_update().filter(preset=preset).order_by("-version").first()
    if current is None:
        raise InvalidInput("preset", _("unknown preset '%(preset)s'") % {"preset": preset})
    if current.version != expected_version:
        raise Conflict(current_version=current.version)
    latest = MechanismRules.objects.filter(preset=preset).aggregate(Max("version"))["version__max"] or 0
    merged_sources = {**current.sources, **(sources or {})}
    for name, value in checked.as_dict().items():
        if value != current.values.get(name) and not (sources or {}).get(name):
            merged_sources[name] = f"{reason.strip()} (version {latest + 1})"
    record = MechanismRules.objects.create(
        preset=preset,
        version=latest + 1,
        title=current.title,
        values=checked.as_dict(),
        sources=merged_sources,
        reason=reason.strip(),
        created_by=actor,
    )
    audit.record(
        actor=actor,
        action=AuditAction.RULES_VERSION_CREATE,
        target=record,
        before=current.values,
        after=record.values,
        note=reason.strip(),
    )
    return record
