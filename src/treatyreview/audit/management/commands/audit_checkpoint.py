import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from treatyreview.audit import checkpoints
from treatyreview.audit.services import audit_verify_chain


class Command(BaseCommand):
    help = (
        "Write a signed checkpoint of the audit chain (sequence number and hash of its newest event) to a file; "
        "run it daily and keep the files away from the database. --new-key FILE makes a signing key."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", metavar="FILE", help="where to write the checkpoint (JSON)")
        parser.add_argument("--new-key", metavar="FILE", help="write a new Ed25519 private key to FILE and stop")
        parser.add_argument("--public-key", action="store_true", help="print the configured public key and stop")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["new_key"]:
                try:
                    public = checkpoints.generate_private_key(Path(options["new_key"]))
                except FileExistsError:
                    raise CommandError(_("%(file)s exists; a key is never overwritten")
                                       % {"file": options["new_key"]}) from None
                self.stdout.write(_("private key written to %(file)s; public key: %(key)s")
                                  % {"file": options["new_key"], "key": checkpoints.public_key_text(public)})
                return
            key = checkpoints.configured_private_key()
            if options["public_key"]:
                self.stdout.write(checkpoints.public_key_text(key.public_key()))
                return
        except checkpoints.CheckpointError as error:
            raise CommandError(str(error)) from None
        if not options["output"]:
            raise CommandError(_("say where to write the checkpoint: --output FILE"))
        # Only an intact chain is worth signing: a checkpoint vouches for everything before it.
        check = audit_verify_chain()
        if not check.ok:
            raise CommandError(_("no checkpoint written: %(problem)s") % {"problem": check.problem})
        checkpoint = checkpoints.Checkpoint(sequence=check.events, hash=check.head_hash,
                                            at=timezone.now().isoformat(timespec="seconds"))
        Path(options["output"]).write_text(json.dumps(checkpoints.sign(checkpoint, key), indent=2) + "\n",
                                           encoding="utf-8")
        self.stdout.write(_("checkpoint written to %(file)s: event %(sequence)s, hash %(hash)s")
                          % {"file": options["output"], "sequence": checkpoint.sequence, "hash": checkpoint.hash})
