"""The template pages in the browser, as the secretariat: import (a refused workbook, then a good one), a
version by instrument and article, a stale second tab refused, publication and a second click on it, and
the pages in Arabic (right to left) and French. Screenshots are kept in var/screenshots to be looked at."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import requires_chromium, screenshot, sign_in
from tests.questionnaires.books import QUESTION, workbook
from treatyreview.questionnaires.models import TemplateVersion
from treatyreview.questionnaires.saq.demo import demo_book
from treatyreview.questionnaires.saq.workbooks import workbook_write

pytestmark = [pytest.mark.e2e, requires_chromium, pytest.mark.django_db(transaction=True)]


def test_the_secretariat_imports_edits_and_publishes_a_template(
    site: str, page: Any, tmp_path: Path
) -> None:
    sign_in(page, site, "secretariat")
    page.click("nav >> text=Questionnaires")
    assert page.locator("h1").inner_text() == "Questionnaire templates"
    screenshot(page, "templates-empty-en")

    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook([QUESTION, {**QUESTION, "article": 99}, {**QUESTION, "id": "x", "type": "essay"}]))
    page.set_input_files("#id_file", str(bad))
    page.click("main form button[type=submit]")
    problems = page.locator("#import-problems li").all_inner_texts()
    assert problems[0].startswith("sheet “questions”, row 3, column “id” (A)")
    assert "column “type” (E)" in problems[1]
    screenshot(page, "templates-import-refused-en")
    assert not TemplateVersion.objects.exists()

    good = tmp_path / "untoc-saq.xlsx"
    good.write_bytes(workbook_write(demo_book()))
    page.set_input_files("#id_file", str(good))
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{site}/secretariat/templates/untoc-saq/v1/")
    assert "a draft with 334 questions" in page.locator(".tr-messages").inner_text()
    screenshot(page, "template-version-draft-en")

    # Two tabs open the same question; the second to save is refused, shown what the first saved.
    edit = f"{site}/secretariat/templates/untoc-saq/v1/questions/untoc-5/"
    other = page.context.new_page()
    other.goto(edit)
    page.goto(edit)
    page.fill("#id_guidance_en", "Name the offences and the penalties.")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{site}/secretariat/templates/untoc-saq/v1/#q-untoc-5")
    assert "Name the offences and the penalties." in page.locator("#q-untoc-5").inner_text()
    other.fill("#id_guidance_en", "Give the sentences handed down.")
    other.click("main form button[type=submit]")
    assert "Someone else saved this question" in other.locator(".tr-messages").inner_text()
    assert other.locator("#differences tbody tr").all_inner_texts() == [
        "Guidance (English)\tName the offences and the penalties.\tGive the sentences handed down."
    ]
    assert other.locator("#id_guidance_en").input_value() == "Give the sentences handed down."
    screenshot(other, "template-question-conflict-en", full_page=True)
    other.close()

    stale = page.context.new_page()
    stale.goto(f"{site}/secretariat/templates/untoc-saq/v1/")
    page.goto(f"{site}/secretariat/templates/untoc-saq/v1/")
    page.click("text=Publish this version")
    assert "is published" in page.locator(".tr-messages").inner_text()
    page.go_back()  # the page before publishing, from the browser's history: it no longer offers to publish
    page.reload()
    assert page.locator("text=Publish this version").count() == 0
    stale.click("text=Publish this version")  # a second click, from a tab opened before
    assert "is possible only while the version is: Draft" in stale.locator(".tr-messages").inner_text()
    screenshot(stale, "template-version-published-twice-en")
    stale.close()
    assert TemplateVersion.objects.get().status == "published"

    for language in ("ar", "fr"):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": site}])
        page.goto(f"{site}/secretariat/templates/")
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        screenshot(page, f"templates-{language}")
        page.goto(f"{site}/secretariat/templates/untoc-saq/v1/")
        assert page.locator("#q-untoc-5 [lang=en]").count() == (1 if language == "ar" else 0)
        screenshot(page, f"template-version-{language}")
        page.goto(f"{site}/secretariat/templates/untoc-saq/")
        screenshot(page, f"template-detail-{language}")

    page.click("main form button[type=submit]")  # in French: a new draft from the published version
    page.wait_for_url(f"{site}/secretariat/templates/untoc-saq/v2/")
    assert "Version 2 : 334 questions." in page.locator("main").inner_text()
    for language in ("fr", "ar"):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": site}])
        page.goto(f"{site}/secretariat/templates/untoc-saq/v2/questions/untoc-5-legislation/")
        assert page.locator("#id_text_ar").get_attribute("dir") == "rtl"
        screenshot(page, f"template-question-edit-{language}", full_page=True)
