"""Names of States and titles of articles in the six languages: sourced, else English marked as English."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from treatyreview.registry import selectors
from treatyreview.registry.loading import DATA_DIR, LoadError, read_reference_data
from treatyreview.registry.models import Article, ArticleTitle, State, StateName
from treatyreview.registry.names import ShownName


def _copy_data(tmp_path: Path) -> Path:
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def _replace_line(path: Path, number: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[number - 1], lines[number - 1]
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")


def test_the_packaged_names_and_titles_read_without_a_problem() -> None:
    data = read_reference_data()
    assert len(data.state_names) == 198 * 6
    assert len(data.article_titles) == 61


@pytest.mark.parametrize(
    ("name", "line", "old", "new", "expected"),
    [
        ("state_names.csv", 2, "AFG,ar,", "XXX,ar,", "state_names.csv:2: iso3: unknown State code 'XXX'"),
        ("state_names.csv", 2, "AFG,ar,", "AFG,de,", "state_names.csv:2: lang: 'de' is not a UN language "
         "(ar, zh, en, fr, ru, es)"),
        ("state_names.csv", 3, "AFG,zh,", "AFG,ar,", "state_names.csv:3: lang: AFG has a second row in 'ar'"),
        ("state_names.csv", 2, ",UNSD-M49;UNTERM-PLS", ",", "state_names.csv:2: source: a name needs its source"),
        ("article_titles.csv", 2, "UNTOC,1,", "UNTOC,99,", "article_titles.csv:2: article_number: no article 99 "
         "in 'UNTOC'"),
        ("article_titles.csv", 2, ",DZ-OCRC", ",", "article_titles.csv:2: source: a title needs its source"),
    ],
    ids=["unknown-state", "unknown-language", "duplicate", "no-source", "unknown-article", "title-without-source"],
)
def test_a_bad_name_row_is_named_by_file_line_and_field(
    tmp_path: Path, name: str, line: int, old: str, new: str, expected: str
) -> None:
    directory = _copy_data(tmp_path)
    _replace_line(directory / name, line, old, new)
    with pytest.raises(LoadError) as raised:
        read_reference_data(directory)
    assert expected in raised.value.problems


@pytest.mark.django_db
def test_names_are_loaded_with_their_sources() -> None:
    germany = StateName.objects.get(state__code="DEU", language="ru")
    assert germany.short_name == "Германия" and germany.source.startswith("UNSD-M49")
    title = ArticleTitle.objects.get(article__instrument__code="UNTOC", article__number=1, language="fr")
    assert title.title == "Objet" and title.source == "UNTC-F"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [("ar", "ألمانيا"), ("zh-hans", "德国"), ("en", "Germany"), ("fr", "Allemagne"), ("ru", "Германия"),
     ("es", "Alemania")],
)
def test_a_state_is_named_in_each_un_language(language: str, expected: str) -> None:
    germany = State.objects.prefetch_related("names").get(code="DEU")
    assert germany.name_in(language) == expected
    assert germany.name_in(language).lang == ""
    with translation.override(language):
        assert selectors.state_names()["DEU"] == expected


@pytest.mark.django_db
def test_a_gap_shows_the_english_marked_as_english() -> None:
    # No stored UN or EU source gives the European Union's name in Chinese or Russian (state_names.md §6).
    eu = State.objects.get(code="EUU")
    assert eu.name_in("zh-hans") == "European Union" and eu.name_in("zh-hans").lang == "en"
    assert eu.name_in("fr") == "Union européenne"
    with translation.override("ru"):
        html = Template("{% load registry_labels %}{{ state|state_name }}").render(Context({"state": eu}))
    assert html == '<span lang="en" dir="ltr">European Union</span>'


def test_a_shown_name_is_plain_text_outside_html() -> None:
    name = ShownName("Cook Islands & Niue", "en")
    assert f"{name}" == "Cook Islands & Niue" and str(name) == "Cook Islands & Niue"
    assert name.__html__() == '<span lang="en" dir="ltr">Cook Islands &amp; Niue</span>'


@pytest.mark.django_db
def test_an_article_title_is_shown_in_the_reader_language_where_sourced() -> None:
    article = Article.objects.prefetch_related("titles").get(instrument__code="UNTOC", number=1)
    assert article.title_in("ru") == "Цель"
    third = Article.objects.prefetch_related("titles").get(instrument__code="UNTOC", number=3)
    assert third.title_in("ar").lang == "en" and third.title_in("ar") == third.title


@pytest.mark.django_db
def test_state_pages_name_the_state_in_the_reader_language(client) -> None:
    response = client.get("/states/?lang=ru", HTTP_ACCEPT_LANGUAGE="ru")
    assert "Германия" in response.content.decode()
    response = client.get("/states/DEU/", HTTP_ACCEPT_LANGUAGE="fr")
    page = response.content.decode()
    assert "<h1>Allemagne" in page and "<title>Allemagne" in page
