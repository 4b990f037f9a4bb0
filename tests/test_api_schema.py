"""Property-based tests of the API from its own OpenAPI schema: no input makes it fail or break its schema."""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "treatyreview.settings")

from treatyreview.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_endpoint_answers_within_its_schema(case) -> None:
    # Server errors, responses that break the documented schema and undocumented status codes all fail.
    case.call_and_validate()
