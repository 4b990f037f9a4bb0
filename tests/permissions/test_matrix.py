"""One permission matrix: every role (`roles.py`) × every confidential object at every stage (`objects.py`),
through the pages and the API. Those entitled read it (and the read is logged where the material is
confidential); everyone else is refused as the row says — hidden objects answer 404 — and finds nothing of it.

To add an object, add rows to `objects.ROWS` (its docstring says how); this file does not change.
"""

from __future__ import annotations

import pytest
from django.http import HttpResponse

from tests.permissions.objects import ROWS, Row
from tests.permissions.roles import ROLES
from tests.permissions.world import World, build
from treatyreview.accounts.models import Role
from treatyreview.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _body(response: HttpResponse) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")  # type: ignore[attr-defined]
    return response.content.decode(errors="replace")


def _verdict(row: Row, role: str, address: str, response: HttpResponse, api: bool) -> str | None:
    """What is wrong with the answer `role` got at `address`, or None."""
    status = response.status_code
    if role in row.may_see:
        return None if status == 200 else f"{status}, expected 200"
    if role == "anonymous":
        if api:
            return None if status in (401, 404) else f"{status}, expected 401 or 404"
        to_sign_in = status == 302 and "/accounts/login/" in response["Location"]
        return None if status == 404 or to_sign_in else f"{status}, expected 404 or a redirect to sign in"
    expected = 404 if api else row.refused
    return None if status == expected else f"{status}, expected {expected}"


def _ask(world: World, row: Row, role: str) -> list[str]:
    problems = []
    client = world.client(role)
    person = world.people.get(role)
    before = AuditEvent.objects.filter(action=row.read_action, actor=person).count() if row.read_action else 0
    for api, address in [(False, page) for page in row.pages(world)] + [(True, call) for call in row.api(world)]:
        response = client.get(address)
        wrong = _verdict(row, role, address, response, api)
        if wrong:
            problems.append(f"{role} GET {address}: {wrong}")
        if row.secret is not None and role not in row.may_see and row.secret(world) in _body(response):
            problems.append(f"{role} GET {address}: the refusal shows the object's content")
    if row.read_action and person is not None:
        logged = AuditEvent.objects.filter(action=row.read_action, actor=person).count() - before
        if role in row.may_see and not logged:
            problems.append(f"{role}: read, but no '{row.read_action}' event logged")
        if role not in row.may_see and logged:
            problems.append(f"{role}: refused, yet {logged} '{row.read_action}' event(s) logged")
    return problems


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_every_role_sees_exactly_what_it_may(row: Row) -> None:
    world = build()
    row.reach(world)
    problems = [problem for role in ROLES for problem in _ask(world, row, role)]
    assert not problems, f"{row.id}:\n" + "\n".join(problems)


def test_the_matrix_asks_every_role_of_the_issue() -> None:
    held = {spec[0] for spec in ROLES.values() if spec}
    assert held == set(Role.values), "a role the platform grants is missing from the matrix"
    assert "anonymous" in ROLES
    states = {spec[1] for spec in ROLES.values() if spec and spec[0] == Role.FOCAL_POINT}
    assert len(states) == 3, "focal points of the State under review, of a reviewing State and of another State"


def test_every_row_is_asked_somewhere_and_names_known_roles() -> None:
    for row in ROWS:
        assert row.pages.__name__ != "_none" or row.api.__name__ != "_none", row.id
        assert row.may_see <= set(ROLES), (row.id, row.may_see - set(ROLES))
    assert len({row.id for row in ROWS}) == len(ROWS), "two rows for one object at one stage"
