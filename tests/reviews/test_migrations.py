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
