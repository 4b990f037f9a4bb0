"""Shared fixtures: the reference data loaded once per test database, and users holding each role."""

from __future__ import annotations

import datetime as dt
import os
import secrets
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from hypothesis import settings as hypothesis_settings

from treatyreview.accounts.models import Role, RoleGrant, User
from treatyreview.registry.models import State
from treatyreview.registry.services import reference_data_load
from treatyreview.reviews.rules.services import rules_presets_install
from treatyreview.stakeholders.models import Organization

# The test run signs its cookies with a key of its own: the public fallback key is refused by the WSGI
# application (tests/test_security.py shows the refusal).
if settings.SECRET_KEY == settings.DEMO_SECRET_KEY:
    settings.SECRET_KEY = "test-run-" + secrets.token_urlsafe(40)

# In CI the property tests replay the same examples every run, so a red build always reproduces; locally
# they explore new examples each time. No deadline: a loaded 2-core machine must not fail a correct test.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    # The real registry, loaded once: tests run against the 198 States the platform ships with.
    with django_db_blocker.unblock():
        reference_data_load()
        rules_presets_install()


def _transactional(item: pytest.Item | None) -> bool:
    if item is None:
        return False
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    """A transactional test (the browser tests among them) ends by emptying the database, the registry included.
    Run alone, pytest-django puts those tests last; spread over workers, a module of ordinary tests may follow
    one on the same worker, so the registry and the rules presets are loaded again before it."""
    yield
    if nextitem is not None and _transactional(item) and not _transactional(nextitem):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            reference_data_load()
            rules_presets_install()


@pytest.fixture
def make_user(db: Any) -> Callable[..., User]:
    counter = iter(range(1, 10_000))

    def make(
        role: str | None = None,
        state: str | None = None,
        organization: Organization | None = None,
        username: str | None = None,
    ) -> User:
        user = User.objects.create_user(
            username=username or f"user{next(counter)}-{role or 'none'}", password="a-long-test-password"
        )
        if role:
            if role == Role.CIVIL_SOCIETY and organization is None:
                organization, _ = Organization.objects.get_or_create(
                    name="Test organization", defaults={"kind": Organization.Kind.NGO, "accredited": True}
                )
            RoleGrant.objects.create(
                user=user,
                role=role,
                organization=organization,
                state=State.objects.get(code=state) if state else None,
                valid_from=dt.date(2020, 1, 1),
            )
        return user

    return make


@pytest.fixture
def secretariat(make_user: Callable[..., User]) -> User:
    return make_user(Role.SECRETARIAT, username="officer")


ROLE_SCOPES: dict[str, str | None] = {
    Role.SECRETARIAT: None,
    Role.FOCAL_POINT: "AUT",
    Role.EXPERT: "KEN",
    Role.OBSERVER: None,
    Role.DELEGATE: None,
    Role.CIVIL_SOCIETY: None,
}


@pytest.fixture(params=list(ROLE_SCOPES), ids=str)
def any_role_user(request: Any, make_user: Callable[..., User]) -> User:
    role = request.param
    return make_user(role, state=ROLE_SCOPES[role])


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing() -> None:
    # Real hashing is deliberately slow; tests check who may sign in, not the strength of the hash.
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def force_login_passes_the_second_factor(monkeypatch: pytest.MonkeyPatch) -> None:
    """`Client.force_login` stands for a completed sign-in, second step included: the secretariat and focal
    points must pass it before any signed-in page, and most tests are about what comes after. The tests of
    signing in itself (tests/accounts) sign in through the pages, or with `force_login_password_only`."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from treatyreview.accounts.two_factor import second_factor_required

    password_only = Client.force_login

    def force_login(self: Client, user: User, backend: str | None = None) -> None:
        password_only(self, user, backend)
        if second_factor_required(user) or TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
                user=user, name="test authenticator", confirmed=True)
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)
    monkeypatch.setattr(Client, "force_login_password_only", password_only, raising=False)


@pytest.fixture(autouse=True)
def english_unless_a_test_says_otherwise() -> Any:
    # A page that sets the language leaves it active in the thread; each test starts from English.
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()
