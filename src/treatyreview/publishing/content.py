"""What an outcome document says, as the plain context a Word template is filled with: the headings in the
document's language, the texts as the list of observations and the summary hold them (their own language).

list of observations and country report: every article of the phase with its observations, suggestions and
technical-assistance needs (the report opens with the summary); summary and executive summary: the summary's
sections; report of recommendations: the suggestions, article by article.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from treatyreview.errors import InvalidInput
from treatyreview.observations.lists.choices import SUMMARY_FIELDS, Stage
from treatyreview.observations.lists.models import ObservationList, Summary
from treatyreview.publishing.choices import PAGE_LANGUAGE, PUBLIC, DocumentKind
from treatyreview.registry.choices import instrument_label
from treatyreview.registry.models import Cluster
from treatyreview.reviews.phases.selectors import phase_articles

LIST_KINDS = frozenset({DocumentKind.LIST_OF_OBSERVATIONS, DocumentKind.REPORT, DocumentKind.RECOMMENDATIONS})
SUMMARY_KINDS = frozenset({DocumentKind.SUMMARY, DocumentKind.EXECUTIVE_SUMMARY, DocumentKind.REPORT})


def _paragraphs(text: str) -> list[str]:
    """Each line of a text its own paragraph: a Word paragraph holds no line break, and a suggestion drafted on a
    line of its own ("– Suggestion: …") must not run into the sentence before it."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _cluster(number: int) -> str:
    try:
        return str(Cluster(number).label)
    except ValueError:
        return str(number)


def source_ready(phase: Any, kind: str) -> None:
    """Refuse to generate a document before what it is drawn from is final."""
    if kind in LIST_KINDS:
        found = ObservationList.objects.filter(phase=phase).first()
        if found is None or found.stage != Stage.FINAL:
            raise InvalidInput("kind", _("the list of observations of this phase is not final yet; the document is "
                                         "generated from the final list"))
    if kind in SUMMARY_KINDS:
        summary = Summary.objects.filter(phase=phase).first()
        if summary is None or summary.stage != Stage.FINAL:
            raise InvalidInput("kind", _("the summary of this phase is not agreed yet; the document is generated "
                                         "from the agreed summary"))


def _summary_sections(phase: Any) -> list[dict[str, Any]]:
    summary = Summary.objects.filter(phase=phase).first()
    if summary is None:
        return []
    sections = []
    for name in SUMMARY_FIELDS:
        text = getattr(summary, name)
        if text.strip():
            sections.append({"heading": str(getattr(Summary._meta.get_field(name), "verbose_name", name)).capitalize(),
                             "paragraphs": _paragraphs(text)})
    return sections


def _article_entries(phase: Any, kind: str, language: str) -> list[dict[str, Any]]:
    found = ObservationList.objects.filter(phase=phase).first()
    observations: dict[int, Any] = {}
    suggestions: dict[int, list[Any]] = {}
    needs: dict[int, list[Any]] = {}
    if found is not None:
        observations = {o.article_id: o for o in found.observations.all()}
        for suggestion in found.recommendations.order_by("pk"):
            suggestions.setdefault(suggestion.article_id, []).append(suggestion)
        for need in found.needs.order_by("pk"):
            needs.setdefault(need.article_id, []).append(need)
    entries = []
    for article in phase_articles(phase):
        parts = []
        observation = observations.get(article.pk)
        if kind != DocumentKind.RECOMMENDATIONS and observation is not None:
            for field in ("implementation", "successes", "challenges"):
                text = getattr(observation, field)
                if text.strip():
                    label = str(getattr(type(observation)._meta.get_field(field), "verbose_name", field))
                    parts.append({"label": label[:1].upper() + label[1:], "paragraphs": _paragraphs(text)})
        if suggestions.get(article.pk):
            parts.append({"label": _("Suggestions"), "paragraphs": [s.text for s in suggestions[article.pk]]})
        if kind != DocumentKind.RECOMMENDATIONS and needs.get(article.pk):
            lines = []
            for need in needs[article.pk]:
                line = str(need.get_kind_display()).capitalize()
                if need.description:
                    line += f": {need.description}"
                if need.already_received:
                    line += " " + _("(assistance already received)")
                lines.append(line)
            parts.append({"label": _("Technical assistance needs"), "paragraphs": lines})
        if kind == DocumentKind.RECOMMENDATIONS and not parts:
            continue
        if not parts:
            parts.append({"label": _("Observations"), "paragraphs": [_("No observations on this article.")]})
        heading = _("%(instrument)s, article %(number)s: %(title)s") % {
            "instrument": instrument_label(article.instrument.code), "number": article.number,
            "title": str(article.title_in(language))}
        entries.append({"heading": heading, "parts": parts})
    return entries


def document_context(document: Any, language: str, *, on: datetime.date | None = None) -> dict[str, Any]:
    """The context of `document` in `language`: every placeholder of `wordfiles.PLACEHOLDERS`."""
    phase = document.phase
    review = phase.review
    with translation.override(PAGE_LANGUAGE.get(language, language)):
        kind_label = str(DocumentKind(document.kind).label)
        title = _("%(kind)s: %(state)s") % {"kind": kind_label[:1].upper() + kind_label[1:],
                                            "state": str(review.state.name_in(language))}
        subtitle = _("%(cycle)s, phase %(position)s (%(cluster)s)") % {
            "cycle": review.cycle, "position": phase.position, "cluster": _cluster(phase.cluster)}
        notice = (_("Published only with the consent of the State under review.") if document.kind in PUBLIC
                  else _("Confidential: for the State under review, the reviewing States and the secretariat."))
        dated = _("Generated on %(date)s") % {"date": date_format(on or datetime.date.today(), "DATE_FORMAT")}
        sections = _summary_sections(phase) if document.kind in SUMMARY_KINDS else []
        articles = _article_entries(phase, document.kind, language) if document.kind in LIST_KINDS else []
    return {"title": title, "subtitle": subtitle, "notice": notice, "dated": dated, "language": language,
            "sections": sections, "articles": articles}
