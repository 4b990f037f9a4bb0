"""Every change to the registry: loading reference data, corrections by the secretariat, experts, nominations."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from treatyreview.accounts.models import Nomination, Role, User
from treatyreview.accounts.permissions import can_edit_registry
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.errors import Conflict, InvalidInput, require, require_version
from treatyreview.mechanism.rules import LANGUAGES
from treatyreview.registry.loading import (
    CONSENT_TYPES,
    DATA_DIR,
    REGIONAL_GROUPS,
    LoadError,
    ReferenceData,
    read_reference_data,
)
from treatyreview.registry.models import (
    Article,
    ArticleTitle,
    Competence,
    GovernmentalExpert,
    Instrument,
    InstrumentTitle,
    Participation,
    ParticipationStatus,
    RegionalGroup,
    State,
    StateName,
)
from treatyreview.validators import control_character_message


@dataclass(frozen=True)
class LoadSummary:
    created: dict[str, int]

    def __str__(self) -> str:
        parts = [f"{count} {what}" for what, count in self.created.items()]
        return "created " + ", ".join(parts) if any(self.created.values()) else "nothing new to load"


@transaction.atomic
def reference_data_load(*, data: ReferenceData | None = None) -> LoadSummary:
    """Create what is missing from the packaged reference data; never overwrite a recorded correction."""
    data = data or read_reference_data()
    created = {"regional groups": 0, "instruments": 0, "articles": 0, "States": 0, "participation rows": 0}
    groups = {}
    for name, code in REGIONAL_GROUPS.items():
        groups[code], new = RegionalGroup.objects.get_or_create(code=code, defaults={"name": name})
        created["regional groups"] += new
    instruments = {}
    for row in data.instruments:
        instruments[row.code], new = Instrument.objects.get_or_create(
            code=row.code,
            defaults={
                "short_name": row.short_name,
                "full_title": row.full_title,
                "adoption_date": row.adoption_date,
                "adopted_by": row.adopted_by,
                "entry_into_force_date": row.entry_into_force_date,
                "untc_ref": row.untc_ref,
                "unts_citation": row.unts_citation,
                "position": row.position,
            },
        )
        created["instruments"] += new
    existing_articles = set(Article.objects.values_list("instrument__code", "number"))
    new_articles = [
        Article(
            instrument=instruments[row.instrument],
            number=row.number,
            title=row.title,
            cluster=row.cluster,
            cluster_source=row.cluster_source,
        )
        for row in data.articles
        if (row.instrument, row.number) not in existing_articles
    ]
    Article.objects.bulk_create(new_articles)
    created["articles"] = len(new_articles)
    existing_states = {state.code: state for state in State.objects.all()}
    existing_cells = set(Participation.objects.values_list("state__code", "instrument__code"))
    cells: list[Participation] = []
    for state_row in data.states:
        state = existing_states.get(state_row.code)
        if state is None:
            state = State.objects.create(
                code=state_row.code,
                iso2=state_row.iso2,
                m49=state_row.m49,
                name=state_row.name,
                kind=state_row.kind,
                regional_group=groups[state_row.group_code] if state_row.group_code else None,
                regional_group_note=state_row.group_note,
                languages=state_row.languages,
                languages_basis=state_row.languages_basis,
            )
            created["States"] += 1
        for cell in state_row.participation:
            if (state_row.code, cell.instrument) in existing_cells:
                continue
            cells.append(
                Participation(
                    state=state,
                    instrument=instruments[cell.instrument],
                    status=cell.status,
                    signature_date=cell.signature_date,
                    consent_date=cell.consent_date,
                    consent_type=cell.consent_type,
                    sources=cell.sources,
                )
            )
    Participation.objects.bulk_create(cells)
    created["participation rows"] = len(cells)
    created["capacity flags"] = _capacity_load(data)
    created["competences"] = _competence_load(data)
    created["names of States"] = _state_names_load(data)
    created["titles of articles"] = _article_titles_load(data)
    created["titles of instruments"] = _instrument_titles_load(data)
    if any(created.values()):
        audit.record(
            actor=None, action=AuditAction.REFERENCE_LOAD, target_type="registry", target_id="reference", after=created
        )
    return LoadSummary(created)


def _capacity_load(data: ReferenceData) -> int:
    # Only States with no flags recorded yet: a correction made in the platform is kept.
    blank = {state.code: state for state in State.objects.filter(capacity_source="")}
    changed = []
    for row in data.capacity:
        state = blank.get(row.code)
        if state is None or not row.source:
            continue
        state.least_developed, state.small_island, state.landlocked = (
            row.least_developed,
            row.small_island,
            row.landlocked,
        )
        state.capacity_source = row.source
        changed.append(state)
    State.objects.bulk_update(changed, ["least_developed", "small_island", "landlocked", "capacity_source"])
    return len(changed)


def _competence_load(data: ReferenceData) -> int:
    articles = {(a.instrument.code, a.number): a for a in Article.objects.select_related("instrument")}
    states = {s.code: s for s in State.objects.filter(code__in={row.state for row in data.competence})}
    existing = set(Competence.objects.values_list("state__code", "article__instrument__code", "article__number"))
    new = [
        Competence(
            state=states[row.state],
            article=articles[(row.instrument, row.article)],
            source=f"{row.competence}: {row.source}",
        )
        for row in data.competence
        if (row.state, row.instrument, row.article) not in existing
    ]
    Competence.objects.bulk_create(new)
    return len(new)


def _state_names_load(data: ReferenceData) -> int:
    # Only the (State, language) pairs not yet recorded: a name corrected in the platform is kept.
    states = {s.code: s for s in State.objects.all()}
    existing = set(StateName.objects.values_list("state__code", "language"))
    new = [
        StateName(
            state=states[row.state],
            language=row.language,
            short_name=row.short_name,
            formal_name=row.formal_name,
            source=row.source,
        )
        for row in data.state_names
        if (row.state, row.language) not in existing and row.state in states
    ]
    StateName.objects.bulk_create(new)
    return len(new)


def _article_titles_load(data: ReferenceData) -> int:
    articles = {(a.instrument.code, a.number): a for a in Article.objects.select_related("instrument")}
    existing = set(ArticleTitle.objects.values_list("article__instrument__code", "article__number", "language"))
    new = [
        ArticleTitle(article=articles[(row.instrument, row.number)], language=row.language, title=row.title,
                     source=row.source)
        for row in data.article_titles
        if (row.instrument, row.number, row.language) not in existing
    ]
    ArticleTitle.objects.bulk_create(new)
    return len(new)


def _instrument_titles_load(data: ReferenceData) -> int:
    instruments = {i.code: i for i in Instrument.objects.all()}
    existing = set(InstrumentTitle.objects.values_list("instrument__code", "language"))
    new = [
        InstrumentTitle(instrument=instruments[row.instrument], language=row.language, full_title=row.full_title,
                        source=row.source)
        for row in data.instrument_titles
        if (row.instrument, row.language) not in existing and row.instrument in instruments
    ]
    InstrumentTitle.objects.bulk_create(new)
    return len(new)


PARTICIPATION_FIELDS = ("status", "signature_date", "consent_date", "consent_type", "declarations", "sources")


def _participation_snapshot(participation: Participation) -> dict[str, Any]:
    return {name: getattr(participation, name) for name in PARTICIPATION_FIELDS}


def _clean_participation(values: dict[str, Any], where: str = "") -> dict[str, Any]:
    prefix = f"{where}: " if where else ""
    status = values.get("status")
    if status not in ParticipationStatus.values:
        raise InvalidInput(
            f"{prefix}status",
            _("'%(value)s' is not one of %(choices)s")
            % {"value": status, "choices": ", ".join(ParticipationStatus.values)},
        )
    consent_type = values.get("consent_type") or ""
    if consent_type and consent_type not in CONSENT_TYPES:
        raise InvalidInput(
            f"{prefix}consent_type",
            _("'%(value)s' is not one of %(choices)s") % {"value": consent_type, "choices": ", ".join(CONSENT_TYPES)},
        )
    if values.get("consent_date") and status != ParticipationStatus.PARTY:
        raise InvalidInput(f"{prefix}status", _("a State with a date of consent to be bound is a party"))
    return {**values, "consent_type": consent_type}


@transaction.atomic
def participation_update(
    *,
    actor: User,
    participation: Participation,
    source: str,
    expected: dict[str, Any] | None = None,
    **changes: Any,
) -> Participation:
    """Correct one State's standing under one instrument, giving the source of the correction.

    `expected` holds the values the editor saw; if someone changed them since, nothing is written.
    """
    require(can_edit_registry(actor), _("Only the secretariat corrects participation."))
    if not source.strip():
        raise InvalidInput("source", _("say where the correction comes from (e.g. a depositary notification)"))
    unknown = set(changes) - set(PARTICIPATION_FIELDS)
    if unknown:
        raise InvalidInput(sorted(unknown)[0], _("is not a participation field"))
    current = Participation.objects.select_for_update().get(pk=participation.pk)
    before = _participation_snapshot(current)
    if expected is not None and any(_same(before[k], v) is False for k, v in expected.items() if k in before):
        raise Conflict()
    values = _clean_participation({**before, **changes})
    if values["sources"] == before["sources"] or "sources" not in changes:
        values["sources"] = "; ".join(filter(None, [before["sources"], source.strip()]))
    for name, value in values.items():
        setattr(current, name, value)
    current.full_clean()
    current.save()
    after = _participation_snapshot(current)
    audit.record(
        actor=actor, action=AuditAction.PARTICIPATION_UPDATE, target=current, before=before, after=after, note=source
    )
    return current


def _same(a: Any, b: Any) -> bool:
    return str(a or "") == str(b or "")


@transaction.atomic
def article_cluster_update(
    *, actor: User, article: Article, cluster: int | None, source: str, expected_version: int | None
) -> Article:
    """Place an article in a thematic cluster (or mark its cluster unknown), with the source. A cluster set with
    its source is no longer provisional. Refused if the article changed since `expected_version` was read."""
    require(can_edit_registry(actor), _("Only the secretariat sets the cluster of an article."))
    if cluster is not None and cluster not in (1, 2, 3, 4):
        raise InvalidInput(
            "cluster", _("'%(cluster)s' is not a cluster (1 to 4, or empty if unknown)") % {"cluster": cluster}
        )
    if not source.strip():
        raise InvalidInput("source", _("say where the cluster comes from (e.g. the appendix to resolution 9/1)"))
    if len(source.strip()) > CLUSTER_SOURCE_MAX:
        raise InvalidInput("source", _("at most %(max)s characters") % {"max": CLUSTER_SOURCE_MAX})
    current = Article.objects.select_for_update().get(pk=article.pk)
    require_version(
        current.version,
        expected_version,
        _(
            "Someone else set the cluster of this article after you opened the form (it is now: %(cluster)s), so "
            "nothing was saved. The form shows the cluster as it is now; make your change again if it is still needed."
        )
        % {"cluster": current.cluster or "—"},
    )
    before = {
        "cluster": current.cluster,
        "cluster_source": current.cluster_source,
        "cluster_provisional": current.cluster_provisional,
    }
    current.cluster = cluster
    current.cluster_source = source.strip()
    current.cluster_provisional = False
    current.version += 1
    current.save(update_fields=["cluster", "cluster_source", "cluster_provisional", "version"])
    audit.record(
        actor=actor,
        action=AuditAction.ARTICLE_CLUSTER_UPDATE,
        target=current,
        before=before,
        after={"cluster": cluster, "cluster_source": current.cluster_source, "cluster_provisional": False},
    )
    return current


# A guess from each article's heading, for the demo only, until the appendix to resolution 9/1 (the article-to-
# cluster list) is in the reference data: every page showing one of these says that it is provisional.
PROVISIONAL_SOURCE = (
    "provisional, for the demonstration only: a guess from the article's heading, not a source "
    "(data/clusters_provisional.csv); replace with the appendix to the procedures and rules (resolution 9/1)"
)


@transaction.atomic
def article_clusters_provisional_fill(*, actor: User) -> int:
    """Give every article whose cluster is not established the provisional cluster of the demo mapping; returns
    how many. An article whose cluster is established (or set by the secretariat) is left as it is."""
    require(can_edit_registry(actor), _("Only the secretariat sets the cluster of an article."))
    mapping = provisional_clusters()
    articles = Article.objects.select_for_update().select_related("instrument").filter(cluster__isnull=True)
    filled = 0
    for article in articles:
        cluster = mapping.get((article.instrument.code, article.number))
        if cluster is None:
            continue
        article.cluster = cluster
        article.cluster_source = PROVISIONAL_SOURCE
        article.cluster_provisional = True
        article.version += 1
        article.save(update_fields=["cluster", "cluster_source", "cluster_provisional", "version"])
        audit.record(
            actor=actor,
            action=AuditAction.ARTICLE_CLUSTER_UPDATE,
            target=article,
            before={"cluster": None},
            after={"cluster": cluster, "cluster_provisional": True},
            note="provisional mapping for the demonstration",
        )
        filled += 1
    return filled


def provisional_clusters() -> dict[tuple[str, int], int]:
    """The demo's provisional mapping, (instrument, article) -> cluster, from data/clusters_provisional.csv."""
    text = (DATA_DIR / "clusters_provisional.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#"))
    return {(row["instrument_code"], int(row["article_number"])): int(row["cluster"]) for row in rows}


