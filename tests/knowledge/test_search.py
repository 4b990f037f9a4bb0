"""Searching the library in each of the six languages: stems meet, diacritics fold, Chinese finds Chinese."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from treatyreview.accounts.models import User
from treatyreview.knowledge import search
from treatyreview.knowledge.models import LegalRecord
from treatyreview.knowledge.selectors import record_search

pytestmark = pytest.mark.django_db


def titles(user: User, query: str, **filters: object) -> list[str]:
    page = record_search(user=user, query=query, filters=search.Filters(**filters))  # type: ignore[arg-type]
    return [found.text.title for found in page.found]


def test_blanchiment_finds_a_text_that_says_blanchir(make_record: Callable[..., LegalRecord],
                                                     secretariat: User) -> None:
    make_record("Code pénal, article 324-1", "Le fait de blanchir le produit d'un crime est puni.", language="fr")
    make_record("Code pénal, article 225-4", "La traite des êtres humains.", language="fr")
    assert titles(secretariat, "blanchiment") == ["Code pénal, article 324-1"]


def test_english_laundering_finds_laundered_and_launder(make_record: Callable[..., LegalRecord],
                                                        secretariat: User) -> None:
    make_record("Proceeds of Crime Act, section 7", "Whoever launders property that is laundered money")
    make_record("Firearms Act, section 2", "Illicit manufacturing of firearms")
    assert titles(secretariat, "laundering") == ["Proceeds of Crime Act, section 7"]


def test_spanish_russian_and_arabic_words_meet_their_inflections(make_record: Callable[..., LegalRecord],
                                                                  secretariat: User) -> None:
    make_record("Código Penal, artículo 301", "Delitos de blanqueo de capitales", language="es")
    make_record("Уголовный кодекс, статья 174", "Легализация (отмывание) денежных средств", language="ru")
    make_record("قانون مكافحة غسل الأموال", "يعاقب كل من ارتكب جريمة غسل الأموال", language="ar")
    assert titles(secretariat, "blanqueos") == ["Código Penal, artículo 301"]
    assert titles(secretariat, "отмывания") == ["Уголовный кодекс, статья 174"]
    assert titles(secretariat, "أموال") == ["قانون مكافحة غسل الأموال"]


def test_accents_are_folded_on_both_sides(make_record: Callable[..., LegalRecord], secretariat: User) -> None:
    make_record("Código Penal, artículo 177 bis", "La trata de seres humanos", language="es")
    assert titles(secretariat, "codigo articulo") == ["Código Penal, artículo 177 bis"]


def test_chinese_finds_chinese_by_words_inside_a_sentence(make_record: Callable[..., LegalRecord],
                                                         secretariat: User) -> None:
    make_record("中华人民共和国刑法 第一百九十一条", "明知是毒品犯罪的所得而掩饰其来源的，为洗钱罪。", language="zh")
    make_record("中华人民共和国反洗钱法", "为了预防洗钱活动，制定本法。", language="zh")
    make_record("中华人民共和国刑法 第二百四十条", "拐卖妇女、儿童的，处五年以上有期徒刑。", language="zh")
    assert sorted(titles(secretariat, "洗钱")) == ["中华人民共和国刑法 第一百九十一条", "中华人民共和国反洗钱法"]
    assert titles(secretariat, "拐卖儿童") == []  # both words must appear, here as "拐卖" and "儿童"
    assert titles(secretariat, "拐卖妇女") == ["中华人民共和国刑法 第二百四十条"]


def test_a_single_chinese_character_matches_the_words_it_begins(make_record: Callable[..., LegalRecord],
                                                               secretariat: User) -> None:
    make_record("反洗钱法", "预防洗钱活动", language="zh")
    assert titles(secretariat, "洗") == ["反洗钱法"]


def test_title_matches_rank_above_text_matches(make_record: Callable[..., LegalRecord], secretariat: User) -> None:
    make_record("General provisions", "This act also touches on money laundering in one place among many others.")
    make_record("Money Laundering Act", "Definitions.")
    assert titles(secretariat, "money laundering")[0] == "Money Laundering Act"


def test_every_word_must_match(make_record: Callable[..., LegalRecord], secretariat: User) -> None:
    make_record("Firearms Act", "manufacturing of firearms")
    assert titles(secretariat, "firearms smuggling") == []


def test_filters_narrow_and_facets_count_records(make_record: Callable[..., LegalRecord], secretariat: User) -> None:
    make_record("Trafficking Act", "trafficking in persons", state="KEN", articles=("TIP 5",))
    make_record("Trafficking judgment", "trafficking in persons", state="AUT", kind="case", court="Supreme Court")
    assert titles(secretariat, "trafficking", kind="case") == ["Trafficking judgment"]
    assert titles(secretariat, "trafficking", instrument="TIP") == ["Trafficking Act"]
    page = record_search(user=secretariat, query="trafficking")
    assert dict(page.facets["kind"]) == {"case": 1, "legislation": 1}
    assert dict(page.facets["instrument"]) == {"TIP": 1}


def test_operator_words_and_symbols_are_searched_as_words(make_record: Callable[..., LegalRecord],
                                                         secretariat: User) -> None:
    make_record("Or and near", "A text")
    for query in ('"', "NEAR(", "or", "*", "' OR 1=1 --", "a\x00b"):
        record_search(user=secretariat, query=query)  # no error
    assert titles(secretariat, "near") == ["Or and near"]


def test_highlight_marks_inflected_words_and_escapes_html() -> None:
    terms = search.analysis.query_terms("blanchiment", "fr")
    marked = search.highlight("<b>Blanchir</b> l'argent", "fr", terms)
    assert marked == "&lt;b&gt;<mark>Blanchir</mark>&lt;/b&gt; l&#x27;argent"
    chinese = search.highlight("预防洗钱活动", "zh", search.analysis.query_terms("洗钱"))
    assert chinese == "预防<mark>洗钱</mark>活动"


def test_a_text_stored_decomposed_is_found_and_marked_whole(make_record: Callable[..., LegalRecord],
                                                            secretariat: User) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Le délit de blanchiment")
    make_record("Code pénal", decomposed, language="fr")
    assert titles(secretariat, "délit") == ["Code pénal"]
    marked = search.highlight(decomposed, "fr", search.analysis.query_terms("delit", "fr"))
    assert marked == f"Le <mark>{unicodedata.normalize('NFD', 'délit')}</mark> de blanchiment"


def test_a_query_in_a_stated_language_is_stemmed_in_it_alone() -> None:
    assert search.analysis.query_terms("blanchiment", "fr") == [search.analysis.QueryTerm(("blanch",))]
    assert set(search.analysis.query_terms("blanchiment")[0].alternatives) >= {"blanch", "blanchiment"}
