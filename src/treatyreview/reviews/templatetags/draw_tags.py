"""Template filters of the draw screens."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    """`mapping|get_item:key`: a dictionary lookup with a key held in a variable."""
    if not mapping:
        return None
    return mapping.get(key)
