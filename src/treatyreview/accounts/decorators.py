"""View decorators that check permission before a view runs: a forgotten check cannot be written."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from treatyreview.accounts.models import User
from treatyreview.accounts.permissions import is_secretariat
from treatyreview.errors import NotPermitted

View = Callable[..., HttpResponse]


class SignedInRequest(HttpRequest):
    """A request whose user is signed in: what views behind these decorators receive."""

    user: User


def allowed_for(predicate: Callable[[User], bool]) -> Callable[[View], View]:
    """Anonymous visitors are sent to sign in; signed-in users without the permission get the 403 page."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not predicate(request.user):
                raise NotPermitted
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


secretariat_only = allowed_for(is_secretariat)
signed_in_only = allowed_for(lambda user: True)
