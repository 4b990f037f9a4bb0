"""States parties, regional groups, instruments, articles and who is party to what; unknown is never "no"."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from treatyreview.mechanism.rules import LANGUAGES
from treatyreview.registry.names import ENGLISH, ShownName, shown, un_language


class RegionalGroup(models.Model):
    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("regional group")
        verbose_name_plural = _("regional groups")

    def __str__(self) -> str:
        return self.name


class State(models.Model):
    class Kind(models.TextChoices):
        MEMBER = "member", _("United Nations Member State")
        OBSERVER = "observer", _("Non-member observer State")
        REIO = "reio", _("Regional economic integration organization")
        NON_MEMBER = "non_member", _("Non-member State")

    code = models.CharField(_("code"), max_length=3, unique=True, help_text=_("ISO 3166-1 alpha-3"))
    iso2 = models.CharField(_("ISO alpha-2"), max_length=2, blank=True)
    m49 = models.CharField(_("M49"), max_length=3, blank=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    former_names = models.JSONField(_("former names"), default=list, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    regional_group = models.ForeignKey(
        RegionalGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="states"
    )
    regional_group_note = models.TextField(_("regional group note"), blank=True)
    languages = models.JSONField(_("working languages"), default=list, blank=True)
    languages_basis = models.CharField(_("basis of working languages"), max_length=30, blank=True)
    least_developed = models.BooleanField(_("least developed country"), null=True, blank=True)
    small_island = models.BooleanField(_("small island developing State"), null=True, blank=True)
    landlocked = models.BooleanField(_("landlocked developing country"), null=True, blank=True)
    capacity_source = models.TextField(_("source of capacity flags"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("State")
        verbose_name_plural = _("States")
        constraints = [
            # Only a regional economic integration organization or a non-member may stand outside the groups.
            models.CheckConstraint(
                condition=Q(regional_group__isnull=False) | ~Q(kind="member") | Q(regional_group_note__gt=""),
                name="member_state_has_group_or_note",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("state_detail", args=[self.code])

    @property
    def is_reio(self) -> bool:
        return self.kind == self.Kind.REIO

    def name_in(self, language: str | None = None) -> ShownName:
        """The short name in a UN language (the active one by default), else the English marked as English.

        Reads `names` from a prefetch when there is one, so a list of States costs one query for all names.
        """
        language = un_language(language)
        sourced = next((n.short_name for n in self.names.all() if n.language == language), "")
        return shown(sourced, self.name, language)

    def formal_name_in(self, language: str | None = None) -> ShownName:
        """The formal name in a UN language, else the English formal name marked as English; empty where neither is
        sourced (the European Union, Türkiye)."""
        language = un_language(language)
        formal = {n.language: n.formal_name for n in self.names.all()}
        if not formal.get(language) and not formal.get(ENGLISH):
            return ShownName("")
        return shown(formal.get(language, ""), formal.get(ENGLISH, ""), language)


class StateName(models.Model):
    """A State's short and formal name in one UN language, as its source gives it; a missing name shows English."""

    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="names")
    language = models.CharField(_("language"), max_length=2, choices=[(code, code) for code in LANGUAGES])
    short_name = models.CharField(_("short name"), max_length=200, blank=True)
    formal_name = models.CharField(_("formal name"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=100, blank=True)

    class Meta:
        ordering = ["state__name", "language"]
        verbose_name = _("name of a State")
        verbose_name_plural = _("names of States")
        constraints = [
            models.UniqueConstraint(fields=["state", "language"], name="one_name_per_state_language"),
        ]

    def __str__(self) -> str:
        return f"{self.state.code} ({self.language}): {self.short_name}"


class Instrument(models.Model):
    code = models.CharField(_("code"), max_length=10, unique=True)
    short_name = models.CharField(_("short name"), max_length=100)
    full_title = models.TextField(_("full title"))
    adoption_date = models.DateField(_("adopted"), null=True, blank=True)
    adopted_by = models.CharField(_("adopted by"), max_length=200, blank=True)
    entry_into_force_date = models.DateField(_("entry into force"), null=True, blank=True)
    untc_ref = models.CharField(_("UNTC reference"), max_length=20, blank=True)
    unts_citation = models.CharField(_("UNTS citation"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self) -> str:
        return self.short_name

    def title_in(self, language: str | None = None) -> ShownName:
        """The full title in a UN language where a source gives it, else the English title marked as English."""
        language = un_language(language)
        sourced = next((t.full_title for t in self.titles.all() if t.language == language), "")
        return shown(sourced, self.full_title, language)


class InstrumentTitle(models.Model):
    """The full title of the Convention or a Protocol in one UN language other than English, as its source gives it."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="titles")
    language = models.CharField(_("language"), max_length=2, choices=[(code, code) for code in LANGUAGES])
    full_title = models.TextField(_("full title"), max_length=400)
    source = models.CharField(_("source"), max_length=100)

    class Meta:
        ordering = ["instrument__position", "language"]
        verbose_name = _("title of an instrument")
        verbose_name_plural = _("titles of instruments")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "language"], name="one_title_per_instrument_language"),
        ]

    def __str__(self) -> str:
        return f"{self.instrument.code} ({self.language}): {self.full_title}"


class Cluster(models.IntegerChoices):
    CRIMINALIZATION = 1, _("Criminalization and jurisdiction")
    PREVENTION = 2, _("Prevention, technical assistance, protection measures and other measures")
    LAW_ENFORCEMENT = 3, _("Law enforcement and judicial system")
    COOPERATION = 4, _("International cooperation, mutual legal assistance and confiscation")


class Article(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="articles")
    number = models.PositiveSmallIntegerField(_("article"))
    title = models.CharField(_("title"), max_length=300)
    cluster = models.PositiveSmallIntegerField(_("cluster"), choices=Cluster.choices, null=True, blank=True)
    cluster_source = models.TextField(_("source of cluster"), blank=True)
    # A cluster the sources do not establish, filled in for the demo: every page showing it says so.
    cluster_provisional = models.BooleanField(_("provisional cluster"), default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["instrument__position", "number"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "number"], name="article_number_unique_per_instrument"),
            models.CheckConstraint(
                condition=Q(cluster__isnull=True) | Q(cluster__gte=1, cluster__lte=4), name="cluster_is_one_to_four"
            ),
            models.CheckConstraint(
                condition=Q(cluster_provisional=False) | Q(cluster__isnull=False), name="provisional_cluster_is_set"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument.code} art. {self.number}"

    def title_in(self, language: str | None = None) -> ShownName:
        """The heading in a UN language where a source gives it, else the English heading marked as English."""
        language = un_language(language)
        sourced = next((t.title for t in self.titles.all() if t.language == language), "")
        return shown(sourced, self.title, language)


class ArticleTitle(models.Model):
    """An article's heading in one UN language other than English, as its source prints it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="titles")
    language = models.CharField(_("language"), max_length=2, choices=[(code, code) for code in LANGUAGES])
    title = models.CharField(_("title"), max_length=300)
    source = models.CharField(_("source"), max_length=100)

    class Meta:
        ordering = ["article__instrument__position", "article__number", "language"]
        verbose_name = _("title of an article")
        verbose_name_plural = _("titles of articles")
        constraints = [
            models.UniqueConstraint(fields=["article", "language"], name="one_title_per_article_language"),
        ]

    def __str__(self) -> str:
        return f"{self.article} ({self.language}): {self.title}"


class ParticipationStatus(models.TextChoices):
    PARTY = "party", _("Party")
    SIGNATORY = "signatory", _("Signatory")
    NONE = "none", _("Neither signatory nor party")
    UNKNOWN = "unknown", _("Not established")


class Participation(models.Model):
    """A State's standing under one instrument; UNKNOWN means the sources are silent, never "not party"."""

    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="participations")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="participations")
    status = models.CharField(
        _("status"), max_length=10, choices=ParticipationStatus.choices, default=ParticipationStatus.UNKNOWN
    )
    signature_date = models.DateField(_("signature"), null=True, blank=True)
    consent_date = models.DateField(
        _("ratification, acceptance, approval, accession or succession"), null=True, blank=True
    )
    consent_type = models.CharField(_("type of consent"), max_length=20, blank=True)
    declarations = models.TextField(_("reservations and declarations"), blank=True)
    sources = models.TextField(_("sources"), blank=True)

    class Meta:
        ordering = ["state__name", "instrument__position"]
        verbose_name = _("participation")
        verbose_name_plural = _("participation")
        constraints = [
            models.UniqueConstraint(fields=["state", "instrument"], name="one_participation_per_state_instrument"),
            models.CheckConstraint(
                condition=Q(status__in=["party", "signatory", "none", "unknown"]),
                name="participation_status_known_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state} · {self.instrument.code}: {self.get_status_display()}"


class Competence(models.Model):
    """An article within the competence of a regional economic integration organization, per its declaration."""

    state = models.ForeignKey(
        State, on_delete=models.CASCADE, related_name="competences", limit_choices_to={"kind": State.Kind.REIO}
    )
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="competences")
    source = models.TextField(_("source"))

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        constraints = [models.UniqueConstraint(fields=["state", "article"], name="one_competence_per_article")]

    def __str__(self) -> str:
        return f"{self.state.code}: {self.article}"


class GovernmentalExpert(models.Model):
    """A person on a State's list of governmental experts, kept by the secretariat."""

    class Affiliation(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        ACADEMIA = "academia", _("Academia")
        OTHER = "other", _("Other")

    class Kind(models.TextChoices):
        EXPERT = "expert", _("Governmental expert")
        OBSERVER = "observer", _("Observer")

    class Status(models.TextChoices):
        """A focal point proposes; the secretariat confirms against the note verbale, or declines."""

        PROPOSED = "proposed", _("Proposed by the focal point, awaiting the note verbale")
        CONFIRMED = "confirmed", _("Confirmed by note verbale")
        DECLINED = "declined", _("Declined")

    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="experts")
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    expertise = models.CharField(_("field of expertise"), max_length=300)
    languages = models.JSONField(_("languages"), default=list)
    affiliation = models.CharField(
        _("affiliation"), max_length=20, choices=Affiliation.choices, default=Affiliation.GOVERNMENT
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="expert_profile"
    )
    nomination = models.ForeignKey(
        "accounts.Nomination", on_delete=models.PROTECT, null=True, blank=True, related_name="experts"
    )
    active = models.BooleanField(_("on the list"), default=True)
    kind = models.CharField(_("taking part as"), max_length=10, choices=Kind.choices, default=Kind.EXPERT)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("note on the decision"), max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["state__name", "full_name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(proposed_by__isnull=True) | Q(nomination__isnull=False),
                name="confirmed_proposal_names_its_note_verbale",
            ),
        ]
        verbose_name = _("governmental expert")
        verbose_name_plural = _("governmental experts")

    def __str__(self) -> str:
        return f"{self.full_name} ({self.state.code})"
