"""A database too busy to answer in time is a 503 page ("try again"), never a 500 with a traceback."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

logger = logging.getLogger("treatyreview.busy")
BUSY = ("database is locked", "database table is locked", "database is busy")


class DatabaseBusyMiddleware:
    """SQLite waits up to its timeout (TREATYREVIEW_SQLITE_TIMEOUT seconds) for the write lock; past that the
    request is refused with 503 and Retry-After. Its transaction was rolled back, so nothing was changed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError) or not any(text in str(exception) for text in BUSY):
            return None
        logger.warning("database busy, answered 503: %s %s", request.method, request.path)
        response = HttpResponse(loader.get_template("503.html").render(request=request), status=503)
        response["Retry-After"] = "5"
        return response
