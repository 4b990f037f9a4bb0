"""Lists of names in running text use the reader's own comma."""

from __future__ import annotations

import pytest
from django.utils import translation

from treatyreview.listing import joined


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "Kenya, Brazil"),
    ("fr", "Kenya, Brésil"),
    ("ar", "كينيا، البرازيل"),
    ("zh-hans", "肯尼亚、巴西"),
])
def test_names_are_joined_with_the_comma_of_the_language(language: str, expected: str) -> None:
    names = {"en": ["Kenya", "Brazil"], "fr": ["Kenya", "Brésil"], "ar": ["كينيا", "البرازيل"],
             "zh-hans": ["肯尼亚", "巴西"]}[language]
    with translation.override(language):
        assert joined(names) == expected


def test_one_name_stands_alone_and_none_gives_nothing() -> None:
    with translation.override("ar"):
        assert joined(["كينيا"]) == "كينيا"
        assert joined([]) == ""
