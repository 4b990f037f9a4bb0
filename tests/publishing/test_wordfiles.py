"""The Word files: their structure guarded by golden files, the same text on the web page, right to left in
Arabic, a CJK font in Chinese, and every language opened by LibreOffice (converted to PDF, its text read back and
its first page drawn)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from pathlib import Path

import pytest

from tests.publishing.world import generated, outcome_world
from treatyreview.publishing import content, wordfiles
from treatyreview.publishing.models import Document

pytestmark = pytest.mark.django_db
GOLDEN = Path(__file__).parent / "golden"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
# A paragraph of the summary in each language, as a State would write it.
TEXTS = {
    "en": "The State has criminalized participation in an organized criminal group.",
    "fr": "L'État a érigé en infraction la participation à un groupe criminel organisé.",
    "ar": "جرمت الدولة المشاركة في جماعة إجرامية منظمة.",
    "zh": "该国已将参加有组织犯罪集团的行为定为刑事犯罪。",
}
BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def _structure(data: bytes) -> list[list[str]]:
    """(kind, text) of every block, with the generation date left out: what the golden files hold."""
    return [[kind, text] for kind, text in wordfiles.blocks(data) if not text.startswith("Generated on")]


def _document(kind: str, language: str) -> bytes:
    document = Document.objects.get(kind=kind)
    context = content.document_context(document, language)
    for section in context["sections"]:
        section["paragraphs"] = [*section["paragraphs"], TEXTS[language]]
    return wordfiles.render(wordfiles.default_template(kind, language), context)


@pytest.mark.parametrize("kind", ["summary", "list_of_observations"])
def test_the_structure_of_the_generated_document_is_the_golden_one(kind: str) -> None:
    w = outcome_world()
    data = bytes(generated(w, kind).versions.get().docx)
    expected = json.loads((GOLDEN / f"{kind}-en.json").read_text(encoding="utf-8"))
    assert _structure(data) == expected


def test_each_line_of_the_summary_is_a_paragraph_of_its_own() -> None:
    w = outcome_world()
    w.summary.challenges = "Article 5: few convictions.\r\n– Suggestion: keep national statistics.\n\nArticle 6: none."
    w.summary.save()
    texts = [text for _kind, text in wordfiles.blocks(bytes(generated(w, "summary").versions.get().docx))]
    assert texts.index("Article 5: few convictions.") + 1 == texts.index("– Suggestion: keep national statistics.")
    assert "Article 6: none." in texts


def test_the_web_page_shows_the_text_of_the_word_file_in_the_same_order() -> None:
    w = outcome_world()
    version = generated(w, "list_of_observations").versions.get()
    html = version.html
    position = 0
    for _kind, text in wordfiles.blocks(bytes(version.docx)):
        from django.utils.html import escape

        found = html.find(escape(text), position)
        assert found >= position, text
        position = found


def test_arabic_is_right_to_left_and_chinese_names_a_cjk_font() -> None:
    outcome_world()
    arabic = wordfiles.default_template("summary", "ar")
    assert wordfiles.is_right_to_left(arabic)
    assert not wordfiles.is_right_to_left(wordfiles.default_template("summary", "en"))
    with zipfile.ZipFile(__import__("io").BytesIO(wordfiles.default_template("summary", "zh"))) as archive:
        styles = archive.read("word/styles.xml").decode()
    assert 'w:eastAsia="Noto Sans CJK SC"' in styles and 'w:eastAsia="zh-CN"' in styles
    assert '<article class="outcome-document" lang="ar" dir="rtl">' in wordfiles.to_html(arabic, "ar")


def _words(text: str) -> set[str]:
    """The words of a text without marks, punctuation or direction controls (PDF text extraction moves them);
    Chinese, written without spaces, counts by character."""
    flat = unicodedata.normalize("NFKC", text).translate(BIDI_MARKS)
    kept = "".join(c if not unicodedata.category(c).startswith(("M", "P")) else " " for c in flat)
    words = set(kept.split())
    return words | {c for c in kept if "\u4e00" <= c <= "\u9fff"}


def _gray_page(path: Path) -> tuple[int, int, bytes]:
    """Width, height and pixels of a binary PGM (P5) file as pdftoppm -gray writes it."""
    data = path.read_bytes()
    fields, position = [], 2
    while len(fields) < 3:
        while data[position:position + 1].isspace():
            position += 1
        start = position
        while not data[position:position + 1].isspace():
            position += 1
        fields.append(int(data[start:position]))
    width, height, _maximum = fields
    return width, height, data[position + 1:]


def _ink_centre(width: int, height: int, pixels: bytes) -> float:
    """Where the ink of the page's upper half sits, from 0 (left edge) to 1 (right edge)."""
    total = count = 0
    for y in range(height // 2):
        row = pixels[y * width:(y + 1) * width]
        for x, value in enumerate(row):
            if value < 128:
                total += x
                count += 1
    assert count > 0, "the page is blank"
    return total / count / width


LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")
POPPLER = shutil.which("pdftotext") and shutil.which("pdftoppm") and shutil.which("pdffonts")


@pytest.mark.skipif(not (LIBREOFFICE and POPPLER),
                    reason="LibreOffice or poppler-utils is not installed (.ci/run installs libreoffice-writer-nogui, "
                           "fonts-noto-core, fonts-noto-cjk and poppler-utils)")
def test_libreoffice_opens_the_word_files_in_english_french_arabic_and_chinese() -> None:
    w = outcome_world()
    generated(w)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for language in TEXTS:
            (out / f"summary-{language}.docx").write_bytes(_document("summary", language))
        subprocess.run(
            [str(LIBREOFFICE), f"-env:UserInstallation=file://{out}/profile", "--headless", "--convert-to", "pdf",
             "--outdir", str(out), *sorted(str(p) for p in out.glob("*.docx"))],
            check=True, capture_output=True, timeout=240, env={**os.environ, "HOME": str(out)},
        )
        centres = {}
        for language, text in TEXTS.items():
            pdf = out / f"summary-{language}.pdf"
            assert pdf.exists(), f"LibreOffice did not convert the {language} document"
            extracted = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                                       capture_output=True, text=True).stdout
            found = _words(extracted)
            missing = [word for word in _words(text) if word not in found]
            assert not missing, (language, missing)
            fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
            if language == "zh":
                assert "CJK" in fonts, fonts
            if language == "ar":
                assert "Arabic" in fonts, fonts
            subprocess.run(["pdftoppm", "-gray", "-r", "40", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                            str(out / f"page-{language}")], check=True, capture_output=True)
            centres[language] = _ink_centre(*_gray_page(out / f"page-{language}.pgm"))
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                            str(SCREENSHOTS / f"document-summary-{language}")], check=True, capture_output=True)
    # Left-to-right text starts at the left margin; Arabic at the right one.
    assert centres["en"] < 0.5 and centres["fr"] < 0.5 and centres["zh"] < 0.5
    assert centres["ar"] > 0.5
