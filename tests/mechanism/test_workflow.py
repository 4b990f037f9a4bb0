"""The workflow table: well formed, every stage reachable, refusals that say which rule and with which facts."""

from __future__ import annotations

import pytest

from treatyreview.mechanism.workflow import DRAW, MACHINES, Machine, Transition, WorkflowRefusal


@pytest.mark.parametrize("machine", list(MACHINES.values()), ids=lambda m: m.name)
def test_every_stage_is_reachable_from_the_first(machine: Machine) -> None:
    reached, frontier = {machine.initial}, [machine.initial]
    while frontier:
        stage = frontier.pop()
        for transition in machine.transitions:
            if stage in transition.sources and transition.target not in reached:
                reached.add(transition.target)
                frontier.append(transition.target)
    assert reached == set(machine.stages)


def test_the_draw_ends_confirmed_or_cancelled_and_offers_only_what_the_stage_allows() -> None:
    assert DRAW.final == {"confirmed", "cancelled"}
    assert DRAW.offered(stage="prepared", roles={"secretariat"}) == ("commit", "cancel")
    assert DRAW.offered(stage="provisional", roles={"secretariat"}) == ("redraw", "confirm", "cancel")
    assert DRAW.offered(stage="provisional", roles={"focal_point", "expert"}) == ()
    assert DRAW.offered(stage="confirmed", roles={"secretariat"}) == ()


def test_a_refused_step_names_the_rule_and_the_facts() -> None:
    with pytest.raises(WorkflowRefusal) as wrong:
        DRAW.check("confirm", stage="committed", roles={"secretariat"})
    assert wrong.value.code == "wrong_stage"
    assert wrong.value.params == {"stage": "committed", "allowed": ("provisional",)}
    with pytest.raises(WorkflowRefusal) as role:
        DRAW.check("commit", stage="prepared", roles={"observer"})
    assert role.value.code == "not_permitted" and role.value.params["roles"] == ("secretariat",)
    with pytest.raises(WorkflowRefusal) as unknown:
        DRAW.check("publish", stage="prepared", roles={"secretariat"})
    assert unknown.value.code == "unknown_transition"


def test_fields_are_editable_only_in_their_stage() -> None:
    DRAW.check_edit({"seed", "seed_kind"}, stage="committed", roles={"secretariat"})
    with pytest.raises(WorkflowRefusal) as locked:
        DRAW.check_edit({"seed"}, stage="provisional", roles={"secretariat"})
    assert locked.value.code == "field_locked" and locked.value.params["fields"] == ("seed",)


def test_a_table_with_an_unknown_stage_is_refused_when_it_is_written() -> None:
    with pytest.raises(ValueError, match="unknown stages"):
        Machine("broken", ("a", "b"), "a", (Transition("go", ("a",), "c", frozenset({"secretariat"})),))


def test_a_phase_goes_through_its_stages_in_order_and_ends_closed() -> None:
    from treatyreview.mechanism.workflow import PHASE, PHASE_STEP_OF_STAGE

    assert PHASE.final == {"closed"}
    assert PHASE.initial == "focal_point"
    stage = PHASE.initial
    path = [stage]
    while stage in PHASE_STEP_OF_STAGE:
        stage = PHASE.transition(PHASE_STEP_OF_STAGE[stage]).target
        path.append(stage)
    assert path == list(PHASE.stages)


def test_in_a_phase_each_role_edits_only_what_its_stage_allows() -> None:
    from treatyreview.mechanism.workflow import PHASE

    assert PHASE.offered(stage="questionnaire", roles={"focal_point"}) == ("questionnaire_submitted",)
    assert PHASE.offered(stage="questionnaire", roles={"expert"}) == ()
    assert PHASE.offered(stage="feedback", roles={"reviewer_focal_point"}) == ("feedback_sent",)
    PHASE.check_edit(["answers"], stage="questionnaire", roles={"expert"})
    with pytest.raises(WorkflowRefusal) as locked:
        PHASE.check_edit(["answers"], stage="feedback", roles={"expert", "focal_point"})
    assert locked.value.code == "field_locked" and locked.value.params["fields"] == ("answers",)
    with pytest.raises(WorkflowRefusal):
        PHASE.check_edit(["feedback"], stage="questionnaire", roles={"reviewer_expert"})
    with pytest.raises(WorkflowRefusal) as role:
        PHASE.check("questionnaire_submitted", stage="questionnaire", roles={"expert"})
    assert role.value.code == "not_permitted"
