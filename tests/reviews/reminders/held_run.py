"""Runs `remind` in a process of its own, for the test of two runs at the same time (test_concurrent.py).

    python -m tests.reviews.reminders.held_run setup            # migrate, reference data, a review and its people
    python -m tests.reviews.reminders.held_run remind DAY DIR   # wait for the other run, then remind for DAY
    python -m tests.reviews.reminders.held_run count            # what the database holds, as JSON

`remind` waits at a barrier of files in DIR until both processes are ready, so that both start at once; then,
just before its first claim, it waits again for the other, so that both have read the deadlines and the
reminders already claimed (none) before either claims one: both try to claim the same reminders, and the
database's unique constraint decides (PostgreSQL). On SQLite a writing transaction holds the database lock from
its start, so the second process waits at BEGIN instead; the second barrier then times out for the first, and
the second finds every reminder claimed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from pathlib import Path


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "treatyreview.settings")
    import django

    django.setup()


def setup() -> None:
    _django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from tests.reviews import schedule_data
    from treatyreview.accounts.models import Role, RoleGrant, User
    from treatyreview.registry.models import State
    from treatyreview.registry.services import reference_data_load
    from treatyreview.reviews.rules.services import rules_presets_install

    reference_data_load()
    rules_presets_install()
    cycle = schedule_data.make_cycle()
    schedule_data.make_review(cycle, "AUT", starts_on=dt.date(2024, 1, 1))
    for number in range(1, 9):  # a focal point and seven experts
        user = User.objects.create_user(username=f"aut-{number}", email=f"aut-{number}@example.org")
        RoleGrant.objects.create(user=user, role=Role.FOCAL_POINT if number == 1 else Role.EXPERT,
                                 state=State.objects.get(code="AUT"), valid_from=dt.date(2020, 1, 1))
    officer = User.objects.create_user(username="officer", email="officer@example.org")
    RoleGrant.objects.create(user=officer, role=Role.SECRETARIAT, valid_from=dt.date(2020, 1, 1))


def remind(day: str, barrier: str) -> None:
    _django()
    from treatyreview.reviews.reminders import services

    folder = Path(barrier)
    claim = services._claim
    waited = False

    def wait_for_the_other(step: str, seconds: float) -> None:
        (folder / f"{step}-{os.getpid()}").touch()
        deadline = time.monotonic() + seconds
        while len(list(folder.glob(f"{step}-*"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)

    def held(candidate):  # type: ignore[no-untyped-def]
        nonlocal waited
        if not waited:
            waited = True
            wait_for_the_other("claim", 5)
        return claim(candidate)

    services._claim = held  # type: ignore[assignment]
    from django.core.management import call_command

    wait_for_the_other("start", 60)
    call_command("remind", "--date", day)


def count() -> None:
    _django()
    from treatyreview.reviews.models import OverdueDigest, Reminder

    print(json.dumps({
        "reminders": Reminder.objects.count(),
        "distinct": len(set(Reminder.objects.values_list("deadline_id", "recipient_id", "kind"))),
        "emailed": Reminder.objects.filter(emailed_at__isnull=False).count(),
        "digests": OverdueDigest.objects.count(),
    }))


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"setup": setup, "remind": remind, "count": count}[command](*args)
