"""Snapshots of a whole instance: `treatyreview backup --output DIR` and `treatyreview restore DIR`.

A snapshot directory holds:

- `data.json`: every row of every table (Django's serialisation, natural keys for content types and
  permissions), read from one consistent view of the database while the site keeps running: on SQLite from a
  copy made with SQLite's online backup API (also kept, as `database.sqlite3`), on PostgreSQL inside one
  REPEATABLE READ transaction;
- `media/`: the uploaded files;
- `manifest.json`: the SHA-256 and size of every file above, the number of rows of each model, and the audit
  chain's head, so `restore` checks the snapshot is whole before it writes anything.

`restore` loads a snapshot into an empty instance (migrated, no rows) in one transaction: all or nothing.
It works across engines (a SQLite snapshot restores into PostgreSQL and back).
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from treatyreview.audit import services as audit
from treatyreview.audit.models import AuditEvent
from treatyreview.errors import InvalidInput

FORMAT = "treatyreview-backup/1"
SERIALIZER = "treatyreview-json"  # settings.SERIALIZATION_MODULES: JSON with times to the microsecond
SNAPSHOT_ALIAS = "backup_snapshot"
# Rebuilt by `migrate` in the new instance, or worthless in it (sessions end with the old instance).
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]


@dataclass(frozen=True)
class BackupSummary:
    directory: Path
    rows: int
    files: int
    audit_events: int


def media_root() -> Path:
    storage: dict[str, Any] = dict(settings.STORAGES["default"])  # type: ignore[call-overload]
    options: dict[str, Any] = storage.get("OPTIONS", {})
    return Path(options.get("location", settings.VAR_DIR / "media"))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _row_counts(using: str) -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.proxy or not model._meta.managed or label.split(".")[0] in {"contenttypes", "sessions"}:
            continue
        if label == "auth.permission":
            continue
        counts[label] = model._default_manager.using(using).count()
    return counts


@contextmanager
def _consistent_view() -> Iterator[str]:
    """A database alias that reads one instant of the database, without stopping the site's writers."""
    connection = connections[DEFAULT_DB_ALIAS]
    name = str(connection.settings_dict["NAME"])
    if connection.vendor == "sqlite" and connection.in_atomic_block:
        # Already inside a transaction (a test, a caller's atomic block): it reads one instant already.
        yield DEFAULT_DB_ALIAS
    elif connection.vendor == "sqlite" and not name.startswith("file:") and name != ":memory:":
        with tempfile.TemporaryDirectory() as scratch:
            copy = Path(scratch) / "snapshot.sqlite3"
            _sqlite_backup(Path(name), copy)
            connections.databases[SNAPSHOT_ALIAS] = {**connection.settings_dict, "NAME": str(copy), "OPTIONS": {}}
            try:
                yield SNAPSHOT_ALIAS
            finally:
                connections[SNAPSHOT_ALIAS].close()
                del connections[SNAPSHOT_ALIAS]
                del connections.databases[SNAPSHOT_ALIAS]
    elif connection.vendor == "sqlite":
        with transaction.atomic():
            yield DEFAULT_DB_ALIAS
    else:
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if outermost:  # one snapshot for every query of the transaction (must be its first statement)
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield DEFAULT_DB_ALIAS


def _sqlite_backup(source: Path, target: Path) -> None:
    """SQLite's online backup API: a consistent copy, taken page by page while others keep writing."""
    origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    destination = sqlite3.connect(target)
    try:
        with destination:
            origin.backup(destination, pages=1024)
    finally:
        destination.close()
        origin.close()


def backup_write(directory: Path) -> BackupSummary:
    """Write a snapshot into `directory` (new or empty)."""
    if directory.exists() and any(directory.iterdir()):
        raise InvalidInput(str(directory), _("the backup directory must be new or empty"))
    directory.mkdir(parents=True, exist_ok=True)
    with _consistent_view() as using:
        buffer = io.StringIO()
        call_command("dumpdata", exclude=EXCLUDED, natural_foreign=True, natural_primary=False, indent=None,
                     database=using, stdout=buffer, format=SERIALIZER)
        counts = _row_counts(using)
        head = (AuditEvent.objects.using(using).count(),
                AuditEvent.objects.using(using).order_by("-id").values_list("hash", flat=True).first() or audit.GENESIS)
        if using == SNAPSHOT_ALIAS:
            _sqlite_backup(Path(connections[using].settings_dict["NAME"]), directory / "database.sqlite3")
    (directory / "data.json").write_text(buffer.getvalue(), encoding="utf-8")
    media = media_root()
    copied = 0
    if media.is_dir():
        for path in sorted(p for p in media.rglob("*") if p.is_file()):
            target = directory / "media" / path.relative_to(media)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
            copied += 1
    files = {
        str(path.relative_to(directory)): {"sha256": _sha256(path), "bytes": path.stat().st_size}
        for path in sorted(p for p in directory.rglob("*") if p.is_file())
    }
    manifest = {
        "format": FORMAT,
        "created": timezone.now().isoformat(timespec="seconds"),
        "database": connections[DEFAULT_DB_ALIAS].vendor,
        "rows": counts,
        "audit": {"events": head[0], "head": head[1]},
        "files": files,
    }
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return BackupSummary(directory, sum(counts.values()), copied, head[0])


def _read_manifest(directory: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InvalidInput(str(directory), _("no readable manifest.json: %(error)s") % {"error": error}) from None
    if manifest.get("format") != FORMAT:
        raise InvalidInput(str(directory), _("manifest.json is not a treatyreview backup manifest"))
    problems = []
    for name, expected in sorted(manifest.get("files", {}).items()):
        path = directory / name
        if not path.is_file():
            problems.append(_("%(file)s is missing") % {"file": name})
        elif _sha256(path) != expected["sha256"]:
            problems.append(_("%(file)s does not match its checksum") % {"file": name})
    if "data.json" not in manifest.get("files", {}):
        problems.append(_("data.json is not in the manifest"))
    if problems:
        raise InvalidInput(str(directory), _("the backup is damaged; nothing was restored: %(problems)s")
                           % {"problems": "; ".join(problems)})
    return manifest


def _instance_is_empty() -> bool:
    return all(count == 0 for label, count in _row_counts(DEFAULT_DB_ALIAS).items()
               if label not in {"audit.auditchainhead", "admin.logentry"})


def backup_restore(directory: Path) -> dict[str, int]:
    """Load a snapshot into this (empty) instance, all or nothing; return the rows of each model."""
    manifest = _read_manifest(directory)
    if not _instance_is_empty():
        raise InvalidInput(str(directory), _(
            "this instance already holds data; restore only into an empty one (a new database, migrated)"
        ))
    with transaction.atomic():
        call_command("loaddata", str(directory / "data.json"), verbosity=0)
        counts = _row_counts(DEFAULT_DB_ALIAS)
        expected = {label: count for label, count in manifest["rows"].items() if label in counts}
        if {label: counts[label] for label in expected} != expected:
            raise InvalidInput(str(directory), _("the restored rows do not match the manifest; nothing was restored"))
        check = audit.audit_verify_chain()
        if not check.ok or (check.events, check.head_hash) != (manifest["audit"]["events"], manifest["audit"]["head"]):
            raise InvalidInput(str(directory), _("the restored audit log does not verify: %(problem)s")
                               % {"problem": check.problem or _("its head differs from the manifest")})
    source = directory / "media"
    if source.is_dir():
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            target = media_root() / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    return counts
