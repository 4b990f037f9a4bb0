import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from treatyreview.reviews.draws.inputs import draw_input_build, parties
from treatyreview.reviews.models import Cycle, YearGroup
from treatyreview.reviews.rules.selectors import rules_current


class Command(BaseCommand):
    help = (
        "Export the registry as the input of a drawing of lots (JSON), for `treatyreview draw`. "
        "By default every State party to the Convention is under review; narrow it with --under-review "
        "or --cycle/--year-group."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--output", type=Path, required=True)
        parser.add_argument("--under-review", default="", help="comma-separated State codes")
        parser.add_argument("--cycle", default="", help="name of a review cycle (its exclusions and earlier draws)")
        parser.add_argument("--year-group", type=int, default=0, help="number of a year group of the cycle")

    def handle(self, *args: Any, **options: Any) -> None:
        cycle = None
        under_review = [code.strip().upper() for code in options["under_review"].split(",") if code.strip()]
        if options["cycle"]:
            cycle = Cycle.objects.filter(name=options["cycle"]).select_related("rules").first()
            if cycle is None:
                raise CommandError(f"--cycle: no cycle named '{options['cycle']}'")
        rules = cycle.rules if cycle else rules_current()
        if rules is None:
            raise CommandError("no rules record: run `treatyreview demo` or `treatyreview load-reference` first")
        if options["year_group"]:
            group = YearGroup.objects.filter(cycle=cycle, number=options["year_group"]).first() if cycle else None
            if group is None:
                raise CommandError(f"--year-group: no year group {options['year_group']} in that cycle")
            under_review = list(group.states.values_list("code", flat=True))
        known = {state.code for state in parties()}
        unknown = [code for code in under_review if code not in known]
        if unknown:
            raise CommandError(f"--under-review: not States parties to the Convention: {', '.join(unknown)}")
        data = draw_input_build(rules=rules.values, under_review=under_review or known, cycle=cycle)
        options["output"].write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        self.stdout.write(
            f"{options['output']}: {len(data['states'])} States parties, {len(data['under_review'])} under review, "
            f"{sum(not s['can_review'] for s in data['states'])} cannot review"
        )
