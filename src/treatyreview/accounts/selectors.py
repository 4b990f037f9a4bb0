"""Reads for the secretariat's account pages (permission-checked: only the secretariat manages accounts)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from treatyreview.accounts.models import AccountActivation, Nomination, RoleGrant, User
from treatyreview.accounts.permissions import is_secretariat
from treatyreview.errors import NotFound


def _secretariat(user: User) -> None:
    if not is_secretariat(user):
        raise NotFound


def account_list(*, user: User) -> QuerySet[User]:
    _secretariat(user)
    grants = RoleGrant.objects.active().select_related("state", "organization").order_by("role")
    return User.objects.order_by("username").prefetch_related(Prefetch("role_grants", queryset=grants,
                                                                       to_attr="grants_in_force"))


def nominations_without_account(*, user: User) -> QuerySet[Nomination]:
    _secretariat(user)
    return Nomination.objects.filter(grants__isnull=True).select_related("state").order_by("-note_verbale_date", "id")


def role_grants_of(*, user: User, account: User) -> QuerySet[RoleGrant]:
    _secretariat(user)
    return account.role_grants.select_related("state", "organization", "nomination").order_by("-valid_from", "id")


def latest_activation(*, user: User, account: User) -> AccountActivation | None:
    _secretariat(user)
    return account.activations.order_by("-created_at").first()
