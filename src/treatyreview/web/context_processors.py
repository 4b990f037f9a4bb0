"""Values every page needs: the reading direction and the signed-in user's roles."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language_bidi

from treatyreview.accounts.permissions import active_grants, is_secretariat
from treatyreview.budget.permissions import can_view_budget


def platform(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    signed_in = bool(user.is_authenticated)
    return {
        "rtl": get_language_bidi(),
        "is_secretariat": signed_in and is_secretariat(user),
        "can_view_budget": signed_in and can_view_budget(user),
        # Shown in the top bar and on the home page; read only when a template asks for it.
        "role_grants": SimpleLazyObject(lambda: sorted(active_grants(user), key=lambda grant: grant.role)),
    }
