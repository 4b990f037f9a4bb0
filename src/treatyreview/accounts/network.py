"""The client's address, as every limit and lockout counts it: the socket's peer, or the address the trusted
reverse proxies in front of the site recorded in X-Forwarded-For (TREATYREVIEW_TRUSTED_PROXIES of them)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    proxies = settings.TREATYREVIEW_TRUSTED_PROXIES
    # Empty when unknown (a request made inside the server): stored as no address, never as a made-up one.
    remote = str(request.META.get("REMOTE_ADDR", "") or "")
    if proxies <= 0:
        return remote
    # Each proxy appends the address it received the request from; the client can write anything before those.
    chain = [part.strip() for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if part.strip()]
    if len(chain) < proxies:
        return remote
    return chain[-proxies][:100]
