"""Drawings of lots: the frozen input, the commitment, the seed, the record, and the redraws made on it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from treatyreview.reviews.draws.seeds import SEED_MAX, SOURCE_MAX, SeedKind


class Draw(models.Model):
    """One drawing of lots: its frozen input, the commitment to it, the seed, and the resulting record."""

    class Kind(models.TextChoices):
        YEAR_GROUPS = "year_groups", _("Year groups")
        REVIEWERS = "reviewers", _("Reviewing States")

    class Status(models.TextChoices):
        PREPARED = "prepared", _("Prepared")
        COMMITTED = "committed", _("Commitment published")
        PROVISIONAL = "provisional", _("Provisional")
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")

    cycle = models.ForeignKey("reviews.Cycle", on_delete=models.PROTECT, related_name="draws")
    year_group = models.ForeignKey(
        "reviews.YearGroup", on_delete=models.PROTECT, null=True, blank=True, related_name="draws"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PREPARED)
    input = models.JSONField(_("input"))
    input_sha256 = models.CharField(_("input SHA-256"), max_length=64)
    committed_at = models.DateTimeField(_("commitment published"), null=True, blank=True)
    attempt = models.PositiveSmallIntegerField(
        _("attempt"), default=1, help_text=_("Every attempt at the same draw counts, cancelled ones included.")
    )
    seed = models.CharField(_("seed"), max_length=SEED_MAX, blank=True)
    seed_kind = models.CharField(_("kind of seed"), max_length=10, choices=SeedKind.choices, blank=True)
    seed_count = models.PositiveSmallIntegerField(_("number of dice"), null=True, blank=True)
    seed_source = models.CharField(_("where the seed came from"), max_length=SOURCE_MAX, blank=True)
    record = models.JSONField(_("record"), null=True, blank=True)
    record_sha256 = models.CharField(_("record SHA-256"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("draw")
        verbose_name_plural = _("draws")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "kind", "year_group", "attempt"], name="one_draw_per_attempt"),
            models.CheckConstraint(condition=models.Q(attempt__gte=1), name="draw_attempt_positive"),
            models.CheckConstraint(
                condition=~models.Q(status="cancelled") | ~models.Q(cancel_reason=""), name="cancelled_draw_has_reason"
            ),
        ]

    def __str__(self) -> str:
        scope = self.year_group or self.cycle
        if self.attempt > 1:
            return str(
                _("%(kind)s · %(scope)s · attempt %(attempt)s")
                % {"kind": self.get_kind_display(), "scope": scope, "attempt": self.attempt}
            )
        return f"{self.get_kind_display()} · {scope}"


class DrawRequest(models.Model):
    """A redraw asked for by the State under review, or a drawn reviewer declining, during a draw session."""

    class Kind(models.TextChoices):
        REDRAW = "redraw", _("Redraw requested by the State under review")
        DECLINE = "decline", _("Declined by the drawn reviewer")

    draw = models.ForeignKey(Draw, on_delete=models.PROTECT, related_name="requests")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    under_review = models.ForeignKey("registry.State", on_delete=models.PROTECT, related_name="+")
    slot = models.CharField(_("slot"), max_length=20)
    refused_reviewer = models.ForeignKey("registry.State", on_delete=models.PROTECT, related_name="+")
    replacement = models.ForeignKey("registry.State", on_delete=models.PROTECT, null=True, related_name="+")
    seed = models.CharField(_("seed"), max_length=SEED_MAX)
    seed_kind = models.CharField(_("kind of seed"), max_length=10, choices=SeedKind.choices, blank=True)
    seed_count = models.PositiveSmallIntegerField(_("number of dice"), null=True, blank=True)
    seed_source = models.CharField(_("where the seed came from"), max_length=SOURCE_MAX, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("redraw or decline")
        verbose_name_plural = _("redraws and declines")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.under_review} ({self.slot})"
