"""The FEEDBACK and THREAD machines as rules: whatever roles try whatever steps, only a reviewing State's focal
point clears feedback, and nothing is editable once feedback is cleared or withdrawn or a thread is closed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from treatyreview.mechanism import workflow
from treatyreview.mechanism.workflow import FEEDBACK, THREAD, WorkflowRefusal

ROLES = [workflow.SECRETARIAT, workflow.FOCAL_POINT, workflow.EXPERT, workflow.REVIEWER_FOCAL_POINT,
         workflow.REVIEWER_EXPERT]


@given(st.lists(st.tuples(st.sampled_from([t.name for t in FEEDBACK.transitions]),
                          st.frozensets(st.sampled_from(ROLES))), max_size=12))
def test_feedback_reaches_the_state_under_review_only_through_its_focal_point(
    steps: list[tuple[str, frozenset[str]]],
) -> None:
    stage = FEEDBACK.initial
    for name, roles in steps:
        try:
            stage = FEEDBACK.check(name, stage=stage, roles=roles).target
        except WorkflowRefusal:
            continue
        if stage == "cleared":
            assert workflow.REVIEWER_FOCAL_POINT in roles
    if stage in ("cleared", "withdrawn"):
        assert not FEEDBACK.editable_fields(stage=stage, roles=ROLES)
        assert not FEEDBACK.offered(stage=stage, roles=ROLES)


@given(st.frozensets(st.sampled_from(ROLES)))
def test_the_state_under_review_never_clears_or_closes(roles: frozenset[str]) -> None:
    under_review = roles & {workflow.FOCAL_POINT, workflow.EXPERT, workflow.SECRETARIAT}
    assert "clear" not in FEEDBACK.offered(stage="draft", roles=under_review)
    assert "close" not in THREAD.offered(stage="open", roles=under_review)
    assert not THREAD.editable_fields(stage="closed", roles=roles)
