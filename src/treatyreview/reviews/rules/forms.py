"""The form for a new version of the rules, and the names of each rule in the interface language."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from treatyreview.listing import joined
from treatyreview.mechanism.rules import (
    FIELD_NAMES,
    INSTRUMENTS,
    INSTRUMENTS_REVIEW,
    LANGUAGES,
    OUTCOME_MODELS,
    PARTICIPATION_MODELS,
    SECRETARIAT_ROLES,
    SUMMARY_PUBLICATION,
    SUPPLEMENTARY_DRAWS,
)
from treatyreview.pages import BootstrapFormMixin, bootstrap_widget
from treatyreview.registry.labels import LANGUAGE_NAMES
from treatyreview.reviews.draws.labels import INSTRUMENT_NAMES

RULE_LABELS: dict[str, Promise] = {
    "same_group_reviewers": _("Reviewing States from the same regional group"),
    "other_group_reviewers": _("Reviewing States from other regional groups"),
    "max_reviewers_total": _("Most reviewing States in total"),
    "max_reviews_per_reviewer": _("Most reviews per reviewing State"),
    "max_redraws": _("Most redraws a State under review may ask for"),
    "no_mutual_review": _("No mutual reviews"),
    "supplementary_draw": _("Supplementary draws for the Protocols"),
    "year_groups": _("Groups by year"),
    "year_group_start_years": _("Start year of each group"),
    "phases_per_review": _("Phases per review"),
    "phase_duration_months": _("Length of a phase (months)"),
    "cluster_order": _("Order of the clusters"),
    "focal_point_weeks": _("Naming the focal point (weeks)"),
    "experts_weeks": _("Naming the governmental experts (weeks)"),
    "questionnaire_months": _("Answering the self-assessment questionnaire (months)"),
    "feedback_months": _("Written feedback (months)"),
    "instruments_review": _("Instruments reviewed"),
    "languages": _("Languages"),
    "outcome_model": _("Outcome of a review"),
    "secretariat_role": _("Role of the secretariat"),
    "participation_model": _("Participation of stakeholders"),
    "summary_publication": _("Publication of summaries"),
    "reio_review_instruments": _("Instruments for which a regional economic integration organization may review"),
    "capacity_extension_percent": _(
        "Extra time for least developed countries, small island and landlocked developing States (percent of "
        "each stage's time)"
    ),
    "reminder_days_before": _("Reminder before a deadline (days before)"),
    "reminder_days_after": _("Reminder after a missed deadline (days after)"),
}

CHOICE_LABELS: dict[str, dict[str, Promise]] = {
    "instruments_review": {
        "together": _("The Convention and the Protocols together"),
        "in_turn": _("Each instrument in turn"),
    },
    "outcome_model": {
        "list_and_summary": _("List of observations and summary"),
        "report_and_executive_summary": _("Confidential country review report and public executive summary"),
        "public_recommendations": _("One short public report of recommendations"),
    },
    "secretariat_role": {
        "none": _("No role in the conduct of reviews"),
        "assists": _("Assists the States parties"),
        "drafts": _("Drafts the outcome documents"),
    },
    "participation_model": {
        "constructive_dialogues": _("Constructive dialogues after working-group sessions"),
        "marrakech_briefings": _("Briefings (Marrakech model)"),
        "working_group_participation": _("Participation in the working groups"),
    },
    "supplementary_draw": {
        "conditional": _("Reviewers drawn for the Convention, then supplementary draws where needed"),
        "joint": _("Uniform over complete assignments, supplementary reviewers included"),
    },
    "summary_publication": {
        "consent": _("With the consent of the State under review"),
        "always": _("Always"),
        "never": _("Never"),
    },
}
_CHOICE_VALUES = {"instruments_review": INSTRUMENTS_REVIEW, "outcome_model": OUTCOME_MODELS,
                  "secretariat_role": SECRETARIAT_ROLES, "participation_model": PARTICIPATION_MODELS,
                  "summary_publication": SUMMARY_PUBLICATION, "supplementary_draw": SUPPLEMENTARY_DRAWS}
_NUMBER_LISTS = ("year_group_start_years", "cluster_order")


def rule_value_display(name: str, value: Any) -> str:
    """A rules value as a reader would say it."""
    if name in CHOICE_LABELS:
        return str(CHOICE_LABELS[name].get(value, value))
    if name == "languages":
        return joined(LANGUAGE_NAMES.get(code, code) for code in value)
    if name == "reio_review_instruments":
        return joined(INSTRUMENT_NAMES.get(code, code) for code in value) or _g("None")
    if isinstance(value, bool):
        return _g("Yes") if value else _g("No")
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


class NumberListField(forms.CharField):
    """Whole numbers separated by commas, e.g. "2020, 2021, 2022"."""

    def to_python(self, value: Any) -> list[int]:  # type: ignore[override]
        text = super().to_python(value) or ""
        try:
            return [int(part) for part in text.replace(";", ",").split(",") if part.strip()]
        except ValueError as error:
            raise forms.ValidationError(_("Write whole numbers separated by commas, e.g. 1, 4, 2, 3.")) from error

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(str(v) for v in value) if isinstance(value, list | tuple) else value


class InstrumentCodesField(forms.CharField):
    """Instrument codes separated by commas, e.g. "TIP, FIREARMS"; empty for none."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(help_text=_("Codes separated by commas, among %(codes)s; empty for none.")
                         % {"codes": ", ".join(INSTRUMENTS)}, **kwargs)

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        codes = [part.strip().upper() for part in text.replace(";", ",").split(",") if part.strip()]
        unknown = [code for code in codes if code not in INSTRUMENTS]
        if unknown:
            raise forms.ValidationError(_("Unknown instrument codes: %(codes)s.") % {"codes": ", ".join(unknown)})
        return codes

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(str(v) for v in value) if isinstance(value, list | tuple) else value


class RulesVersionForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason for this version"), widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("For example the decision of the Conference that changes the rules."))
    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, current_values: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rule_fields: dict[str, forms.Field] = {}
        for name in FIELD_NAMES:
            label: Any = RULE_LABELS.get(name, name)
            value = current_values.get(name)
            field: forms.Field
            if name in _CHOICE_VALUES:
                field = forms.ChoiceField(label=label, choices=[
                    (choice, CHOICE_LABELS[name].get(choice, choice)) for choice in _CHOICE_VALUES[name]])
            elif name == "languages":
                field = forms.MultipleChoiceField(label=label, widget=forms.CheckboxSelectMultiple,
                                                  choices=[(code, LANGUAGE_NAMES[code]) for code in LANGUAGES])
            elif name == "reio_review_instruments":
                field = InstrumentCodesField(label=label, required=False)
            elif name in _NUMBER_LISTS:
                field = NumberListField(label=label)
            elif isinstance(value, bool):
                field = forms.BooleanField(label=label, required=False)
            else:
                field = forms.IntegerField(label=label)
            rule_fields[name] = bootstrap_widget(field)
        # The rules first, in the order of the record; the reason last.
        self.fields = {**rule_fields, "reason": self.fields["reason"],
                       "expected_version": self.fields["expected_version"]}

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in FIELD_NAMES}
