"""Read endpoints for the rules record (signed-in users)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from treatyreview.accounts.auth import session_or_token
from treatyreview.api_errors import READ_ERRORS
from treatyreview.reviews.models import MechanismRules
from treatyreview.reviews.rules import selectors

router = Router(tags=["rules"], auth=session_or_token)


class RulesOut(Schema):
    preset: str
    version: int
    title: str
    values: dict[str, Any]
    sources: dict[str, str]
    reason: str
    created_at: dt.datetime


@router.get("/rules", response={200: list[RulesOut], **READ_ERRORS}, summary="The current version of each preset")
def rules_current(request: HttpRequest) -> list[MechanismRules]:
    return [record for name in selectors.rules_presets() if (record := selectors.rules_current(name))]


@router.get(
    "/rules/{preset}/versions",
    response={200: list[RulesOut], **READ_ERRORS},
    summary="Every version of one preset, newest first",
)
def rules_versions(request: HttpRequest, preset: str) -> list[MechanismRules]:
    versions = list(selectors.rules_versions(preset))
    if not versions:
        raise Http404(f"unknown preset '{preset}'")
    return versions
