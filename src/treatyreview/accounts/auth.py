"""API authentication: the browser's session, or a bearer token for scripts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from treatyreview.accounts.models import ApiToken

LAST_USED_PRECISION = dt.timedelta(minutes=1)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = (
            ApiToken.objects.select_related("user")
            .filter(digest=ApiToken.digest_of(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if found is None:
            return None
        now = timezone.now()
        # When the token was last used, to the minute: not a write on every call of a busy script.
        if found.last_used_at is None or now - found.last_used_at > LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


# The token first: a script's call with a token needs no CSRF token (a browser cannot be made to send an
# Authorization header to another site), while django-ninja's session check refuses any unsafe call without one
# before a later method is tried. A call without a token falls to the session, CSRF check included.
session_or_token = [TokenAuth(), SessionAuth()]
