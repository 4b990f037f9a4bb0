"""The list of observations of a phase (one observation per article, suggestions, technical-assistance needs), its
summary, and what is kept of both: every saved version, every comment, every agreement of a focal point and
every follow-up the State under review reports on a suggestion."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from treatyreview.observations.lists.choices import AssistanceType, FollowUpStatus, Stage, Subject

STAGE_VALUES = [stage.value for stage in Stage]


class ObservationList(models.Model):
    """The list of observations of one phase of a country review, drafted jointly per article."""

    Stage = Stage

    phase = models.OneToOneField("reviews.Phase", on_delete=models.PROTECT, related_name="observation_list")
    stage = models.CharField(_("stage"), max_length=30, choices=Stage.choices, default=Stage.DRAFT)
    # Every edit and every step adds one; each number has its `Snapshot`.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("begun at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    final_at = models.DateTimeField(_("final on"), null=True, blank=True)

    class Meta:
        verbose_name = _("list of observations")
        verbose_name_plural = _("lists of observations")
        constraints = [
            models.CheckConstraint(condition=Q(stage__in=STAGE_VALUES), name="observation_list_stage_known"),
            models.CheckConstraint(condition=~Q(stage="final") | Q(final_at__isnull=False),
                                   name="final_observation_list_has_date"),
        ]

    def __str__(self) -> str:
        return str(_("List of observations · %(phase)s") % {"phase": self.phase})


class Observation(models.Model):
    """What the list says about one article: its implementation as the State describes it, successes and good
    practices, and challenges."""

    observation_list = models.ForeignKey(ObservationList, on_delete=models.PROTECT, related_name="observations")
    article = models.ForeignKey("registry.Article", on_delete=models.PROTECT, related_name="+")
    implementation = models.TextField(_("implementation as the State describes it"), blank=True)
    successes = models.TextField(_("successes and good practices"), blank=True)
    challenges = models.TextField(_("challenges"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("saved at"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(fields=["observation_list", "article"], name="one_observation_per_article"),
        ]

    def __str__(self) -> str:
        return f"{self.observation_list_id} · {self.article_id}"


class Recommendation(models.Model):
    """A suggestion of the list on one article, and where the State under review stands with it (its latest
    follow-up; every follow-up is kept as a `FollowUp`)."""

    FollowUpStatus = FollowUpStatus

    observation_list = models.ForeignKey(ObservationList, on_delete=models.PROTECT, related_name="recommendations")
    article = models.ForeignKey("registry.Article", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("suggestion"))
    language = models.CharField(_("language of the suggestion"), max_length=10, blank=True)
    # The analysed words of `text` (knowledge.analysis.terms): what the full-text index over suggestions holds.
    terms = models.TextField(blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    follow_up_status = models.CharField(_("follow-up"), max_length=20, choices=FollowUpStatus.choices,
                                        default=FollowUpStatus.NOT_STARTED)
    follow_up_note = models.TextField(_("note on the follow-up"), blank=True)
    follow_up_on = models.DateField(_("follow-up as of"), null=True, blank=True)
    follow_up_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["observation_list", "article", "pk"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        indexes = [models.Index(fields=["article", "observation_list"])]
        constraints = [
            models.CheckConstraint(condition=Q(follow_up_status__in=[s.value for s in FollowUpStatus]),
                                   name="recommendation_follow_up_known"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class FollowUp(models.Model):
    """One follow-up the State under review reported on a suggestion, kept for good."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.PROTECT, related_name="follow_ups")
    status = models.CharField(_("follow-up"), max_length=20, choices=FollowUpStatus.choices)
    note = models.TextField(_("note"), blank=True)
    on = models.DateField(_("as of"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["recommendation", "recorded_at", "pk"]
        verbose_name = _("follow-up of a suggestion")
        verbose_name_plural = _("follow-ups of suggestions")

    def __str__(self) -> str:
        return f"{self.recommendation_id} · {self.status} · {self.on}"


class AssistanceNeed(models.Model):
    """A technical-assistance need the list records on one article."""

    AssistanceType = AssistanceType

    observation_list = models.ForeignKey(ObservationList, on_delete=models.PROTECT, related_name="needs")
    article = models.ForeignKey("registry.Article", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("type of assistance"), max_length=30, choices=AssistanceType.choices)
    description = models.TextField(_("description"), blank=True)
    already_received = models.BooleanField(_("assistance already received"), default=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["observation_list", "article", "pk"]
        verbose_name = _("technical assistance need")
        verbose_name_plural = _("technical assistance needs")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=[kind.value for kind in AssistanceType]),
                                   name="assistance_need_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} · {self.kind}"


class Summary(models.Model):
    """The summary of a phase's list of observations: a first draft assembled from the list, then agreed."""

    Stage = Stage

    phase = models.OneToOneField("reviews.Phase", on_delete=models.PROTECT, related_name="summary")
    stage = models.CharField(_("stage"), max_length=30, choices=Stage.choices, default=Stage.DRAFT)
    introduction = models.TextField(_("introduction"), blank=True)
    successes = models.TextField(_("successes and good practices"), blank=True)
    challenges = models.TextField(_("challenges"), blank=True)
    assistance_needs = models.TextField(_("technical assistance needs"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("begun at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("saved at"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    final_at = models.DateTimeField(_("final on"), null=True, blank=True)

    class Meta:
        verbose_name = _("summary")
        verbose_name_plural = _("summaries")
        constraints = [
            models.CheckConstraint(condition=Q(stage__in=STAGE_VALUES), name="summary_stage_known"),
            models.CheckConstraint(condition=~Q(stage="final") | Q(final_at__isnull=False),
                                   name="final_summary_has_date"),
        ]

    def __str__(self) -> str:
        return str(_("Summary · %(phase)s") % {"phase": self.phase})


class Snapshot(models.Model):
    """The whole of a list of observations (or a summary) as it stood at one version, kept for good so that
    any two versions can be compared."""

    phase = models.ForeignKey("reviews.Phase", on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(max_length=10, choices=Subject.choices)
    version = models.PositiveIntegerField()
    stage = models.CharField(_("stage"), max_length=30, choices=Stage.choices)
    # list: {"observations": {article_id: {field: text}}, "suggestions": [...], "needs": [...]};
    # summary: {field: text}. See `snapshots.list_content` and `snapshots.summary_content`.
    content = models.JSONField(default=dict)
    saved_at = models.DateTimeField(_("saved at"), auto_now_add=True)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["phase", "subject", "version"]
        verbose_name = _("saved version")
        verbose_name_plural = _("saved versions")
        constraints = [
            models.UniqueConstraint(fields=["phase", "subject", "version"], name="one_snapshot_per_version"),
        ]

    def __str__(self) -> str:
        return f"{self.phase_id} {self.subject} v{self.version}"


class Comment(models.Model):
    """A comment on a list of observations (on one of its articles, or on the whole) or on a summary."""

    phase = models.ForeignKey("reviews.Phase", on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(max_length=10, choices=Subject.choices)
    article = models.ForeignKey("registry.Article", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    text = models.TextField(_("comment"))
    # The version of the list (or summary) the author was reading.
    version = models.PositiveIntegerField()
    written_at = models.DateTimeField(_("written at"), auto_now_add=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["phase", "subject", "written_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:80]


class Agreement(models.Model):
    """A focal point's agreement to a list of observations (or a summary) at one version: that of a reviewing
    State, or of the State under review. A step moves the list on once every State it needs has agreed."""

    phase = models.ForeignKey("reviews.Phase", on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(max_length=10, choices=Subject.choices)
    step = models.CharField(max_length=30)
    state = models.ForeignKey("registry.State", on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField()
    agreed_at = models.DateTimeField(_("agreed at"), auto_now_add=True)
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["phase", "subject", "agreed_at", "pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.UniqueConstraint(fields=["phase", "subject", "step", "state", "version"],
                                    name="one_agreement_per_state_and_version"),
        ]

    def __str__(self) -> str:
        return f"{self.phase_id} {self.subject} {self.step} {self.state_id} v{self.version}"
