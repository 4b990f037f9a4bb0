"""Recovery codes are kept only as digests (codes issued before are converted), and the secretariat removes the
authenticator of someone who lost it, with the reason in the audit trail."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.test_two_factor import _set_up
from treatyreview.accounts import services
from treatyreview.accounts.models import RecoveryCode, RecoveryDevice, Role, User
from treatyreview.audit.models import AuditEvent

ClientFor = Callable[[User], Client]


@pytest.mark.django_db
def test_recovery_codes_are_stored_only_as_digests(client_after_password: ClientFor,
                                                   make_user: Callable[..., User]) -> None:
    user = make_user(Role.FOCAL_POINT, state="AUT")
    codes = _set_up(client_after_password(user), user)
    assert len(codes) == 10
    assert not StaticToken.objects.exists()
    stored = list(RecoveryCode.objects.filter(device__user=user).values_list("digest", flat=True))
    assert sorted(stored) == sorted(RecoveryCode.digest_of(code) for code in codes)
    with connection.cursor() as cursor:  # nowhere in the database as typed
        cursor.execute("SELECT digest FROM accounts_recoverycode")
        assert not {row[0] for row in cursor.fetchall()} & set(codes)
    # A code works once, typed with spaces or in capitals too.
    assert services.second_factor_verify(actor=user, code=" ".join(codes[0].upper())) is not None
    assert services.second_factor_verify(actor=user, code=codes[0]) is None
    assert RecoveryCode.objects.filter(device__user=user).count() == 9


@pytest.mark.django_db(transaction=True)
def test_codes_issued_before_digests_keep_working_once_converted() -> None:
    before = [("accounts", "0003_activation_sessions_rate_limits"), ("otp_static", "0003_add_timestamps")]
    after = [("accounts", "0004_trust_recovery_code_digests")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    person = old.get_model("accounts", "User").objects.create(username="old-codes", password="!")
    device = old.get_model("otp_static", "StaticDevice").objects.create(user_id=person.pk, name="recovery",
                                                                        confirmed=True)
    old.get_model("otp_static", "StaticToken").objects.create(device_id=device.pk, token="abcdefgh23456723")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert not StaticToken.objects.exists()
    recovery = RecoveryDevice.objects.get(pk=device.pk)
    assert recovery.codes_left() == 1
    assert recovery.verify_token("abcdefgh23456723") is True
    assert recovery.verify_token("abcdefgh23456723") is False


@pytest.mark.django_db
def test_the_secretariat_removes_a_lost_authenticator_with_its_reason(
    client_as: ClientFor, client_after_password: ClientFor, secretariat: User, make_user: Callable[..., User]
) -> None:
    focal = make_user(Role.FOCAL_POINT, state="AUT", username="focal-aut")
    _set_up(client_after_password(focal), focal)
    signed_in = client_as(focal)
    assert signed_in.get("/rules/").status_code == 200
    officer = client_as(secretariat)
    page = officer.get(f"/secretariat/accounts/{focal.pk}/").content.decode()
    assert "Remove a lost authenticator" in page

    response = officer.post(f"/secretariat/accounts/{focal.pk}/two-factor/remove/",
                            {"reason": "Lost telephone; identity confirmed by a call to the permanent mission."},
                            follow=True)
    assert "were removed" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=focal).exists()
    assert not RecoveryCode.objects.filter(device__user=focal).exists()
    event = AuditEvent.objects.get(action="two_factor.remove")
    assert (event.actor, event.target_id) == (secretariat, str(focal.pk))
    assert "permanent mission" in event.note
    assert event.after == {"authenticators_removed": 1, "recovery_codes_removed": 10}
    # Their sessions ended; signing in again, a focal point must set up a new authenticator first.
    assert signed_in.get("/rules/").status_code == 302
    focal.refresh_from_db()
    again = client_after_password(focal)
    assert again.get("/rules/")["Location"].startswith("/accounts/two-factor/setup/")


@pytest.mark.django_db
def test_removing_an_authenticator_is_refused_without_reason_for_oneself_and_for_others(
    client_as: ClientFor, client_after_password: ClientFor, secretariat: User, make_user: Callable[..., User]
) -> None:
    focal = make_user(Role.FOCAL_POINT, state="AUT", username="focal-aut")
    _set_up(client_after_password(focal), focal)
    officer = client_as(secretariat)
    blank = officer.post(f"/secretariat/accounts/{focal.pk}/two-factor/remove/", {"reason": "  "}, follow=True)
    assert "Nothing was changed" in blank.content.decode()
    too_long = officer.post(f"/secretariat/accounts/{focal.pk}/two-factor/remove/", {"reason": "x" * 501},
                            follow=True)
    assert "Nothing was changed" in too_long.content.decode()
    own = officer.post(f"/secretariat/accounts/{secretariat.pk}/two-factor/remove/", {"reason": "lost"},
                       follow=True)
    assert "another secretariat officer" in own.content.decode()
    assert TOTPDevice.objects.filter(user=secretariat, confirmed=True).exists()
    for other in (focal, make_user(Role.EXPERT, state="AUT")):
        response = client_as(other).post(f"/secretariat/accounts/{focal.pk}/two-factor/remove/", {"reason": "x"})
        assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=focal, confirmed=True).exists()
    assert not AuditEvent.objects.filter(action="two_factor.remove").exists()
