"""The rules values: presets are complete and sourced; bad values are refused naming the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatyreview.mechanism import lots
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


def draw_values(name: str) -> st.SearchStrategy[Any]:
    """Values around the edges of a draw rule's range, mostly valid, sometimes of the wrong type."""
    if name in lots.RULE_RANGES:
        low, high = lots.RULE_RANGES[name]
        return st.integers(low - 1, high + 1) | st.integers(low, high) | st.integers(-5, 100) | st.booleans()
    return st.sampled_from([*lots.RULE_CHOICES[name], "other", 1, None])


@given(values=st.fixed_dictionaries({name: draw_values(name) for name in lots.RULE_FIELDS}))
def test_every_draw_rule_the_record_accepts_is_accepted_by_the_draw(values: dict[str, Any]) -> None:
    data = {**UNTOC_2018.values.as_dict(), **values}
    try:
        rules = rules_from_dict(data)
    except RulesError as error:
        assert error.field in FIELD_NAMES
        return
    draw_input = lots.parse_input({
        "rules": {name: getattr(rules, name) for name in lots.RULE_FIELDS},
        "states": [{"code": "A", "group": "G", "parties": ["UNTOC"]}],
        "under_review": ["A"],
    })
    assert {name: getattr(draw_input.rules, name) for name in lots.RULE_FIELDS} == values


def test_a_draw_rule_the_draw_refuses_is_refused_by_the_record_naming_the_field() -> None:
    with pytest.raises(RulesError, match=r"^same_group_reviewers: must be between 0 and 1"):
        rules_from_dict({**UNTOC_2018.values.as_dict(), "same_group_reviewers": 2})
    with pytest.raises(RulesError, match=r"^same_group_reviewers: at least one of"):
        rules_from_dict({**UNTOC_2018.values.as_dict(), "same_group_reviewers": 0, "other_group_reviewers": 0})


def test_start_years_are_plausible_and_increasing() -> None:
    with pytest.raises(RulesError, match=r"^year_group_start_years: each start year must be between 2000 and 2100"):
        rules_from_dict({**UNTOC_2018.values.as_dict(), "year_group_start_years": [2020, 2021, 20220]})
    with pytest.raises(RulesError, match=r"^year_group_start_years: start years must be strictly increasing"):
        rules_from_dict({**UNTOC_2018.values.as_dict(), "year_group_start_years": [2020, 2020, 2022]})


def test_reio_review_instruments_are_instrument_codes_and_none_by_default() -> None:
    for preset in PRESETS.values():
        assert preset.values.reio_review_instruments == ()
        assert "no decision" in preset.sources["reio_review_instruments"]
    rules = rules_from_dict({**UNTOC_2018.values.as_dict(), "reio_review_instruments": ["TIP", "UNTOC"]})
    assert rules.reio_review_instruments == ("UNTOC", "TIP")
    with pytest.raises(RulesError, match=r"^reio_review_instruments: must list instrument codes"):
        rules_from_dict({**UNTOC_2018.values.as_dict(), "reio_review_instruments": ["CTOC"]})


def test_sources_name_documents_that_exist() -> None:
    for preset in PRESETS.values():
        for name, text in preset.sources.items():
            assert "..." not in text and "WG.10/2017" not in text, name
            for path in ("docs/adr/", "docs/"):
                if path in text:
                    document = text[text.index(path):].split()[0].rstrip(");,'")
                    assert (Path(__file__).resolve().parents[2] / document).exists(), document
