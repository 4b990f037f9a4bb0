"""Who may see and change costing scenarios: the secretariat changes them; the secretariat and delegates see them."""

from __future__ import annotations

from treatyreview.accounts.models import Role
from treatyreview.accounts.permissions import Visitor, is_secretariat, roles_of


def can_view_budget(user: Visitor) -> bool:
    return bool(roles_of(user) & {Role.SECRETARIAT, Role.DELEGATE})


def can_edit_budget(user: Visitor) -> bool:
    return is_secretariat(user)
