"""Two checks before any view runs: the rate limits, and the second step of signing in for those who need it."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from treatyreview.accounts.ratelimit import rate_limit_check
from treatyreview.accounts.two_factor import has_second_factor, second_factor_due

# The pages a person may open between the password and the second step.
SECOND_STEP_PAGES = {"two_factor_verify", "two_factor_setup", "logout", "set_language", "account_activate"}


class RateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        verdict = rate_limit_check(request)
        if verdict is not None and verdict.refused:
            if verdict.limit.name == "api":
                response: HttpResponse = JsonResponse(
                    {"detail": _("Too many requests; try again in %(seconds)d seconds.")
                     % {"seconds": verdict.retry_after}},
                    status=429,
                )
            else:
                response = render(request, "accounts/rate_limited.html",
                                  {"seconds": verdict.retry_after, "minutes": -(-verdict.retry_after // 60)},
                                  status=429)
            response["Retry-After"] = str(verdict.retry_after)
            return response
        return self.get_response(request)


class SecondFactorMiddleware:
    """A signed-in person who must pass the second step is sent to it (or to set it up) from every other page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and second_factor_due(user, request.session):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("Complete two-factor authentication in the browser first.")}, status=403
                )
            try:
                name = resolve(request.path_info).url_name
            except Resolver404:
                name = None
            if name not in SECOND_STEP_PAGES:
                target = "two_factor_verify" if has_second_factor(user) else "two_factor_setup"
                response = redirect(target)
                response["Location"] += "?" + urlencode({"next": request.get_full_path()})
                return response
        return self.get_response(request)
