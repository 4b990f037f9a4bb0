"""Database triggers that refuse UPDATE and DELETE (and, on PostgreSQL, TRUNCATE) of audit events.

The application only ever appends to the log; the triggers make the database itself refuse anything
else, whoever asks (the ORM, the admin, a script). Someone who owns the database can still drop them:
that is what the signed checkpoints (`audit-checkpoint`, `verify-audit --against`) catch.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

TABLE = "audit_auditevent"
MESSAGE = "audit events are append-only: UPDATE and DELETE are refused"

_SQLITE_NAMES = ("audit_event_no_update", "audit_event_no_delete")
_SQLITE_INSTALL = [
    f"CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    f"CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
]
_POSTGRES_NAMES = ("audit_event_no_change", "audit_event_no_truncate")
_POSTGRES_INSTALL = [
    "CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$",
    f"DROP TRIGGER IF EXISTS audit_event_no_change ON {TABLE}",
    f"CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()",
    f"DROP TRIGGER IF EXISTS audit_event_no_truncate ON {TABLE}",
    f"CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON {TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change()",
]


def install(connection: Any) -> None:
    """Create the triggers (idempotent)."""
    statements = _POSTGRES_INSTALL if connection.vendor == "postgresql" else _SQLITE_INSTALL
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def drop(connection: Any) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for name in _POSTGRES_NAMES:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {TABLE}")
            cursor.execute("DROP FUNCTION IF EXISTS audit_event_refuse_change()")
        else:
            for name in _SQLITE_NAMES:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def present(connection: Any) -> bool:
    """Whether every trigger is in place (`verify-audit` reports it when one is missing)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND tgenabled <> 'D'", [TABLE]
            )
            expected: tuple[str, ...] = _POSTGRES_NAMES
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE])
            expected = _SQLITE_NAMES
        found = {row[0] for row in cursor.fetchall()}
    return set(expected) <= found


@contextmanager
def suspended(connection: Any) -> Iterator[None]:
    """Drop the triggers for the block and put them back after it: only `flush` (erase the whole
    database) and the tests that play someone who owns the database use this."""
    drop(connection)
    try:
        yield
    finally:
        install(connection)
