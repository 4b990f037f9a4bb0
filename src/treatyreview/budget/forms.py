"""Forms of the costing pages: a new scenario, the inputs of a scenario with their sources, a scenario file."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from treatyreview.budget.inputs import InputGroup, field_name, input_groups, value_at, with_values
from treatyreview.budget.labels import PRESET_LABELS
from treatyreview.budget.models import NAME_LENGTH, REASON_LENGTH
from treatyreview.mechanism.costs import PRESET_NAMES
from treatyreview.mechanism.costs.scenario import SOURCE_LENGTH
from treatyreview.pages import BootstrapFormMixin, bootstrap_widget

FILE_LIMIT = 512 * 1024


def _read_json_file(upload: Any) -> dict[str, Any]:
    if upload.size > FILE_LIMIT:
        raise forms.ValidationError(_("The file is larger than 512 KB; a scenario file is much smaller."))
    try:
        data = json.loads(upload.read().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise forms.ValidationError(
            _("The file is not a JSON scenario file: %(problem)s") % {"problem": str(error)}) from error
    if not isinstance(data, dict):
        raise forms.ValidationError(_("The file is not a JSON scenario file: it must hold one object."))
    return data


class ScenarioCreateForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=NAME_LENGTH)
    preset = forms.ChoiceField(label=_("Start from"), widget=forms.RadioSelect, required=False)
    file = forms.FileField(label=_("or a scenario file (JSON)"), required=False,
                           help_text=_("Written by “treatyreview estimate --export-scenario” or the export of a "
                                       "scenario; it replaces the choice above."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["preset"].choices = [  # type: ignore[attr-defined]
            (name, PRESET_LABELS[name]) for name in PRESET_NAMES]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("file")
        cleaned["data"] = _read_json_file(upload) if upload else None
        if upload is None and not cleaned.get("preset"):
            self.add_error("preset", _("Choose a shipped scenario to start from, or give a scenario file."))
        return cleaned


class ScenarioFileForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=_("Scenario file (JSON)"))
    reason = forms.CharField(label=_("Reason for this version"), max_length=REASON_LENGTH)
    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_file(self) -> dict[str, Any]:
        return _read_json_file(self.cleaned_data["file"])


class ScenarioForm(BootstrapFormMixin, forms.Form):
    """Every input the page shows, grouped; each group with the source and date of its values."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason for this version"), max_length=REASON_LENGTH,
                             help_text=_("Kept with the version, e.g. “rates of 2027 from the conference services”."))

    def __init__(self, *args: Any, data_now: dict[str, Any], **kwargs: Any) -> None:
        self.data_now = data_now
        self.groups: list[InputGroup] = input_groups()
        initial = dict(kwargs.pop("initial", {}) or {})
        sources = data_now.get("sources", {})
        for group in self.groups:
            source = sources.get(group.source_key, {})
            initial[f"source__{field_name(group.source_key)}"] = source.get("text", "")
            initial[f"date__{field_name(group.source_key)}"] = source.get("date") or None
            initial[f"illustrative__{field_name(group.source_key)}"] = source.get("illustrative", True)
            for spec in group.inputs:
                value = value_at(data_now, spec.path)
                initial[spec.field_name] = ", ".join(str(v) for v in value) if spec.kind == "years" else value
        super().__init__(*args, initial=initial, **kwargs)
        for group in self.groups:
            key = field_name(group.source_key)
            self.fields[f"source__{key}"] = bootstrap_widget(forms.CharField(
                label=_("Source"), max_length=SOURCE_LENGTH, required=False))
            self.fields[f"date__{key}"] = bootstrap_widget(forms.DateField(
                label=_("Date of the source"), required=False, widget=forms.DateInput(attrs={"type": "date"})))
            self.fields[f"illustrative__{key}"] = bootstrap_widget(forms.BooleanField(
                label=_("Illustrative (no published source)"), required=False))
            for spec in group.inputs:
                self.fields[spec.field_name] = bootstrap_widget(self._field(spec))

    @staticmethod
    def _field(spec: Any) -> forms.Field:
        if spec.kind == "decimal":
            return forms.DecimalField(label=spec.label, min_value=Decimal(0), max_digits=20, decimal_places=6,
                                      localize=False)
        if spec.kind == "whole":
            return forms.IntegerField(label=spec.label, min_value=0, max_value=10_000)
        if spec.kind == "choice":
            return forms.ChoiceField(label=spec.label, choices=spec.choices)
        if spec.kind == "languages":
            return forms.MultipleChoiceField(label=spec.label, choices=spec.choices, required=False,
                                             widget=forms.CheckboxSelectMultiple)
        return forms.CharField(label=spec.label, max_length=100,
                               help_text=_("Years separated by commas, e.g. 2020, 2021, 2022"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for group in self.groups:
            for spec in group.inputs:
                if spec.kind == "years" and spec.field_name in cleaned:
                    try:
                        cleaned[spec.field_name] = [int(p) for p in str(cleaned[spec.field_name]).split(",")
                                                    if p.strip()]
                    except ValueError:
                        self.add_error(spec.field_name, _("Write the years as numbers separated by commas."))
        return cleaned

    def group_rows(self) -> list[dict[str, Any]]:
        """For the template: each group with its source fields and its input fields."""
        rows = []
        for group in self.groups:
            key = field_name(group.source_key)
            rows.append({"group": group, "source": self[f"source__{key}"], "date": self[f"date__{key}"],
                         "illustrative": self[f"illustrative__{key}"],
                         "inputs": [self[spec.field_name] for spec in group.inputs]})
        return rows

    def scenario_data(self) -> dict[str, Any]:
        """The scenario's data with the values of the form; inputs the form does not show are kept."""
        values: dict[str, Any] = {}
        for group in self.groups:
            for spec in group.inputs:
                value = self.cleaned_data[spec.field_name]
                values[spec.path] = str(value) if isinstance(value, Decimal) else value
        data = with_values(self.data_now, values)
        data["rules"]["year_groups"] = len(data["rules"]["year_group_start_years"])
        sources = dict(data.get("sources", {}))
        for group in self.groups:
            key = field_name(group.source_key)
            text = self.cleaned_data[f"source__{key}"].strip()
            day: dt.date | None = self.cleaned_data[f"date__{key}"]
            if text:
                sources[group.source_key] = {"text": text, "date": day.isoformat() if day else None,
                                             "illustrative": bool(self.cleaned_data[f"illustrative__{key}"])}
            else:
                sources.pop(group.source_key, None)
        data["sources"] = sources
        return data


class CompareForm(forms.Form):
    scenario = forms.MultipleChoiceField(label=_("Scenarios to compare"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scenario"].choices = choices  # type: ignore[attr-defined]

    def clean_scenario(self) -> list[str]:
        chosen: list[str] = self.cleaned_data["scenario"]
        if not 1 <= len(chosen) <= 4:
            raise forms.ValidationError(_("Choose between one and four scenarios to compare."))
        return chosen
