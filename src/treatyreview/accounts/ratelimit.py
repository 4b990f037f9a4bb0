"""Fixed-window rate limits counted in the database: several processes and hosts share one count, and nothing
is kept in memory between requests. The limits themselves are settings (TREATYREVIEW_RATE_LIMITS)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from treatyreview.accounts.models import RateLimitCounter
from treatyreview.accounts.network import client_ip


@dataclass(frozen=True)
class Limit:
    name: str
    methods: frozenset[str]
    prefix: str
    allowed: int
    seconds: int


@dataclass(frozen=True)
class Verdict:
    limit: Limit
    count: int
    retry_after: int

    @property
    def refused(self) -> bool:
        return self.count > self.limit.allowed


def configured_limits() -> list[Limit]:
    return [
        Limit(name, frozenset(methods), prefix, int(allowed), int(seconds))
        for name, (methods, prefix, allowed, seconds) in settings.TREATYREVIEW_RATE_LIMITS.items()
    ]


def limit_for(request: HttpRequest) -> Limit | None:
    if any(request.path.startswith(path) for path in settings.TREATYREVIEW_RATE_LIMIT_EXEMPT):
        return None
    for limit in configured_limits():
        if request.method in limit.methods and request.path.startswith(limit.prefix):
            return limit
    return None


def client_key(request: HttpRequest, limit: Limit) -> str:
    """API calls count per token or per signed-in user; pages count per client address."""
    if limit.name == "api":
        header = str(request.META.get("HTTP_AUTHORIZATION", ""))
        if header.lower().startswith("bearer "):
            return "token:" + hashlib.sha256(header[7:].strip().encode()).hexdigest()[:32]
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return f"user:{user.pk}"
    return "ip:" + client_ip(request)


def rate_limit_hit(*, name: str, client: str, allowed: int, seconds: int, now: dt.datetime | None = None) -> Verdict:
    """Count one request of `client` against the limit `name` and say whether it is over."""
    now = now or timezone.now()
    epoch = int(now.timestamp())
    start = dt.datetime.fromtimestamp(epoch - epoch % seconds, tz=dt.UTC)
    key = f"{name}:{client}"[:200]
    limit = Limit(name, frozenset(), "", allowed, seconds)
    with transaction.atomic():
        counted = RateLimitCounter.objects.filter(key=key, window_start=start).update(count=F("count") + 1)
        if not counted:
            try:
                with transaction.atomic():
                    RateLimitCounter.objects.create(
                        key=key, window_start=start, expires_at=start + dt.timedelta(seconds=seconds), count=1
                    )
            except IntegrityError:  # another process opened the same window first
                RateLimitCounter.objects.filter(key=key, window_start=start).update(count=F("count") + 1)
            else:
                # A new window: windows that have ended, of any client, are no longer needed.
                RateLimitCounter.objects.filter(expires_at__lt=now).delete()
        count = RateLimitCounter.objects.filter(key=key, window_start=start).values_list("count", flat=True).first()
    retry_after = max(1, int((start + dt.timedelta(seconds=seconds) - now).total_seconds()))
    return Verdict(limit, int(count or 0), retry_after)


def rate_limit_check(request: HttpRequest) -> Verdict | None:
    """Count the request against the limit that covers it, if any."""
    limit = limit_for(request)
    if limit is None:
        return None
    verdict = rate_limit_hit(
        name=limit.name, client=client_key(request, limit), allowed=limit.allowed, seconds=limit.seconds
    )
    return Verdict(limit, verdict.count, verdict.retry_after)
