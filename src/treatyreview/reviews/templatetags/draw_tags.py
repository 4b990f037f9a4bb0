"""Template filters of the draw screens."""

from typing import Any

from django import template

from treatyreview.registry.labels import instrument_name
from treatyreview.reviews.draws.labels import SLOT_NAMES

register = template.Library()


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    """`mapping|get_item:key`: a dictionary lookup with a key held in a variable."""
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def instrument_label(code: str) -> str:
    """An instrument's name in the reader's language, never its code."""
    return instrument_name(code)


@register.filter
def slot_label(code: str) -> str:
    return str(SLOT_NAMES.get(code, code))
