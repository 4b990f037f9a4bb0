"""The calendar page (get or reset one's private address) and the feed itself, read by calendar programs."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_http_methods

from treatyreview.accounts.decorators import SignedInRequest, signed_in_only
from treatyreview.reviews.calendars import feed, selectors, services
from treatyreview.reviews.reminders.selectors import language_of


@signed_in_only
@require_http_methods(["GET", "POST"])
def calendar_page(request: SignedInRequest) -> HttpResponse:
    address = None
    if request.method == "POST":
        _feed, token = services.calendar_feed_reset(actor=request.user)
        address = request.build_absolute_uri(reverse("calendar_feed", args=[token]))
    response = render(request, "reviews/calendars/calendar.html", {
        "feed": selectors.feed_of(request.user),
        "address": address,
        "count": selectors.deadlines_of(request.user).count(),
    })
    # The page may show the secret address once: keep it out of every cache.
    response["Cache-Control"] = "no-store"
    return response


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed: no session (calendar programs do not sign in); the secret in the address is the key."""
    user = selectors.access_feed_owner(token)
    with translation.override(language_of(user)):
        body = feed.calendar_of(selectors.deadlines_of(user))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    return response
