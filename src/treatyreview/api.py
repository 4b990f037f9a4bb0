"""The REST API: each app's router under /api/, OpenAPI at /api/docs; the error vocabulary of
`treatyreview.errors` mapped here, once, to JSON naming the field (and, for a conflict, the current version)."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, ValidationError
from ninja.openapi.docs import _csrf_needed

from treatyreview.budget.api import router as budget_router
from treatyreview.errors import Conflict, InvalidInput
from treatyreview.knowledge.api import router as knowledge_router
from treatyreview.observations.dialogue.api import router as dialogue_router
from treatyreview.observations.lists.api import router as observations_router
from treatyreview.publishing.api import public_router as publications_router
from treatyreview.publishing.api import router as publishing_router
from treatyreview.questionnaires.answers.api import router as answers_router
from treatyreview.questionnaires.saq.api import router as templates_router
from treatyreview.registry.api import router as registry_router
from treatyreview.reviews.phases.api import router as phases_router
from treatyreview.reviews.rules.api import router as reviews_router


class VendoredSwagger(Swagger):
    """Swagger UI from the vendored copy in web/static/vendor/swagger-ui (nothing from a CDN, no inline script)."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {"swagger_settings": json.dumps(self.settings), "api": api, "add_csrf": _csrf_needed(api)}
        return render(request, "web/api_docs.html", context)


api = NinjaAPI(
    title="treatyreview API",
    version="1",
    urls_namespace="api",
    description=(
        "States, instruments, articles, participation, the rules of the Review Mechanism, country reviews and "
        "their questionnaires, the written feedback and dialogue on them, the lists of observations and summaries, "
        "questionnaire templates, costs and the knowledge library."
    ),
    docs=VendoredSwagger(),
)
api.add_router("/", registry_router)
api.add_router("/", reviews_router)
api.add_router("/", phases_router)
api.add_router("/", answers_router)
api.add_router("/", templates_router)
api.add_router("/", budget_router)
api.add_router("/", knowledge_router)
api.add_router("/", dialogue_router)
api.add_router("/", observations_router)
api.add_router("/", publications_router)
api.add_router("/", publishing_router)


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
    location = [str(part) for part in first.get("loc", ()) if part not in ("query", "path", "body", "payload")]
    return _error(request, 422, str(first.get("msg", "Invalid input.")), ".".join(location) or None)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, str(exc) or "Not found.")
