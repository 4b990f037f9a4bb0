"""Accounts come only from recorded nominations: created by the secretariat, activated once by a link that expires."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from treatyreview.accounts import services
from treatyreview.accounts.models import AccountActivation, Nomination, Role, RoleGrant, User
from treatyreview.audit.models import AuditEvent
from treatyreview.errors import InvalidInput, NotPermitted
from treatyreview.registry.models import State

pytestmark = pytest.mark.django_db

PASSWORD = "tall-orange-harbour-71"


def _nomination(secretariat: User, *, code: str = "KEN", role: str = Role.EXPERT,
                email: str = "amina.otieno@example.go.ke") -> Nomination:
    return Nomination.objects.create(
        state=State.objects.get(code=code), role=role, note_verbale_ref=f"NV/{code}/2026/7",
        note_verbale_date=dt.date(2026, 2, 3), person_name="Amina Otieno", email=email, recorded_by=secretariat,
    )


def _link(mail: Any) -> str:
    found = re.search(r"http://\S+/accounts/activate/\S+/", mail.body)
    assert found, mail.body
    return found.group(0).split("testserver", 1)[-1] if "testserver" in found.group(0) else found.group(0)


def _create(secretariat: User, nomination: Nomination, capture: Any, **kwargs: Any) -> tuple[User, str]:
    with capture(execute=True):
        user, _activation = services.account_create_from_nomination(
            actor=secretariat, nomination=nomination, site_url="http://testserver/", **kwargs)
    return user, ""


def test_the_account_holds_the_nominated_role_and_gets_a_link_by_email(
    secretariat: User, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    nomination = _nomination(secretariat)
    user, _ = _create(secretariat, nomination, django_capture_on_commit_callbacks)
    assert user.username == "amina.otieno@example.go.ke" and not user.has_usable_password()
    grant = RoleGrant.objects.get(user=user)
    assert (grant.role, grant.state.code, grant.nomination, grant.valid_from) == (
        Role.EXPERT, "KEN", nomination, timezone.localdate())
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["amina.otieno@example.go.ke"]
    assert "/accounts/activate/" in mailoutbox[0].body and "10 days" in mailoutbox[0].body
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"account.create", "role_grant.create", "account.activation_send"} <= actions
    # The token is in the e-mail only; the database keeps its digest.
    token = _link(mailoutbox[0]).rstrip("/").rsplit("/", 1)[-1]
    assert AccountActivation.objects.get(user=user).digest == AccountActivation.digest_of(token)


def test_the_email_is_in_the_recipients_language(
    secretariat: User, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    _create(secretariat, _nomination(secretariat, code="FRA", email="a@example.fr"),
            django_capture_on_commit_callbacks, language="fr")
    assert User.objects.get(username="a@example.fr").preferred_language == "fr"
    assert "Votre compte" in mailoutbox[0].subject
    assert "jours" in mailoutbox[0].body


def test_only_the_secretariat_creates_accounts_and_only_once_per_nomination(
    secretariat: User, make_user: Callable[..., User], django_capture_on_commit_callbacks: Any
) -> None:
    nomination = _nomination(secretariat)
    with pytest.raises(NotPermitted):
        services.account_create_from_nomination(actor=make_user(Role.FOCAL_POINT, state="KEN"), nomination=nomination)
    _create(secretariat, nomination, django_capture_on_commit_callbacks)
    with pytest.raises(InvalidInput, match="already created"):
        services.account_create_from_nomination(actor=secretariat, nomination=nomination)


def test_a_nomination_without_email_or_with_a_taken_email_is_refused_and_changes_nothing(secretariat: User) -> None:
    with pytest.raises(InvalidInput, match="no e-mail"):
        services.account_create_from_nomination(actor=secretariat, nomination=_nomination(secretariat, email=""))
    User.objects.create_user(username="someone", email="taken@example.org")
    before = User.objects.count()
    with pytest.raises(InvalidInput, match="exists already"):
        services.account_create_from_nomination(
            actor=secretariat, nomination=_nomination(secretariat, email="Taken@example.org"))
    assert User.objects.count() == before


def test_a_second_open_focal_point_for_a_state_is_refused(
    secretariat: User, make_user: Callable[..., User]
) -> None:
    make_user(Role.FOCAL_POINT, state="KEN")
    nomination = _nomination(secretariat, role=Role.FOCAL_POINT)
    with pytest.raises(InvalidInput, match="has a focal point already"):
        services.account_create_from_nomination(actor=secretariat, nomination=nomination)
    assert not User.objects.filter(username=nomination.email).exists()


def _activation_path(secretariat: User, capture: Any, mailoutbox: list[Any], **nomination: Any) -> str:
    _create(secretariat, _nomination(secretariat, **nomination), capture)
    return _link(mailoutbox[-1])


def test_the_activation_link_sets_the_password_once(
    client: Client, secretariat: User, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    path = _activation_path(secretariat, django_capture_on_commit_callbacks, mailoutbox)
    assert client.get(path).status_code == 200
    response = client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(username="amina.otieno@example.go.ke")
    assert user.check_password(PASSWORD)
    assert AuditEvent.objects.filter(action="account.activate", actor=user).exists()
    # Works once: a second visit (another browser) is told, and cannot set another password.
    other = Client()
    page = other.get(path)
    assert page.status_code == 410 and "used already" in page.content.decode()
    other.post(path, {"new_password1": "another-long-password-9", "new_password2": "another-long-password-9"})
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_the_activation_link_expires_after_ten_days(
    client: Client, secretariat: User, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    path = _activation_path(secretariat, django_capture_on_commit_callbacks, mailoutbox)
    activation = AccountActivation.objects.get()
    assert activation.expires_at - activation.created_at == dt.timedelta(days=10)
    AccountActivation.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    page = client.get(path)
    assert page.status_code == 410 and "expired" in page.content.decode()
    client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert not User.objects.get(username="amina.otieno@example.go.ke").has_usable_password()
    with pytest.raises(InvalidInput, match="expired"):
        services.account_activate(token=path.rstrip("/").rsplit("/", 1)[-1], password=PASSWORD)


def test_a_new_link_replaces_the_old_one(
    client: Client, secretariat: User, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    first = _activation_path(secretariat, django_capture_on_commit_callbacks, mailoutbox)
    user = User.objects.get(username="amina.otieno@example.go.ke")
    with django_capture_on_commit_callbacks(execute=True):
        services.activation_send(actor=secretariat, user=user, site_url="http://testserver/")
    second = _link(mailoutbox[-1])
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200


def test_a_weak_password_is_refused_on_the_activation_page(
    client: Client, secretariat: User, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    path = _activation_path(secretariat, django_capture_on_commit_callbacks, mailoutbox)
    response = client.post(path, {"new_password1": "short1", "new_password2": "short1"})
    assert response.status_code == 400 and "at least 12 characters" in response.content.decode()
    assert not User.objects.get(username="amina.otieno@example.go.ke").has_usable_password()


def test_a_focal_point_goes_from_activation_to_two_factor_setup(
    client: Client, secretariat: User, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    path = _activation_path(secretariat, django_capture_on_commit_callbacks, mailoutbox, role=Role.FOCAL_POINT,
                            code="CHL", email="focal@example.cl")
    response = client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response["Location"] == "/accounts/two-factor/setup/"
    assert client.get("/states/").status_code == 302  # not before the second factor is set up


def test_the_nominations_page_lists_those_without_account_and_creates_one(
    client_as: Callable[[User], Client], secretariat: User, mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    nomination = _nomination(secretariat)
    client = client_as(secretariat)
    assert "Amina Otieno" in client.get("/secretariat/nominations/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/secretariat/nominations/{nomination.pk}/account/", {"language": ""})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    listed = client.get("/secretariat/nominations/").content.decode()
    assert f"/secretariat/nominations/{nomination.pk}/account/" not in listed
    # A double submit is refused with the reason, and nothing more is created.
    again = client.post(f"/secretariat/nominations/{nomination.pk}/account/", {"language": ""}, follow=True)
    assert "already created" in again.content.decode()
    assert User.objects.filter(username=nomination.email).count() == 1


def test_the_account_pages_are_for_the_secretariat_only(
    client_as: Callable[[User], Client], make_user: Callable[..., User]
) -> None:
    focal = make_user(Role.FOCAL_POINT, state="AUT")
    for path in ("/secretariat/accounts/", "/secretariat/nominations/", f"/secretariat/accounts/{focal.pk}/"):
        assert client_as(focal).get(path).status_code == 403


def test_the_first_secretariat_account_comes_from_the_command_line(
    mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    import io

    from django.core.management import call_command

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("create_secretariat", "officer-1", "Officer@UNODC.example", "--name", "First Officer", stdout=out)
    user = User.objects.get(username="officer-1")
    assert user.email == "officer@unodc.example" and not user.has_usable_password()
    assert RoleGrant.objects.get(user=user).role == Role.SECRETARIAT
    assert "activation link e-mailed to officer@unodc.example" in out.getvalue()
    assert len(mailoutbox) == 1 and "/accounts/activate/" in mailoutbox[0].body
    assert AuditEvent.objects.filter(action="account.create", actor=None, target_id=str(user.pk)).exists()
