"""Every role against every restricted object: who may read it, and everyone else is refused.

Roles: the anonymous public, the secretariat, a focal point and a governmental expert of Kenya, a focal
point of Austria (another State), an observer, a delegate and a civil-society representative.
"""

from __future__ import annotations

import datetime as dt

import pytest

from treatyreview.accounts.models import ApiToken, Role
from treatyreview.registry.models import GovernmentalExpert, State
from treatyreview.registry.selectors import expert_list
from treatyreview.reviews.cycles.services import cycle_create
from treatyreview.reviews.draws.services import draw_prepare
from treatyreview.reviews.models import Draw

pytestmark = pytest.mark.django_db

ROLES = {
    "anonymous": None,
    "secretariat": (Role.SECRETARIAT, None),
    "focal-ken": (Role.FOCAL_POINT, "KEN"),
    "expert-ken": (Role.EXPERT, "KEN"),
    "focal-aut": (Role.FOCAL_POINT, "AUT"),
    "observer": (Role.OBSERVER, None),
    "delegate": (Role.DELEGATE, None),
    "civil-society": (Role.CIVIL_SOCIETY, None),
}

# What each role may read: the list of Kenya's governmental experts (names, e-mails) is for the
# secretariat and Kenya's own focal point and experts; the audit trail and a draw still in preparation are
# the secretariat's alone; the rules are for everyone signed in.
MAY_READ = {
    "kenya_experts": {"secretariat", "focal-ken", "expert-ken"},
    "audit_trail": {"secretariat"},
    "draw_in_preparation": {"secretariat"},
    "rules": {"secretariat", "focal-ken", "expert-ken", "focal-aut", "observer", "delegate", "civil-society"},
}


@pytest.fixture
def world(make_user, secretariat):
    users = {"secretariat": secretariat}
    for name, spec in ROLES.items():
        if spec is None or name == "secretariat":
            continue
        users[name] = make_user(spec[0], state=spec[1], username=name)
    kenya = State.objects.get(code="KEN")
    GovernmentalExpert.objects.create(state=kenya, full_name="Wanjiru Kamau", email="w.kamau@example.org",
                                      expertise="extradition", languages=["en"])
    cycle = cycle_create(actor=secretariat, name="Cycle")
    draw = draw_prepare(actor=secretariat, cycle=cycle, kind=Draw.Kind.YEAR_GROUPS)
    return users, draw


def _client_for(client, users, role):
    client.logout()
    if role != "anonymous":
        client.force_login(users[role])
    return client


@pytest.mark.parametrize("role", list(ROLES))
def test_each_role_reads_exactly_what_it_may(client, world, role) -> None:
    users, draw = world
    client = _client_for(client, users, role)
    pages = {
        "kenya_experts": "/states/KEN/experts/",
        "audit_trail": "/audit/",
        "draw_in_preparation": f"/secretariat/draws/{draw.pk}/",
        "rules": "/rules/",
    }
    for what, url in pages.items():
        response = client.get(url)
        if role in MAY_READ[what]:
            assert response.status_code == 200, (role, what)
        elif role == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], (role, what)
        else:
            assert response.status_code == 403, (role, what)
        assert ("w.kamau@example.org" in response.content.decode()) == (
            what == "kenya_experts" and role in MAY_READ[what]
        ), (role, what)
    # A draw in preparation is not on the public pages, whoever asks.
    assert client.get(f"/draws/{draw.pk}/").status_code == 404
    assert client.get(f"/draws/{draw.pk}/input.json").status_code == 404


@pytest.mark.parametrize("role", [name for name in ROLES if name != "anonymous"])
def test_the_expert_selector_filters_by_role(world, role) -> None:
    users, _ = world
    names = set(expert_list(user=users[role]).values_list("full_name", flat=True))
    assert ("Wanjiru Kamau" in names) == (role in MAY_READ["kenya_experts"])


@pytest.mark.parametrize("role", [name for name in ROLES if name != "anonymous"])
def test_nobody_sees_or_revokes_another_users_token(client, world, role) -> None:
    users, _ = world
    owner = users["observer"] if role != "observer" else users["delegate"]
    token = ApiToken.objects.create(user=owner, name="owner's script", digest=ApiToken.digest_of("tr_x" + role))
    client = _client_for(client, users, role)
    assert "owner&#x27;s script" not in client.get("/accounts/tokens/").content.decode()
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_an_ended_secretariat_grant_loses_access(client, world) -> None:
    users, draw = world
    users["secretariat"].role_grants.update(valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2021, 1, 1))
    client.force_login(users["secretariat"])
    assert client.get("/audit/").status_code == 403
    assert client.get(f"/secretariat/draws/{draw.pk}/").status_code == 403


def test_every_read_of_a_states_experts_is_logged(client, world) -> None:
    from treatyreview.audit.models import AuditEvent

    users, _ = world
    for role in ("secretariat", "focal-ken", "expert-ken", "observer"):
        client.force_login(users[role])
        client.get("/states/KEN/experts/")
    readers = list(AuditEvent.objects.filter(action="experts.read").values_list("actor__username", flat=True))
    # The observer was refused, so nothing of Kenya's list was read and nothing is logged for it.
    assert readers == ["officer", "focal-ken", "expert-ken"]
