"""The account pages: activation, the second step of signing in and its set-up, security, API tokens, and the
secretariat's pages for accounts, nominations and role grants."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import i18n as i18n_views
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from treatyreview.accounts import selectors, services
from treatyreview.accounts.decorators import SignedInRequest, secretariat_only, signed_in_only
from treatyreview.accounts.forms import (
    ActivationForm,
    AuthenticatorCodeForm,
    CodeForm,
    NominationAccountForm,
    PasswordChangeAuditedForm,
    PasswordResetLanguageForm,
    PasswordResetSetForm,
    RoleGrantEndForm,
    RoleGrantForm,
    SecondFactorRemoveForm,
)
from treatyreview.accounts.models import Nomination, RoleGrant, User
from treatyreview.accounts.two_factor import (
    SESSION_ENROLLED,
    authenticator_of,
    has_second_factor,
    key_base32,
    qr_svg,
    recovery_codes_left,
    second_factor_required,
)
from treatyreview.errors import InvalidInput
from treatyreview.pages import BootstrapFormMixin, form_add_service_error, refuse


def _no_store(response: HttpResponse) -> HttpResponse:
    """Pages that show a secret (a token, a key, recovery codes) are kept out of every cache."""
    response["Cache-Control"] = "no-store"
    return response


def _next_or_home(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return reverse("home")


def is_verified(user: User) -> bool:
    """Whether this session passed the second step (django-otp's middleware adds `is_verified` to the user)."""
    return bool(getattr(user, "is_verified", lambda: False)())


def _site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


# API tokens ----------------------------------------------------------------------------------------------


class TokenForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100,
                           help_text=gettext_lazy("Where the token is used, e.g. “weekly export script”."))


@signed_in_only
def token_list(request: SignedInRequest) -> HttpResponse:
    new_token = None
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            try:
                _record, new_token = services.token_create(actor=request.user, name=form.cleaned_data["name"])
            except InvalidInput as error:
                form_add_service_error(form, error)
            else:
                form = TokenForm()
    else:
        form = TokenForm()
    return _no_store(render(request, "accounts/tokens.html", {
        "form": form, "new_token": new_token,
        "tokens": request.user.api_tokens.order_by("revoked_at", "-created_at"),
    }))


@signed_in_only
@require_POST
def token_revoke(request: SignedInRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(request.user.api_tokens.all(), pk=pk)
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("token_list")


def locked_out(request: HttpRequest, original_response: HttpResponse | None = None,
               credentials: dict[str, Any] | None = None) -> HttpResponse:
    """django-axes' answer to a locked sign-in: what happened and what to do, with 429."""
    from django.conf import settings

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html",
                  {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}, status=429)


# Activation ----------------------------------------------------------------------------------------------


