"""Demo accounts, one per role, for trying the platform locally."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from treatyreview.accounts.models import Nomination, Role, RoleGrant, User
from treatyreview.accounts.two_factor import DEMO_DEVICE_NAME, DEMO_KEY_HEX
from treatyreview.budget.models import Scenario
from treatyreview.budget.services import scenario_create
from treatyreview.knowledge.demo import demo_library_create
from treatyreview.registry.models import GovernmentalExpert, State
from treatyreview.stakeholders.models import Organization

__all__ = ["DEMO_PASSWORD", "demo_accounts_create", "demo_experts_create", "demo_library_create"]

DEMO_PASSWORD = "review-demo-2026"
# Focal points and experts for States in four different regional groups.
DEMO_STATES = ("AUT", "KEN", "BRA", "PHL")
DEMO_ORGANIZATION = "Coalition against Trafficking in Persons (demo)"
START = dt.date(2026, 1, 1)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    scope: str


def _user(username: str, full_name: str) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"full_name": full_name, "email": f"{username}@example.org"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _demo_authenticator(user: User) -> None:
    """The demo secretariat and focal points must use two-factor authentication like everyone in their role;
    their authenticator has the published demo key, so anyone trying the demo can compute its codes."""
    TOTPDevice.objects.get_or_create(user=user, name=DEMO_DEVICE_NAME,
                                     defaults={"key": DEMO_KEY_HEX, "confirmed": True})


def _grant(user: User, role: str, **scope: object) -> None:
    RoleGrant.objects.get_or_create(user=user, role=role, valid_to=None, defaults={"valid_from": START, **scope})


@transaction.atomic
def demo_accounts_create() -> list[DemoAccount]:
    accounts: list[DemoAccount] = []
    secretariat = _user("secretariat", "Secretariat officer (demo)")
    secretariat.is_staff = True
    secretariat.save(update_fields=["is_staff"])
    _grant(secretariat, Role.SECRETARIAT)
    _demo_authenticator(secretariat)
    accounts.append(DemoAccount("secretariat", str(Role.SECRETARIAT.label), "UNODC secretariat"))
    for code in DEMO_STATES:
        state = State.objects.get(code=code)
        focal = _user(f"focal-{code.lower()}", f"Focal point of {state.name} (demo)")
        nomination, _ = Nomination.objects.get_or_create(
            state=state,
            role=Role.FOCAL_POINT,
            note_verbale_ref=f"NV/{code}/2026/1",
            defaults={"note_verbale_date": START, "person_name": focal.full_name, "recorded_by": secretariat},
        )
        _grant(focal, Role.FOCAL_POINT, state=state, nomination=nomination)
        _demo_authenticator(focal)
        accounts.append(DemoAccount(focal.username, str(Role.FOCAL_POINT.label), state.name))
        expert_user = _user(f"expert-{code.lower()}", f"Governmental expert of {state.name} (demo)")
        nomination, _ = Nomination.objects.get_or_create(
            state=state,
            role=Role.EXPERT,
            note_verbale_ref=f"NV/{code}/2026/2",
            defaults={"note_verbale_date": START, "person_name": expert_user.full_name, "recorded_by": secretariat},
        )
        _grant(expert_user, Role.EXPERT, state=state, nomination=nomination)
        GovernmentalExpert.objects.get_or_create(
            user=expert_user,
            defaults={
                "state": state,
                "full_name": expert_user.full_name,
                "email": expert_user.email,
                "expertise": "criminal law; international cooperation",
                "languages": state.languages or ["en"],
                "nomination": nomination,
            },
        )
        accounts.append(DemoAccount(expert_user.username, str(Role.EXPERT.label), state.name))
    observer = _user("observer", "Observer (demo)")
    _grant(observer, Role.OBSERVER)
    accounts.append(DemoAccount("observer", str(Role.OBSERVER.label), "read only"))
    delegate = _user("delegate", "Working-group delegate (demo)")
    _grant(delegate, Role.DELEGATE)
    accounts.append(DemoAccount("delegate", str(Role.DELEGATE.label), "Conference and working groups"))
    organization, _ = Organization.objects.get_or_create(
        name=DEMO_ORGANIZATION,
        defaults={
            "kind": Organization.Kind.NGO,
            "accredited": True,
            "ecosoc_status": Organization.EcosocStatus.SPECIAL,
        },
    )
    civil = _user("civil-society", "Civil-society representative (demo)")
    _grant(civil, Role.CIVIL_SOCIETY, organization=organization)
    accounts.append(DemoAccount("civil-society", str(Role.CIVIL_SOCIETY.label), organization.name))
    demo_experts_create(secretariat)
    return accounts


def demo_experts_create(secretariat: User) -> int:
    """One listed expert for every State party without one, so that demo draws have reviewers to draw."""
    from treatyreview.reviews.draws.inputs import parties

    listed = set(GovernmentalExpert.objects.values_list("state_id", flat=True))
    missing = [state for state in parties() if state.pk not in listed]
    GovernmentalExpert.objects.bulk_create(
        GovernmentalExpert(
            state=state,
            full_name=f"Governmental expert of {state.name} (demo)",
            expertise="criminal law",
            languages=state.languages[:1] or ["en"],
        )
        for state in missing
    )
    return len(missing)


DEMO_SCENARIOS = (
    ("Demo 2027: together", "together"),
    ("Demo 2027: in turn", "in-turn"),
)


def demo_scenarios_create(secretariat: User) -> int:
    """Two costing scenarios to compare, saved by the demo secretariat; none is added when any exists."""
    if Scenario.objects.exists():
        return 0
    for name, preset in DEMO_SCENARIOS:
        scenario_create(actor=secretariat, name=name, preset=preset, reason="demo", language="en")
    return len(DEMO_SCENARIOS)
