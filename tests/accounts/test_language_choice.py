"""The language a signed-in person chooses in the switcher is kept on the account, so e-mails follow it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from treatyreview.accounts.models import Role, User
from treatyreview.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_choosing_a_language_keeps_it_for_the_emails(
    client: Client, make_user: Callable[..., User], mailoutbox: list[Any]
) -> None:
    user = make_user(Role.OBSERVER)
    user.email, user.preferred_language = "reader@example.org", "en"
    user.save()
    client.force_login(user)
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/states/"})
    assert response.status_code == 302 and response["Location"] == "/states/"
    user.refresh_from_db()
    assert user.preferred_language == "fr"
    event = AuditEvent.objects.get(action="account.language", actor=user)
    assert event.before == {"preferred_language": "en"} and event.after == {"preferred_language": "fr"}
    # Choosing it again records nothing more.
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert AuditEvent.objects.filter(action="account.language", actor=user).count() == 1
    client.logout()
    client.post("/accounts/password-reset/", {"email": "reader@example.org"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert len(mailoutbox) == 1 and "mot de passe" in mailoutbox[0].subject.lower()


def test_an_anonymous_choice_or_an_unknown_language_changes_no_account(
    client: Client, make_user: Callable[..., User]
) -> None:
    assert client.post("/i18n/setlang/", {"language": "ar", "next": "/"}).status_code == 302
    assert not AuditEvent.objects.filter(action="account.language").exists()
    user = make_user(Role.OBSERVER)
    client.force_login(user)
    client.post("/i18n/setlang/", {"language": "de", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language != "de"
    assert not AuditEvent.objects.filter(action="account.language").exists()
