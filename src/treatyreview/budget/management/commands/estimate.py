"""`treatyreview estimate`: what scenarios cost with the registry's counts, as a table, JSON or a spreadsheet."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from treatyreview.budget import exports, selectors
from treatyreview.budget.labels import FUNDING_LABELS, ITEM_LABELS, label, scenario_error_message
from treatyreview.mechanism import costs

PROGRESS_AFTER = 1.0  # seconds: a comparison that takes longer shows a progress bar on stderr


class Command(BaseCommand):
    help = ("Estimate what scenarios cost, per item, year and source of funding, with the registry's States parties, "
            "year groups, clusters and articles. Presets: " + ", ".join(costs.PRESET_NAMES))

    def add_arguments(self, parser: CommandParser) -> None:
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--scenario", metavar="FILE.json", help="a scenario file")
        source.add_argument("--preset", metavar="NAME", choices=costs.PRESET_NAMES, help="a shipped scenario")
        parser.add_argument("--compare", nargs="+", default=[], metavar="FILE_OR_PRESET",
                            help="further scenarios: files or preset names")
        parser.add_argument("--format", choices=("table", "json", "xlsx"), default="table")
        parser.add_argument("--output", metavar="FILE", help="write to FILE instead of the screen (required for xlsx)")
        parser.add_argument("--export-scenario", metavar="FILE.json",
                            help="write the preset (or the scenario file) out as an editable scenario file and stop")

    def handle(self, *args: Any, **options: Any) -> None:
        first = options["scenario"] or options["preset"]
        if options["export_scenario"]:
            data = self._data(first)
            Path(options["export_scenario"]).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n",
                                                        encoding="utf-8")
            self.stdout.write(_("Scenario written to %(file)s") % {"file": options["export_scenario"]})
            return
        names = [first, *options["compare"]]
        scenarios = [(name, self._data(name)) for name in names]
        members = selectors.membership()
        if not members.parties:
            raise CommandError(_("The registry holds no States parties: run `treatyreview demo` or "
                                 "`treatyreview load-reference` first."))
        results = []
        started = time.monotonic()
        for index, (name, data) in enumerate(scenarios, start=1):
            results.append((data, costs.estimate(self._checked(name, data), members)))
            if time.monotonic() - started > PROGRESS_AFTER:
                done = index * 30 // len(scenarios)
                sys.stderr.write(f"\r[{'#' * done}{' ' * (30 - done)}] {index}/{len(scenarios)}")
                sys.stderr.flush()
        if time.monotonic() - started > PROGRESS_AFTER:
            sys.stderr.write("\n")
        self._write(options, results)

    def _data(self, name: str) -> dict[str, Any]:
        if name in costs.PRESET_NAMES:
            return costs.preset_data(name)
        path = Path(name)
        if not path.is_file():
            raise CommandError(_("%(name)s: no such file and no such preset (presets: %(presets)s)")
                               % {"name": name, "presets": ", ".join(costs.PRESET_NAMES)})
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(_("%(name)s: not a JSON scenario file: %(problem)s")
                               % {"name": name, "problem": error}) from error
        if not isinstance(data, dict):
            raise CommandError(_("%(name)s: not a JSON scenario file: it must hold one object") % {"name": name})
        return data

    def _checked(self, name: str, data: dict[str, Any]) -> costs.Scenario:
        try:
            return costs.scenario_from_dict(data)
        except costs.ScenarioError as error:
            raise CommandError(f"{name}: {scenario_error_message(error)}") from error

    def _write(self, options: dict[str, Any], results: list[tuple[dict[str, Any], costs.Estimate]]) -> None:
        output = options["output"]
        if options["format"] == "xlsx":
            if not output:
                raise CommandError(_("--format xlsx writes a file: give it with --output FILE.xlsx"))
            Path(output).write_bytes(exports.workbook(results))
            self.stdout.write(_("Spreadsheet written to %(file)s") % {"file": output})
            return
        if options["format"] == "json":
            text = json.dumps({"scenarios": [costs.estimate_to_dict(r) for _d, r in results]}, indent=2,
                              ensure_ascii=False)
        else:
            text = table([r for _d, r in results])
        if output:
            Path(output).write_text(text + "\n", encoding="utf-8")
            self.stdout.write(_("Written to %(file)s") % {"file": output})
        else:
            self.stdout.write(text)


def table(results: list[costs.Estimate]) -> str:
    """The scenarios side by side in columns, amounts to the unit of currency."""
    def amount(value: Any) -> str:
        return f"{value:,.0f}"

    rows: list[tuple[str, list[str]]] = [
        (_("Scenario"), [r.name for r in results]),
        (_("Total for the cycle"), [f"{amount(r.total)} {r.currency}" for r in results]),
    ]
    rows += [(label(ITEM_LABELS, item), [amount(r.per_item[item]) for r in results]) for item in costs.ITEMS]
    rows += [(label(FUNDING_LABELS, s), [amount(r.funding[s]) for r in results]) for s in costs.FUNDING_SOURCES]
    rows += [(_("Cost per State reviewed"), [amount(r.per_review) for r in results]),
             (_("States reviewed"), [str(r.reviews) for r in results]),
             (_("Review exercises"), [str(r.exercises) for r in results]),
             (_("Review units (State × instrument × cluster)"), [str(len(r.units)) for r in results])]
    years = sorted({year for r in results for year in r.per_year})
    rows += [(str(year), [amount(r.per_year[year]) if year in r.per_year else "—" for r in results])
             for year in years]
    width = max(len(head) for head, _cells in rows)
    columns = [max(len(cells[i]) for _h, cells in rows) for i in range(len(results))]
    lines = []
    for head, cells in rows:
        lines.append(f"{head:<{width}}  " + "  ".join(f"{cell:>{columns[i]}}" for i, cell in enumerate(cells)))
    return "\n".join(lines)