def account_activate(request: HttpRequest, token: str) -> HttpResponse:
    activation = services.activation_find(token)
    problem = ""
    if activation is None:
        problem = _("This activation link is not known. Ask the secretariat for a new one.")
    elif activation.used_at is not None:
        problem = _("This activation link was used already. Sign in with your password, or reset it.")
    elif activation.voided_at is not None:
        problem = _("This activation link was replaced by a newer one, or the account was deactivated. "
                    "Use the link of the latest e-mail, or ask the secretariat.")
    elif timezone.now() >= activation.expires_at:
        problem = _("This activation link has expired. Ask the secretariat for a new one.")
    if problem or activation is None:
        return _no_store(render(request, "accounts/activate.html", {"problem": problem}, status=410))
    user = activation.user
    form = ActivationForm(user, request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            user = services.account_activate(token=token, password=form.cleaned_data["new_password1"])
        except InvalidInput as error:
            status = refuse(request, error, form, aliases={"password": "new_password2"})
        else:
            logout(request)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Your account is active and you are signed in."))
            if second_factor_required(user):
                return redirect("two_factor_setup")
            return redirect("home")
    elif request.method == "POST":
        status = 400
    return _no_store(render(request, "accounts/activate.html", {
        "form": form, "account": user, "activation": activation,
        "second_factor": second_factor_required(user),
    }, status=status))


# The second step of signing in ------------------------------------------------------------------------------


@signed_in_only
def two_factor_setup(request: SignedInRequest) -> HttpResponse:
    user = request.user
    if has_second_factor(user) and not is_verified(user):
        # Replacing an authenticator needs the second step first: a stolen password alone cannot do it.
        return redirect(reverse("two_factor_verify") + "?next=" + reverse("two_factor_setup"))
    device = services.authenticator_start(actor=user)
    form = AuthenticatorCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.authenticator_confirm(actor=user, device=device, code=form.cleaned_data["code"])
        except InvalidInput as error:
            status = refuse(request, error, form)
        else:
            device.refresh_from_db()
            otp_login(request, device)
            request.session[SESSION_ENROLLED] = True
            messages.success(request, _("Two-factor authentication is set up."))
            return _no_store(render(request, "accounts/recovery_codes.html", {
                "codes": codes, "next": _next_or_home(request),
            }))
    elif request.method == "POST":
        status = 400
    return _no_store(render(request, "accounts/two_factor_setup.html", {
        "form": form, "qr_svg": qr_svg(device), "key": key_base32(device),
        "required": second_factor_required(user), "replacing": has_second_factor(user),
        "next": request.GET.get("next", ""),
    }, status=status))


@signed_in_only
def two_factor_verify(request: SignedInRequest) -> HttpResponse:
    user = request.user
    if not has_second_factor(user):
        return redirect("two_factor_setup")
    if is_verified(user):
        return redirect(_next_or_home(request))
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        device = services.second_factor_verify(actor=user, code=form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            if device.name == "recovery":
                left = recovery_codes_left(user)
                messages.warning(request, _("You signed in with a recovery code; %(count)d are left. Each works "
                                            "once: make new ones on the security page.") % {"count": left})
            return redirect(_next_or_home(request))
        form.add_error("code", _("This code does not match. Wait for the next code and try again; after several "
                                 "wrong codes each try must wait longer."))
        form.mark_invalid()
        status = 400
    elif request.method == "POST":
        status = 400
    return render(request, "accounts/two_factor_verify.html", {
        "form": form, "next": request.GET.get("next") or request.POST.get("next", ""),
    }, status=status)


# Security: password, two-factor authentication, sessions ---------------------------------------------------


@signed_in_only
def security(request: SignedInRequest) -> HttpResponse:
    user = request.user
    return render(request, "accounts/security.html", {
        "authenticator": authenticator_of(user),
        "recovery_left": recovery_codes_left(user),
        "required": second_factor_required(user),
    })


@signed_in_only
@require_POST
def recovery_codes_renew(request: SignedInRequest) -> HttpResponse:
    try:
        codes = services.recovery_codes_renew(actor=request.user)
    except InvalidInput as error:
        refuse(request, error)
        return redirect("security")
    return _no_store(render(request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("security")}))


@signed_in_only
@require_POST
def sign_out_everywhere(request: SignedInRequest) -> HttpResponse:
    services.account_sign_out_everywhere(actor=request.user)
    logout(request)
    messages.success(request, _("You were signed out on every device, this one included."))
    return redirect("login")


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeAuditedForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("security")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Your password was changed. Your other sessions were signed out."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetLanguageForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = PasswordResetSetForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")


# The secretariat's pages ----------------------------------------------------------------------------------


@secretariat_only
def account_list(request: SignedInRequest) -> HttpResponse:
    return render(request, "accounts/account_list.html", {
        "accounts": selectors.account_list(user=request.user),
        "waiting": selectors.nominations_without_account(user=request.user).count(),
    })


def _account_detail_context(request: SignedInRequest, account: User, **forms_: Any) -> dict[str, Any]:
    return {
        "account": account,
        "grants": selectors.role_grants_of(user=request.user, account=account),
        "grant_form": forms_.get("grant_form") or RoleGrantForm(initial={"valid_from": timezone.localdate()}),
        "today": timezone.localdate(),
        "has_second_factor": has_second_factor(account),
        "remove_form": SecondFactorRemoveForm(auto_id="remove-%s"),
        "activation": selectors.latest_activation(user=request.user, account=account),
        "now": timezone.now(),
    }


