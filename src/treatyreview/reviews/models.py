"""The versioned rules record of the mechanism; cycles and draws build on it."""

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


class Cycle(models.Model):
    """A review cycle: every State party reviewed once on every cluster, under one version of the rules."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    rules = models.ForeignKey(MechanismRules, on_delete=models.PROTECT, related_name="cycles")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("review cycle")
        verbose_name_plural = _("review cycles")

    def __str__(self) -> str:
        return self.name


class YearGroup(models.Model):
    """States parties that start their reviews in the same year, split by lot."""

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="year_groups")
    number = models.PositiveSmallIntegerField(_("group"))
    start_year = models.PositiveSmallIntegerField(_("start year"))
    states = models.ManyToManyField("registry.State", related_name="year_groups", blank=True)

    class Meta:
        ordering = ["cycle", "number"]
        verbose_name = _("year group")
        verbose_name_plural = _("year groups")
        constraints = [models.UniqueConstraint(fields=["cycle", "number"], name="year_group_number_unique")]

    def __str__(self) -> str:
        return f"{self.cycle} · {self.start_year}"


class Unavailability(models.Model):
    """A State that cannot serve as reviewing State in a cycle: it opted out or deferred."""

    class Reason(models.TextChoices):
        OPTED_OUT = "opted_out", _("opted out")
        DEFERRED = "deferred", _("deferred")

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="unavailabilities")
    state = models.ForeignKey("registry.State", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("unavailability")
        verbose_name_plural = _("unavailabilities")
        constraints = [models.UniqueConstraint(fields=["cycle", "state"], name="one_unavailability_per_state")]

    def __str__(self) -> str:
        return f"{self.state} ({self.get_reason_display()})"


class ExcludedPair(models.Model):
    """Two States that are never matched as reviewer and reviewed (either way) in a cycle."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="excluded_pairs")
    first = models.ForeignKey("registry.State", on_delete=models.PROTECT, related_name="+")
    second = models.ForeignKey("registry.State", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("excluded pair")
        verbose_name_plural = _("excluded pairs")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "first", "second"], name="excluded_pair_unique"),
            models.CheckConstraint(condition=~models.Q(first=models.F("second")), name="excluded_pair_distinct"),
        ]

    def __str__(self) -> str:
        return f"{self.first} / {self.second}"


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

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="draws")
    year_group = models.ForeignKey(YearGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="draws")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PREPARED)
    input = models.JSONField(_("input"))
    input_sha256 = models.CharField(_("input SHA-256"), max_length=64)
    committed_at = models.DateTimeField(_("commitment published"), null=True, blank=True)
    seed = models.TextField(_("seed"), blank=True)
    seed_source = models.TextField(_("where the seed came from"), blank=True)
    record = models.JSONField(_("record"), null=True, blank=True)
    record_sha256 = models.CharField(_("record SHA-256"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("draw")
        verbose_name_plural = _("draws")

    def __str__(self) -> str:
        scope = self.year_group or self.cycle
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
    seed = models.TextField(_("seed"))
    at = models.DateTimeField(_("at"), auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("redraw or decline")
        verbose_name_plural = _("redraws and declines")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.under_review} ({self.slot})"


class CountryReview(models.Model):
    """The review of one State party in one cycle."""

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="reviews")
    state = models.ForeignKey("registry.State", on_delete=models.PROTECT, related_name="reviews")
    year_group = models.ForeignKey(YearGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="reviews")

    class Meta:
        ordering = ["cycle", "state__name"]
        verbose_name = _("country review")
        verbose_name_plural = _("country reviews")
        constraints = [models.UniqueConstraint(fields=["cycle", "state"], name="one_review_per_state_per_cycle")]

    def __str__(self) -> str:
        return f"{self.state} · {self.cycle}"


class ReviewerAssignment(models.Model):
    """A reviewing State drawn for one instrument and one slot of a country review."""

    class Slot(models.TextChoices):
        SAME_GROUP = "same-group", _("same regional group")
        OTHER_GROUP = "other-group", _("other regional group")

    review = models.ForeignKey(CountryReview, on_delete=models.PROTECT, related_name="assignments")
    instrument = models.ForeignKey("registry.Instrument", on_delete=models.PROTECT, related_name="+")
    reviewer = models.ForeignKey("registry.State", on_delete=models.PROTECT, related_name="reviewing")
    slot = models.CharField(_("slot"), max_length=20, choices=Slot.choices)
    draw = models.ForeignKey(Draw, on_delete=models.PROTECT, related_name="assignments")

    class Meta:
        ordering = ["review", "instrument__position", "slot"]
        verbose_name = _("reviewer assignment")
        verbose_name_plural = _("reviewer assignments")
        constraints = [
            models.UniqueConstraint(fields=["review", "instrument", "slot"], name="one_reviewer_per_slot"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} reviews {self.review.state} ({self.instrument.code}, {self.slot})"
