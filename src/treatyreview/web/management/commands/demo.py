from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from treatyreview.accounts.models import User
from treatyreview.accounts.two_factor import demo_key_base32
from treatyreview.observations.dialogue.demo import demo_dialogue
from treatyreview.observations.lists.demo import demo_outcome_agreed
from treatyreview.publishing.demo import demo_summary_published
from treatyreview.questionnaires.answers.demo import demo_reviews_in_motion
from treatyreview.registry.loading import LoadError
from treatyreview.registry.services import reference_data_load
from treatyreview.reviews.demo import demo_cycle_create
from treatyreview.reviews.rules.services import rules_presets_install
from treatyreview.web.demo import (
    DEMO_PASSWORD,
    DemoAccount,
    demo_accounts_create,
    demo_library_create,
    demo_scenarios_create,
)


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
        # Before the reviews in motion, whose answers cite the library.
        library = demo_library_create(User.objects.get(username="secretariat"))
        if library:
            self.stdout.write(f"knowledge library: {library} demonstration records")
        motion = demo_reviews_in_motion(secretariat=User.objects.get(username="secretariat"), password=DEMO_PASSWORD)
        if motion is not None:
            self.stdout.write("demo reviews: year group 1 launched; " + ", ".join(
                f"{label} {review.state.name}" for label, review in (
                    ("submitted:", motion.submitted), ("in progress:", motion.in_progress),
                    ("late, extension asked:", motion.late), ("opted out:", motion.opted_out)) if review))
            accounts += [DemoAccount(*account) for account in motion.accounts]
        dialogue = demo_dialogue(secretariat=User.objects.get(username="secretariat"), password=DEMO_PASSWORD)
        if dialogue is not None:
            self.stdout.write(f"demo dialogue: {dialogue.review.state.name}, written feedback cleared and sent, "
                              "threads answered, a meeting")
        outcome = demo_outcome_agreed(secretariat=User.objects.get(username="secretariat"), password=DEMO_PASSWORD)
        if outcome is not None:
            self.stdout.write(f"demo outcome: {outcome.phase.review.state.name}, phase {outcome.phase.position}: "
                              "list of observations final (with a technical assistance need), summary agreed")
            accounts += [DemoAccount(*account) for account in outcome.accounts]
        published = demo_summary_published(secretariat=User.objects.get(username="secretariat"))
        if published is not None:
            self.stdout.write(f"demo publication: the summary of {published.document.phase.review.state.name} "
                              "published in English and French (/publications/)")
        if demo_scenarios_create(User.objects.get(username="secretariat")):
            self.stdout.write("demo costing scenarios: instruments together and in turn")
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD})")
        for account in accounts:
            self.stdout.write(f"  {account.username:<16} {account.role:<40} {account.scope}")
        self.stdout.write("")
        self.stdout.write("Two-factor authentication (required for the secretariat and focal points):")
        self.stdout.write(f"  demo authenticator key, the same for every demo account: {demo_key_base32()}")
        self.stdout.write("  add it to an authenticator app, or print the current code: treatyreview demo-code")
        self.stdout.write("")
