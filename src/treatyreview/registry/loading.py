"""Reading the reference data (CSV) with every row validated before anything is written."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from treatyreview.errors import InvalidInput
from treatyreview.mechanism.rules import LANGUAGES
from treatyreview.registry.choices import InstrumentCode

DATA_DIR = Path(__file__).resolve().parent / "data"
OPTIONAL_FILES = (
    "capacity.csv", "competence.csv", "state_names.csv", "article_titles.csv", "instrument_titles.csv",
)

REGIONAL_GROUPS = {
    "African States": "AFRICAN",
    "Asia-Pacific States": "APG",
    "Eastern European States": "EEG",
    "Latin American and Caribbean States": "GRULAC",
    "Western European and other States": "WEOG",
}
ENTITY_KINDS = {
    "UN Member State": "member",
    "Non-member observer State": "observer",
    "Regional economic integration organization": "reio",
}
CONSENT_TYPES = ("ratification", "acceptance", "approval", "accession", "succession")
STATUSES = {"party": "party", "signatory": "signatory", "none": "none", "": "unknown", "unknown": "unknown"}


class LoadError(InvalidInput):
    """One or more bad rows; each problem reads `file:line: field: what is wrong`."""

    def __init__(self, problems: list[str]) -> None:
        shown = problems[:20]
        more = f"\n… and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__("", "\n".join(shown) + more, problems)


@dataclass
class InstrumentRow:
    code: str
    short_name: str
    full_title: str
    adoption_date: dt.date | None
    adopted_by: str
    entry_into_force_date: dt.date | None
    untc_ref: str
    unts_citation: str
    position: int


@dataclass
class ArticleRow:
    instrument: str
    number: int
    title: str
    cluster: int | None
    cluster_source: str


@dataclass
class ParticipationRow:
    instrument: str
    status: str
    signature_date: dt.date | None
    consent_date: dt.date | None
    consent_type: str
    sources: str
    line: int = 0


@dataclass
class StateRow:
    code: str
    iso2: str
    m49: str
    name: str
    kind: str
    group_code: str | None
    group_note: str
    languages: list[str]
    languages_basis: str
    participation: list[ParticipationRow] = field(default_factory=list)


@dataclass
class CapacityRow:
    code: str
    least_developed: bool | None
    small_island: bool | None
    landlocked: bool | None
    source: str


@dataclass
class CompetenceRow:
    state: str
    instrument: str
    article: int
    competence: str
    source: str


@dataclass
class StateNameRow:
    state: str
    language: str
    short_name: str
    formal_name: str
    source: str


@dataclass
class ArticleTitleRow:
    instrument: str
    number: int
    language: str
    title: str
    source: str


@dataclass
class InstrumentTitleRow:
    instrument: str
    language: str
    full_title: str
    source: str


@dataclass
class ReferenceData:
    instruments: list[InstrumentRow]
    articles: list[ArticleRow]
    states: list[StateRow]
    capacity: list[CapacityRow] = field(default_factory=list)
    competence: list[CompetenceRow] = field(default_factory=list)
    state_names: list[StateNameRow] = field(default_factory=list)
    article_titles: list[ArticleTitleRow] = field(default_factory=list)
    instrument_titles: list[InstrumentTitleRow] = field(default_factory=list)


class _Reader:
    """Collects problems with their file and line so the whole file is checked in one pass."""

    def __init__(self, name: str, text: str, required: Iterable[str]) -> None:
        self.name = name
        self.problems: list[str] = []
        self.reader = csv.DictReader(io.StringIO(text))
        columns = self.reader.fieldnames or []
        missing = [column for column in required if column not in columns]
        if missing:
            self.problems.append(f"{name}:1: missing column(s): {', '.join(missing)}")

    def rows(self) -> Iterable[tuple[int, dict[str, str]]]:
        if self.problems:
            return
        for row in self.reader:
            # csv counts physical lines, so quoted newlines still give the right line number.
            yield self.reader.line_num, {key: (value or "").strip() for key, value in row.items() if key}

    def problem(self, line: int, column: str, message: str) -> None:
        self.problems.append(f"{self.name}:{line}: {column}: {message}")

    def date(self, line: int, row: dict[str, str], column: str) -> dt.date | None:
        value = row.get(column, "")
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.problem(line, column, f"'{value}' is not a date (expected YYYY-MM-DD)")
            return None


def read_instruments(text: str, name: str = "instruments.csv") -> tuple[list[InstrumentRow], list[str]]:
    reader = _Reader(name, text, ["code", "short_name", "full_title", "adoption_date", "entry_into_force_date"])
    result: list[InstrumentRow] = []
    seen: set[str] = set()
    for line, row in reader.rows():
        code = row["code"]
        if code not in InstrumentCode.values:
            expected = ", ".join(InstrumentCode.values)
            reader.problem(line, "code", f"unknown instrument '{code}' (expected one of {expected})")
            continue
        if code in seen:
            reader.problem(line, "code", f"instrument '{code}' appears twice")
            continue
        seen.add(code)
        if not row["short_name"] or not row["full_title"]:
            reader.problem(line, "short_name", "short name and full title are required")
        result.append(
            InstrumentRow(
                code=code,
                short_name=row["short_name"],
                full_title=row["full_title"],
                adoption_date=reader.date(line, row, "adoption_date"),
                adopted_by=row.get("adopted_by", ""),
                entry_into_force_date=reader.date(line, row, "entry_into_force_date"),
                untc_ref=row.get("untc_ref", ""),
                unts_citation=row.get("unts_citation", ""),
                position=InstrumentCode.values.index(code),
            )
        )
    return result, reader.problems


def read_articles(text: str, instruments: set[str], name: str = "articles.csv") -> tuple[list[ArticleRow], list[str]]:
    reader = _Reader(name, text, ["instrument_code", "article_number", "article_title", "cluster", "cluster_source"])
    result: list[ArticleRow] = []
    seen: set[tuple[str, int]] = set()
    for line, row in reader.rows():
        instrument = row["instrument_code"]
        if instrument not in instruments:
            reader.problem(line, "instrument_code", f"unknown instrument '{instrument}'")
            continue
        try:
            number = int(row["article_number"])
            if number < 1:
                raise ValueError
        except ValueError:
            reader.problem(line, "article_number", f"'{row['article_number']}' is not an article number")
            continue
        if (instrument, number) in seen:
            reader.problem(line, "article_number", f"{instrument} article {number} appears twice")
            continue
        seen.add((instrument, number))
        cluster: int | None = None
        if row["cluster"]:
            if row["cluster"] not in {"1", "2", "3", "4"}:
                reader.problem(line, "cluster", f"'{row['cluster']}' is not a cluster (1 to 4, or empty if unknown)")
                continue
            cluster = int(row["cluster"])
            if not row["cluster_source"]:
                reader.problem(line, "cluster_source", "a cluster needs its source")
        if not row["article_title"]:
            reader.problem(line, "article_title", "is empty")
        result.append(ArticleRow(instrument, number, row["article_title"], cluster, row["cluster_source"]))
    return result, reader.problems


STATE_COLUMNS = [
    "iso3",
    "iso2",
    "m49",
    "un_name",
    "entity_type",
    "un_regional_group",
    "regional_group_note",
    "working_languages",
    "working_language_basis",
]
PARTICIPATION_SUFFIXES = ["status", "signature_date", "consent_date", "consent_type", "sources"]


def read_participation_cells(
    reader: _Reader, line: int, row: dict[str, str], instruments: Iterable[str]
) -> list[ParticipationRow]:
    cells: list[ParticipationRow] = []
    for code in instruments:
        prefix = code.lower()
        status_text = row.get(f"{prefix}_status", "")
        if status_text not in STATUSES:
            reader.problem(
                line,
                f"{prefix}_status",
                f"'{status_text}' is not a status (party, signatory, none, or empty if unknown)",
            )
            continue
        consent_type = row.get(f"{prefix}_consent_type", "")
        if consent_type and consent_type not in CONSENT_TYPES:
            reader.problem(line, f"{prefix}_consent_type", f"'{consent_type}' is not one of {', '.join(CONSENT_TYPES)}")
        cells.append(
            ParticipationRow(
                instrument=code,
                status=STATUSES[status_text],
                signature_date=reader.date(line, row, f"{prefix}_signature_date"),
                consent_date=reader.date(line, row, f"{prefix}_consent_date"),
                consent_type=consent_type,
                sources=row.get(f"{prefix}_sources", ""),
                line=line,
            )
        )
    return cells


def read_states(text: str, instruments: Iterable[str], name: str = "states.csv") -> tuple[list[StateRow], list[str]]:
    instruments = list(instruments)
    required = STATE_COLUMNS + [f"{code.lower()}_{suffix}" for code in instruments for suffix in PARTICIPATION_SUFFIXES]
    reader = _Reader(name, text, required)
    result: list[StateRow] = []
    seen_codes: set[str] = set()
    seen_names: set[str] = set()
    for line, row in reader.rows():
        code = row["iso3"]
        if len(code) != 3 or not code.isalpha() or not code.isupper():
            reader.problem(line, "iso3", f"'{code}' is not a three-letter code")
            continue
        if code in seen_codes:
            reader.problem(line, "iso3", f"duplicate State code '{code}'")
            continue
        seen_codes.add(code)
        if row["un_name"] in seen_names or not row["un_name"]:
            reader.problem(line, "un_name", f"name '{row['un_name']}' is empty or appears twice")
        seen_names.add(row["un_name"])
        kind_text = row["entity_type"]
        kind = ENTITY_KINDS.get(kind_text, "non_member" if kind_text.startswith("Non-member State") else "")
        if not kind:
            reader.problem(line, "entity_type", f"unknown entity type '{kind_text}'")
        group_text = row["un_regional_group"]
        group_code = REGIONAL_GROUPS.get(group_text) if group_text else None
        if group_text and group_code is None:
            reader.problem(line, "un_regional_group", f"unknown regional group '{group_text}'")
        if kind == "member" and group_code is None and not row["regional_group_note"]:
            reader.problem(line, "un_regional_group", "a Member State without a group needs a note saying why")
        languages = [code_.strip() for code_ in row["working_languages"].split(";") if code_.strip()]
        bad_languages = [code_ for code_ in languages if code_ not in LANGUAGES]
        if bad_languages:
            reader.problem(
                line,
                "working_languages",
                f"{', '.join(bad_languages)} not among the UN languages {', '.join(LANGUAGES)}",
            )
        result.append(
            StateRow(
                code=code,
                iso2=row["iso2"],
                m49=row["m49"],
                name=row["un_name"],
                kind=kind,
                group_code=group_code,
                group_note=row["regional_group_note"],
                languages=languages,
                languages_basis=row["working_language_basis"],
                participation=read_participation_cells(reader, line, row, instruments),
            )
        )
    return result, reader.problems


FLAGS = {"yes": True, "no": False, "": None}


def read_capacity(text: str, states: set[str], name: str = "capacity.csv") -> tuple[list[CapacityRow], list[str]]:
    columns = ["iso3", "least_developed", "small_island", "landlocked", "source"]
    reader = _Reader(name, text, columns)
    result: list[CapacityRow] = []
    for line, row in reader.rows():
        if row["iso3"] not in states:
            reader.problem(line, "iso3", f"unknown State code '{row['iso3']}'")
            continue
        flags = {}
        for column in columns[1:4]:
            if row[column] not in FLAGS:
                reader.problem(line, column, f"'{row[column]}' is not yes, no, or empty if unknown")
            flags[column] = FLAGS.get(row[column])
        if any(value is not None for value in flags.values()) and not row["source"]:
            reader.problem(line, "source", "a flag needs its source")
        result.append(CapacityRow(row["iso3"], source=row["source"], **flags))
    return result, reader.problems


COMPETENCE_KINDS = ("exclusive", "shared", "stated")


def read_competence(
    text: str, states: set[str], articles: set[tuple[str, int]], name: str = "competence.csv"
) -> tuple[list[CompetenceRow], list[str]]:
    reader = _Reader(name, text, ["state", "instrument", "article_number", "competence", "source"])
    result: list[CompetenceRow] = []
    for line, row in reader.rows():
        if row["state"] not in states:
            reader.problem(line, "state", f"unknown State code '{row['state']}'")
            continue
        number = int(row["article_number"]) if row["article_number"].isdigit() else 0
        if (row["instrument"], number) not in articles:
            reader.problem(line, "article_number", f"no article {row['article_number']} in '{row['instrument']}'")
            continue
        if row["competence"] not in COMPETENCE_KINDS:
            reader.problem(line, "competence", f"'{row['competence']}' is not one of {', '.join(COMPETENCE_KINDS)}")
        if not row["source"]:
            reader.problem(line, "source", "is required")
        result.append(CompetenceRow(row["state"], row["instrument"], number, row["competence"], row["source"]))
    return result, reader.problems


def _language(reader: _Reader, line: int, row: dict[str, str], column: str = "lang") -> str:
    language = row[column]
    if language not in LANGUAGES:
        reader.problem(line, column, f"'{language}' is not a UN language ({', '.join(LANGUAGES)})")
        return ""
    return language


def read_state_names(
    text: str, states: set[str], name: str = "state_names.csv"
) -> tuple[list[StateNameRow], list[str]]:
    """Names of the States in the six languages; an empty cell is a gap (English is shown), never an error."""
    reader = _Reader(name, text, ["iso3", "lang", "short_name", "formal_name", "source"])
    result: list[StateNameRow] = []
    seen: set[tuple[str, str]] = set()
    for line, row in reader.rows():
        if row["iso3"] not in states:
            reader.problem(line, "iso3", f"unknown State code '{row['iso3']}'")
            continue
        language = _language(reader, line, row)
        if not language:
            continue
        if (row["iso3"], language) in seen:
            reader.problem(line, "lang", f"{row['iso3']} has a second row in '{language}'")
            continue
        seen.add((row["iso3"], language))
        if (row["short_name"] or row["formal_name"]) and not row["source"]:
            reader.problem(line, "source", "a name needs its source")
        if row["formal_name"] and not row["short_name"]:
            reader.problem(line, "short_name", "a formal name without a short name")
        result.append(StateNameRow(row["iso3"], language, row["short_name"], row["formal_name"], row["source"]))
    return result, reader.problems


def read_article_titles(
    text: str, articles: set[tuple[str, int]], name: str = "article_titles.csv"
) -> tuple[list[ArticleTitleRow], list[str]]:
    """Article headings in the other five languages, one row per heading read in a source."""
    reader = _Reader(name, text, ["instrument_code", "article_number", "lang", "title", "source"])
    result: list[ArticleTitleRow] = []
    seen: set[tuple[str, int, str]] = set()
    for line, row in reader.rows():
        number = int(row["article_number"]) if row["article_number"].isdigit() else 0
        if (row["instrument_code"], number) not in articles:
            reader.problem(line, "article_number", f"no article {row['article_number']} in '{row['instrument_code']}'")
            continue
        language = _language(reader, line, row)
        if not language:
            continue
        if language == "en":
            reader.problem(line, "lang", "the English headings are in articles.csv")
            continue
        key = (row["instrument_code"], number, language)
        if key in seen:
            reader.problem(line, "lang", f"{key[0]} article {number} has a second title in '{language}'")
            continue
        seen.add(key)
        if not row["title"]:
            reader.problem(line, "title", "is empty")
        if not row["source"]:
            reader.problem(line, "source", "a title needs its source")
        result.append(ArticleTitleRow(row["instrument_code"], number, language, row["title"], row["source"]))
    return result, reader.problems


def read_instrument_titles(
    text: str, instruments: set[str], name: str = "instrument_titles.csv"
) -> tuple[list[InstrumentTitleRow], list[str]]:
    """Full titles of the Convention and its Protocols in the other five languages, one row per title read."""
    reader = _Reader(name, text, ["instrument_code", "lang", "full_title", "source"])
    result: list[InstrumentTitleRow] = []
    seen: set[tuple[str, str]] = set()
    for line, row in reader.rows():
        if row["instrument_code"] not in instruments:
            reader.problem(line, "instrument_code", f"unknown instrument '{row['instrument_code']}'")
            continue
        language = _language(reader, line, row)
        if not language:
            continue
        if language == "en":
            reader.problem(line, "lang", "the English titles are in instruments.csv")
            continue
        key = (row["instrument_code"], language)
        if key in seen:
            reader.problem(line, "lang", f"{key[0]} has a second title in '{language}'")
            continue
        seen.add(key)
        if not row["full_title"]:
            reader.problem(line, "full_title", "is empty")
        elif len(row["full_title"]) > 400:
            reader.problem(line, "full_title", "is longer than 400 characters")
        if not row["source"]:
            reader.problem(line, "source", "a title needs its source")
        result.append(InstrumentTitleRow(row["instrument_code"], language, row["full_title"], row["source"]))
    return result, reader.problems


def read_reference_data(directory: Path = DATA_DIR) -> ReferenceData:
    """Read and check all three files; raise LoadError listing every problem, before anything is written."""
    problems: list[str] = []
    texts: dict[str, str] = {}
    for name in ("instruments.csv", "articles.csv", "states.csv", *OPTIONAL_FILES):
        path = directory / name
        if name in OPTIONAL_FILES and not path.exists():
            texts[name] = ""
            continue
        try:
            texts[name] = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            problems.append(f"{path}: file not found")
        except UnicodeDecodeError as error:
            problems.append(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})")
    if problems:
        raise LoadError(problems)
    instruments, found = read_instruments(texts["instruments.csv"], "instruments.csv")
    problems += found
    codes = {row.code for row in instruments}
    instrument_codes = codes
    articles, found = read_articles(texts["articles.csv"], codes, "articles.csv")
    problems += found
    states, found = read_states(texts["states.csv"], [row.code for row in instruments], "states.csv")
    problems += found
    codes = {row.code for row in states}
    capacity, found = read_capacity(texts["capacity.csv"], codes) if texts["capacity.csv"] else ([], [])
    problems += found
    article_keys = {(row.instrument, row.number) for row in articles}
    competence, found = (
        read_competence(texts["competence.csv"], codes, article_keys) if texts["competence.csv"] else ([], [])
    )
    problems += found
    names, found = read_state_names(texts["state_names.csv"], codes) if texts["state_names.csv"] else ([], [])
    problems += found
    titles, found = (
        read_article_titles(texts["article_titles.csv"], article_keys) if texts["article_titles.csv"] else ([], [])
    )
    problems += found
    instrument_titles, found = (
        read_instrument_titles(texts["instrument_titles.csv"], instrument_codes)
        if texts["instrument_titles.csv"] else ([], [])
    )
    problems += found
    if problems:
        raise LoadError(problems)
    return ReferenceData(instruments, articles, states, capacity, competence, names, titles, instrument_titles)
