"""The API tokens page of a signed-in user."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from treatyreview.accounts import services
from treatyreview.accounts.decorators import SignedInRequest, signed_in_only
from treatyreview.errors import InvalidInput
from treatyreview.pages import BootstrapFormMixin, form_add_service_error


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
    response = render(request, "accounts/tokens.html", {
        "form": form, "new_token": new_token,
        "tokens": request.user.api_tokens.order_by("revoked_at", "-created_at"),
    })
    # The page may show a token once: keep it out of every cache.
    response["Cache-Control"] = "no-store"
    return response


@signed_in_only
@require_POST
def token_revoke(request: SignedInRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(request.user.api_tokens.all(), pk=pk)
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("token_list")
