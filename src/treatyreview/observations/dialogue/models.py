"""Written feedback on a submitted questionnaire, the threads answering it, and the meetings of the dialogue."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from treatyreview.observations.dialogue.choices import (
    FEEDBACK_TEXT_MAX,
    MEETING_PLACE_MAX,
    MESSAGE_TEXT_MAX,
    MINUTES_MAX,
    PARTICIPANTS_MAX,
    RESOLUTION_MAX,
    FeedbackKind,
    FeedbackStage,
    MeetingKind,
    Side,
    ThreadStage,
)


class FeedbackItem(models.Model):
    """One question or request of a reviewing State on one article of a phase's submitted questionnaire.

    Its experts draft it; its focal point clears it, and only then does the State under review see it (and a
    thread opens to answer it). Every saved text is also kept as a `FeedbackRevision`.
    """

    Stage = FeedbackStage
    Kind = FeedbackKind

    phase = models.ForeignKey("reviews.Phase", on_delete=models.PROTECT, related_name="feedback_items")
    reviewing_state = models.ForeignKey("registry.State", on_delete=models.PROTECT, related_name="+")
    article = models.ForeignKey("registry.Article", on_delete=models.PROTECT, related_name="+")
    # The question of the questionnaire it is about, when it is about one.
    question = models.ForeignKey(
        "questionnaires.Question", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=FeedbackKind.choices, default=FeedbackKind.QUESTION)
    text = models.TextField(_("feedback"), max_length=FEEDBACK_TEXT_MAX)
    stage = models.CharField(_("status"), max_length=20, choices=FeedbackStage.choices, default=FeedbackStage.DRAFT)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("saved at"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    cleared_at = models.DateTimeField(_("cleared at"), null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["phase", "article__instrument__position", "article__number", "created_at", "pk"]
        verbose_name = _("written feedback")
        verbose_name_plural = _("written feedback")
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__in=[stage.value for stage in FeedbackStage]), name="feedback_stage_known"
            ),
            models.CheckConstraint(
                condition=~Q(stage="cleared") | Q(cleared_at__isnull=False, cleared_by__isnull=False),
                name="cleared_feedback_has_date_and_person",
            ),
        ]
        indexes = [models.Index(fields=["phase", "reviewing_state", "stage"], name="feedback_phase_state_stage")]

    def __str__(self) -> str:
        return f"{self.phase} · {self.reviewing_state} · {self.article}"


class FeedbackRevision(models.Model):
    """One saved version of a feedback item, kept for good."""

    item = models.ForeignKey(FeedbackItem, on_delete=models.PROTECT, related_name="revisions")
    version = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=FeedbackKind.choices)
    article = models.ForeignKey("registry.Article", on_delete=models.PROTECT, related_name="+")
    question = models.ForeignKey(
        "questionnaires.Question", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField(max_length=FEEDBACK_TEXT_MAX)
    stage = models.CharField(max_length=20, choices=FeedbackStage.choices)
    saved_at = models.DateTimeField(_("saved at"), auto_now_add=True)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["item", "version"]
        verbose_name = _("saved version of written feedback")
        verbose_name_plural = _("saved versions of written feedback")
        constraints = [models.UniqueConstraint(fields=["item", "version"], name="one_feedback_revision_per_version")]

    def __str__(self) -> str:
        return f"{self.item} v{self.version}"


class FeedbackDispatch(models.Model):
    """A reviewing State's focal point declared its written feedback on a phase complete and sent.

    When every reviewing State of the phase has sent its feedback, the phase moves on to the dialogue.
    """

    phase = models.ForeignKey("reviews.Phase", on_delete=models.PROTECT, related_name="feedback_dispatches")
    reviewing_state = models.ForeignKey("registry.State", on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    items = models.PositiveIntegerField(_("items of feedback"))

    class Meta:
        ordering = ["phase", "sent_at"]
        verbose_name = _("written feedback sent")
        verbose_name_plural = _("written feedback sent")
        constraints = [
            models.UniqueConstraint(fields=["phase", "reviewing_state"], name="one_feedback_dispatch_per_state"),
        ]

    def __str__(self) -> str:
        return f"{self.phase} · {self.reviewing_state}"


class Thread(models.Model):
    """The dialogue on one cleared feedback item, attached to its article; closed when resolved."""

    Stage = ThreadStage

    feedback = models.OneToOneField(FeedbackItem, on_delete=models.PROTECT, related_name="thread")
    # Copied from the feedback item so that a phase's threads are found per article and reviewing State.
    phase = models.ForeignKey("reviews.Phase", on_delete=models.PROTECT, related_name="threads")
    reviewing_state = models.ForeignKey("registry.State", on_delete=models.PROTECT, related_name="+")
    article = models.ForeignKey("registry.Article", on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(_("status"), max_length=20, choices=ThreadStage.choices, default=ThreadStage.OPEN)
    version = models.PositiveIntegerField(default=1)
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    last_message_at = models.DateTimeField(_("last message at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolution = models.TextField(_("how it was resolved"), max_length=RESOLUTION_MAX, blank=True)

    class Meta:
        ordering = ["phase", "article__instrument__position", "article__number", "opened_at", "pk"]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        constraints = [
            models.CheckConstraint(condition=Q(stage__in=[s.value for s in ThreadStage]), name="thread_stage_known"),
            models.CheckConstraint(condition=Q(stage="open") | Q(closed_at__isnull=False),
                                   name="closed_thread_has_date"),
        ]

    def __str__(self) -> str:
        return f"{self.feedback}"


class Message(models.Model):
    """One message in a thread; a message is never changed or deleted."""

    Side = Side

    thread = models.ForeignKey(Thread, on_delete=models.PROTECT, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    side = models.CharField(_("for"), max_length=20, choices=Side.choices)
    text = models.TextField(_("message"), max_length=MESSAGE_TEXT_MAX)
    posted_at = models.DateTimeField(_("posted at"), auto_now_add=True)

    class Meta:
        ordering = ["thread", "posted_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [
            models.CheckConstraint(condition=Q(side__in=[s.value for s in Side]), name="message_side_known"),
        ]

    def __str__(self) -> str:
        return f"{self.thread} · {self.author}"


class Meeting(models.Model):
    """A meeting of the dialogue, virtual or in Vienna: its date, who took part, and its minutes."""

    Kind = MeetingKind

    phase = models.ForeignKey("reviews.Phase", on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(_("meeting"), max_length=20, choices=MeetingKind.choices)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place or link"), max_length=MEETING_PLACE_MAX, blank=True)
    participants = models.TextField(_("participants"), max_length=PARTICIPANTS_MAX)
    minutes = models.TextField(_("minutes"), max_length=MINUTES_MAX, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("saved at"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["phase", "held_on", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=[k.value for k in MeetingKind]), name="meeting_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{self.phase} · {self.held_on}"
