"""Where a seed comes from: each kind is checked for what it must look like, and the error names the field."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatyreview.errors import InvalidInput
from treatyreview.reviews.draws.seeds import seed_check


@given(st.lists(st.integers(1, 6), min_size=1, max_size=40))
def test_any_roll_of_dice_is_accepted_and_written_one_face_per_die(faces: list[int]) -> None:
    typed = " ,".join(str(f) for f in faces)
    seed = seed_check(kind="dice", value=typed, count=len(faces))
    assert seed.value == " ".join(str(f) for f in faces) and seed.count == len(faces)


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"kind": "dice", "value": "3 7 1", "count": 3}, "seed", "1 to 6"),
        ({"kind": "dice", "value": "3 5 1", "count": 4}, "seed", "4 dice were rolled but 3"),
        ({"kind": "dice", "value": "3 5 1"}, "seed_count", "number of dice"),
        ({"kind": "beacon", "value": "a3f9", "source": "NIST beacon"}, "seed_source", "round"),
        ({"kind": "beacon", "value": "a3 f9", "source": "NIST beacon, pulse 4123"}, "seed", "without spaces"),
        ({"kind": "lottery", "value": "x 12", "source": "Lotto 2026-12-01"}, "seed", "numbers drawn"),
        ({"kind": "lottery", "value": "4 12 33", "source": ""}, "seed_source", "lottery"),
        ({"kind": "other", "value": "abc", "source": "mine"}, "seed_source", "check it"),
        ({"kind": "coin", "value": "1"}, "seed_kind", "choose"),
        ({"kind": "dice", "value": "   ", "count": 1}, "seed", "enter the seed"),
        ({"kind": "beacon", "value": "a3f9", "count": 2, "source": "pulse 12"}, "seed_count", "only to dice"),
    ],
)
def test_a_seed_that_does_not_fit_its_kind_is_refused_naming_the_field(kwargs, field, words) -> None:
    with pytest.raises(InvalidInput) as raised:
        seed_check(**kwargs)
    assert raised.value.where == field and words in raised.value.message


def test_beacon_and_lottery_seeds_keep_their_value_and_source() -> None:
    beacon = seed_check(kind="beacon", value="9F3A0C", source="NIST Randomness Beacon 2.0, chain 2, pulse 1234567")
    assert (beacon.value, beacon.count) == ("9F3A0C", None)
    lottery = seed_check(kind="lottery", value="4, 17; 23 31", source="Lotto Austria, 2026-12-01")
    assert lottery.value == "4 17 23 31"
