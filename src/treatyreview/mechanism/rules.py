"""Every number and choice of the mechanism as data: the rules values, their presets and their validation."""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from treatyreview.mechanism import lots

LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
INSTRUMENTS_REVIEW = ("together", "in_turn")
OUTCOME_MODELS = ("list_and_summary", "report_and_executive_summary", "public_recommendations")
SECRETARIAT_ROLES = ("none", "assists", "drafts")
PARTICIPATION_MODELS = ("constructive_dialogues", "marrakech_briefings", "working_group_participation")
SUMMARY_PUBLICATION = ("consent", "always", "never")
SUPPLEMENTARY_DRAWS = tuple(str(choice) for choice in lots.RULE_CHOICES["supplementary_draw"])
INSTRUMENTS = lots.INSTRUMENTS
# Start years of the groups by year: a range that catches typing mistakes.
START_YEARS = (2000, 2100)

# The founding document (docs beside DESIGN.md: seeds/000_532f6630ca6980dc.txt). It gives no symbol of its own;
# para. 29 lists the documents the meeting had before it.
SEED = ("Report on the meeting for the purpose of defining the specific procedures and rules for the functioning "
        "of the review mechanism, Vienna, 24-26 April 2017 (documents before it: CTOC/COP/WG.9/2017/1-3 and "
        "CTOC/COP/WG.9/2017/CRP.1)")


@dataclass(frozen=True)
class RulesValues:
    """The numbers and choices of one version of the mechanism's rules."""

    same_group_reviewers: int
    other_group_reviewers: int
    max_reviewers_total: int
    max_reviews_per_reviewer: int
    max_redraws: int
    no_mutual_review: bool
    supplementary_draw: str
    year_groups: int
    year_group_start_years: tuple[int, ...]
    phases_per_review: int
    phase_duration_months: int
    cluster_order: tuple[int, ...]
    focal_point_weeks: int
    experts_weeks: int
    questionnaire_months: int
    feedback_months: int
    instruments_review: str
    languages: tuple[str, ...]
    outcome_model: str
    secretariat_role: str
    participation_model: str
    summary_publication: str
    reio_review_instruments: tuple[str, ...] = ()
    # Extra time, in percent of each stage's normal time, for a State under review that is a least developed
    # country, a small island developing State or a landlocked developing country (seed para. 18).
    capacity_extension_percent: int = 0
    # Reminders of a stage's deadline: once this many days before the date it is due, once this many days after
    # the date has passed without the stage being done (`treatyreview remind`, mechanism/reminders.py).
    reminder_days_before: int = 14
    reminder_days_after: int = 7

    def as_dict(self) -> dict[str, Any]:
        values = asdict(self)
        return {key: list(value) if isinstance(value, tuple) else value for key, value in values.items()}


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    values: RulesValues
    sources: dict[str, str] = field(default_factory=dict)


