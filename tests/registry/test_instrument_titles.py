"""Titles of the Convention and its Protocols in six languages, formal names of States, and the API in each language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from treatyreview.registry.loading import DATA_DIR, LoadError, read_reference_data
from treatyreview.registry.models import Instrument, State
from treatyreview.registry.names import ENGLISH

TIP_FR = ("Protocole additionnel à la Convention des Nations Unies contre la criminalité transnationale organisée "
          "visant à prévenir, réprimer et punir la traite des personnes, en particulier des femmes et des enfants")


def _copy_data(tmp_path: Path) -> Path:
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def test_every_packaged_title_has_a_source_and_the_gaps_are_those_the_readme_lists() -> None:
    data = read_reference_data()
    found = {(row.instrument, row.language) for row in data.instrument_titles}
    assert all(row.source for row in data.instrument_titles)
    every = {(code, lang) for code in ("UNTOC", "TIP", "SOM", "FIREARMS") for lang in ("ar", "zh", "fr", "ru", "es")}
    # No source was found for these two (registry/data/README.md, "Titles of the instruments"): English stands in.
    assert every - found == {("SOM", "ar"), ("FIREARMS", "ru")}
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert "| SOM | ar |" in readme and "| FIREARMS | ru |" in readme


@pytest.mark.parametrize(
    ("line", "old", "new", "expected"),
    [
        (2, "UNTOC,ar,", "UNCAC,ar,", "instrument_titles.csv:2: instrument_code: unknown instrument 'UNCAC'"),
        (2, "UNTOC,ar,", "UNTOC,en,", "instrument_titles.csv:2: lang: the English titles are in instruments.csv"),
        (3, "UNTOC,zh,", "UNTOC,ar,", "instrument_titles.csv:3: lang: UNTOC has a second title in 'ar'"),
        (2, ",E4J-AR-M14", ",", "instrument_titles.csv:2: source: a title needs its source"),
    ],
    ids=["unknown-instrument", "english", "duplicate", "no-source"],
)
def test_a_bad_title_row_is_named_by_file_line_and_field(
    tmp_path: Path, line: int, old: str, new: str, expected: str
) -> None:
    directory = _copy_data(tmp_path)
    path = directory / "instrument_titles.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(LoadError) as raised:
        read_reference_data(directory)
    assert expected in raised.value.problems


@pytest.mark.django_db
def test_an_instrument_title_is_shown_in_the_reader_language_or_in_english_marked_as_english() -> None:
    tip = Instrument.objects.prefetch_related("titles").get(code="TIP")
    assert tip.title_in("fr") == TIP_FR and tip.title_in("fr").lang == ""
    assert tip.title_in("en") == tip.full_title
    som = Instrument.objects.prefetch_related("titles").get(code="SOM")
    assert som.title_in("ar") == som.full_title and som.title_in("ar").lang == ENGLISH


@pytest.mark.django_db
def test_the_instruments_page_gives_the_full_titles_in_the_reader_language(client) -> None:
    page = client.get("/instruments/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert TIP_FR.replace("'", "&#x27;") in page
    page = client.get("/instruments/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Протокол против незаконного ввоза мигрантов по суше, морю и воздуху" in page
    # No Russian title of the Firearms Protocol was found: the English title, marked as English.
    assert '<span lang="en" dir="ltr">Protocol against the Illicit Manufacturing' in page


@pytest.mark.django_db
def test_a_state_page_gives_the_formal_name_in_the_reader_language(client) -> None:
    page = client.get("/states/DEU/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "República Federal de Alemania" in page
    # No formal name of Türkiye is sourced in any language: said to be not established, never invented.
    turkiye = State.objects.prefetch_related("names").get(code="TUR")
    assert turkiye.formal_name_in("fr") == "" and turkiye.formal_name_in("en") == ""
    page = client.get("/states/TUR/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<dt>Formal name</dt>\n        <dd><span class="tr-not-established">Not established</span></dd>' in page


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "header"), [({"lang": "ru"}, "en"), ({}, "ru")], ids=["lang", "accept-language"])
def test_the_api_names_states_in_the_language_asked_for(client, query: dict[str, str], header: str) -> None:
    states = client.get("/api/states", query, HTTP_ACCEPT_LANGUAGE=header).json()
    germany = next(state for state in states if state["code"] == "DEU")
    assert germany["name"] == "Германия" and germany["name_lang"] == "ru"
    assert germany["names"]["en"]["short_name"] == "Germany"
    assert germany["names"]["zh"]["short_name"] == "德国"
    assert germany["names"]["es"]["formal_name"] == "la República Federal de Alemania"
    names = [state["name"] for state in states]
    assert names.index("Австралия") < names.index("Германия")  # Cyrillic order, not the English one


@pytest.mark.django_db
def test_the_api_says_when_english_stands_in(client) -> None:
    eu = client.get("/api/states/EUU", {"lang": "zh"}).json()
    assert eu["name"] == "European Union" and eu["name_lang"] == "en"
    assert eu["names"]["zh"]["short_name"] is None and eu["names"]["fr"]["short_name"] == "Union européenne"
    instruments = {i["code"]: i for i in client.get("/api/instruments", {"lang": "fr"}).json()}
    assert instruments["TIP"]["full_title"] == TIP_FR and instruments["TIP"]["full_title_lang"] == "fr"
    assert instruments["TIP"]["short_name"] == "Protocole contre la traite des personnes"
    assert instruments["SOM"]["titles"]["ar"] is None
    articles = client.get("/api/articles", {"instrument": "UNTOC", "lang": "ru"}).json()
    first, third = articles[0], articles[2]
    assert first["title"] == "Цель" and first["title_lang"] == "ru" and first["titles"]["fr"] == "Objet"
    assert third["title_lang"] == "en" and third["titles"]["en"] == third["title"]


@pytest.mark.django_db
def test_an_unknown_language_is_a_422_naming_the_parameter(client) -> None:
    response = client.get("/api/states", {"lang": "de"})
    assert response.status_code == 422 and "lang" in str(response.json())


@pytest.mark.django_db
def test_arabic_dates_are_written_as_the_un_arabic_documents_write_them(client) -> None:
    page = client.get("/instruments/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    # ADR 0023: digits 0-9, the double month name, no comma before the year.
    assert "15 تشرين الثاني/نوفمبر 2000" in page and "31 أيار/مايو 2001" in page
    assert not any("\u0660" <= char <= "\u0669" for char in page)
    # The other languages keep Django's own month names.
    assert "15 novembre 2000" in client.get("/instruments/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
