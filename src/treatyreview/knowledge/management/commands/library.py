"""`treatyreview library reindex | import FILE | export --output FILE`: the library from the command line."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from treatyreview.accounts.models import User
from treatyreview.errors import InvalidInput
from treatyreview.knowledge import search, selectors, services, transfer


class ProgressBar:
    """A progress bar on standard error, redrawn at most ten times a second; silent when not a terminal."""

    def __init__(self, label: str, stream: Any = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        width = 30
        filled = int(width * done / total) if total else width
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = "The knowledge library: rebuild the search index, import records from CSV or JSON lines, export them."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        commands.add_parser("reindex", help="rebuild the search index from the records")
        importer = commands.add_parser("import", help="import records from a CSV or JSON-lines file (all or nothing)")
        importer.add_argument("file")
        importer.add_argument("--format", choices=["csv", "jsonl"], default="")
        importer.add_argument("--as", dest="username", default="", help="the secretariat account recorded as actor")
        exporter = commands.add_parser("export", help="export records in the format `import` reads")
        exporter.add_argument("--output", required=True)
        exporter.add_argument("--query", default="")
        exporter.add_argument("--country", default="", help="ISO alpha-3 code")
        exporter.add_argument("--type", dest="kind", default="", choices=["", "legislation", "case", "strategy"])
        exporter.add_argument("--format", choices=["csv", "jsonl"], default="")
        exporter.add_argument("--include-restricted", action="store_true",
                              help="also records restricted to a State's own review")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "reindex":
            count = services.library_reindex(actor=None, progress=ProgressBar("reindex"))
            self.stdout.write(f"search index rebuilt: {count} records")
        elif action == "import":
            self._import(options)
        else:
            self._export(options)

    def _import(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        actor = None
        if options["username"]:
            actor = User.objects.filter(username=options["username"]).first()
            if actor is None:
                raise CommandError(f"--as: no user {options['username']}")
        try:
            records = transfer.read_records(path.read_bytes(), source=path.name, fmt=options["format"])
            count = services.library_import(actor=actor, records=records, source=path.name,
                                            progress=ProgressBar("import"))
        except InvalidInput as error:
            problems = error.problems or [str(error)]
            raise CommandError("nothing was imported:\n  " + "\n  ".join(problems)) from error
        self.stdout.write(f"imported {count} records from {path.name}")

    def _export(self, options: dict[str, Any]) -> None:
        output = Path(options["output"])
        fmt = options["format"] or ("jsonl" if output.suffix in {".jsonl", ".json", ".ndjson"} else "csv")
        state_ids: tuple[int, ...] = ()
        if options["country"]:
            from treatyreview.registry.models import State

            state = State.objects.filter(code=options["country"].upper()).first()
            if state is None:
                raise CommandError(f"--country: no State with the code {options['country']}")
            state_ids = (state.pk,)
        filters = search.Filters(state_ids=state_ids, kind=options["kind"])
        records = selectors.records_for_export(user=None, query=options["query"], filters=filters,
                                               include_restricted=options["include_restricted"])
        with output.open("w", encoding="utf-8", newline="") as out:
            count = transfer.write(transfer.export_rows(records), out, fmt)
        self.stdout.write(f"exported {count} rows to {output}")
