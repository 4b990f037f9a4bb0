"""`treatyreview serve`: the production server (gunicorn, several workers and threads, WhiteNoise for static
files, no reloader); `--dev` runs Django's development server instead, also without the reloader."""

from __future__ import annotations

import os
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from treatyreview.security import startup_problem


def default_workers() -> int:
    """Two per core plus one, at most 8: enough to keep the cores busy while some wait on the database."""
    return min(2 * (os.cpu_count() or 1) + 1, 8)


class Command(BaseCommand):
    help = "Serve the site with gunicorn (default 127.0.0.1:8000); --dev for Django's development server."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000", help="address:port to listen on")
        parser.add_argument("--dev", action="store_true",
                            help="Django's development server (one process, no reloader); never in production")
        parser.add_argument("--workers", type=int, default=int(os.environ.get("TREATYREVIEW_WORKERS", 0))
                            or default_workers(), help="worker processes (default: 2 per core + 1, at most 8)")
        parser.add_argument("--threads", type=int, default=int(os.environ.get("TREATYREVIEW_THREADS", 4)),
                            help="threads per worker (default 4)")
        parser.add_argument("--timeout", type=int, default=60, help="seconds before a stuck worker is restarted")

    def handle(self, *args: Any, **options: Any) -> None:
        problem = startup_problem()
        if problem:
            raise CommandError(problem)
        addrport = options["addrport"]
        if options["dev"]:
            call_command("runserver", addrport, use_reloader=False)
            return
        if not 1 <= options["workers"] <= 64 or not 1 <= options["threads"] <= 64:
            raise CommandError("--workers and --threads must be between 1 and 64")
        bind = addrport if ":" in addrport else f"127.0.0.1:{addrport}"
        from treatyreview.web.server import run

        run(bind=bind, workers=options["workers"], threads=options["threads"], timeout=options["timeout"])
