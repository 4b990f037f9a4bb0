"""The errors services raise: each names what is wrong and where, and the caller's change is rolled back."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


class InvalidInput(ValueError):
    """Bad input: `where` names the field (or file:line), `message` says what is wrong."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
        self.message = message


class Conflict(Exception):
    """Someone else changed the object since it was read; nothing was overwritten."""


def require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise PermissionDenied(message or _("You are not allowed to do this."))
