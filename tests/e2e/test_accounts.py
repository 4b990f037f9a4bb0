"""In a browser: an account created from a nomination, activated from the e-mailed link, two-factor authentication
set up with the QR page, recovery codes shown once; in English, Arabic (right to left) and French."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail

from tests.e2e.conftest import requires_chromium, screenshot, sign_in
from treatyreview.accounts.models import Nomination, Role, User
from treatyreview.audit.models import AuditEvent
from treatyreview.registry.models import State
from treatyreview.web.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, requires_chromium]

PASSWORD = "tall-orange-harbour-71"


def _nominate(code: str, email: str) -> Nomination:
    return Nomination.objects.create(
        state=State.objects.get(code=code), role=Role.FOCAL_POINT, note_verbale_ref=f"NV/{code}/2026/12",
        note_verbale_date=dt.date(2026, 3, 2), person_name=f"Focal point of {code} (new)", email=email,
        recorded_by=User.objects.get(username="secretariat"),
    )


def _choose_language(page: Any, code: str) -> None:
    page.click(f"header button[name=language][value={code}]")
    page.wait_for_load_state()


@pytest.mark.parametrize("language, state", [("en", "CHL"), ("ar", "EGY"), ("fr", "SEN")])
def test_from_nomination_to_a_focal_point_signed_in_with_two_factors(
    site: str, browser: Any, language: str, state: str
) -> None:
    email = f"focal.{state.lower()}@example.org"
    nomination = _nominate(state, email)
    mail.outbox = []
    # The secretariat creates the account from the nomination.
    officer = browser.new_context(viewport={"width": 1280, "height": 900})
    page = officer.new_page()
    sign_in(page, site, "secretariat")
    _choose_language(page, language)
    page.goto(f"{site}/secretariat/nominations/")
    assert nomination.person_name in page.inner_text("main")
    screenshot(page, f"accounts-nominations-{language}", full_page=True)
    page.click(f"form[action='/secretariat/nominations/{nomination.pk}/account/'] button[type=submit]")
    page.wait_for_url(re.compile(r".*/secretariat/accounts/\d+/$"))
    assert email in page.inner_text("main")
    screenshot(page, f"accounts-account-{language}", full_page=True)
    # A double submit from the nominations page (back button) is refused and creates nothing more.
    page.go_back()
    page.click(f"form[action='/secretariat/nominations/{nomination.pk}/account/'] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".alert-danger").count() == 1
    assert User.objects.filter(username=email).count() == 1
    officer.close()

    # The nominated person opens the e-mailed link, sets a password and sets up two-factor authentication.
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/activate/\S+/", mail.outbox[0].body).group(0)  # type: ignore[union-attr]
    person = browser.new_context(viewport={"width": 1280, "height": 900}, locale=language)
    page = person.new_page()
    page.goto(link)
    _choose_language(page, language)
    screenshot(page, f"accounts-activate-{language}")
    page.fill("#id_new_password1", PASSWORD)
    page.fill("#id_new_password2", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/accounts/two-factor/setup/"))
    assert page.locator(".tr-qr svg").is_visible()
    screenshot(page, f"accounts-two-factor-setup-{language}", full_page=True)
    # Until it is set up, every signed-in page sends back here.
    page.goto(f"{site}/rules/")
    assert "/accounts/two-factor/setup/" in page.url
    key = page.inner_text("#authenticator-key").replace(" ", "")
    page.fill("#id_code", _code_of(key))
    page.click("main form button[type=submit]")
    page.wait_for_selector("#recovery-codes")
    codes = [text.strip() for text in page.locator("#recovery-codes code").all_inner_texts()]
    assert len(codes) == 10
    screenshot(page, f"accounts-recovery-codes-{language}", full_page=True)
    page.click("main a.btn-primary")
    page.goto(f"{site}/rules/")
    assert page.url.endswith("/rules/")
    # The activation link works once: opened again, it says so.
    page.goto(link)
    assert page.locator("#activation-problem").is_visible()
    person.close()

    # Next sign-in: password, then a recovery code (the phone is lost); the same code is refused a second time.
    for attempt in range(2):
        again = browser.new_context(viewport={"width": 1280, "height": 900})
        page = again.new_page()
        page.goto(f"{site}/accounts/login/")
        page.fill("#id_username", email)
        page.fill("#id_password", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(re.compile(r".*/accounts/two-factor/verify/"))
        if attempt == 0:
            _choose_language(page, language)
            screenshot(page, f"accounts-two-factor-verify-{language}")
        page.fill("#id_code", codes[0])
        page.click("main form button[type=submit]")
        page.wait_for_load_state()
        if attempt == 0:
            assert "/accounts/two-factor/verify/" not in page.url
        else:
            assert "/accounts/two-factor/verify/" in page.url
            assert page.locator(".invalid-feedback").is_visible()
        again.close()
    user = User.objects.get(username=email)
    actions = set(AuditEvent.objects.filter(actor=user).values_list("action", flat=True))
    assert {"account.activate", "two_factor.enable", "two_factor.recovery_code_use", "two_factor.failure"} <= actions


def _code_of(base32_key: str) -> str:
    import base64
    import time

    from django_otp.oath import TOTP

    key = base64.b32decode(base32_key + "=" * (-len(base32_key) % 8))
    totp = TOTP(key)
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_the_secretariat_deactivates_an_account_and_its_open_session_ends(site: str, browser: Any) -> None:
    expert = browser.new_context(viewport={"width": 1280, "height": 900})
    expert_page = expert.new_page()
    sign_in(expert_page, site, "expert-ken")
    officer = browser.new_context(viewport={"width": 1280, "height": 900})
    page = officer.new_page()
    sign_in(page, site, "secretariat")
    page.goto(f"{site}/secretariat/accounts/")
    page.click("main a:has-text('expert-ken')")
    page.click("main button:has-text('Deactivate now')")
    page.wait_for_load_state()
    assert "Deactivated" in page.inner_text("#account-status")
    screenshot(page, "accounts-deactivated-en", full_page=True)
    expert_page.goto(f"{site}/accounts/tokens/")
    assert "/accounts/login/" in expert_page.url
    expert.close()
    officer.close()


@pytest.mark.parametrize("language", ["en", "ar", "ru"])
def test_the_secretariat_removes_a_lost_authenticator_and_the_focal_point_sets_up_a_new_one(
    site: str, browser: Any, language: str
) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    focal = User.objects.get(username="focal-ken")
    officer = browser.new_context(viewport={"width": 1280, "height": 900})
    page = officer.new_page()
    sign_in(page, site, "secretariat")
    _choose_language(page, language)
    page.goto(f"{site}/secretariat/accounts/{focal.pk}/")
    screenshot(page, f"accounts-remove-authenticator-before-{language}", full_page=True)
    # Without a reason nothing is removed, and the page says so at the top.
    page.fill("#remove-reason", "")
    page.eval_on_selector("#remove-authenticator", "form => form.noValidate = true")
    page.click("#remove-authenticator button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".alert-danger").count() == 1
    assert TOTPDevice.objects.filter(user=focal, confirmed=True).exists()
    screenshot(page, f"accounts-remove-authenticator-refused-{language}", full_page=True)
    page.fill("#remove-reason", "Lost telephone; identity confirmed by a call to the permanent mission.")
    page.click("#remove-authenticator button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".alert-success").count() == 1
    assert page.locator("#remove-authenticator").count() == 0
    screenshot(page, f"accounts-remove-authenticator-after-{language}", full_page=True)
    assert not TOTPDevice.objects.filter(user=focal, confirmed=True).exists()
    assert AuditEvent.objects.filter(action="two_factor.remove", target_id=str(focal.pk)).exists()
    officer.close()
    # The focal point signs in with the password and is sent to set up a new authenticator.
    person = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = person.new_page()
    tab.goto(f"{site}/accounts/login/")
    tab.fill("#id_username", "focal-ken")
    tab.fill("#id_password", DEMO_PASSWORD)
    tab.click("main button[type=submit]")
    tab.wait_for_load_state()
    assert "/accounts/two-factor/setup/" in tab.url
    person.close()
