"""A costing scenario as data: its inputs, the source and date of each, their validation and the shipped presets."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from treatyreview.mechanism.rules import (
    INSTRUMENTS,
    LANGUAGES,
    PARTICIPATION_MODELS,
    SECRETARIAT_ROLES,
    RulesError,
    RulesValues,
    rules_from_dict,
)

ITEMS = ("translation", "revision", "interpretation", "meeting_servicing", "staff", "travel", "hosting")
FUNDING_SOURCES = ("regular_budget", "extrabudgetary")
DOCUMENT_KINDS = (
    "questionnaire_answers", "written_feedback", "list_of_observations", "summary", "report", "executive_summary",
    "recommendations",
)
# What each outcome model produces besides the answers and the written feedback (seed para. 15).
DOCUMENTS_BY_OUTCOME: dict[str, tuple[str, ...]] = {
    "list_and_summary": ("questionnaire_answers", "written_feedback", "list_of_observations", "summary"),
    "report_and_executive_summary": ("questionnaire_answers", "written_feedback", "report", "executive_summary"),
    "public_recommendations": ("questionnaire_answers", "written_feedback", "recommendations"),
}
# Documents whose length grows with the number of articles reviewed; the others are counted once per review.
PER_ARTICLE = frozenset({"questionnaire_answers", "list_of_observations", "report"})
# Documents finished at the end of a phase (counted in the year the phase ends); the others in the year it starts.
CLOSING = frozenset({"list_of_observations", "summary", "report", "executive_summary", "recommendations"})
GRADES = ("p5", "p4", "p3", "p2", "gs")
CLUSTERS = (1, 2, 3, 4)
NAME_LENGTH = 100
SOURCE_LENGTH = 500

# Plausible ranges: they catch typing mistakes (a rate of 8 instead of 0.08 per word passes; a negative one does not).
MONEY = (Decimal(0), Decimal(10_000_000))
PAGES = (Decimal(0), Decimal(1000))
SHARE = (Decimal(0), Decimal(1))
DAYS = (Decimal(0), Decimal(366))
MONTHS = (Decimal(0), Decimal(120))
WORDS_PER_PAGE = (1, 2000)
TRAVELLERS = (0, 50)
THRESHOLD = (0, 100)
ARTICLES = (0, 200)


class ScenarioError(ValueError):
    """A scenario input is missing, unknown or out of range; `path` names it (`rates.translation_per_word.fr`).

    `code` and `params` say what is wrong; the platform turns them into a sentence in the reader's language.
    """

    def __init__(self, path: str, code: str, **params: Any) -> None:
        self.path = path
        self.code = code
        self.params = params
        super().__init__(f"{path}: {describe(code, params)}")


_DESCRIPTIONS = {
    "unknown_key": "is not an input of a scenario",
    "missing": "is missing",
    "not_object": "must be an object of named values",
    "not_number": "must be a number, not {value!r}",
    "not_whole_number": "must be a whole number, not {value!r}",
    "out_of_range": "must be between {low} and {high}, not {value}",
    "not_choice": "must be one of {choices}, not {value!r}",
    "unknown_language": "{value!r} is not a UN language (ar, zh, en, fr, ru, es)",
    "not_scenario_language": "{value!r} is not among the scenario's languages (rules.languages)",
    "missing_rate": "the scenario needs a rate for {language!r} and has none",
    "not_list": "must be a list of language codes",
    "not_text": "must be a text of at most {limit} characters",
    "not_date": "must be a date written YYYY-MM-DD, not {value!r}",
    "rules": "{detail}",
}


def describe(code: str, params: Mapping[str, Any]) -> str:
    """The English sentence for an error code (the command line and logs; pages translate the code)."""
    return _DESCRIPTIONS.get(code, code).format(**params)


@dataclass(frozen=True)
class Source:
    """Where an input's value comes from, as of which date, and whether it is only an illustration."""

    text: str
    date: dt.date | None = None
    illustrative: bool = True


@dataclass(frozen=True)
class DocumentVolume:
    pages: Decimal  # per article reviewed (PER_ARTICLE) or per review
    translated_share: Decimal  # the share of the pages that is translated
    into: tuple[str, ...]  # the languages it is translated into


@dataclass(frozen=True)
class Meetings:
    review_days_per_year: Decimal  # intergovernmental meeting days a year that consider the reviews
    stakeholder_days_per_year: dict[str, Decimal]  # extra meeting days a year by stakeholder participation model
    country_visit_share: Decimal  # the share of reviews with a country visit
    travellers_per_visit: int


@dataclass(frozen=True)
class Staff:
    per_review_months: dict[str, dict[str, Decimal]]  # secretariat role → grade → months per review
    coordination_months_per_year: dict[str, Decimal]  # grade → months a year, whatever the number of reviews


@dataclass(frozen=True)
class Rates:
    currency: str
    words_per_page: int
    translation_per_word: dict[str, Decimal]
    revision_per_word: dict[str, Decimal]
    interpretation_per_day: dict[str, Decimal]  # per language, per meeting day
    meeting_servicing_per_day: Decimal
    staff_per_month: dict[str, Decimal]
    travel_per_traveller: Decimal
    hosting_per_year: Decimal


