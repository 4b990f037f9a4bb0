"""Costing scenarios: each save is a new version kept in full, with the estimate it gave on the day it was saved."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from treatyreview.mechanism.rules import LANGUAGES
from treatyreview.registry.names import un_language

NAME_LENGTH = 100
DESCRIPTION_LENGTH = 2000
REASON_LENGTH = 500


class Written(str):
    """Text written by a person (a scenario's name): in a template it carries the language it was written in."""

    lang: str

    def __new__(cls, text: str, lang: str = "") -> Written:
        written = super().__new__(cls, text)
        written.lang = lang
        return written

    def __html__(self) -> str:
        text = escape(str(self))
        if not self.lang or self.lang == un_language():
            return text
        return f'<span lang="{self.lang}" dir="auto">{text}</span>'


class Scenario(models.Model):
    """A scenario under its name; `data` is its current inputs (`mechanism.costs.scenario_from_dict` reads them)."""

    name = models.CharField(_("name"), max_length=NAME_LENGTH, unique=True)
    description = models.TextField(_("description"), max_length=DESCRIPTION_LENGTH, blank=True)
    preset = models.CharField(_("started from"), max_length=40, blank=True)
    language = models.CharField(_("language of the name and description"), max_length=2, default="en",
                                choices=[(code, code) for code in LANGUAGES])
    data = models.JSONField(_("inputs"))
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("costing scenario")
        verbose_name_plural = _("costing scenarios")
        constraints = [models.CheckConstraint(condition=models.Q(version__gte=1), name="scenario_version_positive")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("budget_scenario", args=[self.pk])

    @property
    def shown_name(self) -> Written:
        return Written(self.name, self.language)

    @property
    def shown_description(self) -> Written:
        return Written(self.description, self.language)


class ScenarioVersion(models.Model):
    """One saved version of a scenario's inputs, never changed afterwards."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField(_("version"))
    data = models.JSONField(_("inputs"))
    reason = models.CharField(_("reason for this version"), max_length=REASON_LENGTH, blank=True)
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["scenario", "-version"]
        verbose_name = _("version of a scenario")
        verbose_name_plural = _("versions of scenarios")
        constraints = [
            models.UniqueConstraint(fields=["scenario", "version"], name="one_scenario_version_number"),
        ]

    def __str__(self) -> str:
        return f"{self.scenario} v{self.version}"


class Estimate(models.Model):
    """What a version of a scenario gave with the registry as it stood when it was saved."""

    scenario_version = models.OneToOneField(ScenarioVersion, on_delete=models.CASCADE, related_name="estimate")
    result = models.JSONField(_("result"))
    total = models.DecimalField(_("total"), max_digits=20, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    parties = models.PositiveIntegerField(_("States parties counted"))
    computed_at = models.DateTimeField(_("computed at"), auto_now_add=True)

    class Meta:
        ordering = ["-computed_at"]
        verbose_name = _("estimate")
        verbose_name_plural = _("estimates")
        constraints = [models.CheckConstraint(condition=models.Q(total__gte=0), name="estimate_total_not_negative")]

    def __str__(self) -> str:
        return f"{self.scenario_version}: {self.total} {self.currency}"
