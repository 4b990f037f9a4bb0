from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from treatyreview.errors import InvalidInput
from treatyreview.web.backups import backup_restore


class Command(BaseCommand):
    help = (
        "Restore a snapshot written by `treatyreview backup` into an empty instance (run `treatyreview migrate` "
        "on a new database first). Checks every checksum first; all or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", metavar="DIR", help="a directory written by `treatyreview backup`")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = backup_restore(Path(options["directory"]))
        except InvalidInput as error:
            raise CommandError(str(error)) from None
        self.stdout.write(_("restored %(rows)s rows from %(dir)s; the audit log verifies")
                          % {"rows": sum(counts.values()), "dir": options["directory"]})