@dataclass(frozen=True)
class Scenario:
    name: str
    rules: RulesValues
    volumes: dict[str, DocumentVolume]
    # Articles per instrument and cluster where the registry assigns no article to that cluster yet.
    articles_if_unassigned: dict[str, dict[int, int]]
    meetings: Meetings
    staff: Staff
    rates: Rates
    funding: dict[str, str]  # item → regular_budget | extrabudgetary
    burden_threshold: int
    description: str = ""
    sources: dict[str, Source] = field(default_factory=dict)

    def languages_needed(self) -> tuple[str, ...]:
        """Every language the scenario needs a rate for: those interpreted and those documents are translated into."""
        needed = set(self.rules.languages)
        for kind in DOCUMENTS_BY_OUTCOME[self.rules.outcome_model]:
            needed.update(self.volumes[kind].into)
        return tuple(code for code in LANGUAGES if code in needed)


# --- plain data in and out -------------------------------------------------------------------------------------

def scenario_from_dict(data: Any) -> Scenario:
    """A validated scenario from plain data (a JSON file, a form), naming the first bad input by its key path."""
    reader = _Reader(data, "")
    name = reader.text("name", NAME_LENGTH)
    description = reader.text("description", 2000, default="")
    rules = _rules(reader.object("rules"))
    volumes_reader = reader.object("volumes")
    volumes = {kind: _volume(volumes_reader.object(kind)) for kind in DOCUMENT_KINDS}
    volumes_reader.done()
    articles_reader = reader.object("articles_if_unassigned")
    articles: dict[str, dict[int, int]] = {}
    for instrument in INSTRUMENTS:
        per = articles_reader.object(instrument)
        articles[instrument] = {cluster: per.whole(str(cluster), ARTICLES) for cluster in CLUSTERS}
        per.done()
    articles_reader.done()
    meetings_reader = reader.object("meetings")
    stakeholder = meetings_reader.object("stakeholder_days_per_year")
    meetings = Meetings(
        review_days_per_year=meetings_reader.number("review_days_per_year", DAYS),
        stakeholder_days_per_year={model: stakeholder.number(model, DAYS) for model in PARTICIPATION_MODELS},
        country_visit_share=meetings_reader.number("country_visit_share", SHARE),
        travellers_per_visit=meetings_reader.whole("travellers_per_visit", TRAVELLERS),
    )
    stakeholder.done()
    meetings_reader.done()
    staff_reader = reader.object("staff")
    per_review = staff_reader.object("per_review_months")
    per_role = {}
    for role in SECRETARIAT_ROLES:
        grades = per_review.object(role)
        per_role[role] = {grade: grades.number(grade, MONTHS) for grade in GRADES}
        grades.done()
    per_review.done()
    coordination = staff_reader.object("coordination_months_per_year")
    staff = Staff(per_role, {grade: coordination.number(grade, MONTHS) for grade in GRADES})
    coordination.done()
    staff_reader.done()
    rates = _rates(reader.object("rates"))
    funding_reader = reader.object("funding")
    funding = {item: funding_reader.choice(item, FUNDING_SOURCES) for item in ITEMS}
    funding_reader.done()
    threshold = reader.whole("burden_threshold", THRESHOLD)
    sources = _sources(reader.object("sources", optional=True))
    reader.done()
    scenario = Scenario(
        name, rules, volumes, articles, meetings, staff, rates, funding, threshold, description, sources
    )
    _check_languages(scenario)
    return scenario


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario as plain JSON data (numbers as decimal strings, so nothing is rounded on the way)."""

    def plain(value: Any) -> Any:
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, tuple):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return value

    data = plain(scenario)
    data["rules"] = scenario.rules.as_dict()
    return data


def _rules(reader: _Reader) -> RulesValues:
    try:
        return rules_from_dict(reader.data)
    except RulesError as error:
        raise ScenarioError(f"rules.{error.field}", "rules", detail=error.message) from None


def _volume(reader: _Reader) -> DocumentVolume:
    into = reader.languages("into")
    volume = DocumentVolume(reader.number("pages", PAGES), reader.number("translated_share", SHARE), into)
    reader.done()
    return volume


def _rates(reader: _Reader) -> Rates:
    currency = reader.text("currency", 3)
    words = reader.whole("words_per_page", WORDS_PER_PAGE)
    tables = {}
    for table in ("translation_per_word", "revision_per_word", "interpretation_per_day"):
        sub = reader.object(table)
        for code in sub.data:
            if code not in LANGUAGES:
                raise ScenarioError(f"{sub.path}.{code}", "unknown_language", value=code)
        tables[table] = {code: sub.number(code, MONEY) for code in LANGUAGES if code in sub.data}
    staff = reader.object("staff_per_month")
    per_month = {grade: staff.number(grade, MONEY) for grade in GRADES}
    staff.done()
    rates = Rates(
        currency=currency,
        words_per_page=words,
        translation_per_word=tables["translation_per_word"],
        revision_per_word=tables["revision_per_word"],
        interpretation_per_day=tables["interpretation_per_day"],
        meeting_servicing_per_day=reader.number("meeting_servicing_per_day", MONEY),
        staff_per_month=per_month,
        travel_per_traveller=reader.number("travel_per_traveller", MONEY),
        hosting_per_year=reader.number("hosting_per_year", MONEY),
    )
    reader.done()
    return rates


def _sources(reader: _Reader) -> dict[str, Source]:
    sources = {}
    for path in list(reader.data):
        entry = reader.object(path)
        text = entry.text("text", SOURCE_LENGTH)
        raw_date = entry.data.get("date")
        entry.seen.add("date")
        date = None
        if raw_date not in (None, ""):
            try:
                date = dt.date.fromisoformat(str(raw_date))
            except ValueError:
                raise ScenarioError(f"{entry.path}.date", "not_date", value=raw_date) from None
        illustrative = entry.data.get("illustrative", True)
        entry.seen.add("illustrative")
        if not isinstance(illustrative, bool):
            raise ScenarioError(f"{entry.path}.illustrative", "not_choice", choices="true, false", value=illustrative)
        entry.done()
        sources[path] = Source(text, date, illustrative)
    return sources


def _check_languages(scenario: Scenario) -> None:
    for kind in DOCUMENTS_BY_OUTCOME[scenario.rules.outcome_model]:
        for code in scenario.volumes[kind].into:
            if code not in scenario.rules.languages:
                raise ScenarioError(f"volumes.{kind}.into", "not_scenario_language", value=code)
    tables = {"translation_per_word": scenario.rates.translation_per_word,
              "revision_per_word": scenario.rates.revision_per_word}
    translated = {code for kind in DOCUMENTS_BY_OUTCOME[scenario.rules.outcome_model]
                  for code in scenario.volumes[kind].into}
    for table, rates in tables.items():
        for code in LANGUAGES:
            if code in translated and code not in rates:
                raise ScenarioError(f"rates.{table}.{code}", "missing_rate", language=code)
    for code in scenario.rules.languages:
        if code not in scenario.rates.interpretation_per_day:
            raise ScenarioError(f"rates.interpretation_per_day.{code}", "missing_rate", language=code)


class _Reader:
    """Reads one object of the input, remembering which keys it read so that an unknown key is named."""

    def __init__(self, data: Any, path: str) -> None:
        if not isinstance(data, dict):
            raise ScenarioError(path or "scenario", "not_object")
        self.data = data
        self.path = path
        self.seen: set[str] = set()

    def _path(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def _get(self, key: str) -> Any:
        self.seen.add(key)
        if key not in self.data:
            raise ScenarioError(self._path(key), "missing")
        return self.data[key]

    def object(self, key: str, optional: bool = False) -> _Reader:
        if optional and key not in self.data:
            self.seen.add(key)
            return _Reader({}, self._path(key))
        return _Reader(self._get(key), self._path(key))

    def number(self, key: str, bounds: tuple[Decimal, Decimal]) -> Decimal:
        value = self._get(key)
        if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
            raise ScenarioError(self._path(key), "not_number", value=value)
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            raise ScenarioError(self._path(key), "not_number", value=value) from None
        if not number.is_finite():
            raise ScenarioError(self._path(key), "not_number", value=value)
        low, high = bounds
        if not low <= number <= high:
            raise ScenarioError(self._path(key), "out_of_range", low=low, high=high, value=number)
        return number

    def whole(self, key: str, bounds: tuple[int, int]) -> int:
        value = self._get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ScenarioError(self._path(key), "not_whole_number", value=value)
        low, high = bounds
        if not low <= value <= high:
            raise ScenarioError(self._path(key), "out_of_range", low=low, high=high, value=value)
        return value

    def text(self, key: str, limit: int, default: str | None = None) -> str:
        if default is not None and key not in self.data:
            self.seen.add(key)
            return default
        value = self._get(key)
        if not isinstance(value, str) or len(value) > limit or (default is None and not value.strip()):
            raise ScenarioError(self._path(key), "not_text", limit=limit)
        return value.strip()

    def choice(self, key: str, choices: tuple[str, ...]) -> str:
        value = self._get(key)
        if value not in choices:
            raise ScenarioError(self._path(key), "not_choice", choices=", ".join(choices), value=value)
        return str(value)

    def languages(self, key: str) -> tuple[str, ...]:
        value = self._get(key)
        if not isinstance(value, list | tuple) or any(not isinstance(code, str) for code in value):
            raise ScenarioError(self._path(key), "not_list")
        for code in value:
            if code not in LANGUAGES:
                raise ScenarioError(self._path(key), "unknown_language", value=code)
        return tuple(code for code in LANGUAGES if code in value)

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.seen)
        if unknown:
            raise ScenarioError(self._path(unknown[0]), "unknown_key")
