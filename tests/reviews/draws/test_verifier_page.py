"""The page of published draws offers the single-file verifier, with its SHA-256 and the command, to anyone."""

from __future__ import annotations

import hashlib

import pytest
from django.test import Client

from treatyreview.mechanism import lots


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar", "zh-hans", "fr", "ru", "es"])
def test_anyone_sees_the_verifier_its_sha256_and_the_command_in_their_language(language: str) -> None:
    client = Client()
    client.cookies["django_language"] = language
    html = client.get("/draws/").content.decode()
    assert lots.verifier_sha256() in html
    assert 'href="/draws/verify_draw.py"' in html
    assert "python3 verify_draw.py draw-N-record.json" in html
    assert '<code dir="ltr">reproduced</code>' in html
    if language != "en":
        assert "Download the single-file verifier" not in html


@pytest.mark.django_db
def test_the_download_is_the_shipped_file_byte_for_byte() -> None:
    response = Client().get("/draws/verify_draw.py")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="verify_draw.py"'
    assert response.content == lots.verifier_source()
    assert hashlib.sha256(response.content).hexdigest() == lots.verifier_sha256()
