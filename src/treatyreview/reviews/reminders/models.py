"""Reminders of deadlines: one row per deadline, person and kind, claimed before anything is sent, so that the
same reminder is never sent twice; the platform shows the same rows as the person's list of reminders."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from treatyreview.mechanism import reminders


class ReminderKind(models.TextChoices):
    BEFORE = reminders.BEFORE, _("Deadline approaching")
    AFTER = reminders.AFTER, _("Deadline passed")


class Reminder(models.Model):
    """A reminder to one person of one stage's deadline; `due_on` is the date it was due when it was sent."""

    Kind = ReminderKind

    deadline = models.ForeignKey("reviews.StageDeadline", on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind.choices)
    due_on = models.DateField(_("due on"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            # The claim: a second run, even at the same moment, cannot insert the same reminder again.
            models.UniqueConstraint(fields=["deadline", "recipient", "kind"], name="one_reminder_per_kind"),
            models.CheckConstraint(
                condition=Q(kind__in=[kind.value for kind in ReminderKind]), name="reminder_kind_known"
            ),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="reminder_unread")]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.deadline} ({self.kind})"


class OverdueDigest(models.Model):
    """The secretariat's daily e-mail of what is overdue: at most one per officer and day."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    overdue = models.PositiveIntegerField(_("overdue deadlines"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("digest of overdue deadlines")
        verbose_name_plural = _("digests of overdue deadlines")
        constraints = [models.UniqueConstraint(fields=["recipient", "day"], name="one_digest_per_day")]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.day}"
