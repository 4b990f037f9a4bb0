"""The slots of a reviewer assignment are the core's, so a drawn record maps onto the stored rows unchanged."""

from __future__ import annotations

from treatyreview.mechanism import lots
from treatyreview.reviews.cycles.choices import Slot
from treatyreview.reviews.cycles.models import ReviewerAssignment


def test_the_slot_values_are_the_cores() -> None:
    assert Slot.SAME_GROUP == lots.SAME_GROUP
    assert Slot.OTHER_GROUP == lots.OTHER_GROUP
    assert tuple(Slot.values) == lots.SLOTS


def test_a_reviewer_assignment_takes_its_slots_from_the_enumeration() -> None:
    assert ReviewerAssignment.Slot is Slot
    assert ReviewerAssignment._meta.get_field("slot").choices == Slot.choices
