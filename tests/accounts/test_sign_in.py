"""Signing in: lockout after repeated failures, each failure audited, rate limits, passwords, sessions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from treatyreview.accounts import services
from treatyreview.accounts.models import ApiToken, Role, User
from treatyreview.accounts.ratelimit import rate_limit_hit
from treatyreview.audit.models import AuditEvent
from treatyreview.audit.services import audit_verify_chain

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


def _sign_in(client: Client, username: str, password: str) -> Any:
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_thirty_wrong_passwords_lock_the_account_and_the_right_one_then_fails(
    client: Client, make_user: Callable[..., User], settings: Any
) -> None:
    user = make_user(Role.OBSERVER, username="reader")
    limit = settings.AXES_FAILURE_LIMIT
    for attempt in range(limit - 1):
        response = _sign_in(client, "reader", f"wrong-{attempt}")
        assert response.status_code == 200, attempt  # the form again, with its error
    lock = _sign_in(client, "reader", "wrong-again")  # the last failure allowed locks
    assert lock.status_code == 429 and "locked" in lock.content.decode()
    for attempt in range(30 - limit):
        _sign_in(client, "reader", f"more-{attempt}")
    locked = _sign_in(client, "reader", PASSWORD)
    assert locked.status_code == 429  # locked (and, past 30 tries from one address, rate limited too)
    assert "_auth_user_id" not in client.session
    assert client.get("/accounts/tokens/").status_code == 302  # still signed out
    # Another person at another address is not locked out of their own account by it.
    assert _sign_in(Client(REMOTE_ADDR="10.0.0.9"), "reader", PASSWORD).status_code == 302
    assert user.pk


def test_every_failed_sign_in_is_an_audit_event(client: Client, make_user: Callable[..., User]) -> None:
    make_user(Role.OBSERVER, username="reader")
    _sign_in(client, "reader", "wrong")
    _sign_in(client, "nobody-of-that-name", "wrong")
    failures = AuditEvent.objects.filter(action="sign_in.failure").order_by("id")
    assert [event.target_id for event in failures] == ["reader", "nobody-of-that-name"]
    assert all(event.note == "127.0.0.1" for event in failures)
    assert audit_verify_chain().ok


def test_the_lockout_itself_is_audited(client: Client, make_user: Callable[..., User], settings: Any) -> None:
    make_user(Role.OBSERVER, username="reader")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "reader", f"wrong-{attempt}")
    assert AuditEvent.objects.filter(action="sign_in.lockout", target_id="reader").exists()


def test_sign_in_posts_from_one_address_are_rate_limited(client: Client, settings: Any) -> None:
    settings.TREATYREVIEW_RATE_LIMITS = {**settings.TREATYREVIEW_RATE_LIMITS,
                                         "sign_in": (["POST"], "/accounts/login/", 3, 600)}
    statuses = [_sign_in(client, f"user-{number}", "wrong").status_code for number in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = _sign_in(client, "user-5", "wrong")
    assert int(refused["Retry-After"]) > 0
    assert "Too many" in refused.content.decode()
    assert client.get("/accounts/login/").status_code == 200  # reading the page is not counted


def test_password_reset_requests_are_rate_limited(client: Client, settings: Any) -> None:
    settings.TREATYREVIEW_RATE_LIMITS = {**settings.TREATYREVIEW_RATE_LIMITS,
                                         "password_reset": (["POST"], "/accounts/password-reset/", 2, 3600)}
    statuses = [client.post("/accounts/password-reset/", {"email": "x@example.org"}).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]


def test_the_api_is_rate_limited_per_token(make_user: Callable[..., User], settings: Any) -> None:
    settings.TREATYREVIEW_RATE_LIMITS = {**settings.TREATYREVIEW_RATE_LIMITS, "api": (["GET"], "/api/", 2, 60)}
    _record, token = services.token_create(actor=make_user(Role.OBSERVER), name="script")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    statuses = [client.get("/api/instruments").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert Client().get("/api/instruments").status_code == 200  # another client has its own count


def test_the_limiter_counts_in_the_database_across_windows() -> None:
    import datetime as dt

    start = dt.datetime(2026, 3, 1, 12, 0, 5, tzinfo=dt.UTC)
    counts = [rate_limit_hit(name="t", client="c", allowed=2, seconds=60, now=start).count for _ in range(3)]
    assert counts == [1, 2, 3]
    later = rate_limit_hit(name="t", client="c", allowed=2, seconds=60, now=start + dt.timedelta(seconds=60))
    assert later.count == 1 and not later.refused


@pytest.mark.parametrize("password", ["short-pw-1", "password1234", "123456789012345", "reader-reader1"])
def test_weak_passwords_are_refused(password: str) -> None:
    user = User(username="reader-reader1", full_name="Reader")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_long_uncommon_password_is_accepted_and_hashed_with_argon2() -> None:
    from django.contrib.auth.hashers import check_password, make_password
    from django.test import override_settings

    validate_password("tall-orange-harbour-71", User(username="someone"))
    # The suite hashes fast (tests/conftest.py); the platform's settings put Argon2 (argon2id) first.
    from treatyreview import settings as platform_settings

    assert platform_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=platform_settings.PASSWORD_HASHERS):
        encoded = make_password("tall-orange-harbour-71")
        assert encoded.startswith("argon2$argon2id$")
        assert check_password("tall-orange-harbour-71", encoded)


def test_sessions_expire_after_the_configured_age() -> None:
    from treatyreview import settings as platform_settings

    assert 0 < platform_settings.SESSION_COOKIE_AGE <= 12 * 3600


def test_sign_out_everywhere_ends_every_session(
    client_as: Callable[[User], Client], make_user: Callable[..., User]
) -> None:
    user = make_user(Role.OBSERVER)
    laptop, phone = client_as(user), client_as(user)
    assert phone.get("/accounts/tokens/").status_code == 200
    response = laptop.post("/accounts/sign-out-everywhere/")
    assert response.status_code == 302
    assert phone.get("/accounts/tokens/").status_code == 302  # sent to sign in
    assert laptop.get("/accounts/tokens/").status_code == 302
    assert AuditEvent.objects.filter(action="sessions.end_all", actor=user).exists()
    # The password is unchanged: signing in again works.
    fresh = Client()
    assert _sign_in(fresh, user.username, PASSWORD).status_code == 302


def test_deactivation_takes_effect_at_once(
    client_as: Callable[[User], Client], secretariat: User, make_user: Callable[..., User]
) -> None:
    expert = make_user(Role.EXPERT, state="KEN")
    session = client_as(expert)
    _record, token = services.token_create(actor=expert, name="script")
    response = client_as(secretariat).post(f"/secretariat/accounts/{expert.pk}/deactivate/")
    assert response.status_code == 302
    assert session.get("/accounts/tokens/").status_code == 302
    assert Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/rules").status_code == 401
    assert ApiToken.objects.get(user=expert).revoked_at is not None
    assert _sign_in(Client(), expert.username, PASSWORD).status_code == 200  # refused
    assert AuditEvent.objects.filter(action="account.deactivate", target_id=str(expert.pk), actor=secretariat).exists()


def test_password_change_keeps_this_session_and_ends_the_others(
    client_as: Callable[[User], Client], make_user: Callable[..., User]
) -> None:
    user = make_user(Role.OBSERVER)
    here, elsewhere = client_as(user), client_as(user)
    new = "tall-orange-harbour-71"
    response = here.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": new,
                                                 "new_password2": new})
    assert response.status_code == 302
    assert here.get("/accounts/tokens/").status_code == 200
    assert elsewhere.get("/accounts/tokens/").status_code == 302
    assert AuditEvent.objects.filter(action="password.change", actor=user).exists()


def test_password_reset_sends_a_link_in_the_users_language_that_sets_a_new_password(
    client: Client, make_user: Callable[..., User], mailoutbox: list[Any]
) -> None:
    user = make_user(Role.OBSERVER)
    user.email, user.preferred_language = "reader@example.org", "es"
    user.save()
    assert client.post("/accounts/password-reset/", {"email": "reader@example.org"}).status_code == 302
    assert len(mailoutbox) == 1 and "contraseña" in mailoutbox[0].subject
    import re

    path = re.search(r"https?://[^/]+(/accounts/password-reset/\S+/)", mailoutbox[0].body).group(1)  # type: ignore[union-attr]
    form = client.get(path, follow=True)
    new = "tall-orange-harbour-71"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    assert AuditEvent.objects.filter(action="password.reset", actor=user).exists()
