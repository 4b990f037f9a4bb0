"""Questionnaire templates, their versions and their questions; a published version never changes again."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from treatyreview.questionnaires.saq.choices import (
    CODE_MAX,
    CONDITION_MAX,
    NAME_MAX,
    NOTE_MAX,
    PARAGRAPH_MAX,
    FollowUpCondition,
    QuestionType,
    VersionStatus,
)


def text_in(texts: dict[str, str], language: str | None = None) -> tuple[str, str]:
    """The text in a UN language, else the English one: (text, lang) where lang is "en" when English stands in."""
    language = (language or get_language() or "en").split("-")[0].lower()
    if texts.get(language):
        return texts[language], ""
    return texts.get("en", ""), ("" if language == "en" else "en")


class QuestionnaireTemplate(models.Model):
    """A questionnaire the secretariat maintains (e.g. the self-assessment questionnaire of the Convention)."""

    name = models.SlugField(_("name"), max_length=NAME_MAX, unique=True, help_text=_("e.g. untoc-saq"))
    title = models.JSONField(_("title"), default=dict, help_text=_("The title in each UN language."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("questionnaire template")
        verbose_name_plural = _("questionnaire templates")
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="template_name_not_empty")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("template_detail", args=[self.name])

    def title_in(self, language: str | None = None) -> str:
        return text_in(self.title, language)[0] or self.name


class TemplateVersion(models.Model):
    """One version of a template: a draft the secretariat edits, then published (and frozen), or withdrawn.

    `revision` counts the edits of a draft, so that a stale form or a publication of something other than
    what the publisher read is refused.
    """

    template = models.ForeignKey(QuestionnaireTemplate, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    note = models.CharField(_("note"), max_length=NOTE_MAX, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["template__name", "-number"]
        verbose_name = _("template version")
        verbose_name_plural = _("template versions")
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="template_version_number_unique"),
            models.UniqueConstraint(
                fields=["template"], condition=Q(status="draft"), name="one_draft_per_template"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="template_version_number_positive"),
            models.CheckConstraint(
                condition=Q(status__in=VersionStatus.values), name="template_version_status_known"
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="published_version_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template.name} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("template_version", args=[self.template.name, self.number])

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED


class Question(models.Model):
    """One question of a template version, on one article (and paragraph) of one instrument.

    A follow-up (`parent` set) is asked under its parent when the parent's answer meets `condition`.
    `code` is the question's `id` in the workbook; `text` and `guidance` map UN language codes to texts.
    """

    version = models.ForeignKey(TemplateVersion, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(_("identifier"), max_length=CODE_MAX)
    instrument = models.ForeignKey("registry.Instrument", on_delete=models.PROTECT, related_name="+")
    article = models.ForeignKey("registry.Article", on_delete=models.PROTECT, related_name="+")
    paragraph = models.CharField(_("paragraph"), max_length=PARAGRAPH_MAX, blank=True)
    type = models.CharField(_("type"), max_length=20, choices=QuestionType.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="follow_ups"
    )
    condition = models.CharField(
        _("condition"), max_length=CONDITION_MAX, choices=FollowUpCondition.choices, blank=True
    )
    position = models.PositiveIntegerField(_("position"))
    text = models.JSONField(_("text"), default=dict)
    guidance = models.JSONField(_("guidance"), default=dict, blank=True)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="question_code_unique_per_version"),
            models.CheckConstraint(condition=~Q(code=""), name="question_code_not_empty"),
            models.CheckConstraint(condition=Q(type__in=QuestionType.values), name="question_type_known"),
            models.CheckConstraint(
                condition=Q(condition__in=FollowUpCondition.values), name="question_condition_known"
            ),
            models.CheckConstraint(
                condition=Q(parent__isnull=False) | Q(condition=""), name="only_follow_ups_have_a_condition"
            ),
            models.CheckConstraint(condition=Q(text__has_key="en"), name="question_text_in_english"),
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.code}"

    def text_in(self, language: str | None = None) -> tuple[str, str]:
        return text_in(self.text, language)

    def guidance_in(self, language: str | None = None) -> tuple[str, str]:
        return text_in(self.guidance, language)

    def snapshot(self) -> dict[str, Any]:
        """What the audit log keeps of a question before and after an edit."""
        return {
            "code": self.code,
            "paragraph": self.paragraph,
            "type": self.type,
            "condition": self.condition,
            "text": self.text,
            "guidance": self.guidance,
        }
