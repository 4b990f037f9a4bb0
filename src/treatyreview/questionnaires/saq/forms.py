"""Forms of the template pages; each field's errors come back from the services by name."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from treatyreview.pages import BootstrapFormMixin, bootstrap_widget
from treatyreview.questionnaires.saq.choices import (
    GUIDANCE_MAX,
    NAME_MAX,
    NOTE_MAX,
    PARAGRAPH_MAX,
    TEMPLATE_LANGUAGES,
    TEXT_MAX,
    FollowUpCondition,
    QuestionType,
)
from treatyreview.questionnaires.saq.models import Question
from treatyreview.questionnaires.saq.workbooks import FILE_MAX
from treatyreview.registry.labels import LANGUAGE_NAMES


def _stored_text(lang: str) -> dict[str, str]:
    """A field holding a stored text in `lang`: its language and direction, and not for machine translation
    (the text is the template's own, in that language, whatever the page's language)."""
    return {"lang": lang, "dir": "rtl" if lang == "ar" else "ltr", "translate": "no"}


class ImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=_("Workbook (XLSX)"))
    name = forms.SlugField(
        label=_("Template name"), max_length=NAME_MAX, required=False,
        help_text=_("Leave empty to use the name in the workbook's “template” sheet."),
    )
    note = forms.CharField(label=_("Note"), max_length=NOTE_MAX, required=False,
                           help_text=_("For example: comments of the working group, March 2027."))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > FILE_MAX:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        self.content = upload.read()
        return upload


class VersionedForm(BootstrapFormMixin, forms.Form):
    expected_revision = forms.IntegerField(widget=forms.HiddenInput)


class PublishForm(VersionedForm):
    pass


class WithdrawForm(VersionedForm):
    reason = forms.CharField(label=_("Reason"), max_length=NOTE_MAX)


class DraftForm(BootstrapFormMixin, forms.Form):
    note = forms.CharField(label=_("What the new draft is for"), max_length=NOTE_MAX, required=False)


class QuestionForm(VersionedForm):
    """A draft's question: its paragraph, type, condition, and its text and guidance in each UN language."""

    paragraph = forms.CharField(label=_("Paragraph"), max_length=PARAGRAPH_MAX, required=False,
                                help_text=_("Where the article holds several obligations, for example 1 (a)."))
    type = forms.ChoiceField(label=_("Type"), choices=QuestionType.choices)
    condition = forms.ChoiceField(label=_("Shown"), choices=FollowUpCondition.choices, required=False)

    def __init__(self, *args: Any, question: Question, **kwargs: Any) -> None:
        initial = {
            "expected_revision": question.revision, "paragraph": question.paragraph, "type": question.type,
            "condition": question.condition,
            **{f"text_{lang}": question.text.get(lang, "") for lang in TEMPLATE_LANGUAGES},
            **{f"guidance_{lang}": question.guidance.get(lang, "") for lang in TEMPLATE_LANGUAGES},
        }
        super().__init__(*args, initial=initial, **kwargs)
        if question.parent_id is None:
            del self.fields["condition"]
        for lang in TEMPLATE_LANGUAGES:
            name = LANGUAGE_NAMES.get(lang, lang)
            self.fields[f"text_{lang}"] = forms.CharField(
                label=_("Question (%(language)s)") % {"language": name}, max_length=TEXT_MAX,
                required=lang == "en", strip=False,
                widget=forms.Textarea(attrs={"rows": 3, **_stored_text(lang)}),
            )
        for lang in TEMPLATE_LANGUAGES:
            name = LANGUAGE_NAMES.get(lang, lang)
            self.fields[f"guidance_{lang}"] = forms.CharField(
                label=_("Guidance (%(language)s)") % {"language": name}, max_length=GUIDANCE_MAX, required=False,
                strip=False, widget=forms.Textarea(attrs={"rows": 2, **_stored_text(lang)}),
            )
        for field in self.fields.values():
            bootstrap_widget(field)

    def texts(self, prefix: str) -> dict[str, str]:
        return {lang: self.cleaned_data.get(f"{prefix}_{lang}") or "" for lang in TEMPLATE_LANGUAGES}
