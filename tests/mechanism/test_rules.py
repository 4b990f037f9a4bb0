"""The rules values: presets are complete and sourced; bad values are refused naming the field."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatyreview.mechanism.rules import FIELD_NAMES, PRESETS, UNTOC_2018, RulesError, rules_from_dict


@pytest.mark.parametrize("name", list(PRESETS))
def test_each_preset_is_valid_and_gives_a_source_for_every_value(name: str) -> None:
    preset = PRESETS[name]
    assert rules_from_dict(preset.values.as_dict()) == preset.values
    assert set(preset.sources) == set(FIELD_NAMES)
    assert all(text.strip() for text in preset.sources.values())


def test_untoc_preset_holds_the_numbers_of_the_mechanism() -> None:
    values = UNTOC_2018.values
    assert (values.same_group_reviewers, values.other_group_reviewers, values.max_reviewers_total) == (1, 1, 4)
    assert (values.year_groups, values.year_group_start_years) == (3, (2020, 2021, 2022))
    assert (values.focal_point_weeks, values.experts_weeks, values.questionnaire_months) == (2, 4, 6)


BAD_VALUES = st.one_of(
    st.none(),
    st.text(max_size=3),
    st.floats(allow_nan=False),
    st.integers(-1000, -1),
    st.integers(1000, 10**6),
    st.lists(st.integers(), max_size=2),
)


@given(field=st.sampled_from(FIELD_NAMES), value=BAD_VALUES)
def test_a_bad_value_is_refused_with_the_name_of_its_field(field: str, value: Any) -> None:
    data = UNTOC_2018.values.as_dict()
    if data[field] == value:
        return
    data[field] = value
    try:
        rules_from_dict(data)
    except RulesError as error:
        # The error names the field itself, or the field it contradicts.
        assert error.field in FIELD_NAMES
        assert str(error).startswith(f"{error.field}: ")
    else:
        # Some replacements are valid values (e.g. another year count); they must still be consistent.
        assert rules_from_dict(data).as_dict()[field] == value


def test_missing_and_unknown_fields_are_named() -> None:
    data = UNTOC_2018.values.as_dict()
    del data["max_redraws"]
    with pytest.raises(RulesError, match=r"^max_redraws: is missing"):
        rules_from_dict(data)
    with pytest.raises(RulesError, match=r"^reviewers: is not a rules field"):
        rules_from_dict({**UNTOC_2018.values.as_dict(), "reviewers": 2})


def test_inconsistent_values_are_refused() -> None:
    with pytest.raises(RulesError, match=r"^year_group_start_years"):
        rules_from_dict({**UNTOC_2018.values.as_dict(), "year_groups": 4})
    with pytest.raises(RulesError, match=r"^max_reviewers_total"):
        rules_from_dict({**UNTOC_2018.values.as_dict(), "max_reviewers_total": 1})
