from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from treatyreview.errors import InvalidInput
from treatyreview.web.backups import backup_write


class Command(BaseCommand):
    help = (
        "Write a consistent snapshot of the instance (every row, the uploaded files, a manifest with checksums) "
        "to a new or empty directory, while the site keeps running."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", metavar="DIR", required=True, help="a new or empty directory")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backup_write(Path(options["output"]))
        except InvalidInput as error:
            raise CommandError(str(error)) from None
        self.stdout.write(_("backup written to %(dir)s: %(rows)s rows, %(files)s uploaded files, %(events)s audit "
                            "events") % {"dir": summary.directory, "rows": summary.rows, "files": summary.files,
                                         "events": summary.audit_events})
