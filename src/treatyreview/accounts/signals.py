"""Django's sign-in signals: refused sign-ins become audit events; a sign-in notes in the session that the second
step is due (for those who set up two-factor authentication)."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from treatyreview.accounts import services
from treatyreview.accounts.network import client_ip
from treatyreview.accounts.two_factor import SESSION_ENROLLED, has_second_factor


def _ip(request: HttpRequest | None) -> str:
    return client_ip(request) if request is not None else ""


@receiver(user_logged_in, dispatch_uid="treatyreview.accounts.signed_in")
def signed_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session") and has_second_factor(user):
        request.session[SESSION_ENROLLED] = True


@receiver(user_login_failed, dispatch_uid="treatyreview.accounts.sign_in_failed")
def sign_in_failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any) -> None:
    services.sign_in_failure_record(username=str(credentials.get("username", "")), ip=_ip(request))


@receiver(user_locked_out, dispatch_uid="treatyreview.accounts.locked_out")
def locked_out(sender: Any, request: HttpRequest, username: str | None = None, **kwargs: Any) -> None:
    services.sign_in_lockout_record(username=str(username or ""), ip=_ip(request))
