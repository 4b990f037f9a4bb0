"""The knowledge library: legislation, case law and strategies, linked to articles and themes, in several languages.

A record is public unless a State submitted it for its own review only. Every change bumps the record's
version and keeps a revision (a snapshot of the record and its texts); the search index is one row per
language version (`SearchDocument`), rebuilt from the records at any time (`treatyreview library reindex`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from treatyreview.mechanism.rules import LANGUAGES

# Lengths of every text a record holds; forms, imports and the API refuse longer ones.
TITLE_MAX = 500
PROVISION_MAX = 200
TEXT_MAX = 20_000
COURT_MAX = 300
PARTIES_MAX = 500
OUTCOME_MAX = 1_000
OFFENCES_MAX = 1_000
LINK_MAX = 500
THEME_NAME_MAX = 150
THEME_CODE_MAX = 60
LANGUAGE_CHOICES = [(code, code) for code in LANGUAGES]


class RecordKind(models.TextChoices):
    LEGISLATION = "legislation", _("Legislation")
    CASE = "case", _("Case law")
    STRATEGY = "strategy", _("Strategy or policy")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    REVIEW = "review", _("Only within the State's own review")


class LegalStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    REPEALED = "repealed", _("Repealed")
    NOT_APPLICABLE = "", _("Not applicable")


class Theme(models.Model):
    """A cross-cutting theme of the thesaurus the secretariat keeps; `names` holds its name in each UN language."""

    code = models.SlugField(_("code"), max_length=THEME_CODE_MAX, unique=True)
    names = models.JSONField(_("names"), default=dict)
    broader = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="narrower",
        verbose_name=_("broader theme"),
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["code"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.names.get("en") or self.code

    def name_in(self, language: str) -> str:
        """The name in a UN language, else the English name (marked as English by the template tag)."""
        return str(self.names.get(language) or self.names.get("en") or self.code)


class LegalRecord(models.Model):
    kind = models.CharField(_("type of record"), max_length=20, choices=RecordKind.choices)
    state = models.ForeignKey(
        "registry.State", on_delete=models.PROTECT, related_name="legal_records", verbose_name=_("country")
    )
    original_language = models.CharField(_("official language"), max_length=2, choices=LANGUAGE_CHOICES)
    date = models.DateField(_("date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=LegalStatus.choices, blank=True)
    official_link = models.URLField(_("official link"), max_length=LINK_MAX, blank=True)
    court = models.CharField(_("court"), max_length=COURT_MAX, blank=True)
    parties = models.CharField(_("parties as published"), max_length=PARTIES_MAX, blank=True)
    outcome = models.CharField(_("outcome"), max_length=OUTCOME_MAX, blank=True)
    offences = models.CharField(_("offences concerned"), max_length=OFFENCES_MAX, blank=True)
    articles = models.ManyToManyField("registry.Article", blank=True, related_name="legal_records",
                                      verbose_name=_("articles"))
    themes = models.ManyToManyField(Theme, blank=True, related_name="records", verbose_name=_("themes"))
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    demo = models.BooleanField(_("demonstration record"), default=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "id"]
        verbose_name = _("library record")
        verbose_name_plural = _("library records")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=RecordKind.values), name="record_kind_known"),
            models.CheckConstraint(condition=Q(visibility__in=Visibility.values), name="record_visibility_known"),
            models.CheckConstraint(condition=Q(status__in=LegalStatus.values), name="record_status_known"),
            models.CheckConstraint(condition=Q(original_language__in=LANGUAGES), name="record_language_known"),
        ]

    def __str__(self) -> str:
        text = next(iter(self.texts.all()), None) if self.pk else None
        return f"{self.state.code}: {text.title if text else self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("knowledge_record", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    def text_in(self, language: str) -> RecordText | None:
        """The version in `language`, else the one in the official language, else any (reads a prefetch)."""
        texts = list(self.texts.all())
        for wanted in (language, self.original_language):
            for text in texts:
                if text.language == wanted:
                    return text
        return texts[0] if texts else None


class RecordText(models.Model):
    """One language version of a record: its title, the provision it quotes, and the text or summary."""

    record = models.ForeignKey(LegalRecord, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    provision = models.CharField(_("provision"), max_length=PROVISION_MAX, blank=True)
    text = models.TextField(_("text, excerpt or summary"), max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["record_id", "language"]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(fields=["record", "language"], name="one_text_per_record_language"),
            models.CheckConstraint(condition=Q(language__in=LANGUAGES), name="text_language_known"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class RecordRevision(models.Model):
    """What a record was after each change: kept for ever, numbered as the record's version."""

    record = models.ForeignKey(LegalRecord, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    snapshot = models.JSONField()

    class Meta:
        ordering = ["record_id", "-version"]
        constraints = [models.UniqueConstraint(fields=["record", "version"], name="one_revision_per_version")]

    def __str__(self) -> str:
        return f"{self.record_id} v{self.version}"


class SearchDocument(models.Model):
    """The search index: one row per language version, its analysed terms and the columns the filters read.

    On SQLite an FTS5 table indexes `title_terms` and `body_terms` (kept in step by triggers); on PostgreSQL
    a GIN index over their `tsvector` does (see the migration). Both hold only what this table holds.
    """

    record = models.ForeignKey(LegalRecord, on_delete=models.CASCADE, related_name="search_documents")
    text = models.OneToOneField(RecordText, on_delete=models.CASCADE, related_name="search_document")
    language = models.CharField(max_length=2)
    kind = models.CharField(max_length=20)
    state = models.ForeignKey("registry.State", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=20, blank=True)
    date = models.DateField(null=True)
    visibility = models.CharField(max_length=10)
    # The codes of the instruments the record's articles belong to, separated by spaces (for the facet).
    instruments = models.CharField(max_length=200, blank=True, default="")
    title_terms = models.TextField()
    body_terms = models.TextField()

    class Meta:
        indexes = [models.Index(fields=["state", "kind"]), models.Index(fields=["record"])]

    def __str__(self) -> str:
        return f"{self.record_id} ({self.language})"
