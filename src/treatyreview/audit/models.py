"""The audit log: one row per change, each row chained to the previous by SHA-256."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from treatyreview.audit.actions import action_label


class AuditEvent(models.Model):
    at = models.DateTimeField(_("at"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(_("actor"), max_length=200)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    target_type = models.CharField(_("target type"), max_length=100)
    target_id = models.CharField(_("target id"), max_length=100)
    target_label = models.CharField(_("target"), max_length=300)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_label}"

    @property
    def action_label(self) -> str:
        """What was done, in the interface language."""
        return action_label(self.action)


class AuditChainHead(models.Model):
    """A single row locked while an event is appended, so two writers never fork the chain.

    It also records the chain's length and newest hash, updated in the transaction of each append:
    `verify-audit` compares them with the events, so removing the newest events (or all) is caught.
    """

    last_hash = models.CharField(max_length=64)
    length = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return self.last_hash
