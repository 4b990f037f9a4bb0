from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from treatyreview.audit import checkpoints
from treatyreview.audit.services import audit_verify_chain


class Command(BaseCommand):
    help = (
        "Check the hash chain of the audit log and its recorded head; with --against, check that the history "
        "up to a signed checkpoint was not rewritten. Exits non-zero at the first problem."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--against", metavar="CHECKPOINT", help="a checkpoint file from `audit-checkpoint`")
        parser.add_argument(
            "--public-key", metavar="KEY",
            help="the public key to check the checkpoint's signature with (hexadecimal or a PEM file); "
            "default: the deployment's configured key",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        against = None
        if options["against"]:
            try:
                key = self._public_key(options["public_key"])
                against = checkpoints.read(Path(options["against"]), key)
            except checkpoints.CheckpointError as error:
                raise CommandError(str(error)) from None
        check = audit_verify_chain(against=against)
        if not check.ok:
            raise CommandError(check.problem)
        self.stdout.write(_("audit log intact: %(count)s events, head %(hash)s")
                          % {"count": check.events, "hash": check.head_hash})
        if against is not None:
            self.stdout.write(_("history up to the checkpoint of %(at)s (event %(sequence)s) is unchanged")
                              % {"at": against.at, "sequence": against.sequence})

    @staticmethod
    def _public_key(value: str | None) -> Any:
        if value:
            path = Path(value)
            return checkpoints.public_key_from_text(path.read_text() if path.is_file() else value)
        key = checkpoints.configured_public_key()
        if key is None:
            raise checkpoints.CheckpointError(_(
                "no public key to check the checkpoint with: pass --public-key, or set "
                "TREATYREVIEW_AUDIT_PUBLIC_KEY"
            ))
        return key
