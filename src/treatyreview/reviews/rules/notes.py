"""The presets' titles and source notes in the reader's language: the platform's words translated, citations kept.

The rules record stores each source note as plain English (`mechanism.rules`, framework-free, hashed into nothing
but kept verbatim). A note the secretariat has not changed is shown here through the catalogue: its words are the
platform's own and are translated, while the documents it cites ("Procedures and rules (res. 9/1 annex)", the
report of the Vienna meeting, "terms of reference para. 19", file names of the decision records) are kept as
citations, in English, marked `lang="en"`. A note written by the secretariat in a new version (its reason) is user
content and is shown as written. `tests/reviews/rules/test_notes.py` checks that each entry, with its citations put
back, is exactly the preset's English note, so the two cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.functional import Promise
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from treatyreview.mechanism.rules import PRESETS, SEED

PROCEDURES = "Procedures and rules (res. 9/1 annex)"
TERMS_19 = "terms of reference para. 19"


@dataclass(frozen=True)
class Note:
    """A note in the platform's words with `%(name)s` places for its citations."""

    text: Promise
    citations: dict[str, str] = field(default_factory=dict)

    def english(self) -> str:
        """The note as the preset stores it (in English, citations in place)."""
        with translation.override("en"):
            return str(self.text) % self.citations

    def html(self) -> SafeString:
        """The note in the interface language, each citation marked as English and left to right."""
        parts = re.split(r"%\((\w+)\)s", str(self.text))
        out = []
        for index, part in enumerate(parts):
            if index % 2:
                out.append(format_html('<cite class="tr-citation" lang="en" dir="ltr">{}</cite>', self.citations[part]))
            else:
                out.append(conditional_escape(part))
        return mark_safe("".join(str(piece) for piece in out))  # every piece is escaped above


LANGUAGES_NOTE = Note(_("the six official languages of the United Nations"))
REMINDER_NOTE = Note(_("no figure sourced: a practice of the platform, two weeks' notice before a deadline and one "
                       "reminder a week after it has passed; adjust to the secretariat's practice"))

PRESET_TITLES: dict[str, Promise] = {
    "UNTOC 2018": _("UNTOC Review Mechanism (Conference resolution 9/1, 2018)"),
    "UNCAC 2009": _("UNCAC Implementation Review Mechanism (Conference resolution 3/1, 2009)"),
}