@secretariat_only
def account_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(User, pk=pk)
    status = 200
    grant_form = None
    if request.method == "POST":
        grant_form = RoleGrantForm(request.POST)
        if grant_form.is_valid():
            try:
                services.role_grant_create(actor=request.user, user=account, **grant_form.cleaned_data)
            except InvalidInput as error:
                status = refuse(request, error, grant_form)
            else:
                messages.success(request, _("The role was granted and the grant recorded."))
                return redirect("account_detail", pk=account.pk)
        else:
            status = 400
    return render(request, "accounts/account_detail.html",
                  _account_detail_context(request, account, grant_form=grant_form), status=status)


@secretariat_only
@require_POST
def role_grant_end(request: SignedInRequest, pk: int) -> HttpResponse:
    grant = get_object_or_404(RoleGrant.objects.select_related("user"), pk=pk)
    form = RoleGrantEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed: give the date the grant ends."))
        return redirect("account_detail", pk=grant.user_id)
    try:
        services.role_grant_end(actor=request.user, grant=grant, valid_to=form.cleaned_data["valid_to"])
    except InvalidInput as error:
        refuse(request, error)
    else:
        messages.success(request, _("The role grant ends on %(date)s.")
                         % {"date": date_format(form.cleaned_data["valid_to"], "DATE_FORMAT")})
    return redirect("account_detail", pk=grant.user_id)


@secretariat_only
@require_POST
def account_deactivate(request: SignedInRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(User, pk=pk)
    try:
        services.account_deactivate(actor=request.user, user=account)
    except InvalidInput as error:
        refuse(request, error)
    else:
        messages.success(request, _("The account %(name)s was deactivated: its sessions ended, its API tokens "
                                    "were revoked.") % {"name": account})
    return redirect("account_detail", pk=account.pk)


@secretariat_only
@require_POST
def second_factor_remove(request: SignedInRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(User, pk=pk)
    form = SecondFactorRemoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed: say why the authenticator is removed, and how the person's "
                                  "identity was checked (at most 500 characters)."))
        return redirect("account_detail", pk=account.pk)
    try:
        services.second_factor_remove(actor=request.user, user=account, reason=form.cleaned_data["reason"])
    except InvalidInput as error:
        refuse(request, error)
    else:
        messages.success(request, _("The authenticator and recovery codes of %(name)s were removed and their sessions "
                                    "ended. At the next sign-in they set up a new authenticator.") % {"name": account})
    return redirect("account_detail", pk=account.pk)


@secretariat_only
@require_POST
def account_reactivate(request: SignedInRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(User, pk=pk)
    services.account_reactivate(actor=request.user, user=account)
    messages.success(request, _("The account %(name)s can sign in again.") % {"name": account})
    return redirect("account_detail", pk=account.pk)


@secretariat_only
@require_POST
def activation_resend(request: SignedInRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(User, pk=pk)
    try:
        services.activation_send(actor=request.user, user=account, site_url=_site_url(request))
    except InvalidInput as error:
        refuse(request, error)
    else:
        messages.success(request, _("A new activation link was e-mailed to %(email)s; earlier links no longer "
                                    "work.") % {"email": account.email})
    return redirect("account_detail", pk=account.pk)


@secretariat_only
def nomination_list(request: SignedInRequest) -> HttpResponse:
    return render(request, "accounts/nomination_list.html", {
        "nominations": selectors.nominations_without_account(user=request.user),
        "form": NominationAccountForm(),
    })


@secretariat_only
@require_POST
def nomination_account_create(request: SignedInRequest, pk: int) -> HttpResponse:
    nomination = get_object_or_404(Nomination, pk=pk)
    form = NominationAccountForm(request.POST)
    language = form.cleaned_data["language"] if form.is_valid() else None
    try:
        account, activation = services.account_create_from_nomination(
            actor=request.user, nomination=nomination, language=language or None, site_url=_site_url(request)
        )
    except InvalidInput as error:
        refuse(request, error)
        return redirect("nomination_list")
    messages.success(request, _("The account of %(name)s was created; the activation link was e-mailed to "
                                "%(email)s and works until %(date)s.")
                     % {"name": account, "email": activation.sent_to,
                        "date": date_format(timezone.localtime(activation.expires_at), "DATE_FORMAT")})
    return redirect("account_detail", pk=account.pk)


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """The language switcher: Django's own `set_language`, and for a signed-in person the choice is kept on the
    account, so that the e-mails sent to them (activation, reminders, digests) are written in it too."""
    response = i18n_views.set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.preferred_language_set(actor=request.user, language=language)
    return response
