"""The shipped scenarios: one default with the source and date of every input, and the variants it is compared with.

A default with a published source says so (`illustrative=False`); every other default is an illustration, to be
replaced by the secretariat's own figures, and the pages and files say so beside the number.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from treatyreview.mechanism.costs.scenario import (
    GRADES,
    Scenario,
    scenario_from_dict,
)
from treatyreview.mechanism.rules import LANGUAGES, SEED, UNTOC_2018

UNOG_PAGE = (
    "United Nations Office at Geneva, Documents Management Section (unog.ch): the Division of Conference "
    "Management translates 70 million words a year, 176,500 pages in house and 47,925 externally (figures for 2012)"
)
ILLUSTRATIVE = "illustrative: no published figure found; replace with the secretariat's own"
OTHER_LANGUAGES = [code for code in LANGUAGES if code != "en"]


def _default_data() -> dict[str, Any]:
    per_language = {code: "0.08" for code in LANGUAGES}
    return {
        "name": "together",
        "description": "The Convention and the Protocols reviewed together, cluster by cluster (rules UNTOC 2018).",
        "rules": UNTOC_2018.values.as_dict(),
        "volumes": {
            "questionnaire_answers": {"pages": "3", "translated_share": "0.5", "into": ["en"]},
            "written_feedback": {"pages": "4", "translated_share": "0.5", "into": ["en"]},
            "list_of_observations": {"pages": "1", "translated_share": "0.5", "into": ["en"]},
            "summary": {"pages": "4", "translated_share": "1", "into": OTHER_LANGUAGES},
            "report": {"pages": "2", "translated_share": "0.5", "into": ["en"]},
            "executive_summary": {"pages": "8", "translated_share": "1", "into": OTHER_LANGUAGES},
            "recommendations": {"pages": "6", "translated_share": "1", "into": OTHER_LANGUAGES},
        },
        "articles_if_unassigned": {
            "UNTOC": {"1": 8, "2": 5, "3": 6, "4": 8},
            "TIP": {"1": 2, "2": 6, "3": 3, "4": 2},
            "SOM": {"1": 3, "2": 5, "3": 4, "4": 3},
            "FIREARMS": {"1": 2, "2": 5, "3": 3, "4": 2},
        },
        "meetings": {
            "review_days_per_year": "5",
            "stakeholder_days_per_year": {
                "constructive_dialogues": "2", "marrakech_briefings": "1", "working_group_participation": "0",
            },
            "country_visit_share": "0.2",
            "travellers_per_visit": 3,
        },
        "staff": {
            "per_review_months": {
                "none": {"p5": "0", "p4": "0", "p3": "0.5", "p2": "0", "gs": "0.25"},
                "assists": {"p5": "0", "p4": "0.5", "p3": "2", "p2": "0", "gs": "0.5"},
                "drafts": {"p5": "0", "p4": "1", "p3": "4", "p2": "1", "gs": "1"},
            },
            "coordination_months_per_year": {"p5": "6", "p4": "12", "p3": "12", "p2": "0", "gs": "12"},
        },
        "rates": {
            "currency": "USD",
            "words_per_page": 312,
            "translation_per_word": dict(per_language),
            "revision_per_word": {code: "0.04" for code in LANGUAGES},
            "interpretation_per_day": {code: "2000" for code in LANGUAGES},
            "meeting_servicing_per_day": "5000",
            "staff_per_month": {"p5": "20000", "p4": "17000", "p3": "14500", "p2": "11500", "gs": "9000"},
            "travel_per_traveller": "5000",
            "hosting_per_year": "30000",
        },
        "funding": {
            "translation": "regular_budget", "revision": "regular_budget", "interpretation": "regular_budget",
            "meeting_servicing": "regular_budget", "staff": "extrabudgetary", "travel": "extrabudgetary",
            "hosting": "extrabudgetary",
        },
        "burden_threshold": 3,
        "sources": _default_sources(),
    }


def _default_sources() -> dict[str, Any]:
    today = dt.date(2026, 12, 1).isoformat()

    def illustrative(text: str = ILLUSTRATIVE) -> dict[str, Any]:
        return {"text": text, "date": today, "illustrative": True}

    sources: dict[str, Any] = {
        "rules": {"text": "the rules record, preset UNTOC 2018 (see the rules page for the source of each value)",
                  "date": None, "illustrative": False},
        "rates.words_per_page": {"text": f"about 312 words a page: {UNOG_PAGE}", "date": None,
                                 "illustrative": False},
        "rates.translation_per_word": illustrative(
            "illustrative: US$0.08 a word, a freelance rate; no published UN rate per word was found"),
        "rates.revision_per_word": illustrative(),
        "rates.interpretation_per_day": illustrative(),
        "rates.meeting_servicing_per_day": illustrative(),
        "rates.staff_per_month": illustrative(
            "illustrative: not the UN's standard salary costs; replace with the current ones"),
        "rates.travel_per_traveller": illustrative(),
        "rates.hosting_per_year": illustrative(),
        "volumes": illustrative("illustrative until the platform has recorded documents of its own"),
        "articles_if_unassigned": illustrative(
            "illustrative: used only for a cluster to which the registry assigns no article of the instrument"),
        "meetings": illustrative(),
        "staff": illustrative(),
        "funding": illustrative(f"illustrative split; {SEED}, para. 12 (regular budget and voluntary contributions)"),
        "burden_threshold": illustrative("illustrative: more than three review exercises a year"),
    }
    return sources


def _variant(name: str, description: str, **rules: Any) -> dict[str, Any]:
    data = _default_data()
    data["name"] = name
    data["description"] = description
    data["rules"].update(rules)
    return data


PRESET_DESCRIPTIONS = {
    "together": "The Convention and the Protocols reviewed together, cluster by cluster (rules UNTOC 2018).",
    "in-turn": f"The four instruments reviewed in turn within each phase ({SEED}, para. 15).",
    "outcome-a": "Outcome model A: list of observations and summary.",
    "outcome-b": "Outcome model B: confidential report and public executive summary.",
    "outcome-c": "Outcome model C: one short public report of recommendations.",
    "secretariat-none": "The secretariat takes no part in the reviews beyond coordination.",
    "secretariat-assists": "The secretariat assists the States parties.",
    "secretariat-drafts": "The secretariat drafts the outcome documents.",
}
_RULES = {
    "together": {},
    "in-turn": {"instruments_review": "in_turn"},
    "outcome-a": {"outcome_model": "list_and_summary"},
    "outcome-b": {"outcome_model": "report_and_executive_summary"},
    "outcome-c": {"outcome_model": "public_recommendations"},
    "secretariat-none": {"secretariat_role": "none"},
    "secretariat-assists": {"secretariat_role": "assists"},
    "secretariat-drafts": {"secretariat_role": "drafts"},
}
PRESET_NAMES = tuple(_RULES)
assert set(GRADES) == {"p5", "p4", "p3", "p2", "gs"}


def preset_data(name: str) -> dict[str, Any]:
    """A shipped scenario as plain data, ready to edit or to write to a file; KeyError for an unknown name."""
    return copy.deepcopy(_variant(name, PRESET_DESCRIPTIONS[name], **_RULES[name]))


def preset(name: str) -> Scenario:
    return scenario_from_dict(preset_data(name))
