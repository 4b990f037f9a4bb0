"""Library records in several languages, made through the services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from treatyreview.accounts.models import User
from treatyreview.knowledge.models import LegalRecord
from treatyreview.knowledge.services import RecordFields, TextFields, record_create
from treatyreview.registry.models import Article, State


@pytest.fixture
def make_record(secretariat: User) -> Callable[..., LegalRecord]:
    def make(title: str, text: str = "", *, language: str = "en", state: str = "AUT", kind: str = "legislation",
             visibility: str = "public", articles: tuple[str, ...] = (), actor: User | None = None,
             **fields: Any) -> LegalRecord:
        linked = [Article.objects.get(instrument__code=code.split()[0], number=int(code.split()[1]))
                  for code in articles]
        return record_create(
            actor=actor or secretariat,
            fields=RecordFields(kind=kind, state=State.objects.get(code=state), original_language=language,
                                visibility=visibility, articles=linked, **fields),
            text=TextFields(language=language, title=title, text=text),
        )

    return make


@pytest.fixture
def client_as(db: Any) -> Callable[[User], Any]:
    from django.test import Client

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
