"""Publication in a real browser: the secretariat generates the summary and records its French translation,
the focal point of the State under review consents, the secretariat publishes; before that the public and other
States get 404, after it the public reads and downloads it in both languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import requires_chromium, screenshot, sign_in
from tests.publishing.world import outcome_world
from tests.questionnaires.answers.world import PEOPLE
from treatyreview.accounts.models import Role, RoleGrant
from treatyreview.publishing.demo import french_file
from treatyreview.publishing.models import Consent, Document

pytestmark = [pytest.mark.e2e, requires_chromium]


def _tab(browser: Any, site: str, username: str | None, language: str = "en") -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.add_cookies([{"name": "django_language", "value": language, "url": site}])
    page = context.new_page()
    page.set_default_timeout(45_000)
    if username:
        sign_in(page, site, username)
    return page


def test_consent_then_publication_and_404_before(site: str, browser: Any, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # Austria's focal point is the demo's focal-aut (a State has one focal point), who signs in with the demo key.
    monkeypatch.setitem(PEOPLE, "focal", (None, None))
    monkeypatch.setitem(PEOPLE, "reviewer_focal", (None, None))
    w = outcome_world()
    assert RoleGrant.objects.filter(user__username="focal-aut", role=Role.FOCAL_POINT, state__code="AUT").exists()
    documents = f"{site}/reviews/{w.review.pk}/documents/"

    office = _tab(browser, site, "secretariat")
    office.goto(documents)
    screenshot(office, "pub-documents-empty", full_page=True)
    office.click("text=Record the proposal")
    office.click("text=Decide the working languages")
    office.click("form[action$='/documents/summary/generate/'] button")
    assert "The document is generated" in office.inner_text(".alert-success")
    office.select_option("select[name=language]", "fr")
    office.click("button:has-text('Request')")
    # The translators' French file, as the demo makes it: French headings, the summary's text translated.
    french = tmp_path / "summary-fr.docx"
    french.write_bytes(french_file(Document.objects.get(kind="summary")))
    office.set_input_files("input[type=file]", str(french))
    office.click("text=Record the translation")
    office.click("text=Mark verified")
    screenshot(office, "pub-documents-translated", full_page=True)
    summary = Document.objects.get(kind="summary")

    public = _tab(browser, site, None)
    assert public.goto(f"{site}/publications/{summary.pk}/").status == 404
    screenshot(public, "pub-public-404-before")
    other = _tab(browser, site, "expert-phl")
    assert other.goto(f"{site}/publications/{summary.pk}/").status == 404
    assert other.goto(documents).status == 404

    focal = _tab(browser, site, "focal-aut", "ar")
    focal.goto(documents)
    screenshot(focal, "pub-consent-ar-before", full_page=True)
    focal.check("form[action$='/consent/'] input[value=en]")
    focal.check("form[action$='/consent/'] input[value=fr]")
    focal.click("form[action$='/consent/'] button[type=submit]")
    screenshot(focal, "pub-consent-ar-given", full_page=True)
    assert Consent.objects.get().languages == ["en", "fr"]
    assert public.goto(f"{site}/publications/{summary.pk}/").status == 404

    office.goto(documents)
    office.click("form[action$='/publish/'] button")
    assert "The document is published" in office.inner_text(".alert-success")
    office.go_back()
    office.reload()

    assert public.goto(f"{site}/publications/").status == 200
    screenshot(public, "pub-public-list", full_page=True)
    public.click(f"a[href='/publications/{summary.pk}/']")
    assert "Austria was reviewed by Kenya and Brazil" in public.inner_text("main")
    screenshot(public, "pub-public-summary-en", full_page=True)
    with public.expect_download() as download:
        public.click("text=Download (Word)")
    assert download.value.suggested_filename.endswith("-en.docx")
    arabic = _tab(browser, site, None, "ar")
    arabic.goto(f"{site}/publications/{summary.pk}/fr/")
    assert "Résumé : Autriche" in arabic.inner_text("main")
    assert "L'État examiné a incriminé la participation" in arabic.inner_text("main")
    screenshot(arabic, "pub-public-summary-ar", full_page=True)
