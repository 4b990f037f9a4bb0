from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from treatyreview.accounts.models import User
from treatyreview.registry.loading import LoadError
from treatyreview.registry.services import reference_data_load
from treatyreview.reviews.demo import demo_cycle_create
from treatyreview.reviews.rules.services import rules_presets_install
from treatyreview.web.demo import DEMO_PASSWORD, demo_accounts_create, demo_library_create


class Command(BaseCommand):
    help = "Migrate, load reference data, rules presets and demo accounts (safe to run again), print the accounts."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        try:
            summary = reference_data_load()
        except LoadError as error:
            raise CommandError(f"reference data not loaded:\n{error}") from error
        self.stdout.write(f"reference data: {summary}")
        installed = rules_presets_install()
        self.stdout.write(f"rules presets: {len(installed)} installed" if installed else "rules presets: present")
        accounts = demo_accounts_create()
        cycle = demo_cycle_create(User.objects.get(username="secretariat"))
        if cycle is not None:
            self.stdout.write(f"demo cycle: {cycle.name}, year groups and first-year reviewing States drawn")
        library = demo_library_create(User.objects.get(username="secretariat"))
        if library:
            self.stdout.write(f"knowledge library: {library} demonstration records")
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD})")
        for account in accounts:
            self.stdout.write(f"  {account.username:<16} {account.role:<40} {account.scope}")
        self.stdout.write("")
