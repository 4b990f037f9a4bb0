"""Organizations of civil society, the private sector and academia that take part in the mechanism."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Organization(models.Model):
    class Kind(models.TextChoices):
        NGO = "ngo", _("Non-governmental organization")
        PRIVATE_SECTOR = "private_sector", _("Private sector")
        ACADEMIA = "academia", _("Academia")

    class EcosocStatus(models.TextChoices):
        NONE = "none", _("None")
        GENERAL = "general", _("General consultative status")
        SPECIAL = "special", _("Special consultative status")
        ROSTER = "roster", _("Roster")

    name = models.CharField(_("name"), max_length=300, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    ecosoc_status = models.CharField(
        _("ECOSOC status"), max_length=20, choices=EcosocStatus.choices, default=EcosocStatus.NONE
    )
    accredited = models.BooleanField(_("accredited"), default=False)
    country = models.ForeignKey("registry.State", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name
