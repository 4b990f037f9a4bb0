"""A populated demo survives `backup` then `restore` into an empty instance: every row and every file."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test import override_settings

from treatyreview.accounts.models import User
from treatyreview.audit import services as audit
from treatyreview.registry.access import access_expert_list
from treatyreview.registry.models import GovernmentalExpert, State
from treatyreview.reviews import demo as reviews_demo
from treatyreview.web.demo import demo_accounts_create

pytestmark = pytest.mark.django_db


def _every_row() -> dict[str, list[dict[str, Any]]]:
    rows = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label.startswith(("contenttypes.", "sessions.")) or label == "auth.permission":
            continue
        rows[label] = [json.loads(json.dumps(row, default=str))
                       for row in model._default_manager.order_by("pk").values()]
    return rows


def _empty_the_instance() -> None:
    """What a new instance is: migrated, no rows. (PostgreSQL truncates only once the test's deferred
    constraint checks have run.)"""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _files(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def populated(tmp_path: Path):
    demo_accounts_create()
    secretariat = User.objects.get(username="secretariat")
    assert reviews_demo.demo_cycle_create(secretariat) is not None
    kenya = State.objects.get(code="KEN")
    GovernmentalExpert.objects.get_or_create(state=kenya, full_name="Wanjiru Kamau",
                                             defaults={"email": "w.kamau@example.org", "languages": ["en"]})
    access_expert_list(secretariat, kenya)
    media = tmp_path / "media"
    (media / "uploads").mkdir(parents=True)
    (media / "uploads" / "questionnaire.pdf").write_bytes(b"%PDF-1.4 " + os.urandom(2048))
    storages = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                            "OPTIONS": {"location": media}},
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with override_settings(STORAGES=storages):
        yield media


def test_backup_then_restore_into_an_empty_instance_gives_back_every_row_and_file(populated: Path,
                                                                                  tmp_path: Path) -> None:
    before_rows, before_files = _every_row(), _files(populated)
    assert len(before_rows["audit.auditevent"]) > 10 and before_files
    snapshot = tmp_path / "backup"
    call_command("backup", output=str(snapshot))
    manifest = json.loads((snapshot / "manifest.json").read_text())
    assert manifest["files"]["data.json"]["sha256"] == hashlib.sha256((snapshot / "data.json").read_bytes()).hexdigest()
    assert "media/uploads/questionnaire.pdf" in manifest["files"]

    _empty_the_instance()
    for path in populated.rglob("*"):
        if path.is_file():
            path.unlink()
    assert not User.objects.exists()
    call_command("restore", str(snapshot))

    after = _every_row()
    for label, rows in before_rows.items():
        assert after[label] == rows, label
    assert _files(populated) == before_files
    assert audit.audit_verify_chain().ok


def test_restore_refuses_a_damaged_backup_and_changes_nothing(populated: Path, tmp_path: Path) -> None:
    snapshot = tmp_path / "backup"
    call_command("backup", output=str(snapshot))
    _empty_the_instance()
    data = snapshot / "data.json"
    data.write_text(data.read_text().replace("Kenya", "Kenia", 1))
    with pytest.raises(CommandError, match=r"data\.json does not match its checksum"):
        call_command("restore", str(snapshot))
    assert not User.objects.exists()


def test_restore_refuses_an_instance_that_holds_data(populated: Path, tmp_path: Path) -> None:
    snapshot = tmp_path / "backup"
    call_command("backup", output=str(snapshot))
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(snapshot))


def test_backup_refuses_a_directory_in_use(populated: Path, tmp_path: Path) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "x").write_text("x")
    with pytest.raises(CommandError, match="new or empty"):
        call_command("backup", output=str(tmp_path / "busy"))


def test_a_half_done_import_leaves_nothing(secretariat, monkeypatch) -> None:
    """Fault injection: an error after the first write of a multi-write service rolls every write back."""
    from treatyreview.registry import services
    from treatyreview.registry.models import Participation

    text = ("state,instrument,status,signature_date,consent_date,consent_type,declarations,source\n"
            "AUT,TIP,party,,2005-11-12,ratification,first,C.N.1\n"
            "KEN,TIP,party,,2005-01-05,accession,second,C.N.2\n")
    before = sorted(Participation.objects.filter(instrument__code="TIP", state__code__in=["AUT", "KEN"])
                    .values_list("state__code", "declarations", "sources"))
    events = audit.chain_head()
    real_record = services.audit.record
    calls = {"n": 0}

    def failing_record(**kwargs: Any):
        calls["n"] += 1
        if calls["n"] == 2:  # the first row is written and audited; the second fails
            raise RuntimeError("disk full")
        return real_record(**kwargs)

    monkeypatch.setattr(services.audit, "record", failing_record)
    with pytest.raises(RuntimeError, match="disk full"), transaction.atomic():
        services.participation_import_csv(actor=secretariat, text=text)
    after = sorted(Participation.objects.filter(instrument__code="TIP", state__code__in=["AUT", "KEN"])
                   .values_list("state__code", "declarations", "sources"))
    assert calls["n"] == 2 and after == before and audit.chain_head() == events


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="the SQLite path")
def test_the_commands_round_trip_between_two_sqlite_instances(tmp_path: Path) -> None:
    def run(var: Path, *args: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TREATYREVIEW_", "DATABASE_"))}
        env["TREATYREVIEW_VAR_DIR"] = str(var)
        result = subprocess.run([sys.executable, "-m", "treatyreview", *args], env=env, capture_output=True,
                                text=True, timeout=600)
        assert result.returncode == 0, result.stderr[-2000:]
        return result

    run(tmp_path / "a", "demo")
    run(tmp_path / "a", "backup", "--output", str(tmp_path / "snapshot"))
    assert (tmp_path / "snapshot" / "database.sqlite3").exists()
    run(tmp_path / "b", "migrate", "-v0")
    restored = run(tmp_path / "b", "restore", str(tmp_path / "snapshot"))
    assert "the audit log verifies" in restored.stdout
    run(tmp_path / "b", "verify-audit")
