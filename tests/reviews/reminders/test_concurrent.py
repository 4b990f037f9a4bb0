"""Two `remind` runs at the same moment, in two processes, on the database the suite runs on: each reminder
is claimed, recorded and e-mailed exactly once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def database(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of a fresh database of the suite's engine, for processes of their own."""
    env = {**os.environ, "TREATYREVIEW_VAR_DIR": str(tmp_path / "var"), "PYTHONPATH": str(ROOT)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    default = settings.DATABASES["default"]
    if default["ENGINE"] != "django.db.backends.postgresql":
        env.pop("DATABASE_URL", None)
        yield env
        return
    import psycopg

    name = f"remind_{uuid.uuid4().hex[:10]}"
    server = {"host": default["HOST"] or "127.0.0.1", "port": default["PORT"] or 5432,
              "user": default["USER"], "password": default["PASSWORD"] or None, "dbname": "postgres"}
    with psycopg.connect(**server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    password = f":{default['PASSWORD']}" if default["PASSWORD"] else ""
    env["DATABASE_URL"] = f"postgres://{default['USER']}{password}@{server['host']}:{server['port']}/{name}"
    try:
        yield env
    finally:
        with psycopg.connect(**server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "tests.reviews.reminders.held_run", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_two_runs_at_the_same_time_send_each_reminder_once(database: dict[str, str], tmp_path: Path) -> None:
    _run(database, "setup")
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    mail = tmp_path / "mail"
    env = {**database, "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
           "DJANGO_EMAIL_FILE_PATH": str(mail)}
    # 20 June 2024: the questionnaire is due on 1 July (a reminder before it), the focal point and the experts
    # were due in January (a reminder after each), and the secretariat's digest lists the two overdue stages.
    runs = [subprocess.Popen([sys.executable, "-m", "tests.reviews.reminders.held_run", "remind", "2024-06-20",
                              str(barrier)], env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _out, err in outputs]
    assert len(list(barrier.glob("start-*"))) == 2  # both runs started together
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        assert len(list(barrier.glob("claim-*"))) == 2  # and both read that nothing was claimed yet
    counts = json.loads(_run(database, "count"))
    people = 8
    assert counts == {"reminders": 3 * people, "distinct": 3 * people, "emailed": 3 * people, "digests": 1}
    said = sorted(out.strip() for out, _err in outputs)
    assert said[0].endswith(f"0 reminders, 0 digests, 0 e-mails, {3 * people} already sent"), said
    assert said[1].endswith(f"{3 * people} reminders, 1 digests, {3 * people + 1} e-mails, 0 already sent"), said
    messages = "".join(path.read_text() for path in mail.iterdir())
    assert messages.count("\nSubject: ") == 3 * people + 1
    for number in range(1, people + 1):
        assert messages.count(f"\nTo: aut-{number}@example.org\n") == 3
