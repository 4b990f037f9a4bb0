"""The names the costing pages show for the model's codes, and its refusals as sentences, in the reader's language."""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from treatyreview.mechanism.costs import ScenarioError
from treatyreview.registry.labels import LANGUAGE_NAMES

ITEM_LABELS: dict[str, Promise] = {
    "translation": _("Translation"),
    "revision": _("Revision of translations"),
    "interpretation": _("Interpretation"),
    "meeting_servicing": _("Meeting servicing"),
    "staff": _("Secretariat staff"),
    "travel": _("Travel for country visits"),
    "hosting": _("Hosting of the platform"),
}
FUNDING_LABELS: dict[str, Promise] = {
    "regular_budget": _("Regular budget"),
    "extrabudgetary": _("Extrabudgetary (voluntary contributions)"),
}
DOCUMENT_LABELS: dict[str, Promise] = {
    "questionnaire_answers": _("Answers to the self-assessment questionnaire"),
    "written_feedback": _("Written feedback of the reviewing States"),
    "list_of_observations": _("List of observations"),
    "summary": _("Summary"),
    "report": _("Country review report"),
    "executive_summary": _("Executive summary"),
    "recommendations": _("Public report of recommendations"),
}
GRADE_LABELS: dict[str, Promise] = {
    "p5": _("P-5"),
    "p4": _("P-4"),
    "p3": _("P-3"),
    "p2": _("P-2"),
    "gs": _("General Service"),
}
STAGE_LABELS: dict[str, Promise] = {
    "focal_point": _("Focal point named"),
    "experts": _("Governmental experts named"),
    "questionnaire": _("Self-assessment questionnaire answered"),
    "feedback": _("Written feedback sent"),
}
BASIS_LABELS: dict[str, Promise] = {
    "registry": _("from the registry"),
    "illustrative": _("illustrative"),
    "drawn": _("as drawn"),
    "recorded": _("measured on the platform's documents"),
    "scenario": _("from the scenario (illustrative until documents are recorded)"),
}
PRESET_LABELS: dict[str, Promise] = {
    "together": _("The instruments together"),
    "in-turn": _("The instruments in turn"),
    "outcome-a": _("Outcome model A: list of observations and summary"),
    "outcome-b": _("Outcome model B: report and executive summary"),
    "outcome-c": _("Outcome model C: public recommendations"),
    "secretariat-none": _("Secretariat: no role in the reviews"),
    "secretariat-assists": _("Secretariat assists"),
    "secretariat-drafts": _("Secretariat drafts"),
}
ORIGINAL = _("Original language")

_ERRORS: dict[str, Promise] = {
    "unknown_key": _("is not an input of a scenario"),
    "missing": _("is missing"),
    "not_object": _("must be an object of named values"),
    "not_number": _("must be a number"),
    "not_whole_number": _("must be a whole number"),
    "out_of_range": _("must be between %(low)s and %(high)s, not %(value)s"),
    "not_choice": _("must be one of: %(choices)s"),
    "unknown_language": _("“%(value)s” is not a UN language"),
    "not_scenario_language": _("“%(value)s” is not among the languages of the scenario"),
    "missing_rate": _("the scenario needs a rate for %(language)s and has none"),
    "not_list": _("must be a list of language codes"),
    "not_text": _("must be a text of at most %(limit)s characters"),
    "not_date": _("must be a date written YYYY-MM-DD"),
    "rules": _("this value of the rules is not valid: %(detail)s"),
}


def scenario_error_message(error: ScenarioError) -> str:
    """The refusal in the reader's language; the key path stays as it is written in the scenario file."""
    params: dict[str, Any] = {key: str(value) for key, value in error.params.items()}
    if "language" in params:
        params["language"] = str(LANGUAGE_NAMES.get(params["language"], params["language"]))
    template = _ERRORS.get(error.code)
    sentence = str(template) % params if template is not None else error.code
    return gettext("%(path)s: %(problem)s") % {"path": error.path, "problem": sentence}


def label(table: dict[str, Promise], code: object) -> str:
    return str(table.get(str(code), code))
