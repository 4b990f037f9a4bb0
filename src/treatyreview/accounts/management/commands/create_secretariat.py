"""`treatyreview create-secretariat USERNAME EMAIL`: a secretariat account for a new deployment; the person
activates it from the e-mailed link (and sets up two-factor authentication, which the role requires)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from treatyreview.accounts.services import account_create_secretariat
from treatyreview.errors import InvalidInput


class Command(BaseCommand):
    help = "Create a secretariat account and e-mail its activation link (valid 10 days, usable once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("email")
        parser.add_argument("--name", default="", help="the person's full name")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user, activation = account_create_secretariat(
                username=options["username"], email=options["email"], full_name=options["name"])
        except InvalidInput as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"created {user.username}; activation link e-mailed to {activation.sent_to}, "
                          f"valid until {activation.expires_at:%Y-%m-%d %H:%M} UTC")
