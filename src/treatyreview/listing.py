"""Lists of names in running text, joined with the reader's own comma: "، " in Arabic, "、" in Chinese."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import pgettext


def joined(items: Iterable[object]) -> str:
    """`items` as one phrase in the active language: "Kenya, Brazil", "كينيا، البرازيل", "肯尼亚、巴西"."""
    # Translators: what separates the items of a list in running text ("Kenya, Brazil"): "، " in Arabic, "、" in
    # Chinese, ", " in French, Russian and Spanish.
    return pgettext("list separator", ", ").join(str(item) for item in items)
