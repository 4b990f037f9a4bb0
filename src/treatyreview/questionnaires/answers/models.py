"""A phase's questionnaire, its answers, and every saved version of each answer."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from treatyreview.questionnaires.answers.choices import Choice, Stage


class Questionnaire(models.Model):
    """The self-assessment questionnaire of one phase of a country review, under one template version."""

    Stage = Stage

    phase = models.OneToOneField("reviews.Phase", on_delete=models.PROTECT, related_name="questionnaire")
    template_version = models.ForeignKey(
        "questionnaires.TemplateVersion", on_delete=models.PROTECT, related_name="questionnaires"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    class Meta:
        verbose_name = _("self-assessment questionnaire")
        verbose_name_plural = _("self-assessment questionnaires")
        constraints = [
            models.CheckConstraint(
                condition=Q(stage="draft") | Q(submitted_at__isnull=False), name="submitted_questionnaire_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.phase} · {self.template_version}"


class AnswerContent(models.Model):
    """What an answer says; shared by the answer and each of its saved versions."""

    choice = models.CharField(_("answer"), max_length=20, choices=Choice.choices, blank=True)
    text = models.TextField(_("explanation"), blank=True)
    language = models.CharField(_("language of the answer"), max_length=10, blank=True)
    # [{"reference": str, "url": str, "record": int | None}]: the legislation that implements a "yes".
    citations = models.JSONField(_("citations"), default=list, blank=True)
    # [{"body": OtherBody, "reference": str}]: another review body's findings used as a source.
    other_bodies = models.JSONField(_("other review bodies"), default=list, blank=True)
    # [{"label": str, "year": int, "value": int}]: a table of statistics.
    statistics = models.JSONField(_("statistics"), default=list, blank=True)

    class Meta:
        abstract = True

    CONTENT_FIELDS = ("choice", "text", "language", "citations", "other_bodies", "statistics")

    def content(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.CONTENT_FIELDS}


class Answer(AnswerContent):
    """The State's current answer to one question; every save is also kept as an `AnswerRevision`."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="answers")
    question = models.ForeignKey("questionnaires.Question", on_delete=models.PROTECT, related_name="answers")
    # Pre-filled from an earlier phase or cycle, and not yet confirmed by the State.
    carried_over = models.BooleanField(_("carried over"), default=False)
    carried_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("saved at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "question"], name="one_answer_per_question"),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} · {self.question_id}"


class AnswerRevision(AnswerContent):
    """One saved version of an answer, kept for good."""

    answer = models.ForeignKey(Answer, on_delete=models.PROTECT, related_name="revisions")
    version = models.PositiveIntegerField()
    carried_over = models.BooleanField(default=False)
    saved_at = models.DateTimeField(_("saved at"), auto_now_add=True)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["answer", "version"]
        verbose_name = _("saved version of an answer")
        verbose_name_plural = _("saved versions of answers")
        constraints = [models.UniqueConstraint(fields=["answer", "version"], name="one_answer_revision_per_version")]

    def __str__(self) -> str:
        return f"{self.answer} v{self.version}"
