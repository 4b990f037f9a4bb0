"""Property-based tests of the API from its own OpenAPI schema: no input makes it fail or break its schema."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import ignored_auth, positive_data_acceptance

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "treatyreview.settings")

from treatyreview.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Iterator[None]:
    # Django closes database connections at the end of each request; the test's transaction needs its
    # connection open across the requests schemathesis sends, as Django's own test client arranges.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_endpoint_answers_within_its_schema(case) -> None:
    # Server errors, responses that break the documented schema and undocumented status codes all fail.
    case.call_and_validate()


@pytest.fixture
def signed_in_token(db: Any) -> str:
    """A token of the secretariat in a world with a review, its questionnaire and library records, so that the
    calls reach the code behind the permission checks."""
    from tests.permissions.world import build
    from treatyreview.accounts.models import ApiToken

    world = build()
    token = ApiToken.new_token()
    ApiToken.objects.create(user=world.secretariat, name="schemathesis", digest=ApiToken.digest_of(token))
    return token


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_endpoint_answers_within_its_schema_with_a_signed_in_token(case, signed_in_token: str) -> None:
    # Every check but two. "Ignored authentication" replaces one declared scheme (the session cookie) with an
    # invalid value while the valid token still stands; the anonymous test above makes that check. "Schema-valid
    # data accepted": a costing scenario is a whole document (`data`) whose rules the service checks beyond the
    # schema, answering 400 with the field named (documented in each endpoint's responses); 5xx, undocumented
    # codes and answers outside the schema still fail.
    response = case.call_and_validate(headers={"Authorization": f"Bearer {signed_in_token}"},
                                      excluded_checks=[ignored_auth, positive_data_acceptance])
    # Signed in, no call is refused as unauthenticated.
    assert response.status_code != 401, (case.method, case.formatted_path)
