"""A demo review cycle: year groups drawn and the reviewing States of the first year group confirmed."""

from __future__ import annotations

from treatyreview.accounts.models import User
from treatyreview.reviews.cycles.services import cycle_create
from treatyreview.reviews.draws import services
from treatyreview.reviews.models import Cycle, Draw

DEMO_CYCLE = "First review cycle (demo)"


def demo_cycle_create(secretariat: User) -> Cycle | None:
    """Only on a platform with no cycle yet, so that running the demo again changes nothing."""
    if Cycle.objects.exists():
        return None
    cycle = cycle_create(actor=secretariat, name=DEMO_CYCLE)
    groups = services.draw_prepare(actor=secretariat, cycle=cycle, kind=Draw.Kind.YEAR_GROUPS)
    services.draw_commit(actor=secretariat, draw=groups)
    services.draw_run(actor=secretariat, draw=groups, seed="5 2 6 1 3 4", seed_source="demo: dice rolled")
    services.draw_confirm(actor=secretariat, draw=groups)
    first = cycle.year_groups.get(number=1)
    reviewers = services.draw_prepare(actor=secretariat, cycle=cycle, kind=Draw.Kind.REVIEWERS, year_group=first)
    services.draw_commit(actor=secretariat, draw=reviewers)
    services.draw_run(actor=secretariat, draw=reviewers, seed="3 3 1 6 2 5", seed_source="demo: dice rolled")
    services.draw_confirm(actor=secretariat, draw=reviewers)
    return cycle