class RulesError(ValueError):
    """A rules value is missing, of the wrong type or out of range; the message names the field."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


FIELD_NAMES = tuple(f.name for f in fields(RulesValues))

# Ranges a value must fall in; they catch typing mistakes, not policy choices. The draw's rules are checked by
# the drawing of lots itself (lots.RULE_RANGES, lots.RULE_CHOICES), so that the record accepts what the draw does.
_INT_RANGES: dict[str, tuple[int, int]] = {
    "year_groups": (1, 10),
    "phases_per_review": (1, 10),
    "phase_duration_months": (1, 120),
    "focal_point_weeks": (0, 52),
    "experts_weeks": (0, 52),
    "questionnaire_months": (0, 36),
    "feedback_months": (0, 36),
    "capacity_extension_percent": (0, 200),
    "reminder_days_before": (1, 90),
    "reminder_days_after": (1, 90),
}
_CHOICES: dict[str, tuple[str, ...]] = {
    "instruments_review": INSTRUMENTS_REVIEW,
    "outcome_model": OUTCOME_MODELS,
    "secretariat_role": SECRETARIAT_ROLES,
    "participation_model": PARTICIPATION_MODELS,
    "summary_publication": SUMMARY_PUBLICATION,
}


def rules_from_dict(data: dict[str, Any]) -> RulesValues:
    """Build validated rules values from plain data (JSON, a form), naming the first bad field."""
    if not isinstance(data, dict):
        raise RulesError("rules", "must be an object of named values")
    unknown = sorted(set(data) - set(FIELD_NAMES))
    if unknown:
        raise RulesError(unknown[0], "is not a rules field")
    values: dict[str, Any] = {}
    for name in FIELD_NAMES:
        if name not in data:
            raise RulesError(name, "is missing")
        value = data[name]
        if name in lots.RULE_FIELDS:
            continue
        if name in _INT_RANGES:
            if isinstance(value, bool) or not isinstance(value, int):
                raise RulesError(name, f"must be a whole number, not {value!r}")
            low, high = _INT_RANGES[name]
            if not low <= value <= high:
                raise RulesError(name, f"must be between {low} and {high}, not {value}")
        elif name in _CHOICES:
            if value not in _CHOICES[name]:
                raise RulesError(name, f"must be one of {', '.join(_CHOICES[name])}, not {value!r}")
        elif name == "languages":
            value = _tuple_of(name, value, str)
            bad = [code for code in value if code not in LANGUAGES]
            if bad or not value:
                raise RulesError(name, f"must list UN language codes among {', '.join(LANGUAGES)}")
        elif name == "year_group_start_years":
            value = _tuple_of(name, value, int)
            low, high = START_YEARS
            if any(not low <= year <= high for year in value):
                raise RulesError(name, f"each start year must be between {low} and {high}")
            if any(a >= b for a, b in itertools.pairwise(value)):
                raise RulesError(name, "start years must be strictly increasing")
        elif name == "cluster_order":
            value = _tuple_of(name, value, int)
            if len(set(value)) != len(value):
                raise RulesError(name, "must list each cluster once")
        elif name == "reio_review_instruments":
            value = _tuple_of(name, value, str)
            bad = [code for code in value if code not in INSTRUMENTS]
            if bad or len(set(value)) != len(value):
                raise RulesError(name, f"must list instrument codes among {', '.join(INSTRUMENTS)}, each once")
            value = tuple(code for code in INSTRUMENTS if code in value)
        values[name] = value
    values.update(_draw_rules(data))
    rules = RulesValues(**values)
    _check_consistency(rules)
    return rules


def _draw_rules(data: dict[str, Any]) -> dict[str, Any]:
    """The draw's rules, checked by exactly the ranges the drawing of lots applies."""
    draw = {name: data[name] for name in lots.RULE_FIELDS}
    try:
        lots.check_rules(draw)
    except lots.InputError as error:
        # "rules.max_redraws" names a field; "rules" alone is the choice of slots.
        name = error.path.removeprefix("rules.") if error.path != "rules" else "same_group_reviewers"
        raise RulesError(name, error.detail) from None
    return draw


def _tuple_of(name: str, value: Any, kind: type) -> tuple[Any, ...]:
    if not isinstance(value, list | tuple) or any(isinstance(v, bool) or not isinstance(v, kind) for v in value):
        raise RulesError(name, f"must be a list of {'numbers' if kind is int else 'texts'}")
    return tuple(value)


def _check_consistency(rules: RulesValues) -> None:
    if len(rules.year_group_start_years) != rules.year_groups:
        raise RulesError(
            "year_group_start_years", f"must give one start year for each of the {rules.year_groups} groups"
        )
    if sorted(rules.cluster_order) != list(range(1, rules.phases_per_review + 1)):
        raise RulesError("cluster_order", f"must list each cluster 1 to {rules.phases_per_review} once")