NOTES: dict[str, dict[str, Note]] = {
    "UNTOC 2018": {
        "same_group_reviewers": Note(_("%(doc)s: one reviewing State from the same regional group"),
                                     {"doc": PROCEDURES}),
        "other_group_reviewers": Note(_("%(doc)s: one reviewing State from another regional group"),
                                      {"doc": PROCEDURES}),
        "max_reviewers_total": Note(_("%(doc)s: at most four reviewing States for the Convention and the Protocols, "
                                      "unless the State under review agrees"), {"doc": PROCEDURES}),
        "max_reviews_per_reviewer": Note(
            _("no figure sourced for UNTOC yet; five reviews per reviewing State over the cycle (%(adr3)s); every "
              "limit of four or more draws all three year groups exactly at random (%(adr11)s); adjust to the "
              "Conference's decision"),
            {"adr3": "docs/adr/0003-load-limit-and-supplementary-law.md",
             "adr11": "docs/adr/0011-tight-limit-draws.md"},
        ),
        "max_redraws": Note(_("%(doc)s (redraw at most twice), applied by analogy"),
                            {"doc": "UNCAC terms of reference para. 20"}),
        "no_mutual_review": Note(_("%(doc)s: no mutual reviews"), {"doc": PROCEDURES}),
        "supplementary_draw": Note(
            _("the reviewers are drawn for the Convention; a supplementary draw only where a drawn reviewer is not "
              "party to a Protocol (%(doc)s, 'conditional')"), {"doc": "docs/draw-algorithm.md"}),
        "year_groups": Note(_("%(doc)s: States parties split by lot into three groups"),
                            {"doc": "Procedures and rules (res. 9/1)"}),
        "year_group_start_years": Note(_("%(doc)s: groups start in 2020, 2021 and 2022"),
                                       {"doc": "multi-year workplan"}),
        "phases_per_review": Note(_("four thematic clusters, one per phase")),
        "phase_duration_months": Note(_("each phase lasts about two years, four phases to a review; not yet sourced "
                                        "to a decision of the Conference")),
        "cluster_order": Note(_("cluster 1 (criminalization and jurisdiction) first, then international cooperation "
                                "(cluster 4); the order of clusters 2 and 3 is not yet sourced to a decision of the "
                                "Conference")),
        "focal_point_weeks": Note(_("focal point named within two weeks of the start of the phase")),
        "experts_weeks": Note(_("governmental experts named within four weeks")),
        "questionnaire_months": Note(_("self-assessment questionnaire answered within six months")),
        "feedback_months": Note(_("written feedback within six months of receiving the questionnaire")),
        "instruments_review": Note(
            _("%(report)s, para. 15: one speaker proposed reviewing the four instruments in turn; the preset reviews "
              "the Convention and the Protocols together, cluster by cluster"), {"report": SEED}),
        "languages": LANGUAGES_NOTE,
        "outcome_model": Note(_("%(doc)s: list of observations and summary; the alternatives are discussed in the "
                                "%(report)s, para. 15"), {"doc": PROCEDURES, "report": SEED}),
        "secretariat_role": Note(_("%(report)s, para. 16: divergent views on the role of the secretariat; the preset "
                                   "has it assist the States parties"), {"report": SEED}),
        "participation_model": Note(_("constructive dialogues with stakeholders after working-group sessions")),
        "summary_publication": Note(_("summaries published with the consent of the State under review")),
        "reio_review_instruments": Note(
            _("may not, until the Conference decides: no decision of the Conference designating a regional economic "
              "integration organization as reviewing State was found; the %(report)s, paras. 19-20, notes the "
              "question as still to be addressed"), {"report": SEED}),
        "capacity_extension_percent": Note(
            _("%(report)s, para. 18: the capacities of smaller developing countries should be taken into account; no "
              "decision of the Conference giving extra time was found, so none is given until the Conference "
              "decides"), {"report": SEED}),
        "reminder_days_before": REMINDER_NOTE,
        "reminder_days_after": REMINDER_NOTE,
    },
    "UNCAC 2009": {
        "same_group_reviewers": Note(_("%(doc)s: one reviewing State from the same regional group"),
                                     {"doc": TERMS_19}),
        "other_group_reviewers": Note(_("%(doc)s: two reviewing States in all"), {"doc": TERMS_19}),
        "max_reviewers_total": Note(_("%(doc)s: two reviewing States"), {"doc": TERMS_19}),
        "max_reviews_per_reviewer": Note(_("%(doc)s: no more than three reviews per year"), {"doc": TERMS_19}),
        "max_redraws": Note(_("%(doc)s: the drawing of lots may be repeated at most twice"),
                            {"doc": "terms of reference para. 20"}),
        "no_mutual_review": Note(_("%(doc)s: no mutual reviews"), {"doc": TERMS_19}),
        "supplementary_draw": Note(_("one instrument: no supplementary draws")),
        "year_groups": Note(_("first review cycle in five years, a fifth of States parties each year")),
        "year_group_start_years": Note(_("first review cycle 2010-2015")),
        "phases_per_review": Note(_("two review cycles of five years (chapters III-IV, then II and V)")),
        "phase_duration_months": Note(_("each review cycle lasts five years")),
        "cluster_order": Note(_("chapters III and IV first, then chapters II and V")),
        "focal_point_weeks": Note(_("%(doc)s: focal point within three weeks of the draw"),
                                  {"doc": "guidelines para. 13"}),
        "experts_weeks": Note(_("%(doc)s: reviewing experts within three weeks of the draw"),
                              {"doc": "guidelines para. 19"}),
        "questionnaire_months": Note(_("%(doc)s: self-assessment checklist within two months"),
                                     {"doc": "guidelines para. 15"}),
        "feedback_months": Note(_("%(doc)s: desk review and dialogue"), {"doc": "guidelines"}),
        "instruments_review": Note(_("one instrument")),
        "languages": LANGUAGES_NOTE,
        "outcome_model": Note(_("%(doc)s: country review report and public executive summary"),
                              {"doc": "terms of reference paras. 33-36"}),
        "secretariat_role": Note(_("%(doc)s: the secretariat supports the review"),
                                 {"doc": "terms of reference para. 11"}),
        "participation_model": Note(_("%(doc)s: briefings for non-governmental organizations (Marrakech model)"),
                                    {"doc": "resolution 4/6"}),
        "summary_publication": Note(_("executive summaries are published as Implementation Review Group documents")),
        "reio_review_instruments": Note(
            _("may not, until the Conference decides: no decision of the Conference of the States Parties to the "
              "Convention against Corruption designating a regional economic integration organization as reviewing "
              "State was found")),
        "capacity_extension_percent": Note(_("no extra time for smaller developing countries was found in the terms "
                                             "of reference; none is given")),
        "reminder_days_before": REMINDER_NOTE,
        "reminder_days_after": REMINDER_NOTE,
    },
}


def source_note(preset: str, field_name: str, stored: str) -> SafeString:
    """The note of a rule as the reader should see it: translated when it is the preset's, else as written."""
    note = NOTES.get(preset, {}).get(field_name)
    original = PRESETS[preset].sources.get(field_name) if preset in PRESETS else None
    if note is not None and stored == original:
        return note.html()
    if not stored:
        return mark_safe("—")
    return format_html("<bdi>{}</bdi>", stored)


def preset_title(preset: str, stored: str) -> SafeString:
    """The preset's title in the reader's language; a title not of a known preset is shown as stored, in English."""
    title = PRESET_TITLES.get(preset)
    if title is not None and preset in PRESETS and stored == PRESETS[preset].title:
        return format_html("{}", title)
    return format_html('<span lang="en" dir="ltr">{}</span>', stored)
