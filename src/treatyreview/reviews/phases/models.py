"""The schedule of a country review: its phases (one per cluster, or per cluster and instrument), the
deadline of each stage, and the extensions asked for and decided. A deadline's own date never changes; a
granted extension is kept beside it."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from treatyreview.reviews.phases.choices import ExtensionStatus, Stage

REASON_MAX = 1000
NOTE_MAX = 1000


class Phase(models.Model):
    """One phase of a country review: the articles of one cluster (in one instrument, or in all together)."""

    Stage = Stage

    review = models.ForeignKey("reviews.CountryReview", on_delete=models.PROTECT, related_name="phases")
    position = models.PositiveSmallIntegerField(_("phase"), help_text=_("Its place in the cycle's work plan."))
    cluster = models.PositiveSmallIntegerField(_("cluster"))
    instrument = models.ForeignKey(
        "registry.Instrument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the Convention and the Protocols are reviewed together."),
    )
    starts_on = models.DateField(_("starts on"))
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.FOCAL_POINT)
    version = models.PositiveIntegerField(default=1)
    launched_at = models.DateTimeField(_("launched at"), null=True, blank=True)

    class Meta:
        ordering = ["review", "position"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.UniqueConstraint(fields=["review", "position"], name="one_phase_per_position"),
            models.CheckConstraint(condition=Q(position__gte=1), name="phase_position_positive"),
            models.CheckConstraint(condition=Q(cluster__gte=1, cluster__lte=10), name="phase_cluster_in_range"),
            models.CheckConstraint(
                condition=Q(stage__in=[stage.value for stage in Stage]), name="phase_stage_known_value"
            ),
        ]

    def __str__(self) -> str:
        return str(_("%(review)s · phase %(position)s") % {"review": self.review, "position": self.position})


class StageDeadline(models.Model):
    """When one stage of a phase is due, and when it was done; passed deadlines are flagged, never blocking."""

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="deadlines")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    due_on = models.DateField(_("due on"))
    met_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["phase", "due_on", "pk"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        constraints = [
            models.UniqueConstraint(fields=["phase", "stage"], name="one_deadline_per_phase_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.phase} · {self.get_stage_display()}: {self.due_on}"

    @property
    def effective_due(self) -> datetime.date:
        """The date the stage is due: the latest granted extension, else the deadline itself."""
        granted = [e.requested_until for e in self.extensions.all() if e.status == ExtensionStatus.GRANTED]
        return max([self.due_on, *granted])

    def is_passed(self, on: datetime.date) -> bool:
        """Passed: not done by its (extended) date, or done after it. A flag for the page, never a block."""
        done = self.met_on or on
        return done > self.effective_due


class Extension(models.Model):
    """More time asked for one stage, with a reason, and the secretariat's decision."""

    Status = ExtensionStatus

    deadline = models.ForeignKey(StageDeadline, on_delete=models.CASCADE, related_name="extensions")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField(_("requested on"))
    requested_until = models.DateField(_("until"))
    reason = models.TextField(_("reason"), max_length=REASON_MAX)
    status = models.CharField(
        _("decision"), max_length=10, choices=ExtensionStatus.choices, default=ExtensionStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note on the decision"), max_length=NOTE_MAX, blank=True)

    class Meta:
        ordering = ["deadline", "requested_on", "pk"]
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[status.value for status in ExtensionStatus]), name="extension_status_known"
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(decided_at__isnull=False), name="decided_extension_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deadline}: {self.requested_until} ({self.get_status_display()})"
