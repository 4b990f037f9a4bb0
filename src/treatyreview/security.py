"""What the platform refuses to start with: no secret key of its own while DEBUG is off."""

from __future__ import annotations

from django.conf import settings


def startup_problem() -> str | None:
    """The reason not to serve requests with these settings, or None.

    Signed cookies (sessions, CSRF, password-reset links) are only as secret as SECRET_KEY: the fallback key
    is printed in the source, so anyone could forge them.
    """
    if not settings.DEBUG and settings.SECRET_KEY == settings.DEMO_SECRET_KEY:
        return (
            "refusing to start: DEBUG is off and no secret key is set. Set DJANGO_SECRET_KEY (a long random "
            "string, e.g. from `python -c 'import secrets; print(secrets.token_urlsafe(50))'`) or "
            "DJANGO_SECRET_KEY_FILE (a file holding it); the built-in key is public."
        )
    return None
