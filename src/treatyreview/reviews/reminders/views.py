"""A person's list of reminders, with read and unread."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from treatyreview.accounts.decorators import SignedInRequest, signed_in_only
from treatyreview.reviews.reminders import selectors, services
from treatyreview.reviews.reminders.presentation import reminder_rows

PAGE_SIZE = 50


@signed_in_only
def reminder_list(request: SignedInRequest) -> HttpResponse:
    page = Paginator(selectors.reminder_list(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reviews/reminders/list.html", {
        "page": page,
        "reminders": reminder_rows(page.object_list),
        "unread": selectors.unread_count(request.user),
    })


@signed_in_only
@require_POST
def reminder_read(request: SignedInRequest) -> HttpResponse:
    """Mark one reminder (`reminder` in the form) or every unread one (no `reminder`) as read."""
    wanted = request.POST.get("reminder", "")
    ids = [int(wanted)] if wanted.isdigit() else None
    if wanted and ids is None:
        messages.error(request, _("Nothing was changed: that reminder does not exist; reload the page."))
        return redirect("reminder_list")
    count = services.reminders_mark_read(actor=request.user, reminder_ids=ids)
    if ids is None:
        messages.success(request, ngettext("%(count)d reminder marked as read.", "%(count)d reminders marked as read.",
                                           count) % {"count": count})
    return redirect("reminder_list")
