"""Template filters of the draw screens."""

from typing import Any

from django import template
from django.utils.formats import date_format, time_format
from django.utils.timezone import localtime

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


@register.filter
def moment(value: Any) -> str:
    """A date and a 24-hour time in the reader's format, ending without a full stop (unlike "9:45 p.m.")."""
    if not value:
        return ""
    return f"{date_format(localtime(value), 'DATE_FORMAT')}, {time_format(localtime(value), 'H:i')}"


@register.filter
def without_final_stop(text: str) -> str:
    """A sentence typed by a user, to be followed by the page's own full stop."""
    return str(text).rstrip().rstrip(".。")
