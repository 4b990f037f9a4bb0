"""The access helpers of the registry: each role against a State's list of experts and one expert's entry.

Kenya is the State; Austria is another State. Whoever is entitled gets the record and exactly one audit
event of the read; anyone else gets "not found", no data and no event.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client

import treatyreview
from treatyreview.accounts.models import Role
from treatyreview.audit.models import AuditEvent
from treatyreview.errors import NotFound
from treatyreview.registry.access import EXPERT_LIST_READ, EXPERT_READ, access_expert, access_expert_list
from treatyreview.registry.models import GovernmentalExpert, State

pytestmark = pytest.mark.django_db

ROLES = {
    "anonymous": None,
    "secretariat": (Role.SECRETARIAT, None),
    "focal-ken": (Role.FOCAL_POINT, "KEN"),
    "expert-ken": (Role.EXPERT, "KEN"),
    "focal-aut": (Role.FOCAL_POINT, "AUT"),
    "expert-aut": (Role.EXPERT, "AUT"),
    "observer": (Role.OBSERVER, None),
    "delegate": (Role.DELEGATE, None),
    "civil-society": (Role.CIVIL_SOCIETY, None),
}
# Kenya's experts are for the secretariat and Kenya's own focal point and experts.
ENTITLED = {"secretariat", "focal-ken", "expert-ken"}
SIGNED_IN = [name for name in ROLES if name != "anonymous"]


@pytest.fixture
def kenya() -> State:
    return State.objects.get(code="KEN")


@pytest.fixture
def expert(kenya: State) -> GovernmentalExpert:
    return GovernmentalExpert.objects.create(state=kenya, full_name="Wanjiru Kamau", email="w.kamau@example.org",
                                             expertise="extradition", languages=["en"])


@pytest.fixture
def user_of(make_user):
    def make(role: str):
        spec = ROLES[role]
        return AnonymousUser() if spec is None else make_user(spec[0], state=spec[1], username=role)

    return make


def _reads() -> list[tuple[str, str, str]]:
    return list(AuditEvent.objects.filter(action__in=[EXPERT_LIST_READ, EXPERT_READ])
                .values_list("action", "actor_label", "target_id"))


# The helpers ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("role", list(ROLES))
def test_a_states_list_of_experts_goes_only_to_those_entitled_and_each_read_is_logged_once(
    role, user_of, kenya, expert
) -> None:
    user = user_of(role)
    if role in ENTITLED:
        assert access_expert_list(user, kenya) == [expert]
        assert _reads() == [(EXPERT_LIST_READ, role, str(kenya.pk))]
    else:
        with pytest.raises(NotFound) as refused:
            access_expert_list(user, kenya)
        assert "Kamau" not in str(refused.value) and "example.org" not in str(refused.value)
        assert _reads() == []


@pytest.mark.parametrize("role", list(ROLES))
def test_one_expert_goes_only_to_those_entitled_and_each_read_is_logged_once(role, user_of, expert) -> None:
    user = user_of(role)
    if role in ENTITLED:
        assert access_expert(user, expert.pk) == expert
        assert _reads() == [(EXPERT_READ, role, str(expert.pk))]
    else:
        with pytest.raises(NotFound) as refused:
            access_expert(user, expert.pk)
        assert "Kamau" not in str(refused.value) and "example.org" not in str(refused.value)
        assert _reads() == []


def test_a_refusal_and_a_missing_expert_get_the_same_answer(user_of, expert) -> None:
    with pytest.raises(NotFound) as missing:
        access_expert(user_of("secretariat"), expert.pk + 1000)
    with pytest.raises(NotFound) as refused:
        access_expert(user_of("focal-aut"), expert.pk)
    assert missing.value.message == refused.value.message
    assert _reads() == []


def test_an_expert_is_not_found_under_another_states_address(user_of, expert) -> None:
    with pytest.raises(NotFound):
        access_expert(user_of("secretariat"), expert.pk, state=State.objects.get(code="AUT"))
    assert _reads() == []


def test_the_list_is_read_and_its_read_logged_in_one_transaction(user_of, kenya, expert) -> None:
    user = user_of("focal-ken")
    outside = len(connection.atomic_blocks)
    queries: list[tuple[str, int]] = []

    def spy(execute, sql, params, many, context):
        queries.append((sql, len(connection.atomic_blocks)))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(spy):
        experts = access_expert_list(user, kenya)
        # Everything the page shows was read inside the helper: nothing is left to a lazy query.
        after = len(queries)
        assert [(e.full_name, e.state.code, e.nomination) for e in experts] == [("Wanjiru Kamau", "KEN", None)]
        assert len(queries) == after
    expert_reads = [depth for sql, depth in queries if '"registry_governmentalexpert"' in sql]
    audit_writes = [depth for sql, depth in queries if sql.startswith("INSERT") and '"audit_auditevent"' in sql]
    assert expert_reads and audit_writes
    assert set(expert_reads + audit_writes) == {outside + 1}


# The pages -----------------------------------------------------------------------------------------------------

def _client(user_of, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(user_of(role))
    return client


@pytest.mark.parametrize("role", list(ROLES))
def test_the_list_page_answers_404_to_those_not_entitled_and_sends_anonymous_visitors_to_sign_in(
    role, user_of, expert
) -> None:
    response = _client(user_of, role).get("/states/KEN/experts/")
    html = response.content.decode()
    if role == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
    elif role in ENTITLED:
        assert response.status_code == 200 and "w.kamau@example.org" in html
    else:
        assert response.status_code == 404 and "Page not found" in html
    if role not in ENTITLED:
        assert "Kamau" not in html
    assert len(_reads()) == (role in ENTITLED)


@pytest.mark.parametrize("role", list(ROLES))
def test_the_entry_form_is_the_secretariats_and_tells_no_one_else_whether_the_expert_exists(
    role, user_of, expert
) -> None:
    client = _client(user_of, role)
    response = client.get(f"/states/KEN/experts/{expert.pk}/")
    if role == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
    elif role == "secretariat":
        assert response.status_code == 200 and "w.kamau@example.org" in response.content.decode()
    else:
        # An editing page of the secretariat: refused before anything is looked up, the same for any number.
        missing = client.get(f"/states/KEN/experts/{expert.pk + 1000}/")
        assert response.status_code == missing.status_code == 403
        assert "Access refused" in response.content.decode() and "Access refused" in missing.content.decode()
    if role != "secretariat":
        assert "Kamau" not in response.content.decode()
    assert _reads() == ([(EXPERT_READ, "secretariat", str(expert.pk))] if role == "secretariat" else [])


def test_the_secretariat_gets_404_for_a_missing_expert_or_one_under_another_state(user_of, expert) -> None:
    client = _client(user_of, "secretariat")
    assert client.get(f"/states/KEN/experts/{expert.pk + 1000}/").status_code == 404
    assert client.get(f"/states/AUT/experts/{expert.pk}/").status_code == 404
    assert _reads() == []


# The rule in the source ----------------------------------------------------------------------------------------

SOURCE = Path(treatyreview.__file__).parent
# Only these modules fetch governmental experts directly: the access helpers, and the services that change them.
# Services re-read under a lock an expert the page fetched through the access helpers.
ALLOWED = {SOURCE / "registry" / "access.py", SOURCE / "registry" / "services.py", SOURCE / "registry" / "proposals.py"}
DIRECT_FETCH = re.compile(r"GovernmentalExpert\.objects\b.*\.get\(|get_object_or_404\(\s*GovernmentalExpert\b")
# Pages and endpoints read experts through `registry.access` only, never through the selector it uses.
UNLOGGED_READ = re.compile(r"GovernmentalExpert\.objects\b|(?<!access_)\bexpert_list\(\s*user=")


def direct_expert_reads(path: Path, text: str) -> list[str]:
    """Each line of `text` that fetches an expert without the access helpers, as `path:line: code`."""
    page_or_endpoint = path.name in {"views.py", "api.py"} or "views" in path.parts
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if DIRECT_FETCH.search(line) or (page_or_endpoint and UNLOGGED_READ.search(line)):
            found.append(f"{path.relative_to(SOURCE.parent)}:{number}: {line.strip()}")
    return found


def test_no_page_or_endpoint_fetches_a_governmental_expert_without_the_access_helpers() -> None:
    found = [
        finding
        for path in sorted(SOURCE.rglob("*.py"))
        if path not in ALLOWED and "migrations" not in path.parts
        for finding in direct_expert_reads(path, path.read_text(encoding="utf-8"))
    ]
    assert found == [], "fetch governmental experts through treatyreview.registry.access:\n" + "\n".join(found)


@pytest.mark.parametrize("line", [
    "expert = GovernmentalExpert.objects.get(pk=pk)",
    "expert = GovernmentalExpert.objects.select_related('state').get(pk=pk)",
    "expert = get_object_or_404(GovernmentalExpert, pk=pk)",
    "expert = get_object_or_404(selectors.expert_list(user=request.user, state=state), pk=pk)",
])
def test_the_source_check_names_the_file_and_line_of_a_direct_fetch(line) -> None:
    views = SOURCE / "registry" / "views.py"
    assert direct_expert_reads(views, f"x = 1\n{line}\n") == [f"treatyreview/registry/views.py:2: {line}"]
