"""Every change to the library: records, their language versions, the thesaurus of themes, imports.

Each write checks permission, validates everything before saving anything, bumps the record's version (a
stale form is refused with the version now stored), keeps a revision, re-indexes the record in the same
transaction (searchable at once) and writes its audit event in that transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from treatyreview.accounts.models import User
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.errors import InvalidInput, require, require_version
from treatyreview.knowledge import permissions, search
from treatyreview.knowledge.models import (
    COURT_MAX,
    LINK_MAX,
    OFFENCES_MAX,
    OUTCOME_MAX,
    PARTIES_MAX,
    PROVISION_MAX,
    TEXT_MAX,
    THEME_CODE_MAX,
    THEME_NAME_MAX,
    TITLE_MAX,
    LegalRecord,
    LegalStatus,
    RecordKind,
    RecordRevision,
    RecordText,
    SearchDocument,
    Theme,
    Visibility,
)
from treatyreview.mechanism.rules import LANGUAGES
from treatyreview.registry.models import Article, State

# Dates of legislation, judgments and strategies the library accepts: none before modern codification.
DATE_MIN = dt.date(1800, 1, 1)
KINDS = frozenset(RecordKind.values)
VISIBILITIES = frozenset(Visibility.values)
STATUSES = frozenset(LegalStatus.values)


def latest_date() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=366)


@dataclass(frozen=True)
class TextFields:
    language: str
    title: str
    provision: str = ""
    text: str = ""


@dataclass(frozen=True)
class RecordFields:
    """Everything a record holds besides its language versions, as forms, imports and the API send it."""

    kind: str
    state: State
    original_language: str
    date: dt.date | None = None
    status: str = ""
    official_link: str = ""
    court: str = ""
    parties: str = ""
    outcome: str = ""
    offences: str = ""
    visibility: str = Visibility.PUBLIC
    articles: Sequence[Article] = field(default_factory=tuple)
    themes: Sequence[Theme] = field(default_factory=tuple)


def _limit(problems: list[tuple[str, str]], name: str, value: str, maximum: int) -> None:
    if len(value) > maximum:
        problems.append((name, _("at most %(max)d characters (this has %(count)d)") % {"max": maximum,
                                                                                     "count": len(value)}))


def record_problems(fields: RecordFields, *, date_max: dt.date | None = None) -> list[tuple[str, str]]:
    """Every problem of a record's fields as (field, message); empty when the record may be saved. An import
    passes `date_max` (the latest date accepted) once for all its rows."""
    problems: list[tuple[str, str]] = []
    if fields.kind not in KINDS:
        problems.append(("kind", _("choose legislation, case law or a strategy")))
    if fields.original_language not in LANGUAGES:
        problems.append(("original_language", _("choose one of the six UN languages")))
    if fields.visibility not in VISIBILITIES:
        problems.append(("visibility", _("choose public or restricted to the State's own review")))
    if fields.status not in STATUSES:
        problems.append(("status", _("choose in force or repealed")))
    elif fields.status and fields.kind != RecordKind.LEGISLATION:
        problems.append(("status", _("only legislation is in force or repealed")))
    if fields.date is not None and not DATE_MIN <= fields.date <= (date_max or latest_date()):
        problems.append(("date", _("a date between 1800 and next year")))
    for name, maximum in (("official_link", LINK_MAX), ("court", COURT_MAX), ("parties", PARTIES_MAX),
                          ("outcome", OUTCOME_MAX), ("offences", OFFENCES_MAX)):
        _limit(problems, name, getattr(fields, name), maximum)
    if fields.official_link:
        try:
            URLValidator(schemes=["http", "https"])(fields.official_link)
        except ValidationError:
            problems.append(("official_link", _("an address beginning with https:// or http://")))
    return problems


def text_problems(text: TextFields) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if text.language not in LANGUAGES:
        problems.append(("language", _("choose one of the six UN languages")))
    if not text.title.strip():
        problems.append(("title", _("a title is required")))
    _limit(problems, "title", text.title, TITLE_MAX)
    _limit(problems, "provision", text.provision, PROVISION_MAX)
    _limit(problems, "text", text.text, TEXT_MAX)
    return problems


def _raise_first(problems: list[tuple[str, str]]) -> None:
    if problems:
        where, message = problems[0]
        raise InvalidInput(where, message, [f"{w}: {m}" for w, m in problems] if len(problems) > 1 else None)


def _check_visibility(actor: User, fields: RecordFields) -> None:
    require(permissions.can_add_record_for(actor, fields.state.pk),
            _("Only the secretariat, or the focal point of %(state)s, can add or change its records.")
            % {"state": fields.state.name})


def snapshot(record: LegalRecord) -> dict[str, Any]:
    """What the record is now, as a revision keeps it."""
    return {
        "kind": record.kind,
        "state": record.state.code,
        "original_language": record.original_language,
        "date": record.date.isoformat() if record.date else None,
        "status": record.status,
        "official_link": record.official_link,
        "court": record.court,
        "parties": record.parties,
        "outcome": record.outcome,
        "offences": record.offences,
        "visibility": record.visibility,
        "articles": sorted(str(article) for article in record.articles.all()),
        "themes": sorted(theme.code for theme in record.themes.all()),
        "texts": {t.language: {"title": t.title, "provision": t.provision, "text": t.text}
                  for t in record.texts.order_by("language")},
    }


def _revise(actor: User | None, record: LegalRecord) -> dict[str, Any]:
    record.refresh_from_db()
    state = snapshot(record)
    RecordRevision.objects.create(record=record, version=record.version, actor=actor if actor else None,
                                  snapshot=state)
    search.index_record(record)
    return state


SCALAR_FIELDS = ("kind", "state", "original_language", "date", "status", "official_link", "court", "parties",
                 "outcome", "offences", "visibility")


def _scalar(fields: RecordFields) -> dict[str, Any]:
    return {name: getattr(fields, name) for name in SCALAR_FIELDS}


@transaction.atomic
def record_create(*, actor: User, fields: RecordFields, text: TextFields, demo: bool = False) -> LegalRecord:
    """Add a record with its first language version (normally the official language)."""
    _check_visibility(actor, fields)
    _raise_first(record_problems(fields) + text_problems(text))
    record = LegalRecord.objects.create(**_scalar(fields), demo=demo, created_by=actor)
    record.articles.set(fields.articles)
    record.themes.set(fields.themes)
    RecordText.objects.create(record=record, **asdict(text))
    after = _revise(actor, record)
    audit.record(actor=actor, action=AuditAction.LIBRARY_RECORD_CREATE, target=record,
                 after={"version": record.version, "languages": sorted(after["texts"])})
    return record


@transaction.atomic
def record_update(*, actor: User, record: LegalRecord, expected_version: int | None,
                  fields: RecordFields) -> LegalRecord:
    """Change a record's fields; refused if someone else changed it since `expected_version` was read."""
    record = LegalRecord.objects.select_for_update().get(pk=record.pk)
    require(permissions.can_edit_record(actor, record))
    _check_visibility(actor, fields)
    require_version(record.version, expected_version)
    _raise_first(record_problems(fields))
    before = snapshot(record)
    for name, value in _scalar(fields).items():
        setattr(record, name, value)
    record.version += 1
    record.save()
    record.articles.set(fields.articles)
    record.themes.set(fields.themes)
    after = _revise(actor, record)
    changed = sorted(name for name in after if after[name] != before[name])
    audit.record(actor=actor, action=AuditAction.LIBRARY_RECORD_UPDATE, target=record,
                 after={"version": record.version, "changed": changed})
    return record


