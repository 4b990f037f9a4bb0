"""Reads of the rules record."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from treatyreview.reviews.models import MechanismRules


def rules_current(preset: str | None = None) -> MechanismRules | None:
    name = preset or getattr(settings, "TREATYREVIEW_RULES_PRESET", "UNTOC 2018")
    return MechanismRules.objects.filter(preset=name).order_by("-version").first()


def rules_versions(preset: str) -> QuerySet[MechanismRules]:
    return MechanismRules.objects.filter(preset=preset).order_by("-version")


def rules_presets() -> list[str]:
    return list(MechanismRules.objects.order_by("preset").values_list("preset", flat=True).distinct())
