"""Saving costing scenarios: versions kept, concurrent edits refused, bad inputs named, the audit log written."""

from __future__ import annotations

import pytest

from treatyreview.accounts.models import Role, User
from treatyreview.audit.models import AuditEvent
from treatyreview.budget import selectors
from treatyreview.budget.models import Estimate, Scenario, ScenarioVersion
from treatyreview.budget.services import scenario_create, scenario_update
from treatyreview.errors import Conflict, InvalidInput, NotPermitted
from treatyreview.mechanism import costs

pytestmark = pytest.mark.django_db


def test_a_new_scenario_is_version_one_with_its_estimate_and_an_audit_event(secretariat: User) -> None:
    scenario = scenario_create(actor=secretariat, name="In turn", preset="in-turn")
    version = ScenarioVersion.objects.get(scenario=scenario)
    assert (scenario.version, version.version) == (1, 1)
    estimate = Estimate.objects.get(scenario_version=version)
    assert estimate.total > 0 and estimate.parties == len(selectors.membership().parties)
    assert AuditEvent.objects.filter(action="budget.scenario_create", target_id=str(scenario.pk)).exists()


def test_an_update_keeps_the_earlier_version(secretariat: User, scenario: Scenario) -> None:
    data = dict(scenario.data)
    data["burden_threshold"] = 5
    scenario_update(actor=secretariat, scenario=scenario, data=data, reason="threshold of the Bureau",
                    expected_version=1)
    scenario.refresh_from_db()
    assert scenario.version == 2 and scenario.data["burden_threshold"] == 5
    assert [v.data["burden_threshold"] for v in scenario.versions.order_by("version")] == [3, 5]
    event = AuditEvent.objects.get(action="budget.scenario_update")
    assert event.after["changed"] == ["burden_threshold"]


def test_a_stale_version_is_a_conflict_and_changes_nothing(secretariat: User, scenario: Scenario) -> None:
    data = dict(scenario.data, burden_threshold=4)
    scenario_update(actor=secretariat, scenario=scenario, data=data, reason="first tab", expected_version=1)
    with pytest.raises(Conflict) as caught:
        scenario_update(actor=secretariat, scenario=scenario, data=dict(data, burden_threshold=9),
                        reason="second tab", expected_version=1)
    assert caught.value.current_version == 2
    scenario.refresh_from_db()
    assert scenario.data["burden_threshold"] == 4 and scenario.versions.count() == 2


def test_a_bad_input_is_refused_naming_its_key_path(secretariat: User, scenario: Scenario) -> None:
    data = dict(scenario.data)
    data["rates"] = dict(data["rates"], hosting_per_year="-5")
    with pytest.raises(InvalidInput) as caught:
        scenario_update(actor=secretariat, scenario=scenario, data=data, reason="typo", expected_version=1)
    assert caught.value.where == "rates.hosting_per_year"
    assert "between 0 and" in caught.value.message
    scenario.refresh_from_db()
    assert scenario.version == 1


def test_an_unchanged_save_is_refused(secretariat: User, scenario: Scenario) -> None:
    with pytest.raises(InvalidInput):
        scenario_update(actor=secretariat, scenario=scenario, data=scenario.data, reason="no change",
                        expected_version=1)


def test_only_the_secretariat_saves_scenarios(make_user: object, scenario: Scenario) -> None:
    delegate = make_user(Role.DELEGATE)  # type: ignore[operator]
    with pytest.raises(NotPermitted):
        scenario_create(actor=delegate, name="Mine", preset="together")
    with pytest.raises(NotPermitted):
        scenario_update(actor=delegate, scenario=scenario, data=scenario.data, reason="x", expected_version=1)


def test_the_name_is_unique(secretariat: User, scenario: Scenario) -> None:
    with pytest.raises(InvalidInput) as caught:
        scenario_create(actor=secretariat, name="Together 2027", preset="in-turn")
    assert caught.value.where == "name"


def test_membership_reads_the_registry_and_the_drawn_year_groups(secretariat: User) -> None:
    from treatyreview.reviews.demo import demo_cycle_create
    from treatyreview.web.demo import demo_accounts_create

    before = selectors.membership()
    assert before.parties and all("UNTOC" in p.instruments for p in before.parties)
    assert before.articles[("UNTOC", 1)] == 8  # the registry's cluster assignments
    assert selectors.recorded_document_pages() == {}
    demo_accounts_create()
    demo_cycle_create(User.objects.get(username="secretariat"))
    after = selectors.membership()
    assert all(p.year_group in (1, 2, 3) for p in after.parties)
    assert after.reviewers  # the first year group's reviewing States, confirmed in the demo
    result = costs.estimate(costs.preset("together"), after)
    assert result.year_groups_basis == "drawn"
    assert result.burden[0].undrawn == 0  # year group 1 is drawn
