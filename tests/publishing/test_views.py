"""The pages of outcome documents, as their readers meet them: in every language with no English left, refusals
at the top of the page saying what to do, a second click or a stale tab changing nothing."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone

from tests.publishing.world import generated, outcome_world
from tests.web.test_page_languages import LANGUAGES, WORD, english_phrases, page_text
from treatyreview.publishing import services, wordfiles
from treatyreview.publishing.models import Consent

pytestmark = pytest.mark.django_db


def published_world():
    w = outcome_world()
    officer = w.people["secretariat"]
    document = generated(w)
    french = services.translation_request(actor=officer, document=document, language="fr")
    data = wordfiles.render(wordfiles.default_template("summary", "fr"), {**wordfiles.sample_context("fr"),
                                                                         "title": "Résumé : Autriche",
                                                                         "subtitle": "Cycle d'essai, phase 1"})
    french = services.translation_record(actor=officer, version=french, data=data, expected_version=french.version)
    services.translation_verify(actor=officer, version=french, expected_version=french.version)
    services.consent_give(actor=w.people["focal"], document=document, languages=["en", "fr"],
                          effective_from=timezone.localdate())
    services.document_publish(actor=officer, document=document)
    generated(w, "list_of_observations")
    return w, document


def test_the_pages_of_documents_show_no_english_phrase_in_another_language() -> None:
    w, document = published_world()
    english, french = document.versions.get(language="en"), document.versions.get(language="fr")
    pages = {
        "secretariat": [f"/reviews/{w.review.pk}/documents/", f"/documents/versions/{english.pk}/",
                        "/secretariat/word-templates/"],
        "focal": [f"/reviews/{w.review.pk}/documents/"],
        "anonymous": ["/publications/", f"/publications/{document.pk}/", f"/publications/{document.pk}/fr/"],
    }
    problems = []
    for language, catalogue in LANGUAGES.items():
        phrases = english_phrases(catalogue)
        for who, urls in pages.items():
            client = Client()
            if who != "anonymous":
                client.force_login(w.people[who])
            for url in urls:
                response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
                assert response.status_code == 200, (url, who)
                text = page_text(response.content.decode(), language)
                for typed in ("Cycle under test", "secretariat", "focal", "Austria"):
                    text = text.replace(typed, " ")
                words = set(WORD.findall(text))
                found = [f for f, first, pattern in phrases if first in words and f in text and pattern.search(text)]
                problems.extend(f"{language} {url} as {who}: {fragment!r}" for fragment in found)
    assert not problems, "\n".join(problems[:50])
    assert french.pk


def test_the_public_page_offers_each_consented_language_and_its_word_file() -> None:
    _w, document = published_world()
    page = Client().get(f"/publications/{document.pk}/fr/")
    body = page.content.decode()
    assert 'lang="fr" dir="ltr"' in body and "Résumé : Autriche" in body
    assert f'href="/publications/{document.pk}/en/"' in body and f"/publications/{document.pk}/fr.docx" in body
    listed = Client().get("/api/publications").json()
    assert listed[0]["state"] == "AUT" and listed[0]["kind"] == "summary" and listed[0]["languages"] == ["en", "fr"]
    assert {(f["language"], f["format"]) for f in listed[0]["files"]} == {("en", "docx"), ("en", "html"),
                                                                          ("fr", "docx"), ("fr", "html")}
    for item in listed[0]["files"]:
        assert Client().get(item["url"]).status_code == 200
    assert Client().get(f"/publications/{document.pk}/ru/").status_code == 404
    word = Client().get(f"/publications/{document.pk}/fr.docx")
    assert word["Content-Type"] == wordfiles.MIME_DOCX
    assert "Résumé : Autriche" in [text for _kind, text in wordfiles.blocks(word.content)]


def test_a_second_click_and_a_stale_tab_change_nothing_and_say_so() -> None:
    w = outcome_world()
    officer = Client()
    officer.force_login(w.people["secretariat"])
    document = generated(w)
    french = services.translation_request(actor=w.people["secretariat"], document=document, language="fr")
    stale = french.version
    data = wordfiles.render(wordfiles.default_template("summary", "fr"), wordfiles.sample_context("fr"))
    services.translation_record(actor=w.people["secretariat"], version=french, data=data, expected_version=stale)
    response = officer.post(f"/documents/versions/{french.pk}/verify/", {"version": stale}, follow=True)
    assert re.search(r"Someone else changed this record", response.content.decode())
    assert document.versions.get(language="fr").status == "translated"
    focal = Client()
    focal.force_login(w.people["focal"])
    data = {"languages": ["en"], "effective_from": timezone.localdate().isoformat()}
    focal.post(f"/documents/{document.pk}/consent/", data)
    again = focal.post(f"/documents/{document.pk}/consent/", data, follow=True)
    assert "Nothing was changed: consent is already given" in again.content.decode()
    assert Consent.objects.count() == 1
    officer.post(f"/documents/{document.pk}/publish/")
    twice = officer.post(f"/documents/{document.pk}/publish/", follow=True)
    assert "this document is published already" in twice.content.decode()
    bad = focal.post(f"/documents/{document.pk}/consent/", {"languages": ["en"], "effective_from": "tomorrow"},
                     follow=True)
    assert "give the date as YYYY-MM-DD" in bad.content.decode()


def test_a_template_upload_with_a_broken_placeholder_is_refused_at_the_top_of_the_page() -> None:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from docx import Document

    w = outcome_world()
    officer = Client()
    officer.force_login(w.people["secretariat"])
    document = Document()
    document.add_paragraph("{{ titel }}")
    buffer = io.BytesIO()
    document.save(buffer)
    upload = SimpleUploadedFile("summary.docx", buffer.getvalue())
    response = officer.post("/secretariat/word-templates/", {"kind": "summary", "language": "en", "file": upload})
    assert response.status_code == 400
    assert "Nothing was changed: the placeholder “{{ titel }}” is not one the platform fills" in (
        response.content.decode())
    default = officer.get("/secretariat/word-templates/summary/ar.docx")
    assert wordfiles.is_right_to_left(default.content)
