"""The cost model: small hand-computed scenarios, the validation of inputs, and properties of the arithmetic."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatyreview.mechanism import costs
from treatyreview.mechanism.costs import Membership, Party, ScenarioError, estimate, preset_data, scenario_from_dict
from treatyreview.mechanism.costs.scenario import LANGUAGES

ALL = ("UNTOC", "TIP", "SOM", "FIREARMS")


def zero_scenario(**rules: Any) -> dict[str, Any]:
    """The default scenario with every rate and volume at zero, so that a test switches on only what it checks."""
    data = preset_data("together")
    data["rules"].update(rules)
    for volume in data["volumes"].values():
        volume["pages"] = "0"
    rates = data["rates"]
    for table in ("translation_per_word", "revision_per_word", "interpretation_per_day"):
        rates[table] = dict.fromkeys(LANGUAGES, "0")
    for key in ("meeting_servicing_per_day", "travel_per_traveller", "hosting_per_year"):
        rates[key] = "0"
    rates["staff_per_month"] = dict.fromkeys(costs.GRADES, "0")
    return data


def small_membership() -> Membership:
    return Membership(
        parties=(Party("AAA", ALL, 1), Party("BBB", ("UNTOC",), 2), Party("CCC", ("UNTOC", "TIP"), 3)),
        articles={("UNTOC", 1): 8, ("TIP", 1): 2},
        reviewers={"AAA": ("BBB", "CCC")},
    )


def test_translation_of_the_answers_by_hand() -> None:
    data = zero_scenario()
    data["volumes"]["questionnaire_answers"] = {"pages": "3", "translated_share": "0.5", "into": ["en"]}
    data["rates"]["translation_per_word"]["en"] = "0.10"
    result = estimate(scenario_from_dict(data), small_membership())
    # Articles reviewed: AAA 8+2 (registry) +3+2 (cluster 1, illustrative for SOM and FIREARMS), 5+6+5+5,
    # 6+3+4+3, 8+2+3+2 = 67; BBB 8+5+6+8 = 27; CCC 8+2, 5+6, 6+3, 8+2 = 40: 134 articles.
    assert result.per_item["translation"] == Decimal(134 * 3 * 312) * Decimal("0.5") * Decimal("0.10")
    assert result.total == result.per_item["translation"]


def test_meetings_are_counted_every_year_of_the_plan() -> None:
    data = zero_scenario(languages=["en", "fr"])
    for volume in data["volumes"].values():
        volume["into"] = ["en"]
    data["rates"]["interpretation_per_day"] = {"en": "100", "fr": "200"}
    data["rates"]["hosting_per_year"] = "7"
    result = estimate(scenario_from_dict(data), small_membership())
    # Group 1 starts in 2020, group 3 in 2022; four phases of two years: 2020 to 2029, ten years.
    assert sorted(result.per_year) == list(range(2020, 2030))
    assert result.per_item["interpretation"] == 10 * (5 + 2) * Decimal(300)
    assert result.per_item["hosting"] == 70


def test_in_turn_and_together_cover_the_same_units_with_more_exercises() -> None:
    together = estimate(scenario_from_dict(preset_data("together")), small_membership())
    in_turn = estimate(scenario_from_dict(preset_data("in-turn")), small_membership())
    assert together.units == in_turn.units
    assert len(together.units) == 4 * 4 + 4 + 2 * 4
    assert together.exercises == 12 and in_turn.exercises == len(in_turn.units)


def test_the_burden_counts_drawn_reviewers_and_says_how_many_are_undrawn() -> None:
    result = estimate(scenario_from_dict(preset_data("together")), small_membership())
    first = result.burden[0]
    assert first.year == 2020
    assert first.reviewed == {"AAA": 1, "BBB": 0, "CCC": 0}
    assert first.reviewing == {"AAA": 0, "BBB": 1, "CCC": 1}
    assert first.distribution == {1: 3} and first.maximum == 1 and first.undrawn == 0
    later = next(b for b in result.burden if b.year == 2021)
    assert later.undrawn == 1  # BBB starts in 2021 and has no reviewers drawn


def test_above_threshold_lists_states_alphabetically_not_by_load() -> None:
    data = preset_data("together")
    data["burden_threshold"] = 0
    membership = Membership(
        parties=(Party("ZZZ", ALL, 1), Party("AAA", ALL, 1), Party("MMM", ALL, 1)),
        reviewers={"ZZZ": ("MMM", "AAA"), "AAA": ("MMM", "ZZZ"), "MMM": ("ZZZ", "AAA")},
    )
    burden = estimate(scenario_from_dict(data), membership).burden[0]
    assert burden.above_threshold == ("AAA", "MMM", "ZZZ")


def test_drawn_year_groups_are_used_when_every_party_has_one() -> None:
    result = estimate(scenario_from_dict(preset_data("together")), small_membership())
    assert result.year_groups_basis == "drawn"
    undrawn = Membership(parties=(Party("AAA", ALL), Party("BBB", ALL)))
    assert estimate(scenario_from_dict(preset_data("together")), undrawn).year_groups_basis == "illustrative"


def test_recorded_pages_replace_the_scenarios_volumes() -> None:
    membership = Membership(small_membership().parties, recorded_pages={"summary": Decimal(10)})
    result = estimate(scenario_from_dict(preset_data("together")), membership)
    assert result.pages_basis["summary"] == "recorded"
    assert result.pages_basis["questionnaire_answers"] == "scenario"


def test_plan_has_the_deadlines_of_the_rules_record() -> None:
    result = estimate(scenario_from_dict(preset_data("together")), small_membership())
    first = result.plan[0]
    assert (first.year_group, first.phase, first.cluster) == (1, 1, 1)
    deadlines = dict(first.deadlines)
    assert deadlines["focal_point"].isoformat() == "2020-01-15"
    assert deadlines["questionnaire"].isoformat() == "2020-07-01"
    assert deadlines["feedback"].isoformat() == "2021-01-01"


@pytest.mark.parametrize(
    ("change", "path", "code"),
    [
        (lambda d: d["rates"]["translation_per_word"].update(xx="0.1"), "rates.translation_per_word.xx",
         "unknown_language"),
        (lambda d: d["rates"].update(hosting_per_year="-1"), "rates.hosting_per_year", "out_of_range"),
        (lambda d: d["rates"]["translation_per_word"].pop("fr"), "rates.translation_per_word.fr", "missing_rate"),
        (lambda d: d["rates"]["interpretation_per_day"].pop("ar"), "rates.interpretation_per_day.ar",
         "missing_rate"),
        (lambda d: d["meetings"].update(coffee="1"), "meetings.coffee", "unknown_key"),
        (lambda d: d.update(colour="blue"), "colour", "unknown_key"),
        (lambda d: d["volumes"]["summary"].update(into=["de"]), "volumes.summary.into", "unknown_language"),
        (lambda d: d["rules"].update(year_groups=0), "rules.year_groups", "rules"),
        (lambda d: d["rates"].update(words_per_page="many"), "rates.words_per_page", "not_whole_number"),
        (lambda d: d["volumes"]["summary"].update(translated_share="1.5"), "volumes.summary.translated_share",
         "out_of_range"),
        (lambda d: d["funding"].update(staff="somebody"), "funding.staff", "not_choice"),
        (lambda d: d.pop("burden_threshold"), "burden_threshold", "missing"),
    ],
)
def test_a_bad_input_is_named_by_its_key_path(change: Any, path: str, code: str) -> None:
    data = preset_data("together")
    change(data)
    with pytest.raises(ScenarioError) as caught:
        scenario_from_dict(data)
    assert (caught.value.path, caught.value.code) == (path, code)


def test_a_language_the_scenario_does_not_use_needs_no_rate() -> None:
    data = preset_data("together")
    data["rules"]["languages"] = ["en", "fr"]
    for volume in data["volumes"].values():
        volume["into"] = [code for code in volume["into"] if code in ("en", "fr")]
    for table in ("translation_per_word", "revision_per_word", "interpretation_per_day"):
        data["rates"][table] = {"en": "1", "fr": "1"}
    assert scenario_from_dict(data).languages_needed() == ("en", "fr")


@pytest.mark.parametrize("name", costs.PRESET_NAMES)
def test_every_preset_round_trips_through_plain_data(name: str) -> None:
    scenario = costs.preset(name)
    assert scenario_from_dict(costs.scenario_to_dict(scenario)) == scenario


# --- properties -------------------------------------------------------------------------------------------------

amounts = st.decimals(min_value=0, max_value=300, places=3, allow_nan=False, allow_infinity=False)
RATE_PATHS = [("rates", "translation_per_word", "fr"), ("rates", "revision_per_word", "ar"),
              ("rates", "interpretation_per_day", "zh"), ("rates", "meeting_servicing_per_day"),
              ("rates", "staff_per_month", "p3"), ("rates", "travel_per_traveller"), ("rates", "hosting_per_year"),
              ("volumes", "questionnaire_answers", "pages"), ("volumes", "summary", "pages"),
              ("volumes", "written_feedback", "pages"), ("meetings", "review_days_per_year")]


def _set(data: dict[str, Any], path: tuple[str, ...], value: Decimal) -> None:
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = str(value)


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, Any]:
    data = zero_scenario(
        instruments_review=draw(st.sampled_from(["together", "in_turn"])),
        outcome_model=draw(st.sampled_from(["list_and_summary", "report_and_executive_summary",
                                            "public_recommendations"])),
        secretariat_role=draw(st.sampled_from(["none", "assists", "drafts"])),
    )
    for path in RATE_PATHS:
        _set(data, path, draw(amounts))
    return data


@st.composite
def memberships(draw: st.DrawFn) -> Membership:
    count = draw(st.integers(min_value=0, max_value=12))
    parties = tuple(
        Party(f"S{index:02d}", tuple(sorted(draw(st.sets(st.sampled_from(ALL), min_size=1)),
                                            key=ALL.index)),
              draw(st.one_of(st.none(), st.integers(min_value=1, max_value=3))))
        for index in range(count)
    )
    return Membership(parties, articles={("UNTOC", 1): draw(st.integers(0, 10))})


@given(scenarios(), memberships())
def test_costs_are_non_negative_and_add_up(data: dict[str, Any], membership: Membership) -> None:
    result = estimate(scenario_from_dict(data), membership)
    assert all(amount >= 0 for amount in result.per_item.values())
    assert sum(result.per_item.values()) == result.total == sum(result.per_year.values())
    assert sum(result.funding.values()) == result.total
    for year, items in result.per_year_item.items():
        assert sum(items.values()) == result.per_year[year] == sum(result.per_year_funding[year].values())


@given(scenarios(), memberships(), st.sampled_from(RATE_PATHS), amounts)
def test_costs_are_monotone_in_every_rate_and_volume(
    data: dict[str, Any], membership: Membership, path: tuple[str, ...], more: Decimal
) -> None:
    before = estimate(scenario_from_dict(data), membership)
    raised = copy.deepcopy(data)
    target: Any = raised
    for key in path[:-1]:
        target = target[key]
    _set(raised, path, min(Decimal(target[path[-1]]) + more, Decimal(300)))
    after = estimate(scenario_from_dict(raised), membership)
    assert after.total >= before.total
    assert all(after.per_item[item] >= before.per_item[item] for item in costs.ITEMS)


@given(scenarios(), memberships())
def test_in_turn_and_together_cover_exactly_the_same_units(data: dict[str, Any], membership: Membership) -> None:
    data["rules"]["instruments_review"] = "together"
    together = estimate(scenario_from_dict(data), membership)
    data["rules"]["instruments_review"] = "in_turn"
    in_turn = estimate(scenario_from_dict(data), membership)
    assert together.units == in_turn.units
    assert in_turn.exercises == len(in_turn.units) >= together.exercises


@given(scenarios(), memberships())
def test_additive_across_items(data: dict[str, Any], membership: Membership) -> None:
    """Switching items on one at a time and adding the results gives the estimate with all of them on."""
    whole = estimate(scenario_from_dict(data), membership)
    for item in costs.ITEMS:
        only = copy.deepcopy(data)
        for other in costs.ITEMS:
            if other != item:
                _zero_item(only, other)
        assert estimate(scenario_from_dict(only), membership).total == whole.per_item[item]


def _zero_item(data: dict[str, Any], item: str) -> None:
    rates = data["rates"]
    if item in ("translation", "revision", "interpretation"):
        table = {"translation": "translation_per_word", "revision": "revision_per_word",
                 "interpretation": "interpretation_per_day"}[item]
        rates[table] = dict.fromkeys(rates[table], "0")
    elif item == "staff":
        rates["staff_per_month"] = dict.fromkeys(rates["staff_per_month"], "0")
    else:
        rates[{"meeting_servicing": "meeting_servicing_per_day", "travel": "travel_per_traveller",
               "hosting": "hosting_per_year"}[item]] = "0"
