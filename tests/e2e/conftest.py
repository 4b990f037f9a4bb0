"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e import accessibility
from tests.e2e.accessibility import Audit
from treatyreview.registry.services import reference_data_load
from treatyreview.reviews.rules.services import rules_presets_install
from treatyreview.web.demo import DEMO_PASSWORD, demo_accounts_create

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

requires_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium (apt-get install chromium)")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; the test's own ORM calls are still
    # plain synchronous code, so Django's guard against async contexts is lifted while the browser is open.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(live_server: Any) -> str:
    """The live server's address, with the registry, the rules presets and the demo accounts loaded."""
    reference_data_load()
    rules_presets_install()
    demo_accounts_create()
    return str(live_server.url)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    tab = context.new_page()
    # Generous: on a busy two-core machine a page with its accessibility check can take seconds; a broken page
    # still fails, only later.
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


def sign_in(page: Any, site: str, username: str) -> None:
    """Sign in as a demo account; the secretariat and focal points then type their demo authenticator's code."""
    page.goto(f"{site}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    if "/accounts/two-factor/verify/" in page.url:
        page.fill("#id_code", next_code(username))
        page.click("main button[type=submit]")
    page.wait_for_url(f"{site}/")


def next_code(username: str) -> str:
    """A code the user's authenticator shows that was not used yet (a code works once: a second sign-in in the
    same 30 seconds takes the next one, within the one step of tolerance)."""
    import time

    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user__username=username, confirmed=True).order_by("-id").first()
    assert device is not None, f"{username} has no authenticator"
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    now = int(time.time())
    step = max(now // device.step, device.last_t + 1)
    totp.time = step * device.step
    return f"{totp.token():06d}"


def screenshot(page: Any, name: str, *, full_page: bool = False) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


@pytest.fixture(scope="session", autouse=True)
def accessibility_audit(request: pytest.FixtureRequest) -> Iterator[Audit | None]:
    """axe-core on every page every browser test opens (tests/e2e/accessibility.py); nothing to do per test."""
    if accessibility.mode() == "off":
        yield None
        return
    with pytest.MonkeyPatch.context() as monkeypatch:
        audit = accessibility.install(monkeypatch)
        request.config.stash[AUDIT] = audit
        yield audit


AUDIT = pytest.StashKey[Audit]()


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    audit = config.stash.get(AUDIT, None)
    if audit is not None and audit.runs:
        terminalreporter.write_line(
            f"axe-core {accessibility.AXE_VERSION}: {audit.runs} page states checked, {audit.skipped} repeats "
            f"skipped, {audit.seconds:.1f} s in the checks")
        for failure in audit.found:
            terminalreporter.write_line(failure)
