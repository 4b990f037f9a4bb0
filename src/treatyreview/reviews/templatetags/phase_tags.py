"""Template filters of the schedule pages."""

from __future__ import annotations

from django import template

from treatyreview.registry.models import Cluster

register = template.Library()


@register.filter
def cluster_name(number: int | None) -> str:
    """The name of a thematic cluster in the reader's language."""
    return str(dict(Cluster.choices).get(number, number)) if number is not None else ""
