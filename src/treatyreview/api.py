"""The REST API: each app's router under /api/, OpenAPI at /api/docs; the error vocabulary of
`treatyreview.errors` mapped here, once, to JSON naming the field (and, for a conflict, the current version)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from treatyreview.errors import Conflict, InvalidInput
from treatyreview.knowledge.api import router as knowledge_router
from treatyreview.registry.api import router as registry_router
from treatyreview.reviews.rules.api import router as reviews_router

api = NinjaAPI(
    title="treatyreview API",
    version="1",
    urls_namespace="api",
    description=(
        "States, instruments, articles, participation, the rules of the Review Mechanism and its knowledge library."
    ),
)
api.add_router("/", registry_router)
api.add_router("/", reviews_router)
api.add_router("/", knowledge_router)


def _error(
    request: HttpRequest, status: int, message: str, field: str | None = None, current_version: int | None = None
) -> HttpResponse:
    body: dict[str, object] = {"detail": message}
    if field:
        body["field"] = field
    if current_version is not None:
        body["current_version"] = current_version
    return api.create_response(request, body, status=status)


@api.exception_handler(InvalidInput)
def _invalid(request: HttpRequest, exc: InvalidInput) -> HttpResponse:
    return _error(request, 400, exc.message, exc.where)


@api.exception_handler(Conflict)
def _conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
    return _error(request, 409, exc.message, current_version=exc.current_version)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, str(exc) or "You are not allowed to do this.")


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "Sign in or send a valid token (Authorization: Bearer …).")


@api.exception_handler(ValidationError)
def _validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    # Name the first offending parameter or field, as every other API error does.
    first = exc.errors[0] if exc.errors else {}
    location = [str(part) for part in first.get("loc", ()) if part not in ("query", "path", "body")]
    return _error(request, 422, str(first.get("msg", "Invalid input.")), ".".join(location) or None)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, str(exc) or "Not found.")
