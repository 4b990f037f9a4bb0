"""`treatyreview remind`: e-mail the reminders of deadlines due today, once each; safe to run daily from cron."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from treatyreview.reviews.reminders.services import reminders_send


class Command(BaseCommand):
    help = (
        "E-mail the people concerned before and after each deadline (days set by the rules record), and the "
        "secretariat a digest of what is overdue. Never sends the same reminder twice: run it daily from cron."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", help="the day to remind for, YYYY-MM-DD (default: today); for catching up or testing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        on = timezone.localdate()
        if options.get("date"):
            try:
                on = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"--date: {options['date']!r} is not a date (YYYY-MM-DD)") from None
        result = reminders_send(actor=None, on=on)
        self.stdout.write(
            f"{on.isoformat()}: {result.reminders} reminders, {result.digests} digests, "
            f"{len(result.emails)} e-mails, {result.skipped} already sent"
        )
