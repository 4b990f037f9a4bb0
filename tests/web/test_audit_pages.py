"""The audit pages: the secretariat filters and exports the log, a focal point sees who read its State's
material, and anyone can read the chain head."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import transaction

from treatyreview.accounts.models import Role
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.audit.models import AuditEvent
from treatyreview.registry.access import access_expert, access_expert_list
from treatyreview.registry.models import GovernmentalExpert, State

pytestmark = pytest.mark.django_db


@pytest.fixture
def kenya_read(make_user, secretariat):
    """Kenya's experts read by the secretariat (the list) and by a Kenyan expert (one entry)."""
    kenya = State.objects.get(code="KEN")
    expert = GovernmentalExpert.objects.create(state=kenya, full_name="Wanjiru Kamau", email="w.kamau@example.org",
                                               expertise="extradition", languages=["en"])
    colleague = make_user(Role.EXPERT, state="KEN", username="ken-expert")
    access_expert_list(secretariat, kenya)
    access_expert(colleague, expert.pk)
    with transaction.atomic():  # a read of another State's material, which Kenya must not see
        audit.record(actor=secretariat, action=AuditAction.EXPERT_LIST_READ, target=State.objects.get(code="AUT"))
    return kenya, expert


def test_the_secretariat_filters_by_user_action_and_target(secretariat, client_as, kenya_read) -> None:
    client = client_as(secretariat)
    page = client.get("/audit/", {"user": "ken-expert"})
    assert [e.actor_label for e in page.context["page"]] == ["ken-expert"]
    # The page still knows who is signed in (the filter does not hide the signed-in user).
    header = page.content.decode().split('<nav class="navbar', 1)[0]
    assert "officer" in header and "/accounts/login/" not in header
    page = client.get("/audit/", {"action": "experts.read", "target": "Kenya"})
    assert [(e.action, e.target_label) for e in page.context["page"]] == [("experts.read", "Kenya")]
    # An unknown user or action is no filter at all, never an error.
    assert client.get("/audit/", {"user": "nobody", "action": "x"}).status_code == 200
    assert client.get("/audit/", {"target": "Ken\x00ya"}).status_code == 200


def test_the_export_is_the_filtered_log_as_csv_and_is_itself_logged(secretariat, client_as, kenya_read) -> None:
    client = client_as(secretariat)
    response = client.get("/audit/export.csv", {"action": "experts.read"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["When", "Who", "Action"]
    assert sorted(row[6] for row in rows[1:]) == ["Austria", "Kenya"]
    export = AuditEvent.objects.filter(action="audit.export").latest("id")
    assert export.actor_label == "officer" and export.after["events"] == 2
    assert audit.audit_verify_chain().ok


@pytest.mark.parametrize("role,state", [(Role.FOCAL_POINT, "AUT"), (Role.EXPERT, "KEN"), (Role.OBSERVER, None)])
def test_only_the_secretariat_sees_or_exports_the_log(make_user, client_as, role, state) -> None:
    client = client_as(make_user(role, state=state))
    assert client.get("/audit/").status_code == 403
    assert client.get("/audit/export.csv").status_code == 403


def test_a_focal_point_sees_who_read_its_states_material_and_nothing_else(make_user, client_as, kenya_read) -> None:
    focal = make_user(Role.FOCAL_POINT, state="KEN", username="ken-focal")
    client = client_as(focal)
    home = client.get("/")
    assert "/states/KEN/reads/" in home.content.decode()
    page = client.get("/states/KEN/reads/")
    assert page.status_code == 200
    reads = sorted((e.actor_label, e.action) for e in page.context["page"])
    assert reads == [("ken-expert", "expert.read"), ("officer", "experts.read")]
    assert "Austria" not in page.content.decode().split("<main", 1)[1]


@pytest.mark.parametrize("role,state", [(Role.FOCAL_POINT, "AUT"), (Role.EXPERT, "KEN"), (Role.DELEGATE, None)])
def test_anyone_else_gets_the_404_page_for_a_states_reads(make_user, client_as, kenya_read, role, state) -> None:
    assert client_as(make_user(role, state=state)).get("/states/KEN/reads/").status_code == 404


def test_the_public_anchor_shows_the_chain_head(client, secretariat, kenya_read) -> None:
    sequence, head = audit.chain_head()
    response = client.get("/audit/anchor/")
    assert response.status_code == 200
    text = response.content.decode()
    assert head in text and f'id="sequence">{sequence}<' in text
