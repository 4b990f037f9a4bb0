"""Hardening: the platform refuses to serve with the public key, passes `check --deploy` under production
settings, and every response carries the Content-Security-Policy, HSTS and cookie flags."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings

from treatyreview.accounts.models import Role

PRODUCTION = {
    "DJANGO_SECRET_KEY": "x7-long-random-production-key-for-the-check-0123456789-abcdefghijkl",
    "DJANGO_HTTPS": "true",
    "DJANGO_ALLOWED_HOSTS": "review.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://review.example.org",
}


def _treatyreview(args: list[str], env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TREATYREVIEW_"))}
    clean.update(env, TREATYREVIEW_VAR_DIR=str(tmp_path))
    return subprocess.run([sys.executable, "-m", "treatyreview", *args], env=clean, capture_output=True,
                          text=True, timeout=120)


def test_check_deploy_is_clean_under_production_settings(tmp_path: Path) -> None:
    result = _treatyreview(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_flags_the_public_fallback_key(tmp_path: Path) -> None:
    env = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_SECRET_KEY"}
    result = _treatyreview(["check", "--deploy"], env, tmp_path)
    assert result.returncode != 0 and "treatyreview.E001" in result.stderr


def test_serve_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    result = _treatyreview(["serve", "127.0.0.1:0"], {}, tmp_path)
    assert result.returncode != 0
    assert "no secret key is set" in result.stderr and "Traceback" not in result.stderr


def test_the_wsgi_application_refuses_the_public_key_unless_debug() -> None:
    import treatyreview.wsgi

    with override_settings(SECRET_KEY="insecure-local-demo-key-set-DJANGO_SECRET_KEY-in-production"), \
            pytest.raises(ImproperlyConfigured, match="no secret key"):
        importlib.reload(treatyreview.wsgi)
    with override_settings(SECRET_KEY="insecure-local-demo-key-set-DJANGO_SECRET_KEY-in-production", DEBUG=True):
        importlib.reload(treatyreview.wsgi)


def test_the_key_can_come_from_a_file(tmp_path: Path) -> None:
    key = tmp_path / "secret"
    key.write_text("from-a-file-" + "k" * 50 + "\n")
    env = {**PRODUCTION, "DJANGO_SECRET_KEY_FILE": str(key)}
    env.pop("DJANGO_SECRET_KEY")
    result = _treatyreview(["shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)"],
                           env, tmp_path)
    assert result.stdout.strip().splitlines()[-1] == "from-a-file-" + "k" * 50


@pytest.mark.django_db
def test_every_kind_of_response_carries_the_content_security_policy(client: Client, make_user, secretariat) -> None:
    responses = [client.get(path) for path in (
        "/", "/states/", "/states/AUT/", "/instruments/", "/draws/", "/audit/anchor/", "/accounts/login/",
        "/api/docs", "/api/states", "/api/openapi.json", "/static/vendor/htmx.min.js", "/no-such-page/",
        "/rules/", "/audit/",  # redirects to sign in
    )]
    observer = Client()
    observer.force_login(make_user(Role.OBSERVER))
    responses.append(observer.get("/audit/"))  # 403
    staff = Client()
    staff.force_login(secretariat)
    responses += [staff.get(path) for path in ("/audit/", "/audit/export.csv", "/rules/", "/secretariat/draws/")]
    statuses = {response.status_code for response in responses}
    assert {200, 302, 403, 404} <= statuses
    for response in responses:
        policy = response.get("Content-Security-Policy", "")
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, response
        assert "frame-ancestors 'none'" in policy


def test_no_template_holds_an_inline_script_or_event_handler() -> None:
    root = Path(__file__).resolve().parents[1] / "src" / "treatyreview"
    found = []
    for template in root.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            inline_script = "<script" in line and "src=" not in line and 'type="application/json"' not in line
            handler = any(f" on{event}=" in line for event in ("click", "change", "submit", "load", "input"))
            if inline_script or handler or " style=" in line:
                found.append(f"{template.relative_to(root)}:{number}: {line.strip()}")
    assert found == []


@pytest.mark.django_db
def test_over_https_hsts_and_secure_cookies(secretariat) -> None:
    with override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
                           SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True, SECURE_SSL_REDIRECT=True,
                           SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")):
        client = Client()
        assert client.get("/accounts/login/").status_code == 301  # plain HTTP goes to HTTPS
        response = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
        assert response["Strict-Transport-Security"].startswith("max-age=31536000")
        assert response.cookies["csrftoken"]["secure"] and response.cookies["csrftoken"]["httponly"]


@pytest.mark.django_db
def test_a_post_without_the_csrf_token_is_refused(secretariat) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat)
    assert client.post("/participation/import/", {}).status_code == 403


def test_audit_checkpoint_and_serve_are_listed(capsys) -> None:
    from treatyreview.cli import main

    assert main([]) == 0
    listing = capsys.readouterr().out
    for command in ("serve", "backup", "restore", "audit-checkpoint"):
        assert f"  {command} " in listing
    with pytest.raises(CommandError):
        call_command("serve", "127.0.0.1:0", workers=0)
