"""Forms of the library pages: the search with its filters, a record, a language version, a theme, an import."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from treatyreview.knowledge.analysis import QUERY_MAX
from treatyreview.knowledge.models import (
    COURT_MAX,
    LINK_MAX,
    OFFENCES_MAX,
    OUTCOME_MAX,
    PARTIES_MAX,
    PROVISION_MAX,
    TEXT_MAX,
    THEME_CODE_MAX,
    THEME_NAME_MAX,
    TITLE_MAX,
    LegalStatus,
    RecordKind,
    Theme,
    Visibility,
)
from treatyreview.mechanism.rules import LANGUAGES
from treatyreview.pages import BootstrapFormMixin
from treatyreview.registry.choices import InstrumentCode
from treatyreview.registry.labels import LANGUAGE_NAMES
from treatyreview.registry.models import Article, State


def language_choices(blank: Any = None) -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES]
    return [("", blank), *choices] if blank is not None else choices


class StateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: State) -> str:
        return str(obj.name_in())


class ArticleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Article) -> str:
        # An option cannot say that its text is in English: the heading is shown only where it is sourced in
        # the reader's language.
        heading = obj.title_in()
        label = f"{InstrumentCode(obj.instrument.code).label}, {_('art.')} {obj.number}"
        return f"{label}: {heading}" if not heading.lang else label


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Theme) -> str:
        from django.utils.translation import get_language

        from treatyreview.registry.names import un_language

        return obj.name_in(un_language(get_language()))


class SearchForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label=_("Search the library"), max_length=QUERY_MAX, required=False)
    country = forms.CharField(label=_("Country"), max_length=3, required=False)
    instrument = forms.ChoiceField(label=_("Instrument"), required=False,
                                   choices=[("", _("All instruments")), *InstrumentCode.choices])
    article = forms.IntegerField(label=_("Article"), required=False, min_value=1, widget=forms.HiddenInput)
    type = forms.ChoiceField(label=_("Type of record"), required=False,
                             choices=[("", _("All types")), *RecordKind.choices])
    lang = forms.ChoiceField(label=_("Language"), required=False, choices=language_choices(_("All languages")))
    status = forms.ChoiceField(label=_("In force"), required=False,
                               choices=[("", _("Any")), (LegalStatus.IN_FORCE, LegalStatus.IN_FORCE.label),
                                        (LegalStatus.REPEALED, LegalStatus.REPEALED.label)])
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    page = forms.IntegerField(required=False, min_value=1, max_value=500, widget=forms.HiddenInput)

    def clean_country(self) -> str:
        code = (self.cleaned_data.get("country") or "").strip().upper()
        if code and not State.objects.filter(code=code).exists():
            raise forms.ValidationError(_("No State with the code %(code)s."), params={"code": code})
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return data


class RecordForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Type of record"), choices=RecordKind.choices)
    state = StateChoiceField(label=_("Country"), queryset=State.objects.none())
    original_language = forms.ChoiceField(label=_("Official language"), choices=language_choices(),
                                          help_text=_("The language of the official text."))
    date = forms.DateField(label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                           help_text=_("Adoption of the law or strategy, or the date of the judgment."))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=LegalStatus.choices,
                               help_text=_("Legislation only."))
    official_link = forms.URLField(label=_("Official link"), required=False, max_length=LINK_MAX,
                                   assume_scheme="https")
    court = forms.CharField(label=_("Court"), required=False, max_length=COURT_MAX, help_text=_("Case law only."))
    parties = forms.CharField(label=_("Parties as published"), required=False, max_length=PARTIES_MAX)
    outcome = forms.CharField(label=_("Outcome"), required=False, max_length=OUTCOME_MAX)
    offences = forms.CharField(label=_("Offences concerned"), required=False, max_length=OFFENCES_MAX)
    articles = ArticleChoiceField(label=_("Articles addressed"), required=False,
                                  queryset=Article.objects.select_related("instrument").prefetch_related("titles"),
                                  widget=forms.SelectMultiple(attrs={"size": 8}))
    themes = ThemeChoiceField(label=_("Themes"), required=False, queryset=Theme.objects.all(),
                              widget=forms.CheckboxSelectMultiple)
    visibility = forms.ChoiceField(label=_("Who may see it"), choices=Visibility.choices, initial=Visibility.PUBLIC,
                                   widget=forms.RadioSelect)
    expected_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, states: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = states if states is not None else State.objects.all()  # type: ignore[attr-defined]


class RecordAddForm(RecordForm):
    """A new record: its fields and its first language version."""

    language = forms.ChoiceField(label=_("Language of this version"), choices=language_choices())
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    provision = forms.CharField(label=_("Provision"), required=False, max_length=PROVISION_MAX,
                                help_text=_("For example: Section 4, Article 324-1."))
    text = forms.CharField(label=_("Text, excerpt or summary"), required=False, max_length=TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": 8}))


class TextForm(BootstrapFormMixin, forms.Form):
    language = forms.ChoiceField(label=_("Language of this version"), choices=language_choices())
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    provision = forms.CharField(label=_("Provision"), required=False, max_length=PROVISION_MAX)
    text = forms.CharField(label=_("Text, excerpt or summary"), required=False, max_length=TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": 10}))
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class ThemeForm(BootstrapFormMixin, forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=THEME_CODE_MAX,
                           help_text=_("Lower-case letters, digits and hyphens; it never changes."))
    name_en = forms.CharField(label=_("Name in English"), max_length=THEME_NAME_MAX)
    name_fr = forms.CharField(label=_("Name in French"), max_length=THEME_NAME_MAX, required=False)
    name_es = forms.CharField(label=_("Name in Spanish"), max_length=THEME_NAME_MAX, required=False)
    name_ru = forms.CharField(label=_("Name in Russian"), max_length=THEME_NAME_MAX, required=False)
    name_ar = forms.CharField(label=_("Name in Arabic"), max_length=THEME_NAME_MAX, required=False)
    name_zh = forms.CharField(label=_("Name in Chinese"), max_length=THEME_NAME_MAX, required=False)
    broader = forms.ModelChoiceField(label=_("Broader theme"), queryset=Theme.objects.all(), required=False)


class ImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=_("File (CSV or JSON lines, UTF-8)"))