@transaction.atomic
def record_text_save(*, actor: User, record: LegalRecord, expected_version: int | None,
                     text: TextFields) -> RecordText:
    """Add the record's version in a language, or replace it; the record's version counter guards both."""
    record = LegalRecord.objects.select_for_update().get(pk=record.pk)
    require(permissions.can_edit_record(actor, record))
    require_version(record.version, expected_version)
    _raise_first(text_problems(text))
    saved, created = RecordText.objects.update_or_create(
        record=record, language=text.language,
        defaults={"title": text.title, "provision": text.provision, "text": text.text})
    record.version += 1
    record.save(update_fields=["version", "updated_at"])
    _revise(actor, record)
    audit.record(actor=actor, action=AuditAction.LIBRARY_TEXT_SAVE, target=record,
                 after={"version": record.version, "language": text.language, "new": created})
    return saved


# Themes ---------------------------------------------------------------------------------------------------


@transaction.atomic
def theme_save(*, actor: User, code: str, names: dict[str, str], broader: Theme | None = None,
               theme: Theme | None = None, expected_version: int | None = None) -> Theme:
    """Add a theme to the thesaurus, or rename one (`theme` with the version read)."""
    require(permissions.can_edit_themes(actor), _("Only the secretariat keeps the thesaurus of themes."))
    names = {lang: name.strip() for lang, name in names.items() if lang in LANGUAGES and name.strip()}
    problems: list[tuple[str, str]] = []
    if not names.get("en"):
        problems.append(("name_en", _("the English name is required")))
    for lang, name in names.items():
        _limit(problems, f"name_{lang}", name, THEME_NAME_MAX)
    if theme is None:
        if not code or len(code) > THEME_CODE_MAX or not code.replace("-", "").isalnum() or code != code.lower():
            problems.append(("code", _("lower-case letters, digits and hyphens, at most %(max)d")
                             % {"max": THEME_CODE_MAX}))
        elif Theme.objects.filter(code=code).exists():
            problems.append(("code", _("a theme with this code exists")))
    _raise_first(problems)
    if theme is None:
        theme = Theme.objects.create(code=code, names=names, broader=broader)
        audit.record(actor=actor, action=AuditAction.THEME_CREATE, target=theme, after=names)
        return theme
    theme = Theme.objects.select_for_update().get(pk=theme.pk)
    require_version(theme.version, expected_version)
    if broader is not None and broader.pk == theme.pk:
        raise InvalidInput("broader", _("a theme cannot be broader than itself"))
    before = dict(theme.names)
    theme.names, theme.broader, theme.version = names, broader, theme.version + 1
    theme.save()
    audit.record(actor=actor, action=AuditAction.THEME_UPDATE, target=theme, before=before, after=names)
    return theme


