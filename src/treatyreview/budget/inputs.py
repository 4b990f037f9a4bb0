"""The inputs of a scenario as the edit page shows them: in groups, each group with its source and date.

Every path is the key path of the scenario file (`rates.translation_per_word.fr`); inputs the page does not show
(the order of clusters, the currency …) are kept as they are and can be changed in the file.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from treatyreview.budget.labels import DOCUMENT_LABELS, FUNDING_LABELS, GRADE_LABELS, ITEM_LABELS, label
from treatyreview.mechanism.costs import DOCUMENT_KINDS, GRADES, ITEMS
from treatyreview.mechanism.costs.scenario import CLUSTERS, PER_ARTICLE
from treatyreview.mechanism.rules import (
    INSTRUMENTS,
    INSTRUMENTS_REVIEW,
    LANGUAGES,
    OUTCOME_MODELS,
    PARTICIPATION_MODELS,
    SECRETARIAT_ROLES,
)
from treatyreview.registry.choices import instrument_label
from treatyreview.registry.labels import LANGUAGE_NAMES
from treatyreview.reviews.rules.forms import CHOICE_LABELS, RULE_LABELS


@dataclass(frozen=True)
class InputSpec:
    path: str
    kind: str  # decimal | whole | choice | languages | years
    label: str
    choices: tuple[tuple[str, str], ...] = ()

    @property
    def field_name(self) -> str:
        return field_name(self.path)


@dataclass(frozen=True)
class InputGroup:
    source_key: str  # the key of `sources` that gives the source and date of every input of the group
    title: str
    inputs: tuple[InputSpec, ...]


def field_name(path: str) -> str:
    return path.replace(".", "__")


def _choices(table: dict[str, Any], codes: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((code, str(table.get(code, code))) for code in codes)


def input_groups() -> list[InputGroup]:
    """The groups of the edit page, in the reader's language (built per request)."""
    languages = _choices(LANGUAGE_NAMES, LANGUAGES)
    groups = [
        InputGroup("rules", _("Work plan and rules"), (
            InputSpec("rules.instruments_review", "choice", str(RULE_LABELS["instruments_review"]),
                      _choices(CHOICE_LABELS["instruments_review"], INSTRUMENTS_REVIEW)),
            InputSpec("rules.outcome_model", "choice", str(RULE_LABELS["outcome_model"]),
                      _choices(CHOICE_LABELS["outcome_model"], OUTCOME_MODELS)),
            InputSpec("rules.secretariat_role", "choice", str(RULE_LABELS["secretariat_role"]),
                      _choices(CHOICE_LABELS["secretariat_role"], SECRETARIAT_ROLES)),
            InputSpec("rules.participation_model", "choice", str(RULE_LABELS["participation_model"]),
                      _choices(CHOICE_LABELS["participation_model"], PARTICIPATION_MODELS)),
            InputSpec("rules.languages", "languages", str(RULE_LABELS["languages"]), languages),
            InputSpec("rules.year_group_start_years", "years", str(RULE_LABELS["year_group_start_years"])),
            InputSpec("rules.phase_duration_months", "whole", str(RULE_LABELS["phase_duration_months"])),
        )),
    ]
    volumes = []
    for kind in DOCUMENT_KINDS:
        document = label(DOCUMENT_LABELS, kind)
        per = _("pages per article reviewed") if kind in PER_ARTICLE else _("pages per review")
        volumes += [
            InputSpec(f"volumes.{kind}.pages", "decimal", f"{document}: {per}"),
            InputSpec(f"volumes.{kind}.translated_share", "decimal",
                      _("%(document)s: share translated (0 to 1)") % {"document": document}),
            InputSpec(f"volumes.{kind}.into", "languages",
                      _("%(document)s: translated into") % {"document": document}, languages),
        ]
    groups.append(InputGroup("volumes", _("Document volumes"), tuple(volumes)))
    unassigned = _("Articles of a cluster the registry has not assigned yet")
    groups.append(InputGroup("articles_if_unassigned", unassigned, tuple(
        InputSpec(f"articles_if_unassigned.{instrument}.{cluster}", "whole",
                  _("%(instrument)s, cluster %(cluster)s") % {"instrument": instrument_label(instrument),
                                                             "cluster": cluster})
        for instrument in INSTRUMENTS for cluster in CLUSTERS
    )))
    groups.append(InputGroup("meetings", _("Meetings and country visits"), (
        InputSpec("meetings.review_days_per_year", "decimal", _("Meeting days a year on the reviews")),
        *(InputSpec(f"meetings.stakeholder_days_per_year.{model}", "decimal",
                    _("Extra meeting days a year: %(model)s") % {"model": CHOICE_LABELS["participation_model"][model]})
          for model in PARTICIPATION_MODELS),
        InputSpec("meetings.country_visit_share", "decimal", _("Share of reviews with a country visit (0 to 1)")),
        InputSpec("meetings.travellers_per_visit", "whole", _("Travellers per country visit")),
    )))
    staff = [
        InputSpec(f"staff.per_review_months.{role}.{grade}", "decimal",
                  _("%(role)s: %(grade)s, months per review exercise")
                  % {"role": CHOICE_LABELS["secretariat_role"][role], "grade": GRADE_LABELS[grade]})
        for role in SECRETARIAT_ROLES for grade in GRADES
    ]
    staff += [
        InputSpec(f"staff.coordination_months_per_year.{grade}", "decimal",
                  _("Coordination: %(grade)s, months a year") % {"grade": GRADE_LABELS[grade]})
        for grade in GRADES
    ]
    groups.append(InputGroup("staff", _("Secretariat staff"), tuple(staff)))
    groups.append(InputGroup("rates.words_per_page", _("Words per page"), (
        InputSpec("rates.words_per_page", "whole", _("Words per page")),)))
    for table, title, each in (
        ("translation_per_word", _("Translation rates"), _("Translation into %(language)s, per word")),
        ("revision_per_word", _("Revision rates"), _("Revision into %(language)s, per word")),
        ("interpretation_per_day", _("Interpretation rates"), _("Interpretation into %(language)s, per meeting day")),
    ):
        groups.append(InputGroup(f"rates.{table}", title, tuple(
            InputSpec(f"rates.{table}.{code}", "decimal", each % {"language": LANGUAGE_NAMES[code]})
            for code in LANGUAGES)))
    groups.append(InputGroup("rates.staff_per_month", _("Staff costs"), tuple(
        InputSpec(f"rates.staff_per_month.{grade}", "decimal",
                  _("%(grade)s, per month") % {"grade": GRADE_LABELS[grade]}) for grade in GRADES)))
    for key, title in (("meeting_servicing_per_day", _("Meeting servicing, per meeting day")),
                       ("travel_per_traveller", _("Travel, per traveller and visit")),
                       ("hosting_per_year", _("Hosting of the platform, per year"))):
        groups.append(InputGroup(f"rates.{key}", title, (InputSpec(f"rates.{key}", "decimal", title),)))
    funding = _choices(FUNDING_LABELS, tuple(FUNDING_LABELS))
    groups.append(InputGroup("funding", _("Funding rule"), tuple(
        InputSpec(f"funding.{item}", "choice", label(ITEM_LABELS, item), funding) for item in ITEMS)))
    groups.append(InputGroup("burden_threshold", _("Burden on States"), (
        InputSpec("burden_threshold", "whole", _("Review exercises a year above which a State is listed")),)))
    return groups


def value_at(data: dict[str, Any], path: str) -> Any:
    target: Any = data
    for key in path.split("."):
        if not isinstance(target, dict) or key not in target:
            return None
        target = target[key]
    return target


def with_values(data: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """A copy of the scenario data with the values at the given paths replaced."""
    result = copy.deepcopy(data)
    for path, value in values.items():
        target = result
        keys = path.split(".")
        for key in keys[:-1]:
            target = target.setdefault(key, {})
        target[keys[-1]] = value
    return result
