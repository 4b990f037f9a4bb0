"""The rules page gives the presets' source notes in the reader's language, their citations kept as citations."""

from __future__ import annotations

import pytest
from django.utils import translation

from treatyreview.accounts.models import Role
from treatyreview.mechanism.rules import FIELD_NAMES, PRESETS, SEED
from treatyreview.reviews.rules import notes


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_every_note_put_back_together_is_the_preset_english_note(preset: str) -> None:
    assert set(notes.NOTES[preset]) == set(FIELD_NAMES)
    for name in FIELD_NAMES:
        assert notes.NOTES[preset][name].english() == PRESETS[preset].sources[name], name
    with translation.override("en"):
        assert str(notes.PRESET_TITLES[preset]) == PRESETS[preset].title


def test_a_note_is_translated_and_its_citations_stay_english() -> None:
    with translation.override("fr"):
        stored = PRESETS["UNTOC 2018"].sources["instruments_review"]
        html = notes.source_note("UNTOC 2018", "instruments_review", stored)
    assert '<cite class="tr-citation" lang="en" dir="ltr">' + SEED.replace("'", "&#x27;") in html
    assert "les quatre instruments" in html and "one speaker" not in html


def test_a_note_the_secretariat_wrote_is_shown_as_written() -> None:
    with translation.override("ar"):
        html = notes.source_note("UNTOC 2018", "max_redraws", "décision du Bureau <2026> (version 2)")
    assert html == "<bdi>décision du Bureau &lt;2026&gt; (version 2)</bdi>"
    assert notes.source_note("UNTOC 2018", "max_redraws", "") == "—"


@pytest.mark.django_db
def test_the_rules_page_reads_in_russian(client, make_user) -> None:
    client.force_login(make_user(Role.SECRETARIAT))
    page = client.get("/rules/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "шесть официальных языков Организации Объединенных Наций" in page
    assert "the six official languages" not in page
    assert '<cite class="tr-citation" lang="en" dir="ltr">Procedures and rules (res. 9/1 annex)</cite>' in page
