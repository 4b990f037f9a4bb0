"""Data migrations of the reviews app, run forwards on rows written before them."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("reviews", "0002_cycle_draw_drawrequest_yeargroup_draw_year_group_and_more")]
AFTER = [("reviews", "0003_rules_supplementary_draw")]


@pytest.mark.django_db(transaction=True)
def test_rules_recorded_before_supplementary_draw_get_the_conditional_law() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    MechanismRules = old_apps.get_model("reviews", "MechanismRules")
    MechanismRules.objects.all().delete()
    MechanismRules.objects.create(preset="Old", version=1, title="t", values={"max_redraws": 2}, sources={})
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new_apps = executor.loader.project_state(AFTER).apps
    record = new_apps.get_model("reviews", "MechanismRules").objects.get(preset="Old")
    assert record.values == {"max_redraws": 2, "supplementary_draw": "conditional"}
    assert "conditional" in record.sources["supplementary_draw"]
    # Running it again changes nothing.
    executor.migrate(BEFORE)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    record = new_apps.get_model("reviews", "MechanismRules").objects.get(preset="Old")
    assert record.values == {"max_redraws": 2, "supplementary_draw": "conditional"}
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_rules_recorded_before_reio_review_instruments_let_no_reio_review() -> None:
    before = [("reviews", "0003_rules_supplementary_draw")]
    after = [("reviews", "0004_rules_reio_review_instruments")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    MechanismRules = executor.loader.project_state(before).apps.get_model("reviews", "MechanismRules")
    MechanismRules.objects.all().delete()
    MechanismRules.objects.create(preset="Old", version=1, title="t", values={"max_redraws": 2}, sources={})
    MechanismRules.objects.create(preset="Set", version=1, title="t", values={"reio_review_instruments": ["TIP"]},
                                  sources={"reio_review_instruments": "a decision"})
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    rules = executor.loader.project_state(after).apps.get_model("reviews", "MechanismRules")
    old = rules.objects.get(preset="Old")
    assert old.values == {"max_redraws": 2, "reio_review_instruments": []}
    assert "no decision" in old.sources["reio_review_instruments"]
    # A row that already has the key keeps it; running the migration again changes nothing.
    assert rules.objects.get(preset="Set").values == {"reio_review_instruments": ["TIP"]}
    executor.migrate(before)
    executor.loader.build_graph()
    executor.migrate(after)
    assert rules.objects.get(preset="Old").values == {"max_redraws": 2, "reio_review_instruments": []}
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_rules_and_cycles_recorded_before_the_schedule_get_no_extra_time_and_their_rules_work_plan() -> None:
    before = [("reviews", "0005_draw_attempts_and_seed_sources")]
    after = [("reviews", "0006_phases_work_plan_and_schedule")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    MechanismRules = old.get_model("reviews", "MechanismRules")
    Cycle = old.get_model("reviews", "Cycle")
    Cycle.objects.all().delete()
    MechanismRules.objects.all().delete()
    rules = MechanismRules.objects.create(
        preset="Old", version=1, title="t", sources={},
        values={"cluster_order": [4, 3, 2, 1], "phase_duration_months": 30, "instruments_review": "in_turn"},
    )
    MechanismRules.objects.create(preset="Set", version=1, title="t", values={"capacity_extension_percent": 25},
                                  sources={"capacity_extension_percent": "a decision"})
    Cycle.objects.create(name="Old cycle", rules=rules)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    record = new.get_model("reviews", "MechanismRules").objects.get(preset="Old")
    assert record.values["capacity_extension_percent"] == 0
    assert "para. 18" in record.sources["capacity_extension_percent"]
    assert new.get_model("reviews", "MechanismRules").objects.get(preset="Set").values == {
        "capacity_extension_percent": 25
    }
    cycle = new.get_model("reviews", "Cycle").objects.get(name="Old cycle")
    assert (cycle.cluster_order, cycle.phase_months, cycle.instruments_review) == ([4, 3, 2, 1], 30, "in_turn")
    # Running it again changes nothing.
    executor.migrate(before)
    executor.loader.build_graph()
    executor.migrate(after)
    cycle = new.get_model("reviews", "Cycle").objects.get(name="Old cycle")
    assert cycle.cluster_order == [4, 3, 2, 1]
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
