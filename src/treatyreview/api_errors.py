"""The shape of every API error, so that clients and the OpenAPI document agree: what is wrong, and where."""

from __future__ import annotations

from ninja import Schema


class ErrorOut(Schema):
    detail: str
    field: str | None = None
    current_version: int | None = None


# Responses every endpoint may give besides its result.
READ_ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