# Import and reindex ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportRecord:
    """One record of an import file: its fields and its language versions, validated by `transfer`."""

    fields: RecordFields
    texts: tuple[TextFields, ...]
    demo: bool = False


Progress = Callable[[int, int], None]


@transaction.atomic
def library_import(*, actor: User | None, records: Sequence[ImportRecord], source: str,
                   progress: Progress | None = None, batch: int = 2_000) -> int:
    """Save records already validated by `transfer.read_records` in one transaction (all or nothing)."""
    if actor is not None:
        require(permissions.can_import_records(actor), _("Only the secretariat imports records."))
    now = timezone.now()
    done = 0
    for start in range(0, len(records), batch):
        chunk = records[start : start + batch]
        created = LegalRecord.objects.bulk_create(
            LegalRecord(**_scalar(item.fields), demo=item.demo, created_by=actor, created_at=now, updated_at=now)
            for item in chunk
        )
        texts = RecordText.objects.bulk_create(
            RecordText(record=record, **asdict(text)) for record, item in zip(created, chunk, strict=True)
            for text in item.texts
        )
        by_record: dict[int, list[RecordText]] = {}
        for text in texts:
            by_record.setdefault(text.record_id, []).append(text)
        pairs = list(zip(created, chunk, strict=True))
        # The rows below carry no logic of their own: written with plain INSERTs, several times faster than
        # model instances for an import of 100,000 records.
        _insert(LegalRecord.articles.through, ["legalrecord_id", "article_id"],
                [(record.pk, article.pk) for record, item in pairs for article in dict.fromkeys(item.fields.articles)])
        _insert(LegalRecord.themes.through, ["legalrecord_id", "theme_id"],
                [(record.pk, theme.pk) for record, item in pairs for theme in dict.fromkeys(item.fields.themes)])
        _insert(RecordRevision, ["record_id", "version", "at", "actor_id", "snapshot"],
                [(record.pk, 1, now, actor.pk if actor else None,
                  json.dumps(_import_snapshot(item), ensure_ascii=False)) for record, item in pairs])
        documents = [search._document(record, text, search.instrument_codes(item.fields.articles))
                     for record, item in pairs for text in by_record.get(record.pk, [])]
        _insert(SearchDocument, DOCUMENT_COLUMNS,
                [tuple(getattr(document, column) for column in DOCUMENT_COLUMNS) for document in documents])
        done += len(chunk)
        if progress:
            progress(done, len(records))
    audit.record(actor=actor, action=AuditAction.LIBRARY_IMPORT, target_type="knowledge.legalrecord",
                 target_id=source[:100], after={"records": len(records)})
    return len(records)


DOCUMENT_COLUMNS = ["record_id", "text_id", "language", "kind", "state_id", "status", "date", "visibility",
                    "instruments", "title_terms", "body_terms"]


def _insert(model: Any, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _import_snapshot(item: ImportRecord) -> dict[str, Any]:
    fields = item.fields
    values = _scalar(fields)
    values["state"] = fields.state.code
    values["date"] = fields.date.isoformat() if fields.date else None
    values["articles"] = sorted(str(article) for article in fields.articles)
    values["themes"] = sorted(theme.code for theme in fields.themes)
    values["texts"] = {t.language: {"title": t.title, "provision": t.provision, "text": t.text} for t in item.texts}
    return values


@transaction.atomic
def library_reindex(*, actor: User | None, progress: Progress | None = None, batch: int = 1_000) -> int:
    """Rebuild the search index from the records (after a restore, or a change of the analysis)."""
    SearchDocument.objects.all().delete()
    ids = list(LegalRecord.objects.order_by("id").values_list("id", flat=True))
    done = 0
    for start in range(0, len(ids), batch):
        records = LegalRecord.objects.filter(id__in=ids[start : start + batch]).prefetch_related(
            "texts", Prefetch("articles", queryset=Article.objects.select_related("instrument")))
        search.index_records(records)
        done += min(batch, len(ids) - start)
        if progress:
            progress(done, len(ids))
    audit.record(actor=actor, action=AuditAction.LIBRARY_REINDEX, target_type="knowledge.searchdocument",
                 after={"records": len(ids)})
    return len(ids)

