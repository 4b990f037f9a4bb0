"""Every role against every restricted object: who may read it, and everyone else is refused.

Roles: the anonymous public, the secretariat, a focal point and a governmental expert of Kenya, a focal
point and a governmental expert of Austria (another State), an observer, a delegate and a civil-society
representative.
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
    "expert-aut": (Role.EXPERT, "AUT"),
    "observer": (Role.OBSERVER, None),
    "delegate": (Role.DELEGATE, None),
    "civil-society": (Role.CIVIL_SOCIETY, None),
}

# What each role may read: the list of Kenya's governmental experts (names, e-mails) is for the
# secretariat and Kenya's own focal point and experts; the form of one expert's entry, the audit trail and
# a draw still in preparation are the secretariat's alone; the rules are for everyone signed in.
MAY_READ = {
    "kenya_experts": {"secretariat", "focal-ken", "expert-ken"},
    "kenya_expert_entry": {"secretariat"},
    "audit_trail": {"secretariat"},
    "draw_in_preparation": {"secretariat"},
    "rules": {"secretariat", "focal-ken", "expert-ken", "focal-aut", "expert-aut", "observer", "delegate",
              "civil-society"},
}
# How a signed-in user who may not read it is refused: confidential material answers 404, as if it did not
# exist; a secretariat page answers 403 to everyone else before anything is looked up, so it reveals nothing.
REFUSED_WITH = {"kenya_experts": 404, "kenya_expert_entry": 403, "audit_trail": 403, "draw_in_preparation": 403,
                "rules": 403}
# The pages that show the experts' contact details to those who may read them.
SHOWS_CONTACT_DETAILS = {"kenya_experts", "kenya_expert_entry"}


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
    expert = GovernmentalExpert.objects.get(full_name="Wanjiru Kamau")
    pages = {
        "kenya_experts": "/states/KEN/experts/",
        "kenya_expert_entry": f"/states/KEN/experts/{expert.pk}/",
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
            assert response.status_code == REFUSED_WITH[what], (role, what)
        assert ("w.kamau@example.org" in response.content.decode()) == (
            what in SHOWS_CONTACT_DETAILS and role in MAY_READ[what]
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


def test_every_read_of_one_experts_entry_is_logged(client, world) -> None:
    from treatyreview.audit.models import AuditEvent

    users, _ = world
    expert = GovernmentalExpert.objects.get(full_name="Wanjiru Kamau")
    for role in ("secretariat", "focal-ken", "focal-aut"):
        client.force_login(users[role])
        client.get(f"/states/KEN/experts/{expert.pk}/")
    events = AuditEvent.objects.filter(action="expert.read")
    # The focal points were refused at the door of the secretariat's form: nothing was read, nothing logged.
    assert list(events.values_list("actor__username", "target_id")) == [("officer", str(expert.pk))]
