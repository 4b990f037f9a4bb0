"""Forms of the registry pages: filtering the States, and the secretariat's corrections."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from treatyreview.accounts.models import Nomination, Role
from treatyreview.pages import BootstrapFormMixin
from treatyreview.registry import labels
from treatyreview.registry.choices import InstrumentCode
from treatyreview.registry.loading import CONSENT_TYPES
from treatyreview.registry.models import (
    Cluster,
    GovernmentalExpert,
    Participation,
    ParticipationStatus,
    State,
)
from treatyreview.registry.services import PARTICIPATION_FIELDS

MAX_CSV_BYTES = 5 * 1024 * 1024
_EXPECTED_SALT = "treatyreview.registry.participation"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class StateFilterForm(BootstrapFormMixin, forms.Form):
    group = forms.ChoiceField(label=_("Regional group"), required=False)
    instrument = forms.ChoiceField(label=_("Instrument"), required=False)
    status = forms.ChoiceField(label=_("Standing under the instrument"), required=False,
                               choices=ParticipationStatus.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [  # type: ignore[attr-defined]
            ("", _("All regional groups")), *labels.regional_group_choices(), ("none", _("No regional group")),
        ]
        self.fields["instrument"].choices = [  # type: ignore[attr-defined]
            ("", _("Any instrument")), *InstrumentCode.choices,
        ]


def participation_expected(participation: Participation) -> str:
    """The values shown in the form, signed so the browser carries them back unchanged."""
    snapshot = {name: getattr(participation, name) for name in PARTICIPATION_FIELDS}
    return signing.dumps({k: v.isoformat() if isinstance(v, dt.date) else v for k, v in snapshot.items()},
                         salt=_EXPECTED_SALT)


class ParticipationForm(BootstrapFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ParticipationStatus.choices)
    signature_date = forms.DateField(label=_("Date of signature"), required=False, widget=DateInput())
    consent_date = forms.DateField(
        label=_("Date of ratification, acceptance, approval, accession or succession"), required=False,
        widget=DateInput())
    consent_type = forms.ChoiceField(label=_("Type of consent"), required=False,
                                     choices=[("", _("Not stated")), *[(t, labels.CONSENT_TYPE_NAMES[t])
                                                                       for t in CONSENT_TYPES]])
    declarations = forms.CharField(label=_("Reservations and declarations"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 3}))
    source = forms.CharField(label=_("Source of the correction"), max_length=500,
                             help_text=_("For example the depositary notification (C.N. number) and its date."))
    expected = forms.CharField(widget=forms.HiddenInput)

    @classmethod
    def for_participation(cls, participation: Participation) -> ParticipationForm:
        initial = {name: getattr(participation, name) for name in PARTICIPATION_FIELDS if name != "sources"}
        return cls(initial={**initial, "expected": participation_expected(participation)})

    def clean_declarations(self) -> str:
        # Browsers send line breaks as CRLF; the registry stores plain newlines.
        return self.cleaned_data["declarations"].replace("\r\n", "\n")

    def clean_expected(self) -> dict[str, Any]:
        try:
            return signing.loads(self.cleaned_data["expected"], salt=_EXPECTED_SALT)
        except signing.BadSignature as error:
            raise forms.ValidationError(_("The form was altered; reload the page and try again.")) from error

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name]
                for name in ("status", "signature_date", "consent_date", "consent_type", "declarations")}


class ArticleClusterForm(BootstrapFormMixin, forms.Form):
    cluster = forms.TypedChoiceField(
        label=_("Cluster"), required=False, coerce=int, empty_value=None,
        choices=[("", _("Cluster not yet established")), *Cluster.choices])
    source = forms.CharField(label=_("Source"), max_length=500,
                             help_text=_("For example the appendix to the procedures and rules."))
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class ParticipationImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=_("Participation list (CSV, UTF-8)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        try:
            self.text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                _("The file is not UTF-8 text (byte %(position)s). Save it as “CSV UTF-8” and try again."),
                params={"position": error.start}) from error
        return upload


class ExpertForm(BootstrapFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    expertise = forms.CharField(label=_("Field of expertise"), max_length=300)
    languages = forms.MultipleChoiceField(label=_("Languages"), widget=forms.CheckboxSelectMultiple,
                                          choices=list(labels.LANGUAGE_NAMES.items()))
    affiliation = forms.ChoiceField(label=_("Affiliation"), choices=GovernmentalExpert.Affiliation.choices)
    nomination = forms.ModelChoiceField(label=_("Nomination (note verbale)"), required=False,
                                        queryset=Nomination.objects.none(), empty_label=_("Not recorded"))
    active = forms.BooleanField(label=_("On the list of governmental experts"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, state: State, expert: GovernmentalExpert | None = None, **kwargs: Any) -> None:
        if expert is not None:
            kwargs.setdefault("initial", {
                "full_name": expert.full_name, "email": expert.email, "expertise": expert.expertise,
                "languages": expert.languages, "affiliation": expert.affiliation, "active": expert.active,
                "version": expert.version,
            })
        super().__init__(*args, **kwargs)
        if expert is None:
            del self.fields["active"], self.fields["version"]
            self.fields["nomination"].queryset = (  # type: ignore[attr-defined]
                Nomination.objects.filter(state=state, role=Role.EXPERT)
            )
        else:
            # The nomination an entry came from is part of its history; it is not edited here.
            del self.fields["nomination"]

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name]
                for name in ("full_name", "email", "expertise", "languages", "affiliation", "active")}


class NominationForm(BootstrapFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Nominated as"),
                             choices=[(Role.FOCAL_POINT, Role.FOCAL_POINT.label), (Role.EXPERT, Role.EXPERT.label)])
    person_name = forms.CharField(label=_("Person nominated"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    note_verbale_ref = forms.CharField(label=_("Note verbale reference"), max_length=100)
    note_verbale_date = forms.DateField(label=_("Note verbale date"), widget=DateInput())