CAPACITY_SOURCE = (
    f"{SEED}, para. 18: the capacities of smaller developing countries should be taken into account; no decision "
    "of the Conference giving extra time was found, so none is given until the Conference decides"
)

REMINDER_SOURCE = (
    "no figure sourced: a practice of the platform, two weeks' notice before a deadline and one reminder a week "
    "after it has passed; adjust to the secretariat's practice"
)

_UNTOC_SOURCES = {
    "same_group_reviewers": "Procedures and rules (res. 9/1 annex): one reviewing State from the same regional group",
    "other_group_reviewers": "Procedures and rules (res. 9/1 annex): one reviewing State from another regional group",
    "max_reviewers_total": "Procedures and rules (res. 9/1 annex): at most four reviewing States for the Convention "
    "and the Protocols, unless the State under review agrees",
    "max_reviews_per_reviewer": "no figure sourced for UNTOC yet; five reviews per reviewing State over the cycle "
    "(docs/adr/0003-load-limit-and-supplementary-law.md); every limit of four or more draws all three year groups "
    "exactly at random (docs/adr/0011-tight-limit-draws.md); adjust to the Conference's decision",
    "max_redraws": "UNCAC terms of reference para. 20 (redraw at most twice), applied by analogy",
    "no_mutual_review": "Procedures and rules (res. 9/1 annex): no mutual reviews",
    "supplementary_draw": "the reviewers are drawn for the Convention; a supplementary draw only where a drawn "
    "reviewer is not party to a Protocol (docs/draw-algorithm.md, 'conditional')",
    "year_groups": "Procedures and rules (res. 9/1): States parties split by lot into three groups",
    "year_group_start_years": "multi-year workplan: groups start in 2020, 2021 and 2022",
    "phases_per_review": "four thematic clusters, one per phase",
    "phase_duration_months": "each phase lasts about two years, four phases to a review; not yet sourced to a "
    "decision of the Conference",
    "cluster_order": "cluster 1 (criminalization and jurisdiction) first, then international cooperation "
    "(cluster 4); the order of clusters 2 and 3 is not yet sourced to a decision of the Conference",
    "focal_point_weeks": "focal point named within two weeks of the start of the phase",
    "experts_weeks": "governmental experts named within four weeks",
    "questionnaire_months": "self-assessment questionnaire answered within six months",
    "feedback_months": "written feedback within six months of receiving the questionnaire",
    "instruments_review": f"{SEED}, para. 15: one speaker proposed reviewing the four instruments in turn; the "
    "preset reviews the Convention and the Protocols together, cluster by cluster",
    "languages": "the six official languages of the United Nations",
    "outcome_model": "Procedures and rules (res. 9/1 annex): list of observations and summary; the "
    f"alternatives are discussed in the {SEED}, para. 15",
    "secretariat_role": f"{SEED}, para. 16: divergent views on the role of the secretariat; the preset has it "
    "assist the States parties",
    "participation_model": "constructive dialogues with stakeholders after working-group sessions",
    "summary_publication": "summaries published with the consent of the State under review",
    "reio_review_instruments": "may not, until the Conference decides: no decision of the Conference designating "
    "a regional economic integration organization as reviewing State was found; the "
    f"{SEED}, paras. 19-20, notes the question as still to be addressed",
    "capacity_extension_percent": CAPACITY_SOURCE,
    "reminder_days_before": REMINDER_SOURCE,
    "reminder_days_after": REMINDER_SOURCE,
}

