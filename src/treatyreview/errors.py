"""The one vocabulary of refusals: every service raises one of these, and pages and the API map each once.

- `InvalidInput`: bad input; names the field (or file:line) and what is wrong.
- `Conflict`: someone changed the object since it was read; carries the version now stored.
- `NotFound`: no such object, or none the user may see (never revealing which).
- `NotPermitted`: the user may not do this.
Whatever a service raised, its transaction is rolled back: a refusal changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from treatyreview.listing import joined
from treatyreview.mechanism.workflow import Machine, WorkflowRefusal


class ServiceError(Exception):
    """Any refusal by a service; `message` is a sentence for the person who asked."""

    message: str


class InvalidInput(ServiceError, ValueError):
    """Bad input: `where` names the field (or file:line), `message` says what is wrong.

    `problems` lists every problem found when there are several (a file import reports every bad row).
    """

    def __init__(self, where: str, message: str, problems: list[str] | None = None) -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
        self.message = message
        self.problems = problems or []


class Conflict(ServiceError):
    """Someone else changed the object since it was read; nothing was overwritten."""

    def __init__(self, message: str | None = None, *, current_version: int | None = None) -> None:
        self.message = message or _(
            "Someone else changed this record after you opened the form, so nothing was saved. "
            "Reload the page to see the current values, then make your change again."
        )
        self.current_version = current_version
        super().__init__(self.message)


class NotFound(ServiceError, Http404):
    """No such object, or one the user is not entitled to see: the two answers are the same."""

    def __init__(self, message: str | None = None) -> None:
        self.message = message or _("There is nothing at this address, or you do not have access to it.")
        super().__init__(self.message)


class NotPermitted(ServiceError, PermissionDenied):
    """The user may not do this; the message says who may."""

    def __init__(self, message: str | None = None) -> None:
        self.message = message or _("You are not allowed to do this.")
        super().__init__(self.message)


# Who the workflow table lets take a step, as a refusal names them.
ROLE_NAMES = {
    "secretariat": gettext_lazy("the secretariat"),
    "focal_point": gettext_lazy("the focal point of the State under review"),
    "expert": gettext_lazy("the governmental experts of the State under review"),
    "reviewer_focal_point": gettext_lazy("the focal points of the reviewing States"),
    "reviewer_expert": gettext_lazy("the governmental experts of the reviewing States"),
}


def require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise NotPermitted(message)


def require_version(current: int, expected: int | None, message: str | None = None) -> None:
    """Every versioned write names the version it read; a different stored version is a conflict."""
    if expected is None:
        raise InvalidInput("expected_version", _("the version of the record you read is missing; reload the page"))
    if current != expected:
        raise Conflict(message, current_version=current)


def require_step(
    machine: Machine,
    step: str,
    *,
    stage: str,
    roles: Iterable[str],
    stage_labels: Mapping[str, Any],
    step_labels: Mapping[str, Any],
    subject: str,
) -> None:
    """Ask the workflow table whether `step` may be taken; its refusal becomes a sentence in the reader's language."""
    try:
        machine.check(step, stage=stage, roles=roles)
    except WorkflowRefusal as refusal:
        raise workflow_error(refusal, stage_labels, step_labels, subject) from refusal


def workflow_error(
    refusal: WorkflowRefusal, stage_labels: Mapping[str, Any], step_labels: Mapping[str, Any], subject: str
) -> ServiceError:
    """The one place that turns a workflow table's refusal into words."""

    def stage(code: object) -> str:
        return str(stage_labels.get(str(code), code))

    step = str(step_labels.get(refusal.transition, refusal.transition))
    if refusal.code == "not_permitted":
        roles = refusal.params.get("roles", ("secretariat",))
        who = joined(ROLE_NAMES.get(str(role), role) for role in roles)  # type: ignore[attr-defined]
        return NotPermitted(_("Only %(who)s can do this: “%(step)s”.") % {"who": who, "step": step})
    if refusal.code == "wrong_stage":
        allowed = refusal.params.get("allowed", ())
        return InvalidInput(
            "status",
            _("“%(step)s” is possible only while %(subject)s is: %(allowed)s. It is now: %(stage)s.")
            % {
                "step": step,
                "subject": subject,
                "allowed": joined(stage(s) for s in allowed),  # type: ignore[attr-defined]
                "stage": stage(refusal.params.get("stage")),
            },
        )
    if refusal.code == "field_locked":
        fields = refusal.params.get("fields", ())
        return InvalidInput(
            str(next(iter(fields), "")),  # type: ignore[call-overload]
            _("this cannot be changed while %(subject)s is “%(stage)s”")
            % {"subject": subject, "stage": stage(refusal.params.get("stage"))},
        )
    return InvalidInput("step", _("unknown step “%(step)s”") % {"step": step})
