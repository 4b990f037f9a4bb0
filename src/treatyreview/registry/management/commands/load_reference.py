from django.core.management.base import BaseCommand, CommandError

from treatyreview.registry.loading import LoadError
from treatyreview.registry.services import reference_data_load


class Command(BaseCommand):
    help = "Load States, regional groups, instruments, articles and participation from the packaged data."

    def handle(self, *args: object, **options: object) -> None:
        try:
            summary = reference_data_load()
        except LoadError as error:
            raise CommandError(f"nothing was loaded:\n{error}") from error
        self.stdout.write(f"reference data: {summary}")
