"""Corrections by the secretariat: permission, audit in the same transaction, conflicts, clear errors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from treatyreview.accounts.models import Role
from treatyreview.audit.models import AuditEvent
from treatyreview.errors import Conflict, InvalidInput
from treatyreview.registry.loading import LoadError
from treatyreview.registry.models import Article, GovernmentalExpert, Participation, ParticipationStatus, State
from treatyreview.registry.services import (
    article_cluster_update,
    expert_create,
    expert_update,
    nomination_record,
    participation_import_csv,
    participation_update,
)

pytestmark = pytest.mark.django_db


def _cell(state: str, instrument: str) -> Participation:
    return Participation.objects.get(state__code=state, instrument__code=instrument)


def test_secretariat_corrects_participation_with_its_source_and_an_audit_event(secretariat) -> None:
    cell = _cell("AND", "FIREARMS")
    participation_update(
        actor=secretariat,
        participation=cell,
        source="C.N.123.2026.TREATIES-XVIII.12.c",
        status="party",
        consent_date=dt.date(2026, 3, 1),
        consent_type="accession",
    )
    cell.refresh_from_db()
    assert cell.status == ParticipationStatus.PARTY
    assert "C.N.123.2026" in cell.sources
    event = AuditEvent.objects.get(action="participation.update")
    assert event.actor == secretariat
    assert event.before["status"] == "unknown" and event.after["status"] == "party"
    assert event.note == "C.N.123.2026.TREATIES-XVIII.12.c"


@pytest.mark.parametrize("role", [Role.FOCAL_POINT, Role.EXPERT, Role.OBSERVER, Role.DELEGATE, Role.CIVIL_SOCIETY])
def test_only_the_secretariat_corrects_participation(make_user, role) -> None:
    user = make_user(role, state="AND" if role in (Role.FOCAL_POINT, Role.EXPERT) else None)
    cell = _cell("AND", "FIREARMS")
    with pytest.raises(PermissionDenied):
        participation_update(actor=user, participation=cell, source="x", status="party")
    assert _cell("AND", "FIREARMS").status == ParticipationStatus.UNKNOWN
    assert not AuditEvent.objects.filter(action="participation.update").exists()


def test_a_stale_edit_is_refused_and_overwrites_nothing(secretariat) -> None:
    cell = _cell("AND", "FIREARMS")
    seen = {"status": cell.status, "consent_date": cell.consent_date}
    participation_update(actor=secretariat, participation=cell, source="first", status="signatory")
    with pytest.raises(Conflict):
        participation_update(actor=secretariat, participation=cell, source="second", expected=seen, status="none")
    assert _cell("AND", "FIREARMS").status == ParticipationStatus.SIGNATORY


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"status": "partly"}, "status"),
        ({"status": "signatory", "consent_date": dt.date(2020, 1, 1)}, "status"),
        ({"status": "party", "consent_type": "purchase"}, "consent_type"),
    ],
)
def test_bad_participation_input_names_the_field_and_changes_nothing(secretariat, changes, field) -> None:
    cell = _cell("AND", "FIREARMS")
    with pytest.raises(InvalidInput) as raised:
        participation_update(actor=secretariat, participation=cell, source="note", **changes)
    assert raised.value.where == field
    assert _cell("AND", "FIREARMS").status == ParticipationStatus.UNKNOWN


def test_a_correction_needs_a_source(secretariat) -> None:
    with pytest.raises(InvalidInput) as raised:
        participation_update(actor=secretariat, participation=_cell("AND", "FIREARMS"), source="  ", status="none")
    assert raised.value.where == "source"


def test_secretariat_sets_the_cluster_of_an_article_with_its_source(secretariat) -> None:
    article = Article.objects.get(instrument__code="FIREARMS", number=5)
    assert article.cluster is None
    article_cluster_update(actor=secretariat, article=article, cluster=1, source="res. 9/1, appendix",
                           expected_version=article.version)
    article.refresh_from_db()
    assert (article.cluster, article.cluster_source) == (1, "res. 9/1, appendix")
    assert AuditEvent.objects.filter(action="article.cluster_update", target_id=str(article.pk)).exists()
    with pytest.raises(InvalidInput):
        article_cluster_update(actor=secretariat, article=article, cluster=5, source="x", expected_version=2)


HEADER = "state,instrument,status,signature_date,consent_date,consent_type,declarations,source\n"


def test_import_applies_changed_rows_and_skips_unchanged_ones(secretariat) -> None:
    text = HEADER + (
        "AND,FIREARMS,party,,2026-02-02,accession,,C.N.1.2026\n"
        "AND,TIP,party,,,,,UNTC 2026\n"  # unchanged apart from the source: nothing to do
    )
    assert _cell("AND", "TIP").status == "party"
    summary = participation_import_csv(actor=secretariat, text=text, filename="update.csv")
    assert (summary.rows, summary.changed) == (2, 1)
    assert _cell("AND", "FIREARMS").consent_date == dt.date(2026, 2, 2)


def test_import_with_one_bad_row_imports_nothing_and_names_each_line(secretariat) -> None:
    text = HEADER + (
        "AND,FIREARMS,party,,2026-02-02,accession,,C.N.1.2026\n"
        "XXX,TIP,party,,,,,src\n"
        "AUT,FIRE,party,,,,,src\n"
        "AUT,TIP,party,,2026-13-01,,,src\n"
        "AUT,SOM,party,,,,,\n"
    )
    with pytest.raises(LoadError) as raised:
        participation_import_csv(actor=secretariat, text=text, filename="update.csv")
    assert raised.value.problems == [
        "update.csv:3: state: unknown State code 'XXX'",
        "update.csv:4: instrument: unknown instrument 'FIRE'",
        "update.csv:5: consent_date: '2026-13-01' is not a date (expected YYYY-MM-DD)",
        "update.csv:6: source: every row needs its source",
    ]
    assert _cell("AND", "FIREARMS").status == ParticipationStatus.UNKNOWN


def test_import_with_a_missing_column_is_refused(secretariat) -> None:
    with pytest.raises(LoadError, match=r"update.csv:1: missing column\(s\): source"):
        participation_import_csv(
            actor=secretariat,
            text="state,instrument,status,signature_date,consent_date,consent_type,declarations\n",
            filename="update.csv",
        )


def test_experts_come_from_a_recorded_nomination_and_edits_do_not_collide(secretariat) -> None:
    kenya = State.objects.get(code="KEN")
    nomination = nomination_record(
        actor=secretariat,
        state=kenya,
        role=Role.EXPERT,
        note_verbale_ref="NV/2026/17",
        note_verbale_date=dt.date(2026, 5, 4),
        person_name="Amina Otieno",
    )
    expert = expert_create(
        actor=secretariat,
        state=kenya,
        full_name="Amina Otieno",
        expertise="mutual legal assistance",
        languages=["en"],
        affiliation="academia",
        nomination=nomination,
    )
    assert expert.version == 1
    expert_update(actor=secretariat, expert=expert, expected_version=1, expertise="extradition")
    with pytest.raises(Conflict):
        expert_update(actor=secretariat, expert=expert, expected_version=1, expertise="confiscation")
    expert.refresh_from_db()
    assert (expert.expertise, expert.version) == ("extradition", 2)


def test_expert_languages_must_be_un_languages(secretariat) -> None:
    with pytest.raises(InvalidInput) as raised:
        expert_create(
            actor=secretariat, state=State.objects.get(code="KEN"), full_name="A", expertise="x", languages=["sw"]
        )
    assert raised.value.where == "languages"
    assert not GovernmentalExpert.objects.exists()


def test_a_nomination_from_another_state_cannot_back_an_expert(secretariat) -> None:
    nomination = nomination_record(
        actor=secretariat,
        state=State.objects.get(code="AUT"),
        role=Role.EXPERT,
        note_verbale_ref="NV/1",
        note_verbale_date=dt.date(2026, 1, 1),
        person_name="B",
    )
    with pytest.raises(InvalidInput, match="nomination"):
        expert_create(
            actor=secretariat,
            state=State.objects.get(code="KEN"),
            full_name="B",
            expertise="x",
            languages=["en"],
            nomination=nomination,
        )
