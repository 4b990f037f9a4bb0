"""`treatyreview export-draw-input`: the real registry as a draw input, round trip through the draw CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from treatyreview import lots_cli
from treatyreview.web.demo import demo_experts_create

pytestmark = pytest.mark.django_db


def test_the_exported_registry_draws_verifies_and_redraws(tmp_path: Path, secretariat) -> None:
    demo_experts_create(secretariat)
    source = tmp_path / "in.json"
    call_command("export_draw_input", output=source, under_review="AUT,KEN,BRA,PHL,EUU")
    data = json.loads(source.read_text(encoding="utf-8"))
    assert data["under_review"] == ["AUT", "BRA", "EUU", "KEN", "PHL"]
    assert data["rules"]["max_reviews_per_reviewer"] == 5
    eu = next(state for state in data["states"] if state["code"] == "EUU")
    # Not designated as a reviewer (the default rules): under review, never drawn to review.
    assert eu["group"] is None and eu["can_review"] is False and eu["cannot_review_reason"] == "reio_not_designated"
    record = tmp_path / "record.json"
    assert lots_cli.main("draw", ["--input", str(source), "--seed", "6 1 4", "--output", str(record)]) == 0
    assert lots_cli.main("verify-draw", [str(record)]) == 0
    redrawn = tmp_path / "redrawn.json"
    arguments = ["--record", str(record), "--under-review", "KEN", "--slot", "same-group", "--requested-by", "KEN",
                 "--seed", "2 2", "--output", str(redrawn)]
    assert lots_cli.main("redraw", arguments) == 0
    assert lots_cli.main("verify-draw", [str(redrawn)]) == 0


def test_a_state_without_experts_is_exported_as_unable_to_review(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    call_command("export_draw_input", output=source, under_review="KEN")
    kenya = next(s for s in json.loads(source.read_text())["states"] if s["code"] == "KEN")
    assert kenya == {"code": "KEN", "group": "AFRICAN", "parties": ["UNTOC", "TIP", "SOM", "FIREARMS"],
                     "can_review": False, "cannot_review_reason": "no_experts"}


def test_an_unknown_state_is_named(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="--under-review: not States parties to the Convention: XYZ"):
        call_command("export_draw_input", output=tmp_path / "in.json", under_review="KEN,XYZ")


def test_the_exported_input_is_the_same_bytes_in_every_interface_language(tmp_path: Path, secretariat) -> None:
    from django.utils import translation

    from treatyreview.registry.models import State
    from treatyreview.reviews.cycles.services import cycle_create, unavailability_record

    demo_experts_create(secretariat)
    cycle = cycle_create(actor=secretariat, name="Cycle")
    unavailability_record(actor=secretariat, cycle=cycle, state=State.objects.get(code="NOR"), reason="deferred")
    written = {}
    for language in ("en", "fr", "ar", "zh-hans"):
        with translation.override(language):
            out = tmp_path / f"{language}.json"
            call_command("export_draw_input", output=out, under_review="AUT,KEN", cycle="Cycle")
            written[language] = out.read_bytes()
    assert len(set(written.values())) == 1
    norway = next(s for s in json.loads(written["fr"])["states"] if s["code"] == "NOR")
    assert norway["cannot_review_reason"] == "deferred"
