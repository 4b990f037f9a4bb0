"""Word files of outcome documents: the default templates, filling a template, checking an uploaded one, and the
web page that shows the same content as the Word file.

Templates are docxtpl (Jinja inside Word). Every document is filled from one context of plain text (the names
in `PLACEHOLDERS`); a template is rendered in a sandbox with autoescape on, so a template cannot run code and a
text cannot inject Word markup. Arabic documents are right to left (bidi paragraphs, rtl runs, an rtl section);
Chinese ones name a CJK font for East Asian text.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from functools import cache
from typing import Any

from django.utils.html import escape
from django.utils.translation import gettext as _
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from treatyreview.errors import InvalidInput
from treatyreview.mechanism.languages import pages_of
from treatyreview.publishing.choices import FILE_MAX_BYTES, RIGHT_TO_LEFT

MIME_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# What the platform fills in a template; anything else in braces is refused when the template is uploaded.
PLACEHOLDERS = {
    "title": "the document's title",
    "subtitle": "the State, the cycle and the phase",
    "notice": "who may read it (confidential or public)",
    "dated": "the date it was generated",
    "language": "its language code",
    "sections": "the general sections: each with heading, paragraphs",
    "articles": "per article: heading, parts (each with label, paragraphs)",
}
FONTS = {"ar": "Noto Naskh Arabic", "zh": "Noto Sans CJK SC"}
BODY_FONT = "Noto Sans"
LANG_TAGS = {"ar": "ar-SA", "zh": "zh-CN", "en": "en-GB", "fr": "fr-FR", "ru": "ru-RU", "es": "es-ES"}
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


def sample_context(language: str = "en") -> dict[str, Any]:
    """A context with every placeholder, used to try an uploaded template before it is accepted."""
    return {
        "title": "Title", "subtitle": "State, cycle, phase", "notice": "Confidential", "dated": "2026-01-01",
        "language": language,
        "sections": [{"heading": "Heading", "paragraphs": ["Paragraph."]}],
        "articles": [{"heading": "Article 5", "parts": [{"label": "Label", "paragraphs": ["Paragraph."]}]}],
    }


# --- the default templates ----------------------------------------------------------------------------------------

def _set_language_defaults(document: Any, language: str) -> None:
    """Document-wide defaults: language tags, fonts, and right to left where the language is written so."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr_default.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr_default.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), BODY_FONT)
    fonts.set(qn("w:eastAsia"), FONTS["zh"] if language == "zh" else BODY_FONT)
    fonts.set(qn("w:cs"), FONTS["ar"] if language == "ar" else BODY_FONT)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), LANG_TAGS[language] if language not in ("ar", "zh") else "en-GB")
    lang.set(qn("w:eastAsia"), LANG_TAGS["zh"] if language == "zh" else "en-GB")
    lang.set(qn("w:bidi"), LANG_TAGS["ar"])
    if language in RIGHT_TO_LEFT:
        rtl = OxmlElement("w:rtl")
        rpr_default.append(rtl)
        ppr_default = defaults.find(qn("w:pPrDefault"))
        if ppr_default is None:
            ppr_default = OxmlElement("w:pPrDefault")
            defaults.append(ppr_default)
        ppr = ppr_default.find(qn("w:pPr"))
        if ppr is None:
            ppr = OxmlElement("w:pPr")
            ppr_default.append(ppr)
        ppr.insert(0, OxmlElement("w:bidi"))
        # Each style that sets its own fonts or alignment gets the same direction.
        for style in styles.findall(qn("w:style")):
            style_ppr = style.find(qn("w:pPr"))
            if style_ppr is None:
                style_ppr = OxmlElement("w:pPr")
                style.append(style_ppr)
            if style_ppr.find(qn("w:bidi")) is None:
                style_ppr.insert(0, OxmlElement("w:bidi"))
        section = document.sections[0]._sectPr
        section.append(OxmlElement("w:bidi"))
    for style_name in ("Title", "Heading 1", "Heading 2", "Normal"):
        style = document.styles[style_name]
        style.font.name = BODY_FONT
        rpr = style.element.get_or_add_rPr()
        style_fonts = rpr.find(qn("w:rFonts"))
        if style_fonts is None:
            style_fonts = OxmlElement("w:rFonts")
            rpr.insert(0, style_fonts)
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            style_fonts.attrib.pop(qn(attribute), None)
        style_fonts.set(qn("w:ascii"), BODY_FONT)
        style_fonts.set(qn("w:hAnsi"), BODY_FONT)
        style_fonts.set(qn("w:eastAsia"), FONTS["zh"] if language == "zh" else BODY_FONT)
        style_fonts.set(qn("w:cs"), FONTS["ar"] if language == "ar" else BODY_FONT)
        if language in RIGHT_TO_LEFT:
            rpr.append(OxmlElement("w:rtl"))


