"""Changes to accounts: API tokens for scripts (only a token's SHA-256 is stored; the token is shown once)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from treatyreview.accounts.models import ApiToken, User
from treatyreview.accounts.permissions import is_signed_in
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.errors import InvalidInput, require

MAX_ACTIVE_TOKENS = 20


@transaction.atomic
def token_create(*, actor: User, name: str) -> tuple[ApiToken, str]:
    """Create a token for the actor's own scripts; returns the record and the token, which is not kept."""
    require(is_signed_in(actor), _("Sign in to create an API token."))
    name = name.strip()
    if not name:
        raise InvalidInput("name", _("give the token a name that says where it is used"))
    limit = ApiToken._meta.get_field("name").max_length or 100
    if len(name) > limit:
        message = ngettext("is longer than %(count)d character", "is longer than %(count)d characters", limit)
        raise InvalidInput("name", message % {"count": limit})
    if ApiToken.objects.filter(user=actor, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        message = ngettext(
            "you already have %(count)d active token; revoke it first",
            "you already have %(count)d active tokens; revoke one first",
            MAX_ACTIVE_TOKENS,
        )
        raise InvalidInput("name", message % {"count": MAX_ACTIVE_TOKENS})
    token = ApiToken.new_token()
    record = ApiToken.objects.create(user=actor, name=name, digest=ApiToken.digest_of(token))
    audit.record(actor=actor, action=AuditAction.TOKEN_CREATE, target=record, after={"name": name})
    return record, token


@transaction.atomic
def token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoke one of the actor's own tokens; revoking twice keeps the first date."""
    require(is_signed_in(actor) and token.user_id == actor.pk, _("You can revoke only your own tokens."))
    current = ApiToken.objects.select_for_update().get(pk=token.pk)
    if current.revoked_at is None:
        current.revoked_at = timezone.now()
        current.save(update_fields=["revoked_at"])
        audit.record(actor=actor, action=AuditAction.TOKEN_REVOKE, target=current, after={"name": current.name})
    return current
