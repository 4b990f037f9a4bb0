"""The Content-Security-Policy holds in a real browser: the main pages, signed out and signed in, raise no
violation, and the API documentation renders from the vendored Swagger UI."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import requires_chromium, screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), requires_chromium]

PUBLIC = ["/", "/states/", "/states/AUT/", "/instruments/", "/draws/", "/audit/anchor/", "/accounts/login/"]
SECRETARIAT = ["/", "/rules/", "/audit/", "/states/AUT/experts/", "/secretariat/draws/", "/participation/import/"]


def _watch(page: Any) -> list[str]:
    """Every CSP violation (console message or securitypolicyviolation event) the page reports."""
    found: list[str] = []
    page.on("console", lambda message: found.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text else None)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Refused to ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return found


def _visit(page: Any, site: str, path: str) -> None:
    response = page.goto(f"{site}{path}")
    assert response is not None and response.status == 200, path
    assert "script-src 'self'" in (response.headers.get("content-security-policy") or ""), path
    page.wait_for_load_state("networkidle")


def test_public_pages_raise_no_csp_violation(site: str, page: Any) -> None:
    violations = _watch(page)
    for path in PUBLIC:
        _visit(page, site, path)
    # The States list filters through htmx: a request and a swap under the policy.
    page.goto(f"{site}/states/")
    page.locator("select").first.select_option(index=1)
    page.wait_for_load_state("networkidle")
    assert violations == []


def test_secretariat_pages_raise_no_csp_violation(site: str, page: Any) -> None:
    violations = _watch(page)
    sign_in(page, site, "secretariat")
    for path in SECRETARIAT:
        _visit(page, site, path)
    assert violations == []


def test_the_api_documentation_renders_offline_from_the_vendored_copy(site: str, page: Any) -> None:
    violations = _watch(page)
    outside: list[str] = []
    page.route("**/*", lambda route: (outside.append(route.request.url), route.abort())
               if not route.request.url.startswith(site) else route.continue_())
    _visit(page, site, "/api/docs")
    page.wait_for_selector("#swagger-ui .info .title", timeout=15_000)
    assert "treatyreview API" in page.inner_text("#swagger-ui .info .title")
    page.wait_for_selector(".opblock", timeout=15_000)
    screenshot(page, "api-docs")
    assert outside == [] and violations == []


def test_the_watch_reports_an_inline_script_the_policy_refuses(site: str, page: Any) -> None:
    violations = _watch(page)
    page.route(f"{site}/csp-probe", lambda route: route.fulfill(
        status=200, content_type="text/html",
        headers={"Content-Security-Policy": "script-src 'self'"},
        body="<!doctype html><p>probe</p><script>document.title = 'ran';</script>",
    ))
    page.goto(f"{site}/csp-probe")
    page.wait_for_load_state("networkidle")
    assert page.title() != "ran" and violations
