"""The enumerations of a cycle's domain values, each with its translated label."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Slot(models.TextChoices):
    """The two places a reviewing State can fill for one instrument; the values are `mechanism.lots`'s."""

    SAME_GROUP = "same-group", _("same regional group")
    OTHER_GROUP = "other-group", _("other regional group")
