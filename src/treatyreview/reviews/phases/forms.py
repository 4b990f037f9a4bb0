"""Forms of the schedule pages; each field's errors come back from the services by name."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from treatyreview.pages import BootstrapFormMixin
from treatyreview.reviews.cycles.models import NOTE_VERBALE_REF_MAX, PHASE_MONTHS, STATUS_REASON_MAX
from treatyreview.reviews.phases.choices import InstrumentsReview
from treatyreview.reviews.phases.models import NOTE_MAX, REASON_MAX
from treatyreview.reviews.rules.forms import NumberListField


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class VersionedForm(BootstrapFormMixin, forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class WorkPlanForm(VersionedForm):
    cluster_order = NumberListField(
        label=_("Order of the clusters"),
        help_text=_("Cluster numbers in the order they are reviewed, e.g. 1, 4, 2, 3."),
    )
    phase_months = forms.IntegerField(
        label=_("Length of a phase (months)"), min_value=PHASE_MONTHS[0], max_value=PHASE_MONTHS[1]
    )
    instruments_review = forms.ChoiceField(label=_("Instruments reviewed"), choices=InstrumentsReview.choices)
    start_years = NumberListField(
        label=_("Start year of each year group"), help_text=_("Years separated by commas, e.g. 2020, 2021, 2022.")
    )


class LaunchForm(BootstrapFormMixin, forms.Form):
    on = forms.DateField(
        label=_("Start of the first phase"),
        widget=DateInput(),
        help_text=_("The deadlines of the first phase are counted from this day."),
    )


class StepForm(VersionedForm):
    stage = forms.CharField(widget=forms.HiddenInput, max_length=20)
    on = forms.DateField(label=_("Done on"), widget=DateInput())


class PhaseLaunchForm(VersionedForm):
    on = forms.DateField(label=_("Start of the phase"), widget=DateInput())


class ExtensionRequestForm(BootstrapFormMixin, forms.Form):
    deadline = forms.IntegerField(widget=forms.HiddenInput)
    requested_until = forms.DateField(label=_("More time until"), widget=DateInput())
    reason = forms.CharField(
        label=_("Reason"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"})
    )


class ExtensionDecideForm(BootstrapFormMixin, forms.Form):
    extension = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("grant", _("Grant")), ("refuse", _("Refuse"))], widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note on the decision"),
        max_length=NOTE_MAX,
        required=False,
        help_text=_("Required when refusing."),
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )


class ReviewStatusForm(VersionedForm):
    status = forms.ChoiceField(
        label=_("Record"),
        choices=[
            ("opted_out", _("The State opts out of this cycle")),
            ("deferred", _("The review is deferred")),
            ("active", _("The deferred review resumes")),
        ],
        widget=forms.RadioSelect,
    )
    note_verbale_ref = forms.CharField(
        label=_("Note verbale"),
        max_length=NOTE_VERBALE_REF_MAX,
        required=False,
        help_text=_("Its reference, e.g. NV/2021/17."),
    )
    note_verbale_date = forms.DateField(label=_("Date of the note verbale"), widget=DateInput(), required=False)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=STATUS_REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )
