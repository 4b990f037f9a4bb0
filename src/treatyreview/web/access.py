"""View decorators that check permission before a view runs: a forgotten check cannot be written."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from treatyreview.accounts.permissions import is_secretariat

View = Callable[..., HttpResponse]


def allowed_for(predicate: Callable[[Any], bool]) -> Callable[[View], View]:
    """Anonymous visitors are sent to sign in; signed-in users without the permission get the 403 page."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


secretariat_only = allowed_for(is_secretariat)
signed_in_only = allowed_for(lambda user: True)