CLUSTER_SOURCE_MAX = 500


PARTICIPATION_CSV_COLUMNS = (
    "state",
    "instrument",
    "status",
    "signature_date",
    "consent_date",
    "consent_type",
    "declarations",
    "source",
)


# The longest text each column of an imported list may hold; a longer cell is refused, naming its row.
PARTICIPATION_CSV_LIMITS = {
    "state": 10,
    "instrument": 20,
    "status": 30,
    "signature_date": 10,
    "consent_date": 10,
    "consent_type": 20,
    "declarations": 10_000,
    "source": 1_000,
}


def _csv_cell_problems(row: dict[str, Any], where: str) -> list[str]:
    """Every cell of a row that is too long or holds a control character, each named with row and column."""
    problems = []
    for column, value in row.items():
        limit = PARTICIPATION_CSV_LIMITS.get(column, PARTICIPATION_CSV_LIMITS["declarations"])
        if len(value) > limit:
            problems.append(f"{where}: {column}: " + _("the cell has %(length)s characters; at most %(limit)s")
                            % {"length": len(value), "limit": limit})
        else:
            message = control_character_message(value)
            if message:
                problems.append(f"{where}: {column}: {message}")
    return problems


def _csv_rows(reader: csv.DictReader[str], filename: str, problems: list[str]) -> Iterator[dict[str, Any]]:
    """The rows of `reader`; a row the csv module cannot read (a cell beyond its own ceiling of 131,072
    characters, or broken quoting) becomes a problem naming the row, and reading stops there."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            # The lines read so far hold the rows before it: the bad row starts on the next line.
            problems.append(f"{filename}:{reader.line_num + 1}: " + _(
                "a cell is far too long (at most %(limit)s characters) or the row is not valid CSV"
            ) % {"limit": PARTICIPATION_CSV_LIMITS["declarations"]})
            return
        yield row


@dataclass(frozen=True)
class ImportSummary:
    rows: int
    changed: int


@transaction.atomic
def participation_import_csv(*, actor: User, text: str, filename: str = "participation.csv") -> ImportSummary:
    """Apply an updated participation list: every row is checked first, then all changes land or none."""
    require(can_edit_registry(actor), _("Only the secretariat imports participation lists."))
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [column for column in PARTICIPATION_CSV_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise LoadError([f"{filename}:1: " + _("missing column(s): %(columns)s") % {"columns": ", ".join(missing)}])
    states = {state.code: state for state in State.objects.all()}
    instruments = {instrument.code: instrument for instrument in Instrument.objects.all()}
    cells = {(p.state_id, p.instrument_id): p for p in Participation.objects.all()}
    problems: list[str] = []
    planned: list[tuple[Participation, dict[str, Any], str]] = []
    rows = 0
    seen: set[tuple[str, str]] = set()
    for row in _csv_rows(reader, filename, problems):
        rows += 1
        line = reader.line_num
        row = {key: (value if isinstance(value, str) else "").strip() for key, value in row.items() if key}
        where = f"{filename}:{line}"
        cell_problems = _csv_cell_problems(row, where)
        if cell_problems:
            problems.extend(cell_problems)
            continue
        state = states.get(row["state"].upper())
        instrument = instruments.get(row["instrument"].upper())
        if state is None:
            problems.append(f"{where}: state: " + _("unknown State code '%(code)s'") % {"code": row["state"]})
            continue
        if instrument is None:
            problems.append(f"{where}: instrument: " + _("unknown instrument '%(code)s'") % {"code": row["instrument"]})
            continue
        if (state.code, instrument.code) in seen:
            problems.append(
                f"{where}: state: "
                + _("%(state)s / %(instrument)s appears twice") % {"state": state.code, "instrument": instrument.code}
            )
            continue
        seen.add((state.code, instrument.code))
        if not row["source"]:
            problems.append(f"{where}: source: " + _("every row needs its source"))
            continue
        values: dict[str, Any] = {
            "status": row["status"] or "unknown",
            "consent_type": row["consent_type"],
            "declarations": row["declarations"],
        }
        try:
            for column in ("signature_date", "consent_date"):
                values[column] = dt.date.fromisoformat(row[column]) if row[column] else None
        except ValueError:
            problems.append(
                f"{where}: {column}: " + _("'%(value)s' is not a date (expected YYYY-MM-DD)") % {"value": row[column]}
            )
            continue
        try:
            values = _clean_participation(values)
        except InvalidInput as error:
            problems.append(f"{where}: {error.where}: {error.message}")
            continue
        cell = cells.get((state.pk, instrument.pk)) or Participation(state=state, instrument=instrument)
        if all(_same(getattr(cell, key), value) for key, value in values.items()):
            continue
        planned.append((cell, values, row["source"]))
    if problems:
        raise LoadError(problems)
    for cell, values, source in planned:
        before = _participation_snapshot(cell) if cell.pk else None
        for key, value in values.items():
            setattr(cell, key, value)
        cell.sources = "; ".join(filter(None, [cell.sources, source]))
        cell.save()
        audit.record(
            actor=actor,
            action=AuditAction.PARTICIPATION_IMPORT,
            target=cell,
            before=before,
            after=_participation_snapshot(cell),
            note=f"{filename}: {source}",
        )
    return ImportSummary(rows=rows, changed=len(planned))


def _clean_languages(languages: Any) -> list[str]:
    if not isinstance(languages, list | tuple) or not languages:
        raise InvalidInput("languages", _("list at least one of the UN languages"))
    bad = [code for code in languages if code not in LANGUAGES]
    if bad:
        raise InvalidInput(
            "languages",
            _("%(codes)s not among %(languages)s")
            % {"codes": ", ".join(map(str, bad)), "languages": ", ".join(LANGUAGES)},
        )
    return list(languages)


@transaction.atomic
def nomination_record(
    *,
    actor: User,
    state: State,
    role: str,
    note_verbale_ref: str,
    note_verbale_date: dt.date,
    person_name: str,
    email: str = "",
) -> Nomination:
    """Record a nomination received by note verbale; experts and accounts are created from it."""
    require(can_edit_registry(actor), _("Only the secretariat records nominations."))
    if role not in (Role.FOCAL_POINT, Role.EXPERT):
        raise InvalidInput("role", _("a State nominates a focal point or a governmental expert"))
    if not note_verbale_ref.strip():
        raise InvalidInput("note_verbale_ref", _("give the reference of the note verbale"))
    if not person_name.strip():
        raise InvalidInput("person_name", _("give the name of the person nominated"))
    nomination = Nomination(
        state=state,
        role=role,
        note_verbale_ref=note_verbale_ref.strip(),
        note_verbale_date=note_verbale_date,
        person_name=person_name.strip(),
        email=email.strip(),
        recorded_by=actor,
    )
    nomination.full_clean()
    nomination.save()
    audit.record(
        actor=actor,
        action=AuditAction.NOMINATION_RECORD,
        target=nomination,
        after={
            "state": state.code,
            "role": role,
            "note_verbale_ref": nomination.note_verbale_ref,
            "note_verbale_date": note_verbale_date,
            "person_name": nomination.person_name,
        },
    )
    return nomination


EXPERT_FIELDS = ("full_name", "email", "expertise", "languages", "affiliation", "active")


def _expert_snapshot(expert: GovernmentalExpert) -> dict[str, Any]:
    return {name: getattr(expert, name) for name in EXPERT_FIELDS}


@transaction.atomic
def expert_create(
    *,
    actor: User,
    state: State,
    full_name: str,
    expertise: str,
    languages: list[str],
    affiliation: str = GovernmentalExpert.Affiliation.GOVERNMENT,
    email: str = "",
    nomination: Nomination | None = None,
) -> GovernmentalExpert:
    """Put a person on a State's list of governmental experts."""
    require(can_edit_registry(actor), _("Only the secretariat keeps the list of governmental experts."))
    if nomination is not None and nomination.state_id != state.pk:
        raise InvalidInput(
            "nomination",
            _("the nomination was made by %(nominating)s, not %(state)s")
            % {"nominating": nomination.state, "state": state},
        )
    if affiliation not in GovernmentalExpert.Affiliation.values:
        raise InvalidInput(
            "affiliation",
            _("'%(value)s' is not one of %(choices)s")
            % {"value": affiliation, "choices": "government, academia, other"},
        )
    expert = GovernmentalExpert(
        state=state,
        full_name=full_name.strip(),
        expertise=expertise.strip(),
        languages=_clean_languages(languages),
        affiliation=affiliation,
        email=email.strip(),
        nomination=nomination,
    )
    expert.full_clean()
    expert.save()
    audit.record(actor=actor, action=AuditAction.EXPERT_CREATE, target=expert, after=_expert_snapshot(expert))
    return expert


@transaction.atomic
def expert_update(
    *, actor: User, expert: GovernmentalExpert, expected_version: int, **changes: Any
) -> GovernmentalExpert:
    """Change an expert's entry; refused if someone else changed it since `expected_version`."""
    require(can_edit_registry(actor), _("Only the secretariat keeps the list of governmental experts."))
    unknown = set(changes) - set(EXPERT_FIELDS)
    if unknown:
        raise InvalidInput(sorted(unknown)[0], _("is not a field of a governmental expert"))
    current = GovernmentalExpert.objects.select_for_update().get(pk=expert.pk)
    if current.version != expected_version:
        raise Conflict(current_version=current.version)
    before = _expert_snapshot(current)
    if "languages" in changes:
        changes["languages"] = _clean_languages(changes["languages"])
    for name, value in changes.items():
        setattr(current, name, value.strip() if isinstance(value, str) else value)
    current.version += 1
    current.full_clean()
    current.save()
    audit.record(
        actor=actor, action=AuditAction.EXPERT_UPDATE, target=current, before=before, after=_expert_snapshot(current)
    )
    return current
