"""Creating or resetting a person's private calendar address."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from treatyreview.accounts.models import User
from treatyreview.accounts.permissions import is_signed_in
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.errors import require
from treatyreview.reviews.models import CalendarFeed


@transaction.atomic
def calendar_feed_reset(*, actor: User) -> tuple[CalendarFeed, str]:
    """A new secret for the actor's calendar address; the old address, if any, stops working at once. Returns the
    record and the secret, which is not kept."""
    require(is_signed_in(actor), _("Sign in to get a calendar address."))
    token = CalendarFeed.new_token()
    existing = CalendarFeed.objects.select_for_update().filter(user=actor).first()
    now = timezone.now()
    if existing is None:
        feed = CalendarFeed.objects.create(user=actor, digest=CalendarFeed.digest_of(token), created_at=now)
    else:
        existing.digest = CalendarFeed.digest_of(token)
        existing.created_at = now
        existing.last_used_at = None
        existing.save(update_fields=["digest", "created_at", "last_used_at"])
        feed = existing
    audit.record(actor=actor, action=AuditAction.CALENDAR_RESET, target=feed,
                 after={"replaced": existing is not None})
    return feed, token