def default_template(kind: str, language: str) -> bytes:
    """The shipped template of a kind of document in a language (the same layout for every kind)."""
    return _default_template(language)


@cache
def _default_template(language: str) -> bytes:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    _set_language_defaults(document, language)
    document.core_properties.title = "{{ title }}"
    document.core_properties.language = LANG_TAGS[language]
    document.add_paragraph("{{ title }}", style="Title")
    document.add_paragraph("{{ subtitle }}")
    notice = document.add_paragraph()
    notice.add_run("{{ notice }}").italic = True
    document.add_paragraph("{{ dated }}")
    document.add_paragraph("{%p for section in sections %}")
    document.add_paragraph("{{ section.heading }}", style="Heading 1")
    document.add_paragraph("{%p for paragraph in section.paragraphs %}")
    document.add_paragraph("{{ paragraph }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p for article in articles %}")
    document.add_paragraph("{{ article.heading }}", style="Heading 1")
    document.add_paragraph("{%p for part in article.parts %}")
    document.add_paragraph("{{ part.label }}", style="Heading 2")
    document.add_paragraph("{%p for paragraph in part.paragraphs %}")
    document.add_paragraph("{{ paragraph }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endfor %}")
    document.styles["Normal"].font.size = Pt(11)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- checking an uploaded template --------------------------------------------------------------------------------

def _paragraph_texts(data: bytes) -> Iterator[str]:
    from docx import Document

    document = Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        yield paragraph.text
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    yield paragraph.text
    for section in document.sections:
        for part in (section.header, section.footer):
            for paragraph in part.paragraphs:
                yield paragraph.text


TAG = re.compile(r"\{\{(.*?)\}\}|\{%(.*?)%\}", re.S)
OPENING = re.compile(r"\{\{|\{%")


