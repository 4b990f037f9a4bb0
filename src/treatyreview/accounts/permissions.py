"""Who may do what: plain predicates over role grants, called by the services and views that need them."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Model

from treatyreview.accounts.models import Role, RoleGrant, User

# Every predicate is asked about whoever sent the request, signed in or not.
Visitor = User | AnonymousUser


def active_grants(user: Visitor) -> list[RoleGrant]:
    """The role grants in force today, read once per request."""
    if not isinstance(user, User) or not user.is_authenticated:
        return []
    # Cached on the user object for the length of one request.
    cached: list[RoleGrant] | None = getattr(user, "_active_grants", None)
    if cached is None:
        cached = list(RoleGrant.objects.active().filter(user=user).select_related("state", "organization"))
        user._active_grants = cached
    return cached


def roles_of(user: Visitor) -> set[str]:
    return {grant.role for grant in active_grants(user)}


def is_secretariat(user: Visitor) -> bool:
    return Role.SECRETARIAT in roles_of(user)


def is_signed_in(user: Visitor) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def states_of(user: Visitor, *roles: str) -> set[int]:
    """The States for which the user holds one of the roles (all State roles when none is named)."""
    wanted = set(roles) or {Role.FOCAL_POINT, Role.EXPERT}
    return {grant.state_id for grant in active_grants(user) if grant.role in wanted and grant.state_id}


def can_edit_registry(user: Visitor) -> bool:
    return is_secretariat(user)


def can_view_rules(user: Visitor) -> bool:
    return is_signed_in(user)


def can_edit_rules(user: Visitor) -> bool:
    return is_secretariat(user)


def can_propose_experts(user: Visitor, state: Model) -> bool:
    """A State's focal point proposes its governmental experts and observers (the secretariat confirms them)."""
    return is_secretariat(user) or state.pk in states_of(user, Role.FOCAL_POINT)


def can_view_experts(user: Visitor, state: Model | None = None) -> bool:
    """The list of experts is kept by the secretariat; a State's focal point and experts see their own.

    `state` is a `registry.State`; accounts sit below the registry, so it is not imported here.
    """
    if is_secretariat(user):
        return True
    return state is not None and state.pk in states_of(user)
