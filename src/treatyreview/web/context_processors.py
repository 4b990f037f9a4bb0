"""Values every page needs: the reading direction and the signed-in user's roles."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language_bidi

from treatyreview.accounts.permissions import is_secretariat


def platform(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    return {
        "rtl": get_language_bidi(),
        "is_secretariat": bool(user.is_authenticated and is_secretariat(user)),
    }
