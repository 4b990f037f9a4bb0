"""Template filters of the draw screens."""

from typing import Any

from django import template

from treatyreview.registry.choices import InstrumentCode
from treatyreview.registry.choices import instrument_label as _instrument_label
from treatyreview.reviews.cycles.choices import Slot

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
    return _instrument_label(code) if code in InstrumentCode.values else code


@register.filter
def slot_label(code: str) -> str:
    return str(Slot(code).label) if code in Slot.values else code
