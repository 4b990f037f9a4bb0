"""Changes to costing scenarios: create one (from a preset or a file) and save a new version of its inputs."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from treatyreview.accounts.models import User
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.budget import selectors
from treatyreview.budget.labels import scenario_error_message
from treatyreview.budget.models import NAME_LENGTH, REASON_LENGTH, Estimate, Scenario, ScenarioVersion
from treatyreview.budget.permissions import can_edit_budget
from treatyreview.errors import InvalidInput, require, require_version
from treatyreview.mechanism import costs
from treatyreview.registry.names import un_language


def _checked(data: Any) -> dict[str, Any]:
    """The data as the model reads it, or InvalidInput naming the key path and what is wrong."""
    try:
        scenario = costs.scenario_from_dict(data)
    except costs.ScenarioError as error:
        raise InvalidInput(error.path, scenario_error_message(error)) from error
    return costs.scenario_to_dict(scenario)


def _name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > NAME_LENGTH:
        raise InvalidInput(
            "name", _("give the scenario a name of at most %(limit)s characters") % {"limit": NAME_LENGTH})
    return name


def _save_version(scenario: Scenario, actor: User | None, reason: str) -> ScenarioVersion:
    version = ScenarioVersion.objects.create(
        scenario=scenario, version=scenario.version, data=scenario.data, reason=reason, created_by=actor
    )
    members = selectors.membership()
    result = costs.estimate(costs.scenario_from_dict(scenario.data), members)
    Estimate.objects.create(
        scenario_version=version,
        result=costs.estimate_to_dict(result),
        total=result.total.quantize(Decimal("0.01")),
        currency=result.currency,
        parties=len(members.parties),
    )
    return version


@transaction.atomic
def scenario_create(
    *, actor: User | None, name: str, data: dict[str, Any] | None = None, preset: str = "", reason: str = "",
    language: str = "",
) -> Scenario:
    """A new scenario from a shipped preset or from scenario data (a file); `actor=None` only for the demo.

    `language` is the language its name is written in (the interface language of the person who names it).
    """
    if actor is not None:
        require(can_edit_budget(actor), _("Only the secretariat creates costing scenarios."))
    name = _name(name)
    if data is None:
        if preset not in costs.PRESET_NAMES:
            raise InvalidInput("preset", _("choose one of the shipped scenarios"))
        data = costs.preset_data(preset)
        data["description"] = ""  # the shipped description is English; the page names the preset instead
    data = {**data, "name": name} if isinstance(data, dict) else data
    checked = _checked(data)
    if Scenario.objects.filter(name=name).exists():
        raise InvalidInput("name", _("a scenario of this name exists already; choose another name"))
    scenario = Scenario.objects.create(
        name=name, description=checked.get("description", ""), preset=preset, data=checked, created_by=actor,
        language=language or un_language(),
    )
    _save_version(scenario, actor, reason[:REASON_LENGTH] or _("created"))
    audit.record(actor=actor, action=AuditAction.BUDGET_SCENARIO_CREATE, target=scenario, after={"preset": preset})
    return scenario


@transaction.atomic
def scenario_update(
    *, actor: User, scenario: Scenario, data: dict[str, Any], reason: str, expected_version: int | None
) -> Scenario:
    """Save a new version of the scenario's inputs; a version saved by someone else since it was read is a conflict."""
    require(can_edit_budget(actor), _("Only the secretariat changes costing scenarios."))
    reason = (reason or "").strip()
    if not reason or len(reason) > REASON_LENGTH:
        raise InvalidInput("reason", _("say in at most %(limit)s characters why the inputs change")
                           % {"limit": REASON_LENGTH})
    current = Scenario.objects.select_for_update().get(pk=scenario.pk)
    require_version(current.version, expected_version)
    checked = _checked({**data, "name": current.name} if isinstance(data, dict) else data)
    if checked == current.data:
        raise InvalidInput("", _("nothing to save: the inputs are the same as in version %(version)s")
                           % {"version": current.version})
    before = current.data
    current.data = checked
    current.description = checked.get("description", "")
    current.version += 1
    current.save()
    _save_version(current, actor, reason)
    changed = sorted(_changed_paths(before, checked))
    audit.record(actor=actor, action=AuditAction.BUDGET_SCENARIO_UPDATE, target=current,
                 before={"version": current.version - 1}, after={"version": current.version, "changed": changed},
                 note=reason)
    return current


def _changed_paths(before: Any, after: Any, prefix: str = "") -> set[str]:
    if isinstance(before, dict) and isinstance(after, dict):
        paths: set[str] = set()
        for key in set(before) | set(after):
            paths |= _changed_paths(before.get(key), after.get(key), f"{prefix}.{key}" if prefix else str(key))
        return paths
    return set() if before == after else {prefix}


