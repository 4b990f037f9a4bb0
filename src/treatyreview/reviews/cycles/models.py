"""Review cycles, their year groups, who cannot review in them, and the country reviews with their reviewing States."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from treatyreview.reviews.cycles import choices
from treatyreview.reviews.phases.choices import InstrumentsReview, ReviewStatus

# A phase lasts between one month and ten years: a range that catches typing mistakes, not a policy.
PHASE_MONTHS = (1, 120)
NOTE_VERBALE_REF_MAX = 100
STATUS_REASON_MAX = 1000


class Cycle(models.Model):
    """A review cycle: every State party reviewed once on every cluster, under one version of the rules."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    rules = models.ForeignKey("reviews.MechanismRules", on_delete=models.PROTECT, related_name="cycles")
    # The work plan: the clusters in the order they are reviewed (position 1 first), the length of a phase, and
    # whether the instruments are reviewed together or in turn. Copied from the rules record when the cycle opens.
    cluster_order = models.JSONField(_("order of the clusters"), default=list)
    phase_months = models.PositiveSmallIntegerField(
        _("length of a phase (months)"),
        default=24,
        validators=[MinValueValidator(PHASE_MONTHS[0]), MaxValueValidator(PHASE_MONTHS[1])],
    )
    instruments_review = models.CharField(
        _("instruments reviewed"), max_length=10, choices=InstrumentsReview.choices, default=InstrumentsReview.TOGETHER
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("review cycle")
        verbose_name_plural = _("review cycles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(phase_months__gte=PHASE_MONTHS[0], phase_months__lte=PHASE_MONTHS[1]),
                name="cycle_phase_months_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(instruments_review__in=[choice.value for choice in InstrumentsReview]),
                name="cycle_instruments_review_known",
            ),
        ]

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


class CountryReview(models.Model):
    """The review of one State party in one cycle."""

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="reviews")
    state = models.ForeignKey("registry.State", on_delete=models.PROTECT, related_name="reviews")
    year_group = models.ForeignKey(YearGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="reviews")
    # Opted out (seed para. 17) or deferred, as the State's note verbale says; an opted-out State is neither
    # reviewed nor drawn as reviewing State in the cycle.
    status = models.CharField(_("status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.ACTIVE)
    status_note_verbale_ref = models.CharField(_("note verbale"), max_length=NOTE_VERBALE_REF_MAX, blank=True)
    status_note_verbale_date = models.DateField(_("date of the note verbale"), null=True, blank=True)
    status_reason = models.TextField(_("reason"), max_length=STATUS_REASON_MAX, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["cycle", "state__name"]
        verbose_name = _("country review")
        verbose_name_plural = _("country reviews")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "state"], name="one_review_per_state_per_cycle"),
            models.CheckConstraint(
                condition=models.Q(status__in=[choice.value for choice in ReviewStatus]), name="review_status_known"
            ),
            # Opting out and deferring are recorded from a note verbale: its reference and date are required.
            models.CheckConstraint(
                condition=models.Q(status="active")
                | (~models.Q(status_note_verbale_ref="") & models.Q(status_note_verbale_date__isnull=False)),
                name="review_status_has_note_verbale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state} · {self.cycle}"


class ReviewerAssignment(models.Model):
    """A reviewing State drawn for one instrument and one slot of a country review."""

    Slot = choices.Slot

    review = models.ForeignKey(CountryReview, on_delete=models.PROTECT, related_name="assignments")
    instrument = models.ForeignKey("registry.Instrument", on_delete=models.PROTECT, related_name="+")
    reviewer = models.ForeignKey("registry.State", on_delete=models.PROTECT, related_name="reviewing")
    slot = models.CharField(_("slot"), max_length=20, choices=Slot.choices)
    draw = models.ForeignKey("reviews.Draw", on_delete=models.PROTECT, related_name="assignments")

    class Meta:
        ordering = ["review", "instrument__position", "slot"]
        verbose_name = _("reviewer assignment")
        verbose_name_plural = _("reviewer assignments")
        constraints = [
            models.UniqueConstraint(fields=["review", "instrument", "slot"], name="one_reviewer_per_slot"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} reviews {self.review.state} ({self.instrument.code}, {self.slot})"
