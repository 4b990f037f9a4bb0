"""The library's file format, read by `library import` and written by `library export` (CSV or JSON lines).

One row per language version of a record; rows with the same `key` are versions of one record and repeat its
fields. Every bad row is reported with its number and field, and nothing is saved if any row is bad. The
columns are documented in docs/guide/knowledge-library.md; an exported file imports unchanged.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext as _

from treatyreview.errors import InvalidInput
from treatyreview.knowledge.models import LegalRecord, Theme
from treatyreview.knowledge.services import (
    ImportRecord,
    RecordFields,
    TextFields,
    latest_date,
    record_problems,
    text_problems,
)
from treatyreview.registry.models import Article, State

COLUMNS = (
    "key", "kind", "country", "official_language", "language", "title", "provision", "text", "date", "status",
    "official_link", "court", "parties", "outcome", "offences", "articles", "themes", "visibility", "demo",
)
RECORD_COLUMNS = tuple(c for c in COLUMNS if c not in {"key", "language", "title", "provision", "text"})
REQUIRED = ("kind", "country", "language", "title")
PROBLEMS_SHOWN = 50
FILE_MAX_BYTES = 200 * 1024 * 1024
ROWS_MAX = 500_000


def _rows_csv(data: str) -> Iterator[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(data))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise InvalidInput("1", _("the header row lacks the columns: %(columns)s") % {"columns": ", ".join(missing)})
    unknown = [c for c in reader.fieldnames or [] if c not in COLUMNS]
    if unknown:
        raise InvalidInput("1", _("unknown columns: %(columns)s") % {"columns": ", ".join(unknown)})
    for row in reader:
        yield reader.line_num, row


def _rows_jsonl(data: str) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise InvalidInput(str(number), _("not a JSON object: %(error)s") % {"error": error.msg}) from None
        if not isinstance(row, dict):
            raise InvalidInput(str(number), _("not a JSON object"))
        unknown = [c for c in row if c not in COLUMNS]
        if unknown:
            raise InvalidInput(f"{number}: {unknown[0]}", _("unknown field"))
        yield number, row


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value).strip()


def _list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in _text(value).split(";") if part.strip()]


class _Lookups:
    def __init__(self) -> None:
        self.states = {s.code: s for s in State.objects.all()}
        self.articles = {(a.instrument.code, a.number): a for a in Article.objects.select_related("instrument")}
        self.themes = {t.code: t for t in Theme.objects.all()}
        self.latest_date = latest_date()


def read_records(data: bytes | str, *, source: str, fmt: str = "") -> list[ImportRecord]:
    """Every record of an import file, validated; `InvalidInput` lists every bad row and field otherwise."""
    if isinstance(data, bytes):
        if len(data) > FILE_MAX_BYTES:
            raise InvalidInput(source, _("the file is larger than %(max)d MB") % {"max": FILE_MAX_BYTES // 2**20})
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidInput(source, _("the file is not UTF-8 text")) from None
    fmt = fmt or ("jsonl" if source.lower().endswith((".jsonl", ".json", ".ndjson")) else "csv")
    rows = _rows_jsonl(data) if fmt == "jsonl" else _rows_csv(data)
    lookups = _Lookups()
    problems: list[str] = []
    grouped: dict[str, tuple[int, RecordFields, list[TextFields], bool, tuple[Any, ...]]] = {}
    order: list[str] = []
    count = 0
    try:
        for number, row in rows:
            count += 1
            if count > ROWS_MAX:
                raise InvalidInput(source, _("more than %(max)d rows") % {"max": ROWS_MAX})
            _read_row(number, row, lookups, problems, grouped, order)
            if len(problems) >= PROBLEMS_SHOWN:
                break
    except csv.Error as error:
        raise InvalidInput(source, _("not a readable CSV file: %(error)s") % {"error": str(error)}) from None
    except InvalidInput as error:
        raise InvalidInput(f"{source}:{error.where}", error.message) from None
    if problems:
        first = problems[0]
        raise InvalidInput(f"{source}:{first.split(':', 1)[0]}", first.split(": ", 1)[-1],
                           [f"{source}:{problem}" for problem in problems])
    if not order:
        raise InvalidInput(source, _("the file holds no records"))
    return [ImportRecord(grouped[key][1], tuple(grouped[key][2]), grouped[key][3]) for key in order]


def _read_row(number: int, row: dict[str, Any], lookups: _Lookups, problems: list[str],
              grouped: dict[str, Any], order: list[str]) -> None:
    def problem(column: str, message: str) -> None:
        problems.append(f"{number}: {column}: {message}")

    values = {column: _text(row.get(column)) for column in COLUMNS}
    for column in REQUIRED:
        if not values[column]:
            problem(column, _("required"))
    state = lookups.states.get(values["country"].upper())
    if values["country"] and state is None:
        problem("country", _("no State with the code %(code)s") % {"code": values["country"]})
    date = None
    if values["date"]:
        try:
            date = dt.date.fromisoformat(values["date"])
        except ValueError:
            problem("date", _("a date written YYYY-MM-DD"))
    articles = []
    for reference in _list(row.get("articles")):
        parts = reference.replace("art.", " ").split()
        article = None
        if len(parts) == 2 and parts[1].isdigit():
            article = lookups.articles.get((parts[0].upper(), int(parts[1])))
        if article is None:
            problem("articles", _("no article “%(reference)s” (write e.g. UNTOC 6; TIP 5)") % {"reference": reference})
        else:
            articles.append(article)
    themes = []
    for code in _list(row.get("themes")):
        theme = lookups.themes.get(code)
        if theme is None:
            problem("themes", _("no theme with the code %(code)s") % {"code": code})
        else:
            themes.append(theme)
    demo = values["demo"].lower() in {"1", "true", "yes"}
    if values["demo"] and values["demo"].lower() not in {"0", "1", "true", "false", "yes", "no"}:
        problem("demo", _("true or false"))
    if state is None or (problems and problems[-1].startswith(f"{number}:")):
        return
    fields = RecordFields(
        kind=values["kind"], state=state, original_language=values["official_language"] or values["language"],
        date=date, status=values["status"], official_link=values["official_link"], court=values["court"],
        parties=values["parties"], outcome=values["outcome"], offences=values["offences"],
        visibility=values["visibility"] or "public", articles=articles, themes=themes,
    )
    text = TextFields(language=values["language"], title=values["title"], provision=values["provision"],
                      text=values["text"])
    for column, message in record_problems(fields, date_max=lookups.latest_date) + text_problems(text):
        problem(column, message)
    if problems and problems[-1].startswith(f"{number}:"):
        return
    key = values["key"] or f"row-{number}"
    signature = tuple(values[c] for c in RECORD_COLUMNS)
    if key in grouped:
        first_row, _fields, texts, _demo, first_signature = grouped[key]
        if signature != first_signature:
            problem("key", _("the record's fields differ from row %(row)d with the same key") % {"row": first_row})
        elif any(t.language == text.language for t in texts):
            problem("language", _("a second version in the same language for key %(key)s") % {"key": key})
        else:
            texts.append(text)
        return
    grouped[key] = (number, fields, [text], demo, signature)
    order.append(key)


def export_rows(records: Iterable[LegalRecord]) -> Iterator[dict[str, str]]:
    """The rows of `records` in the import format (read with prefetched texts, articles, themes, State)."""
    for record in records:
        common = {
            "key": f"record-{record.pk}",
            "kind": record.kind,
            "country": record.state.code,
            "official_language": record.original_language,
            "date": record.date.isoformat() if record.date else "",
            "status": record.status,
            "official_link": record.official_link,
            "court": record.court,
            "parties": record.parties,
            "outcome": record.outcome,
            "offences": record.offences,
            "articles": "; ".join(f"{a.instrument.code} {a.number}" for a in record.articles.all()),
            "themes": "; ".join(sorted(t.code for t in record.themes.all())),
            "visibility": record.visibility,
            "demo": "true" if record.demo else "false",
        }
        for text in sorted(record.texts.all(), key=lambda t: t.language):
            yield {**common, "language": text.language, "title": text.title, "provision": text.provision,
                   "text": text.text}


def write(rows: Iterable[dict[str, str]], out: io.TextIOBase | Any, fmt: str) -> int:
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps({c: row[c] for c in COLUMNS}, ensure_ascii=False) + "\n")
            count += 1
        return count
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
        count += 1
    return count
