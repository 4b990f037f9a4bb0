"""The pages met between the password and the code, and the refusals of signing in, hold no English phrase of the
interface in the five other languages (the site-wide check in tests/web cannot open them as a signed-in client)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.web.test_page_languages import LANGUAGES, english_phrases, page_text
from treatyreview.accounts.models import Role, User

pytestmark = pytest.mark.django_db


def _english_in(html: str, language: str, phrases: list[Any]) -> list[str]:
    text = page_text(html, language)
    return [fragment for fragment, first, pattern in phrases if first in text and pattern.search(text)]


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_second_step_and_the_refusals_are_in_the_readers_language(
    language: str, make_user: Callable[..., User], client_after_password: Callable[[User], Client], settings: Any
) -> None:
    user = make_user(Role.SECRETARIAT, username="officer-x")
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    client = client_after_password(user)
    pages = {"verify": client.get("/accounts/two-factor/verify/", HTTP_ACCEPT_LANGUAGE=language)}
    pages["wrong code"] = client.post("/accounts/two-factor/verify/", {"code": "000000"},
                                      HTTP_ACCEPT_LANGUAGE=language)
    anonymous = Client(REMOTE_ADDR="10.1.2.3")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        pages["locked"] = anonymous.post("/accounts/login/", {"username": "officer-x", "password": f"no-{attempt}"},
                                         HTTP_ACCEPT_LANGUAGE=language)
    settings.TREATYREVIEW_RATE_LIMITS = {**settings.TREATYREVIEW_RATE_LIMITS,
                                         "password_reset": (["POST"], "/accounts/password-reset/", 0, 3600)}
    pages["rate limited"] = anonymous.post("/accounts/password-reset/", {"email": "a@example.org"},
                                           HTTP_ACCEPT_LANGUAGE=language)
    assert [page.status_code for page in pages.values()] == [200, 400, 429, 429]
    phrases = english_phrases(LANGUAGES[language])
    problems = {name: found for name, page in pages.items()
                if (found := _english_in(page.content.decode(), language, phrases))}
    assert problems == {}
