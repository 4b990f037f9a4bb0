"""Forms of the account pages: activation, passwords, the second step of signing in, role grants."""

from __future__ import annotations

from typing import Any

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from treatyreview.accounts import services
from treatyreview.accounts.models import Role, User
from treatyreview.audit.actions import AuditAction
from treatyreview.pages import BootstrapFormMixin


class PasswordSetMixin:
    """The form's save goes through the service, which audits it."""

    audit_action = AuditAction.PASSWORD_RESET
    user: User
    cleaned_data: dict[str, Any]

    def save(self, commit: bool = True) -> User:
        saved = services.password_set(
            actor=self.user, password=self.cleaned_data["new_password1"], action=self.audit_action
        )
        # The view signs this session with the new password's hash: it reads it from the form's user.
        self.user.password = saved.password
        return self.user


REASON_MAX = 500


class ActivationForm(BootstrapFormMixin, SetPasswordForm):
    """Checks the new password; the activation service sets it."""


class PasswordResetSetForm(BootstrapFormMixin, PasswordSetMixin, SetPasswordForm):
    audit_action = AuditAction.PASSWORD_RESET


class PasswordChangeAuditedForm(BootstrapFormMixin, PasswordSetMixin, PasswordChangeForm):
    audit_action = AuditAction.PASSWORD_CHANGE


class PasswordResetLanguageForm(BootstrapFormMixin, PasswordResetForm):
    """The reset e-mail is written in the language the recipient chose, else in the page's language."""

    def send_mail(self, subject_template_name: str, email_template_name: str, context: dict[str, Any],
                  from_email: str | None, to_email: str, html_email_template_name: str | None = None) -> None:
        user = context.get("user")
        language = getattr(user, "preferred_language", "") or translation.get_language() or settings.LANGUAGE_CODE
        with translation.override(language):
            super().send_mail(subject_template_name, email_template_name, context, from_email, to_email,
                              html_email_template_name)


class CodeForm(BootstrapFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=20,
        help_text=_("The six digits your authenticator app shows now, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "dir": "ltr",
                                      "autofocus": True, "spellcheck": "false"}),
    )


class AuthenticatorCodeForm(CodeForm):
    code = forms.CharField(
        label=_("Code"), max_length=20,
        help_text=_("The six digits your authenticator app shows for this account."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr",
                                      "spellcheck": "false"}),
    )


class NominationAccountForm(BootstrapFormMixin, forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the e-mail"), choices=settings.LANGUAGES, required=False,
        help_text=_("Left empty: the State's first working language."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("The State's working language")), *settings.LANGUAGES]
        self.fields["language"].choices = choices  # type: ignore[attr-defined]


class RoleGrantForm(BootstrapFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=[("", "—"), *Role.choices])
    state = forms.TypedChoiceField(
        label=_("State"), required=False, coerce=int, empty_value=None,
        help_text=_("For a focal point or a governmental expert."),
    )
    organization: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Organization"), queryset=None, required=False,
        help_text=_("For a civil-society representative."),
    )
    valid_from = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    valid_to = forms.DateField(label=_("To"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                               help_text=_("Left empty: until the grant is ended."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # States and organizations are models of apps above this one: looked up by name, not imported.
        states = apps.get_model("registry", "State").objects.prefetch_related("names")
        self.states = {state.pk: state for state in states}
        # Named in the reader's language (sorted by it, letter by letter: the registry's collation sits above).
        named = sorted(((pk, str(state.name_in())) for pk, state in self.states.items()),
                       key=lambda item: item[1].casefold())
        self.fields["state"].choices = [("", "—"), *named]  # type: ignore[attr-defined]
        self.fields["organization"].queryset = (  # type: ignore[attr-defined]
            apps.get_model("stakeholders", "Organization").objects.order_by("name")
        )


    def clean_state(self) -> Any:
        pk = self.cleaned_data.get("state")
        return self.states.get(pk) if pk is not None else None


class RoleGrantEndForm(BootstrapFormMixin, forms.Form):
    valid_to = forms.DateField(label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


class SecondFactorRemoveForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why (how the person's identity was checked)"), max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: lost telephone; identity confirmed by a call to the permanent mission."),
    )
