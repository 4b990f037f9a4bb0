"""Names of States ordered as a dictionary in the reader's language orders them, with real names."""

from __future__ import annotations

import pytest
from django.utils import translation

from treatyreview.registry import selectors
from treatyreview.registry.collation import sort_key


def _order(names: list[str], language: str) -> list[str]:
    return sorted(names, key=lambda name: sort_key(name, language))


def test_french_accents_sort_with_their_letter() -> None:
    names = ["Estonie", "Égypte", "Danemark", "Équateur", "Espagne", "Érythrée", "Fidji", "El Salvador"]
    assert _order(names, "fr") == [
        "Danemark", "Égypte", "El Salvador", "Équateur", "Érythrée", "Espagne", "Estonie", "Fidji",
    ]


def test_spanish_puts_enye_after_n() -> None:
    # Words rather than States: no State's Spanish name starts with Ñ, but "España" and "Bahréin" show the rule.
    assert _order(["ñu", "nube", "Níger", "Omán", "Nepal"], "es") == ["Nepal", "Níger", "nube", "ñu", "Omán"]
    assert _order(["Esparta", "España", "Espanto"], "es") == ["Espanto", "España", "Esparta"]


def test_russian_follows_the_cyrillic_alphabet() -> None:
    names = ["Япония", "Австрия", "Египет", "Эстония", "Ямайка", "Беларусь", "Ёлкино", "Ель"]
    # Ё is filed with Е, as Russian dictionaries do: "Ёлкино" (е-л-к) before "Ель" (е-л-ь).
    assert _order(names, "ru") == ["Австрия", "Беларусь", "Египет", "Ёлкино", "Ель", "Эстония", "Ямайка", "Япония"]


def test_arabic_follows_the_arabic_alphabet_with_hamza_under_alif() -> None:
    names = ["مصر", "ألمانيا", "تونس", "إثيوبيا", "بنما", "اليمن", "أفغانستان"]
    assert _order(names, "ar") == ["إثيوبيا", "أفغانستان", "ألمانيا", "اليمن", "بنما", "تونس", "مصر"]


def test_chinese_follows_pinyin() -> None:
    names = ["中国", "阿富汗", "德国", "巴西", "法国", "美利坚合众国"]
    # zhōngguó, āfùhàn, déguó, bāxī, fǎguó, měilìjiān…: a, b, d, f, m, z.
    assert _order(names, "zh-hans") == ["阿富汗", "巴西", "德国", "法国", "美利坚合众国", "中国"]
    # An English name standing in for a missing Chinese one sorts by its letters among the pinyin, not first.
    assert _order([*names, "European Union"], "zh-hans")[3] == "European Union"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "earlier", "later"),
    [
        ("fr", "Égypte", "Espagne"),  # not after Z, as code points would put it
        ("es", "Egipto", "El Salvador"),
        ("ru", "Египет", "Япония"),
        ("ar", "إثيوبيا", "مصر"),
        ("zh-hans", "阿富汗", "中国"),
        ("en", "Côte d'Ivoire", "Croatia"),
    ],
)
def test_the_list_of_states_is_in_the_reader_alphabetical_order(language: str, earlier: str, later: str) -> None:
    with translation.override(language):
        names = [str(state.name_in()) for state in selectors.state_list()]
    assert names.index(earlier) < names.index(later)
    assert names == sorted(names, key=lambda name: sort_key(name, language))
