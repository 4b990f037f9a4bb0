"""Two-factor authentication: required for the secretariat and focal points, offered to all; recovery codes once."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from treatyreview.accounts import services
from treatyreview.accounts.models import Role, User
from treatyreview.accounts.two_factor import DEMO_KEY_HEX
from treatyreview.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

ClientFor = Callable[[User], Client]


def _code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def _set_up(client: Client, user: User) -> list[str]:
    client.get("/accounts/two-factor/setup/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/accounts/two-factor/setup/", {"code": _code(device)})
    assert response.status_code == 200, response.content.decode()[:2000]
    return [code.strip() for code in response.context["codes"]]


@pytest.mark.parametrize("role, state", [(Role.SECRETARIAT, None), (Role.FOCAL_POINT, "AUT")])
def test_the_secretariat_and_focal_points_must_set_it_up_before_any_signed_in_page(
    client_after_password: ClientFor, make_user: Callable[..., User], role: str, state: str | None
) -> None:
    client = client_after_password(make_user(role, state=state))
    for path in ("/", "/rules/", "/accounts/tokens/", "/states/AUT/experts/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/two-factor/setup/"), path
    assert client.get("/api/rules").status_code == 403
    assert client.get("/accounts/two-factor/setup/").status_code == 200


def test_an_expert_may_use_the_platform_without_it(client_after_password: ClientFor,
                                                    make_user: Callable[..., User]) -> None:
    client = client_after_password(make_user(Role.EXPERT, state="KEN"))
    assert client.get("/rules/").status_code == 200
    assert client.get("/accounts/two-factor/setup/").status_code == 200  # and may set it up


def test_setting_it_up_shows_a_qr_code_drawn_here_and_confirms_with_a_code(
    client_after_password: ClientFor, make_user: Callable[..., User]
) -> None:
    user = make_user(Role.FOCAL_POINT, state="AUT")
    client = client_after_password(user)
    page = client.get("/accounts/two-factor/setup/").content.decode()
    assert "<svg" in page and "otpauth" not in page.split("<svg", 1)[0]
    assert "http" not in page.split("<svg", 1)[1].split("</svg>", 1)[0].replace("http://www.w3.org", "")
    wrong = client.post("/accounts/two-factor/setup/", {"code": "000000"})
    assert wrong.status_code == 400 and not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    codes = _set_up(client, user)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/rules/").status_code == 200  # this session passed the second step
    assert AuditEvent.objects.filter(action="two_factor.enable", actor=user).exists()


def test_after_set_up_each_sign_in_asks_for_the_code(
    client_after_password: ClientFor, make_user: Callable[..., User]
) -> None:
    user = make_user(Role.OBSERVER)  # not required, but once set up, asked every time
    _set_up(client_after_password(user), user)
    client = Client()
    assert client.post("/accounts/login/", {"username": user.username, "password": "a-long-test-password"}
                       ).status_code == 302
    response = client.get("/rules/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/two-factor/verify/")
    refused = client.post("/accounts/two-factor/verify/", {"code": "123456"})
    assert refused.status_code == 400
    assert AuditEvent.objects.filter(action="two_factor.failure", actor=user).exists()
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    accepted = client.post("/accounts/two-factor/verify/?next=/rules/", {"code": _code(device, 1),
                                                                          "next": "/rules/"})
    assert accepted.status_code == 302 and accepted["Location"] == "/rules/"
    assert client.get("/rules/").status_code == 200


def test_a_recovery_code_works_once(client_after_password: ClientFor, make_user: Callable[..., User]) -> None:
    user = make_user(Role.SECRETARIAT)
    codes = _set_up(client_after_password(user), user)
    first = client_after_password(user)
    assert first.post("/accounts/two-factor/verify/", {"code": codes[0]}).status_code == 302
    assert first.get("/rules/").status_code == 200
    assert AuditEvent.objects.filter(action="two_factor.recovery_code_use", actor=user).exists()
    second = client_after_password(user)
    assert second.post("/accounts/two-factor/verify/", {"code": codes[0]}).status_code == 400
    assert second.get("/rules/").status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client_after_password: ClientFor,
                                                 make_user: Callable[..., User]) -> None:
    user = make_user(Role.SECRETARIAT)
    client = client_after_password(user)
    old = _set_up(client, user)
    new = client.post("/accounts/two-factor/recovery-codes/").context["codes"]
    assert set(old).isdisjoint(new)
    assert services.second_factor_verify(actor=user, code=new[1]) is not None
    assert services.second_factor_verify(actor=user, code=old[1]) is None


def test_replacing_the_authenticator_needs_the_second_step_first(
    client_after_password: ClientFor, make_user: Callable[..., User]
) -> None:
    user = make_user(Role.SECRETARIAT)
    _set_up(client_after_password(user), user)
    stolen_password = client_after_password(user)
    response = stolen_password.get("/accounts/two-factor/setup/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/two-factor/verify/")


def test_the_demo_code_command_computes_the_public_demo_key(capsys: pytest.CaptureFixture[str]) -> None:
    from django.core.management import call_command

    call_command("demo_code")
    printed = capsys.readouterr().out.split()[0]
    device = TOTPDevice(key=DEMO_KEY_HEX)
    assert printed in {_code(device, step) for step in (-1, 0, 1)}


def test_a_recovery_code_does_not_slow_down_the_authenticator(
    client_after_password: ClientFor, make_user: Callable[..., User]
) -> None:
    user = make_user(Role.SECRETARIAT)
    codes = _set_up(client_after_password(user), user)
    assert services.second_factor_verify(actor=user, code=codes[3]) is not None
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    assert device.throttling_failure_count == 0
    assert services.second_factor_verify(actor=user, code=_code(device, 1)) == device
