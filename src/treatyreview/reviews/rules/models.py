"""The versioned rules record of the mechanism: every number and choice, with its source."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from treatyreview.mechanism.rules import RulesValues, rules_from_dict


class MechanismRules(models.Model):
    """One version of the rules; a change is a new version, never an overwrite."""

    preset = models.CharField(_("preset"), max_length=50)
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    values = models.JSONField(_("values"))
    sources = models.JSONField(_("sources"))
    reason = models.TextField(_("reason for this version"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["preset", "-version"]
        verbose_name = _("mechanism rules")
        verbose_name_plural = _("mechanism rules")
        constraints = [models.UniqueConstraint(fields=["preset", "version"], name="rules_version_unique")]

    def __str__(self) -> str:
        return f"{self.preset} v{self.version}"

    def rules(self) -> RulesValues:
        return rules_from_dict(self.values)
