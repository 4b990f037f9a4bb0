"""The models of the publishing app: the working language of a review, the outcome documents of a phase and
their versions per language, the Word templates, and consent to publication."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from treatyreview.publishing.choices import (
    NOTE_MAX,
    PAGES_MAX,
    PUBLIC,
    REASON_MAX,
    WORDS_MAX,
    DocumentKind,
    Language,
    LanguageDecision,
    VersionStatus,
)

__all__ = ["Consent", "Document", "DocumentTemplate", "DocumentVersion", "WorkingLanguage"]


class WorkingLanguage(models.Model):
    """The working language(s) of a review: proposed by the platform, confirmed or overridden by the secretariat."""

    Decision = LanguageDecision

    review = models.OneToOneField("reviews.CountryReview", on_delete=models.PROTECT, related_name="working_language")
    proposed = models.JSONField(_("proposed languages"), default=list)
    languages = models.JSONField(_("working languages"), default=list)
    decision = models.CharField(_("decision"), max_length=20, choices=LanguageDecision.choices,
                                default=LanguageDecision.PROPOSED)
    reason = models.TextField(_("reason"), max_length=REASON_MAX, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("working language of a review")
        verbose_name_plural = _("working languages of reviews")
        constraints = [
            models.CheckConstraint(condition=~Q(decision="overridden") | Q(reason__gt=""),
                                   name="working_language_override_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.review}: {', '.join(self.languages)}"


class Document(models.Model):
    """One outcome document of a phase (its kind follows the outcome model of the review's rules)."""

    Kind = DocumentKind

    phase = models.ForeignKey("reviews.Phase", on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    original_language = models.CharField(_("original language"), max_length=2, choices=Language.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["phase", "kind"]
        verbose_name = _("outcome document")
        verbose_name_plural = _("outcome documents")
        constraints = [models.UniqueConstraint(fields=["phase", "kind"], name="one_document_per_phase_kind")]

    def __str__(self) -> str:
        return f"{self.phase} · {self.get_kind_display()}"

    @property
    def may_be_public(self) -> bool:
        return self.kind in PUBLIC


class DocumentVersion(models.Model):
    """A document in one language: its Word file and web page, status, length, the template it came from."""

    Status = VersionStatus

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    status = models.CharField(_("status"), max_length=30, choices=VersionStatus.choices)
    docx = models.BinaryField(_("Word file"), editable=False)
    html = models.TextField(_("web page"), blank=True)
    words = models.PositiveIntegerField(_("words"), default=0, validators=[MaxValueValidator(WORDS_MAX)])
    pages = models.PositiveIntegerField(_("pages"), default=0, validators=[MaxValueValidator(PAGES_MAX)])
    template = models.ForeignKey("publishing.DocumentTemplate", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    note = models.CharField(_("note"), max_length=NOTE_MAX, blank=True)
    generated_at = models.DateTimeField(_("generated at"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["document", "language"]
        verbose_name = _("language version of a document")
        verbose_name_plural = _("language versions of documents")
        constraints = [
            models.UniqueConstraint(fields=["document", "language"], name="one_version_per_document_language"),
            models.CheckConstraint(condition=Q(words__lte=WORDS_MAX, pages__lte=PAGES_MAX),
                                   name="document_version_length_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.document} ({self.language})"


class DocumentTemplate(models.Model):
    """One version of the Word template of a kind of document in one language; the newest is used."""

    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    number = models.PositiveIntegerField(_("version"))
    file = models.BinaryField(_("Word template"), editable=False)
    note = models.CharField(_("what changed"), max_length=NOTE_MAX, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "language", "-number"]
        verbose_name = _("Word template")
        verbose_name_plural = _("Word templates")
        constraints = [
            models.UniqueConstraint(fields=["kind", "language", "number"], name="one_template_per_number"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.language}) v{self.number}"


class Consent(models.Model):
    """The State under review's consent to publish a document: which languages, from when; withdrawable until
    the document is published. A withdrawn consent stays on record; a new one may be given later."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="consents")
    languages = models.JSONField(_("languages"))
    effective_from = models.DateField(_("public from"))
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    given_at = models.DateTimeField(_("given at"), auto_now_add=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for the withdrawal"), max_length=REASON_MAX, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["document", "-given_at", "-pk"]
        verbose_name = _("consent to publication")
        verbose_name_plural = _("consents to publication")
        constraints = [
            models.CheckConstraint(condition=Q(withdrawn_at__isnull=True) | Q(published_at__isnull=True),
                                   name="consent_withdrawn_only_before_publication"),
            models.UniqueConstraint(fields=["document"], condition=Q(withdrawn_at__isnull=True),
                                    name="one_standing_consent_per_document"),
        ]

    def __str__(self) -> str:
        return f"{self.document}: {', '.join(self.languages)} from {self.effective_from}"
