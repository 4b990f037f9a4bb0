"""Forms of the draw session; each field's errors come back from the services by name."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from treatyreview.mechanism import lots
from treatyreview.pages import BootstrapFormMixin
from treatyreview.reviews.models import Draw, DrawRequest, Unavailability


class VersionedForm(BootstrapFormMixin, forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class CycleForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Name of the cycle"), max_length=100)


class PrepareForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Draw"), choices=Draw.Kind.choices)
    year_group = forms.IntegerField(label=_("Year group"), required=False, widget=forms.HiddenInput)


class SeedForm(VersionedForm):
    seed = forms.CharField(
        label=_("Seed"),
        max_length=200,
        help_text=_("Entered only after the commitment is published, e.g. the dice rolled in the room, in order."),
    )
    seed_source = forms.CharField(
        label=_("Where the seed comes from"), max_length=300, help_text=_("For example: ten dice rolled by the Chair.")
    )


class RequestForm(VersionedForm):
    kind = forms.ChoiceField(label=_("Request"), choices=DrawRequest.Kind.choices)
    under_review = forms.CharField(label=_("State under review"), max_length=3)
    slot = forms.ChoiceField(
        label=_("Slot"),
        choices=[(lots.SAME_GROUP, _("same regional group")), (lots.OTHER_GROUP, _("other regional group"))],
    )
    by = forms.CharField(
        label=_("Declining reviewer"), max_length=3, required=False, help_text=_("Only when a drawn reviewer declines.")
    )
    seed = forms.CharField(label=_("New seed"), max_length=200, help_text=_("Rolled in the room after the request."))


class CancelForm(VersionedForm):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class UnavailabilityForm(BootstrapFormMixin, forms.Form):
    state = forms.CharField(label=_("State"), max_length=3)
    reason = forms.ChoiceField(label=_("Reason"), choices=Unavailability.Reason.choices)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ExcludedPairForm(BootstrapFormMixin, forms.Form):
    first = forms.CharField(label=_("State"), max_length=3)
    second = forms.CharField(label=_("Other State"), max_length=3)
    reason = forms.CharField(label=_("Reason"), max_length=500)