def check_template(data: bytes) -> None:
    """Refuse a file that is not a Word document, or a template whose placeholders the platform cannot fill;
    the message names the placeholder."""
    if len(data) > FILE_MAX_BYTES:
        raise InvalidInput("file", _("the file is larger than %(mb)s MB") % {"mb": FILE_MAX_BYTES // (1024 * 1024)})
    try:
        texts = list(_paragraph_texts(data))
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise InvalidInput("file", _("this is not a Word document (.docx)")) from None
    environment = _environment()
    for text in texts:
        # A placeholder opened and not closed in its paragraph, or closed with the other kind of brace.
        rest = TAG.sub("", text)
        leftover = OPENING.search(rest)
        if leftover is not None or "}}" in rest or "%}" in rest:
            at = leftover.start() if leftover is not None else max(rest.find("}}"), rest.find("%}"))
            raise InvalidInput("file", _("the placeholder “%(placeholder)s” is not closed or not opened: write it "
                                         "as {{ name }}") % {"placeholder": rest[max(0, at - 10):at + 30].strip()})
        for match in TAG.finditer(text):
            expression = match.group(1)
            if expression is None:
                continue
            try:
                environment.parse("{{" + expression + "}}")
            except TemplateSyntaxError:
                raise InvalidInput("file", _("the placeholder “%(placeholder)s” is broken: write it as {{ name }}")
                                   % {"placeholder": match.group(0)}) from None
            name = re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*)", expression)
            if name is not None and name.group(1) not in PLACEHOLDERS and not _loop_variable(texts, name.group(1)):
                raise InvalidInput("file", _("the placeholder “%(placeholder)s” is not one the platform fills; it "
                                             "fills: %(names)s") % {"placeholder": match.group(0).strip(),
                                                                    "names": ", ".join(sorted(PLACEHOLDERS))})
    try:
        render(data, sample_context())
    except UndefinedError as error:
        raise InvalidInput("file", _("a placeholder asks for something the platform does not fill (%(error)s)")
                           % {"error": error.message}) from None
    except TemplateError as error:
        near = " ".join(line.strip() for line in getattr(error, "docx_context", []) if line.strip())[:120]
        raise InvalidInput("file", _("the template's placeholders do not fit together near “%(near)s”: "
                                     "%(error)s") % {"near": near, "error": error.message}) from None
    except Exception as error:  # docxtpl raises plain errors on a damaged file
        raise InvalidInput("file", _("this Word file could not be filled: %(error)s") % {"error": error}) from None


def _loop_variable(texts: list[str], name: str) -> bool:
    return any(re.search(r"\{%-?p?\s*for\s+" + re.escape(name) + r"\s+in\b", text) for text in texts)


# --- filling a template -------------------------------------------------------------------------------------------

def render(template: bytes, context: dict[str, Any]) -> bytes:
    from docxtpl import DocxTemplate

    document = DocxTemplate(io.BytesIO(template))
    document.render(context, jinja_env=_environment(), autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def blocks(data: bytes) -> list[tuple[str, str]]:
    """The document's visible text as (kind, text): title, heading1, heading2, paragraph; empty ones left out.

    Read straight from the XML (python-docx looks up each paragraph's style anew, too slow for 80 articles).
    """
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        styles = etree.fromstring(archive.read("word/styles.xml")) if "word/styles.xml" in archive.namelist() \
            else None
    names = {}
    if styles is not None:
        for style in styles.iter(f"{{{W}}}style"):
            name = style.find(f"{{{W}}}name")
            names[style.get(f"{{{W}}}styleId")] = name.get(f"{{{W}}}val") if name is not None else ""
    kinds = {"title": "title", "heading 1": "heading1", "heading 2": "heading2"}
    shown = []
    for paragraph in body.iter(f"{{{W}}}p"):
        text = "".join(node.text or "" for node in paragraph.iter(f"{{{W}}}t")).strip()
        if not text:
            continue
        style = paragraph.find(f"{{{W}}}pPr/{{{W}}}pStyle")
        name = names.get(style.get(f"{{{W}}}val"), "") if style is not None else ""
        shown.append((kinds.get((name or "").lower(), "paragraph"), text))
    return shown


def to_html(data: bytes, language: str, shown: list[tuple[str, str]] | None = None) -> str:
    """The web page of a Word file: the same text, in the same order, headings as headings."""
    tags = {"title": "h1", "heading1": "h2", "heading2": "h3", "paragraph": "p"}
    direction = "rtl" if language in RIGHT_TO_LEFT else "ltr"
    lang = "zh-Hans" if language == "zh" else language
    shown = blocks(data) if shown is None else shown
    body = "\n".join(f"<{tags[kind]}>{escape(text)}</{tags[kind]}>" for kind, text in shown)
    return f'<article class="outcome-document" lang="{lang}" dir="{direction}">\n{body}\n</article>'


CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
WORD = re.compile(r"\w+", re.U)


def word_count(data: bytes, shown: list[tuple[str, str]] | None = None) -> int:
    """Words of the text; in Chinese (and Japanese) each character counts as a word."""
    total = 0
    for _kind, text in (blocks(data) if shown is None else shown):
        total += len(CJK.findall(text)) + len(WORD.findall(CJK.sub(" ", text)))
    return total


def measure(data: bytes, shown: list[tuple[str, str]] | None = None) -> tuple[int, int]:
    """(words, standard pages) of a Word file."""
    words = word_count(data, shown)
    return words, pages_of(words)


def is_right_to_left(data: bytes) -> bool:
    """Whether the document's paragraphs and runs are set right to left (what Word and LibreOffice read)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        styles = archive.read("word/styles.xml").decode()
        document = archive.read("word/document.xml").decode()
    return "<w:bidi/>" in styles and "<w:rtl/>" in styles and "<w:bidi/>" in document


def check_document(data: bytes) -> None:
    """Refuse a file that is not a Word document (a recorded translation must open)."""
    if len(data) > FILE_MAX_BYTES:
        raise InvalidInput("file", _("the file is larger than %(mb)s MB") % {"mb": FILE_MAX_BYTES // (1024 * 1024)})
    try:
        blocks(data)
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise InvalidInput("file", _("this is not a Word document (.docx)")) from None