UNTOC_2018 = Preset(
    name="UNTOC 2018",
    title="UNTOC Review Mechanism (Conference resolution 9/1, 2018)",
    values=RulesValues(
        same_group_reviewers=1,
        other_group_reviewers=1,
        max_reviewers_total=4,
        max_reviews_per_reviewer=5,
        max_redraws=2,
        no_mutual_review=True,
        supplementary_draw="conditional",
        year_groups=3,
        year_group_start_years=(2020, 2021, 2022),
        phases_per_review=4,
        phase_duration_months=24,
        cluster_order=(1, 4, 2, 3),
        focal_point_weeks=2,
        experts_weeks=4,
        questionnaire_months=6,
        feedback_months=6,
        instruments_review="together",
        languages=LANGUAGES,
        outcome_model="list_and_summary",
        secretariat_role="assists",
        participation_model="constructive_dialogues",
        summary_publication="consent",
        reio_review_instruments=(),
        capacity_extension_percent=0,
        reminder_days_before=14,
        reminder_days_after=7,
    ),
    sources=_UNTOC_SOURCES,
)

UNCAC_2009 = Preset(
    name="UNCAC 2009",
    title="UNCAC Implementation Review Mechanism (Conference resolution 3/1, 2009)",
    values=RulesValues(
        same_group_reviewers=1,
        other_group_reviewers=1,
        max_reviewers_total=2,
        max_reviews_per_reviewer=3,
        max_redraws=2,
        no_mutual_review=True,
        supplementary_draw="conditional",
        year_groups=5,
        year_group_start_years=(2010, 2011, 2012, 2013, 2014),
        phases_per_review=2,
        phase_duration_months=60,
        cluster_order=(1, 2),
        focal_point_weeks=3,
        experts_weeks=3,
        questionnaire_months=2,
        feedback_months=6,
        instruments_review="together",
        languages=LANGUAGES,
        outcome_model="report_and_executive_summary",
        secretariat_role="assists",
        participation_model="marrakech_briefings",
        summary_publication="always",
        reio_review_instruments=(),
        capacity_extension_percent=0,
        reminder_days_before=14,
        reminder_days_after=7,
    ),
    sources={
        "same_group_reviewers": "terms of reference para. 19: one reviewing State from the same regional group",
        "other_group_reviewers": "terms of reference para. 19: two reviewing States in all",
        "max_reviewers_total": "terms of reference para. 19: two reviewing States",
        "max_reviews_per_reviewer": "terms of reference para. 19: no more than three reviews per year",
        "max_redraws": "terms of reference para. 20: the drawing of lots may be repeated at most twice",
        "no_mutual_review": "terms of reference para. 19: no mutual reviews",
        "supplementary_draw": "one instrument: no supplementary draws",
        "year_groups": "first review cycle in five years, a fifth of States parties each year",
        "year_group_start_years": "first review cycle 2010-2015",
        "phases_per_review": "two review cycles of five years (chapters III-IV, then II and V)",
        "phase_duration_months": "each review cycle lasts five years",
        "cluster_order": "chapters III and IV first, then chapters II and V",
        "focal_point_weeks": "guidelines para. 13: focal point within three weeks of the draw",
        "experts_weeks": "guidelines para. 19: reviewing experts within three weeks of the draw",
        "questionnaire_months": "guidelines para. 15: self-assessment checklist within two months",
        "feedback_months": "guidelines: desk review and dialogue",
        "instruments_review": "one instrument",
        "languages": "the six official languages of the United Nations",
        "outcome_model": "terms of reference paras. 33-36: country review report and public executive summary",
        "secretariat_role": "terms of reference para. 11: the secretariat supports the review",
        "participation_model": "resolution 4/6: briefings for non-governmental organizations (Marrakech model)",
        "summary_publication": "executive summaries are published as Implementation Review Group documents",
        "reio_review_instruments": "may not, until the Conference decides: no decision of the Conference of the "
        "States Parties to the Convention against Corruption designating a regional economic integration "
        "organization as reviewing State was found",
        "capacity_extension_percent": "no extra time for smaller developing countries was found in the terms of "
        "reference; none is given",
        "reminder_days_before": REMINDER_SOURCE,
        "reminder_days_after": REMINDER_SOURCE,
    },
)

PRESETS: dict[str, Preset] = {preset.name: preset for preset in (UNTOC_2018, UNCAC_2009)}
