"""Benchmark of the secretariat's dashboard of reviews: 190 reviews (four phases each, with deadlines, some
passed, some extended) against the same page with no review, in the same run, on a fresh test database.

Prints the median and 95th percentile of the page's time, its queries and its size, for the empty dashboard
(the baseline) and the full one; the target is under 300 ms for the full page with as many queries as the empty
one plus a constant.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "treatyreview.settings")
os.environ.setdefault("TREATYREVIEW_VAR_DIR", tempfile.mkdtemp(prefix="treatyreview-bench-"))

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

REVIEWS = 190
REPEAT = 15
TARGET_MS = 300


def measure(client: Client, url: str) -> tuple[float, float, int, int]:
    client.get(url)  # warm: templates compiled, collation keys cached
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times) * 1000, p95 * 1000, len(queries), len(response.content)


def populate(cycle, officer) -> int:  # type: ignore[no-untyped-def]
    from tests.reviews import schedule_data

    from treatyreview.registry.models import State

    today = timezone.localdate()
    groups = list(cycle.year_groups.all())
    states = list(State.objects.filter(participations__instrument__code="UNTOC",
                                       participations__status="party").order_by("code").distinct()[:REVIEWS])
    for index, state in enumerate(states):
        group = groups[index % len(groups)]
        start = today - dt.timedelta(days=30 + 7 * (index % 60) + 365 * (len(groups) - 1 - index % len(groups)))
        review = schedule_data.make_review(cycle, state.code, starts_on=start, phases=4, launched=1,
                                           year_group=group, feedback_due=start + dt.timedelta(days=365))
        if index % 5 == 0:
            item = schedule_data.deadline(review, "questionnaire")
            schedule_data.grant_extension(item, item.due_on + dt.timedelta(days=60), by=officer)
        if index % 3 == 0:
            item = schedule_data.deadline(review, "focal_point")
            item.met_on = item.due_on
            item.save()
    return len(states)


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from tests.reviews import schedule_data

        from treatyreview.accounts.models import Role, RoleGrant, User
        from treatyreview.registry.services import reference_data_load
        from treatyreview.reviews.rules.services import rules_presets_install

        reference_data_load()
        rules_presets_install()
        officer = User.objects.create_user(username="bench-officer")
        RoleGrant.objects.create(user=officer, role=Role.SECRETARIAT, valid_from=dt.date(2020, 1, 1))
        client = Client()
        client.force_login(officer)
        year = timezone.localdate().year
        cycle = schedule_data.make_cycle("Bench cycle", groups=(year - 2, year - 1, year))
        url = f"/secretariat/reviews/?cycle={cycle.pk}"
        empty = measure(client, url)
        count = populate(cycle, officer)
        full = measure(client, url)
        client_ar = Client(HTTP_ACCEPT_LANGUAGE="ar")
        client_ar.force_login(officer)
        arabic = measure(client_ar, url)
        print(f"dashboard, empty cycle (baseline): median {empty[0]:.1f} ms, p95 {empty[1]:.1f} ms, "
              f"{empty[2]} queries, {empty[3] / 1024:.0f} KiB")
        print(f"dashboard, {count} reviews:        median {full[0]:.1f} ms, p95 {full[1]:.1f} ms, "
              f"{full[2]} queries, {full[3] / 1024:.0f} KiB")
        print(f"dashboard, {count} reviews, Arabic: median {arabic[0]:.1f} ms, p95 {arabic[1]:.1f} ms, "
              f"{arabic[2]} queries")
        print(f"ratio full / empty (median): {full[0] / empty[0]:.1f}; extra queries: {full[2] - empty[2]}; "
              f"target p95 < {TARGET_MS} ms: {'met' if full[1] < TARGET_MS else 'NOT met'}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
