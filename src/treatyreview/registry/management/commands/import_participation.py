from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from treatyreview.registry.loading import LoadError
from treatyreview.registry.services import PARTICIPATION_CSV_COLUMNS, participation_import_csv


class Command(BaseCommand):
    help = (
        "Import an updated participation list from CSV (columns: "
        + ", ".join(PARTICIPATION_CSV_COLUMNS)
        + "); all rows land or none."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("csv_file", type=Path)
        parser.add_argument("--as", dest="username", required=True, help="the secretariat officer importing it")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["csv_file"]
        try:
            actor = get_user_model().objects.get(username=options["username"])
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"--as: no user '{options['username']}'") from error
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error
        try:
            summary = participation_import_csv(actor=actor, text=text, filename=path.name)
        except LoadError as error:
            raise CommandError(f"nothing was imported:\n{error}") from error
        self.stdout.write(f"{path.name}: {summary.rows} rows read, {summary.changed} changed")
