"""A demo review cycle: year groups drawn and the reviewing States of the first year group confirmed."""

from __future__ import annotations

from treatyreview.accounts.models import User
from treatyreview.reviews.cycles.services import cycle_create
from treatyreview.reviews.draws import services
from treatyreview.reviews.draws.seeds import SeedKind
from treatyreview.reviews.models import Cycle, Draw

DEMO_CYCLE = "First review cycle (demo)"
# The demo's first year group was launched this many days ago, so that some deadlines have passed and some not.
LAUNCHED_DAYS_AGO = 150


def demo_cycle_create(secretariat: User) -> Cycle | None:
    """Only on a platform with no cycle yet, so that running the demo again changes nothing."""
    if Cycle.objects.exists():
        return None
    cycle = cycle_create(actor=secretariat, name=DEMO_CYCLE)
    groups = services.draw_prepare(actor=secretariat, cycle=cycle, kind=Draw.Kind.YEAR_GROUPS)
    _draw_through(secretariat, groups, "5 2 6 1 3 4")
    first = cycle.year_groups.get(number=1)
    reviewers = services.draw_prepare(actor=secretariat, cycle=cycle, kind=Draw.Kind.REVIEWERS, year_group=first)
    _draw_through(secretariat, reviewers, "3 3 1 6 2 5")
    return cycle


def _draw_through(secretariat: User, draw: Draw, dice: str) -> Draw:
    """Publish the commitment, draw with six dice rolled in the session, and confirm."""
    draw = services.draw_commit(actor=secretariat, draw=draw, expected_version=draw.version)
    draw = services.draw_run(
        actor=secretariat,
        draw=draw,
        seed=dice,
        seed_kind=SeedKind.DICE,
        seed_count=len(dice.split()),
        seed_source="demo: six dice rolled by the Chair",
        expected_version=draw.version,
    )
    return services.draw_confirm(actor=secretariat, draw=draw, expected_version=draw.version)
