"""Forms of the draw session; each field's errors come back from the services by name."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from treatyreview.mechanism import lots
from treatyreview.pages import BootstrapFormMixin
from treatyreview.reviews.draws.seeds import DICE_MAX, SEED_MAX, SOURCE_MAX, SeedKind
from treatyreview.reviews.models import Draw, DrawRequest, MechanismRules, Unavailability
from treatyreview.reviews.rules.forms import NumberListField


class VersionedForm(BootstrapFormMixin, forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class CycleForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Name of the cycle"), max_length=100)
    rules = forms.ModelChoiceField(
        label=_("Rules version"),
        queryset=MechanismRules.objects.order_by("preset", "-version"),
        required=False,
        empty_label=_("The current rules"),
    )
    start_years = NumberListField(
        label=_("Start year of each year group"),
        required=False,
        help_text=_("Years separated by commas, e.g. 2020, 2021, 2022; empty for those of the rules version."),
    )


class PrepareForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Draw"), choices=Draw.Kind.choices)
    year_group = forms.IntegerField(label=_("Year group"), required=False, widget=forms.HiddenInput)


class SeedFields(forms.Form):
    """Where the seed comes from and the seed itself; `seeds.seed_check` validates them by kind."""

    seed_kind = forms.ChoiceField(
        label=_("Where the seed comes from"), choices=SeedKind.choices, initial=SeedKind.DICE, widget=forms.RadioSelect
    )
    seed_count = forms.IntegerField(
        label=_("Number of dice"),
        required=False,
        min_value=1,
        max_value=DICE_MAX,
        help_text=_("Dice only: how many dice were rolled (one digit per die)."),
    )
    seed = forms.CharField(
        label=_("Seed"),
        max_length=SEED_MAX,
        help_text=_(
            "Entered only after the commitment is published: the faces of the dice in order (digits 1 to 6), "
            "the beacon's output value, or the lottery numbers in the order drawn."
        ),
    )
    seed_source = forms.CharField(
        label=_("Source"),
        max_length=SOURCE_MAX,
        required=False,
        help_text=_(
            "Who rolled the dice; the beacon and its round; the lottery and the date of its draw; or, for another "
            "source, how anyone can check it."
        ),
    )


class SeedForm(VersionedForm, SeedFields):
    pass


class RequestForm(VersionedForm, SeedFields):
    kind = forms.ChoiceField(label=_("Request"), choices=DrawRequest.Kind.choices)
    under_review = forms.CharField(label=_("State under review"), max_length=3)
    slot = forms.ChoiceField(
        label=_("Slot"),
        choices=[(lots.SAME_GROUP, _("same regional group")), (lots.OTHER_GROUP, _("other regional group"))],
    )
    by = forms.CharField(
        label=_("Declining reviewer"), max_length=3, required=False, help_text=_("Only when a drawn reviewer declines.")
    )


class CancelForm(VersionedForm):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        help_text=_("Published with the attempt, which stays on record with its seed and result."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class UnavailabilityForm(BootstrapFormMixin, forms.Form):
    state = forms.CharField(label=_("State"), max_length=3)
    reason = forms.ChoiceField(label=_("Reason"), choices=Unavailability.Reason.choices)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ExcludedPairForm(BootstrapFormMixin, forms.Form):
    first = forms.CharField(label=_("State"), max_length=3)
    second = forms.CharField(label=_("Other State"), max_length=3)
    reason = forms.CharField(label=_("Reason"), max_length=500)
