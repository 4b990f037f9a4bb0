"""The instrument enumeration agrees with the core and the reference data; it names each instrument in each language."""

from __future__ import annotations

import csv
import typing

import pytest
from django.utils import translation

from treatyreview.mechanism import lots
from treatyreview.registry import api
from treatyreview.registry.choices import (
    INSTRUMENT_IN_SENTENCE,
    InstrumentCode,
    instrument_in_sentence,
    instrument_label,
)
from treatyreview.registry.loading import DATA_DIR

LANGUAGES = ("ar", "zh-hans", "fr", "ru", "es")


def test_the_instrument_codes_are_the_cores_in_the_same_order() -> None:
    assert tuple(InstrumentCode.values) == lots.INSTRUMENTS


def test_the_instrument_codes_are_those_of_the_reference_data() -> None:
    with (DATA_DIR / "instruments.csv").open(encoding="utf-8") as file:
        assert [row["code"] for row in csv.DictReader(file)] == InstrumentCode.values


def test_the_api_accepts_exactly_the_instrument_codes() -> None:
    hints = typing.get_type_hints(api.states)
    assert InstrumentCode in typing.get_args(hints["instrument"])


def test_every_instrument_has_a_phrase_for_sentences() -> None:
    assert set(INSTRUMENT_IN_SENTENCE) == set(InstrumentCode)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_instrument_is_named_in_the_interface_language(language: str) -> None:
    with translation.override("en"):
        english = {code: (instrument_label(code), instrument_in_sentence(code)) for code in InstrumentCode}
    with translation.override(language):
        for code in InstrumentCode:
            assert (instrument_label(code), instrument_in_sentence(code)) != english[code]


def test_an_unknown_instrument_code_is_refused() -> None:
    with pytest.raises(ValueError):
        instrument_label("UNCAC")
