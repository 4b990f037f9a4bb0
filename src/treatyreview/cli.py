"""The `treatyreview` command: the mechanism's own commands, then every Django management command."""

from __future__ import annotations

import os
import sys

# Commands that need no database: the drawing of lots can be run and verified by anyone.
DRAW_COMMANDS = {
    "draw": "draw reviewing States from an input file and a seed",
    "draw-groups": "split States parties into year groups by lot",
    "redraw": "redraw one reviewer of a State under review in a draw record",
    "verify-draw": "check that a draw record reproduces exactly and satisfies every rule",
    "export-verifier": "write the single-file verifier verify_draw.py (--output FILE; Python alone runs it)",
}
# Commands that run inside the platform (Django management commands of the project's apps).
PLATFORM_COMMANDS = {
    "demo": "migrate, load reference data and demo accounts (idempotent), print the accounts",
    "create-secretariat": "create a secretariat account and e-mail its activation link",
    "demo-code": "print the current two-factor code of the demo accounts (public demo key)",
    "serve": "serve the site with gunicorn (default 127.0.0.1:8000); --dev: Django's development server",
    "backup": "write a consistent snapshot (database, uploaded files, manifest) to a directory",
    "restore": "restore a snapshot written by `backup` into an empty instance",
    "audit-checkpoint": "write a signed checkpoint of the audit log (run daily)",
    "load-reference": "load States, instruments, articles and participation from the packaged data",
    "import-participation": "import an updated participation list from CSV",
    "export-draw-input": "export the registry as a draw input file",
    "import-template": "import a questionnaire template workbook (XLSX) as a new draft version",
    "export-template": "export a questionnaire template as XLSX (--output FILE), or --list the names",
    "verify-audit": "check the audit log's hash chain and head; --against CHECKPOINT",
    "remind": "e-mail the reminders of deadlines due today, each once (run daily from cron)",
    "estimate": "what scenarios cost, side by side (table, JSON or XLSX); presets and scenario files",
    "library": "knowledge library: `reindex`, `import FILE`, `export --output FILE`",
}


def usage() -> str:
    lines = ["usage: treatyreview COMMAND [options]", "", "Drawing of lots (no database needed):"]
    lines += [f"  {name:<22}{text}" for name, text in DRAW_COMMANDS.items()]
    lines += ["", "Platform:"]
    lines += [f"  {name:<22}{text}" for name, text in PLATFORM_COMMANDS.items()]
    lines += ["", "Any Django management command also works, e.g. `treatyreview migrate`, `treatyreview shell`."]
    lines += ["`treatyreview COMMAND --help` explains one command."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        print(usage())
        return 0
    command, rest = args[0], args[1:]
    if command in DRAW_COMMANDS:
        from treatyreview import lots_cli

        return lots_cli.main(command, rest)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "treatyreview.settings")
    from django.core.management import execute_from_command_line

    try:  # Django names its commands with underscores; ours are spelled with hyphens on the command line.
        execute_from_command_line(["treatyreview", command.replace("-", "_"), *rest])
    except SystemExit as exit_:
        return int(exit_.code or 0) if not isinstance(exit_.code, str) else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
