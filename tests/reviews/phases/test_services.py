"""The schedule's services: launching a year group, stages, extensions, opt-out and deferral; every bad input is
refused with a clear message and changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from treatyreview.accounts.models import User
from treatyreview.audit.models import AuditEvent
from treatyreview.errors import Conflict, InvalidInput, NotPermitted
from treatyreview.registry.models import State
from treatyreview.reviews.cycles import services as cycle_services
from treatyreview.reviews.models import CountryReview, Cycle, Extension, Phase, StageDeadline, Unavailability, YearGroup
from treatyreview.reviews.phases import services
from treatyreview.reviews.phases.selectors import opted_out_state_ids

from .conftest import LAUNCH, fresh

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return (
        Phase.objects.count(),
        StageDeadline.objects.count(),
        Extension.objects.count(),
        AuditEvent.objects.count(),
        Unavailability.objects.count(),
    )


def refused(kind: type[Exception], call: Any, *needles: str) -> Exception:
    """The call is refused with `kind`, its message says each of `needles`, and nothing was saved."""
    before = _counts()
    with pytest.raises(kind) as caught:
        call()
    message = str(getattr(caught.value, "message", caught.value))
    for needle in needles:
        assert needle in message, message
    assert _counts() == before
    return caught.value


# Opening a cycle and its work plan


def test_a_cycle_opens_with_the_start_years_given_and_the_rules_work_plan(secretariat: User) -> None:
    cycle = cycle_services.cycle_create(actor=secretariat, name="Second cycle", start_years=[2030, 2031, 2033])
    assert list(cycle.year_groups.values_list("start_year", flat=True)) == [2030, 2031, 2033]
    assert cycle.cluster_order == [1, 4, 2, 3]
    assert cycle.phase_months == 24
    assert cycle.instruments_review == "together"


@pytest.mark.parametrize(
    ("years", "needle"),
    [
        ([2030, 2031], "one start year for each of the 3"),
        ([2030, 2030, 2031], "after the one before"),
        ([1900, 2031, 2032], "between 2000 and 2100"),
    ],
)
def test_a_cycle_with_bad_start_years_is_refused(secretariat: User, years: list[int], needle: str) -> None:
    refused(InvalidInput, lambda: cycle_services.cycle_create(actor=secretariat, name="X", start_years=years), needle)
    assert not Cycle.objects.filter(name="X").exists()


def test_the_work_plan_is_set_until_a_year_group_is_launched(cycle: Cycle, group: YearGroup, secretariat: User) -> None:
    cycle = cycle_services.cycle_work_plan_set(
        actor=secretariat,
        cycle=cycle,
        cluster_order=[4, 3, 2, 1],
        phase_months=18,
        instruments_review="in_turn",
        start_years=[2021, 2023, 2024],
        expected_version=cycle.version,
    )
    assert cycle.cluster_order == [4, 3, 2, 1]
    assert list(cycle.year_groups.values_list("start_year", flat=True)) == [2021, 2023, 2024]
    services.year_group_launch(actor=secretariat, year_group=group, on=LAUNCH)
    refused(
        InvalidInput,
        lambda: cycle_services.cycle_work_plan_set(
            actor=secretariat,
            cycle=cycle,
            cluster_order=[1, 2, 3, 4],
            phase_months=24,
            instruments_review="together",
            start_years=[2021, 2022, 2023],
            expected_version=fresh(cycle).version,
        ),
        "year group 1 is launched",
    )


@pytest.mark.parametrize(
    ("changes", "needle"),
    [
        ({"cluster_order": [1, 1, 2, 3]}, "each cluster from 1 to 4 once"),
        ({"phase_months": 0}, "between 1 and 120"),
        ({"phase_months": 500}, "between 1 and 120"),
        ({"instruments_review": "some"}, "is not one of"),
    ],
)
def test_a_bad_work_plan_is_refused(cycle: Cycle, secretariat: User, changes: dict[str, Any], needle: str) -> None:
    values = {
        "cluster_order": [1, 4, 2, 3],
        "phase_months": 24,
        "instruments_review": "together",
        "start_years": [2021, 2022, 2023],
        **changes,
    }
    refused(
        InvalidInput,
        lambda: cycle_services.cycle_work_plan_set(
            actor=secretariat, cycle=cycle, expected_version=cycle.version, **values
        ),
        needle,
    )
    assert fresh(cycle).phase_months == 24


def test_a_stale_work_plan_form_is_a_conflict(cycle: Cycle, secretariat: User) -> None:
    values = {
        "cluster_order": [1, 4, 2, 3],
        "phase_months": 20,
        "instruments_review": "together",
        "start_years": [2021, 2022, 2023],
    }
    cycle_services.cycle_work_plan_set(actor=secretariat, cycle=cycle, expected_version=1, **values)
    error = refused(
        Conflict,
        lambda: cycle_services.cycle_work_plan_set(
            actor=secretariat, cycle=cycle, expected_version=1, **{**values, "phase_months": 30}
        ),
    )
    assert getattr(error, "current_version", None) == 2
    assert fresh(cycle).phase_months == 20


# Launching a year group


def test_launching_gives_every_review_its_phases_in_work_plan_order(
    launched: YearGroup, austria: CountryReview
) -> None:
    phases = list(austria.phases.order_by("position"))
    assert [(p.position, p.cluster) for p in phases] == [(1, 1), (2, 4), (3, 2), (4, 3)]
    assert [p.starts_on for p in phases] == [
        dt.date(2021, 1, 31),
        dt.date(2023, 1, 31),
        dt.date(2025, 1, 31),
        dt.date(2027, 1, 31),
    ]
    first = phases[0]
    assert first.launched_at is not None and all(p.launched_at is None for p in phases[1:])
    assert {d.stage: d.due_on for d in first.deadlines.all()} == {
        "focal_point": dt.date(2021, 2, 14),
        "experts": dt.date(2021, 2, 28),
        "questionnaire": dt.date(2021, 7, 31),
    }
    assert CountryReview.objects.filter(year_group=launched, phases__isnull=False).distinct().count() == 3


def test_reviewed_in_turn_each_cluster_is_a_phase_per_instrument_the_state_is_party_to(
    cycle: Cycle, group: YearGroup, austria: CountryReview, secretariat: User
) -> None:
    cycle_services.cycle_work_plan_set(
        actor=secretariat,
        cycle=cycle,
        cluster_order=[1, 4, 2, 3],
        phase_months=6,
        instruments_review="in_turn",
        start_years=[2021, 2022, 2023],
        expected_version=cycle.version,
    )
    services.year_group_launch(actor=secretariat, year_group=group, on=LAUNCH)
    phases = list(austria.phases.order_by("position").select_related("instrument"))
    # Austria is party to the Convention and the three Protocols.
    assert len(phases) == 16
    assert [(p.cluster, p.instrument.code) for p in phases[:5]] == [
        (1, "UNTOC"),
        (1, "TIP"),
        (1, "SOM"),
        (1, "FIREARMS"),
        (4, "UNTOC"),
    ]


def test_launching_before_the_start_year_is_refused(group: YearGroup, secretariat: User) -> None:
    refused(
        InvalidInput,
        lambda: services.year_group_launch(actor=secretariat, year_group=group, on=dt.date(2020, 12, 31)),
        "year group 1 starts in 2021",
    )


def test_launching_twice_is_refused_and_changes_nothing(launched: YearGroup, secretariat: User) -> None:
    refused(
        InvalidInput,
        lambda: services.year_group_launch(actor=secretariat, year_group=launched, on=LAUNCH),
        "already has its phases",
    )


def test_only_the_secretariat_launches(group: YearGroup, people: dict[str, User]) -> None:
    refused(
        NotPermitted,
        lambda: services.year_group_launch(actor=people["focal"], year_group=group, on=LAUNCH),
        "Only the secretariat",
    )


def test_a_year_group_without_reviews_cannot_be_launched(cycle: Cycle, secretariat: User) -> None:
    refused(
        InvalidInput,
        lambda: services.year_group_launch(
            actor=secretariat, year_group=cycle.year_groups.get(number=2), on=dt.date(2022, 1, 1)
        ),
        "draw the year groups first",
    )


def test_a_state_with_a_capacity_flag_gets_the_extra_time_the_rules_give(
    cycle: Cycle, group: YearGroup, secretariat: User
) -> None:
    rules = cycle.rules
    rules.values = {**rules.values, "capacity_extension_percent": 50}
    rules.save()
    afghanistan = State.objects.get(code="AFG")  # least developed and landlocked
    assert afghanistan.least_developed
    CountryReview.objects.create(cycle=cycle, state=afghanistan, year_group=group)
    services.year_group_launch(actor=secretariat, year_group=group, on=dt.date(2021, 1, 1))
    due = dict(StageDeadline.objects.filter(phase__review__state=afghanistan).values_list("stage", "due_on"))
    # Two weeks become three; six months (181 days) get 91 more days.
    assert due["focal_point"] == dt.date(2021, 1, 22)
    assert due["questionnaire"] == dt.date(2021, 7, 1) + dt.timedelta(days=91)
    austria_due = dict(StageDeadline.objects.filter(phase__review__state__code="AUT").values_list("stage", "due_on"))
    assert austria_due["focal_point"] == dt.date(2021, 1, 15)


# Stages


def test_the_focal_point_moves_the_phase_through_its_stages(first_phase: Phase, people: dict[str, User]) -> None:
    focal = people["focal"]
    phase = services.phase_stage_complete(actor=focal, phase=first_phase, stage="focal_point", on=dt.date(2021, 2, 10))
    phase = services.phase_stage_complete(actor=focal, phase=phase, stage="experts", on=dt.date(2021, 3, 5))
    phase = services.phase_questionnaire_submitted(actor=focal, phase=phase, on=dt.date(2021, 5, 3))
    assert phase.stage == "feedback"
    deadlines = {d.stage: d for d in phase.deadlines.all()}
    assert deadlines["focal_point"].met_on == dt.date(2021, 2, 10)
    assert deadlines["experts"].is_passed(dt.date(2021, 6, 1))  # done on 5 March, due 28 February: flagged
    assert not deadlines["focal_point"].is_passed(dt.date(2021, 6, 1))
    # The feedback is due six months after the questionnaire was received.
    assert deadlines["feedback"].due_on == dt.date(2021, 11, 3)
    assert phase.version == 4


def test_a_late_stage_is_flagged_not_blocked(first_phase: Phase, people: dict[str, User]) -> None:
    phase = services.phase_stage_complete(
        actor=people["focal"], phase=first_phase, stage="focal_point", on=dt.date(2021, 6, 1)
    )
    assert phase.stage == "experts"
    assert phase.deadlines.get(stage="focal_point").is_passed(dt.date(2021, 6, 1))


def test_an_expert_cannot_mark_a_stage_done(first_phase: Phase, people: dict[str, User]) -> None:
    refused(
        NotPermitted,
        lambda: services.phase_stage_complete(
            actor=people["expert"], phase=first_phase, stage="focal_point", on=dt.date(2021, 2, 1)
        ),
        "Only the focal point of the State under review or the secretariat can record “Focal point named”",
    )


def test_someone_outside_the_review_is_refused(first_phase: Phase, people: dict[str, User]) -> None:
    refused(
        NotPermitted,
        lambda: services.phase_stage_complete(
            actor=people["other"], phase=first_phase, stage="focal_point", on=dt.date(2021, 2, 1)
        ),
        "no part",
    )


def test_a_stage_out_of_order_is_refused_in_words(first_phase: Phase, people: dict[str, User]) -> None:
    refused(
        InvalidInput,
        lambda: services.phase_stage_complete(
            actor=people["focal"], phase=first_phase, stage="experts", on=dt.date(2021, 2, 1)
        ),
        "“Governmental experts named” is possible only while the phase is: Governmental experts to be named",
        "It is now: Focal point to be named",
    )


def test_the_same_stage_done_twice_says_it_was_already_recorded(first_phase: Phase, secretariat: User) -> None:
    services.phase_stage_complete(actor=secretariat, phase=first_phase, stage="focal_point", on=dt.date(2021, 2, 1))
    refused(
        InvalidInput,
        lambda: services.phase_stage_complete(
            actor=secretariat, phase=first_phase, stage="focal_point", on=dt.date(2021, 2, 1)
        ),
        "already recorded: the focal point was named on",
    )


def test_a_stale_page_is_a_conflict(first_phase: Phase, secretariat: User) -> None:
    services.phase_stage_complete(
        actor=secretariat, phase=first_phase, stage="focal_point", on=dt.date(2021, 2, 1), expected_version=1
    )
    error = refused(
        Conflict,
        lambda: services.phase_stage_complete(
            actor=secretariat, phase=first_phase, stage="experts", on=dt.date(2021, 2, 1), expected_version=1
        ),
        "Nothing was done",
    )
    assert getattr(error, "current_version", None) == 2


@pytest.mark.parametrize(
    ("on", "needle"),
    [
        (dt.date(2021, 1, 1), "the phase started on"),
        (dt.date(2999, 1, 1), "cannot be later than"),
        (dt.date(1999, 1, 1), "not plausible"),
    ],
)
def test_a_stage_done_on_an_implausible_day_is_refused(
    first_phase: Phase, secretariat: User, on: dt.date, needle: str
) -> None:
    refused(
        InvalidInput,
        lambda: services.phase_stage_complete(actor=secretariat, phase=first_phase, stage="focal_point", on=on),
        needle,
    )


def test_an_unknown_stage_is_refused(first_phase: Phase, secretariat: User) -> None:
    refused(
        InvalidInput,
        lambda: services.phase_stage_complete(
            actor=secretariat, phase=first_phase, stage="nap", on=dt.date(2021, 2, 1)
        ),
        "'nap' is not a stage",
    )


def test_a_phase_not_yet_launched_does_not_move(launched: YearGroup, austria: CountryReview, secretariat: User) -> None:
    second = austria.phases.get(position=2)
    refused(
        InvalidInput,
        lambda: services.phase_stage_complete(
            actor=secretariat, phase=second, stage="focal_point", on=dt.date(2023, 2, 1)
        ),
        "not launched yet",
    )


def test_a_later_phase_is_launched_with_its_own_deadlines(
    launched: YearGroup, austria: CountryReview, secretariat: User
) -> None:
    second = austria.phases.get(position=2)
    phase = services.phase_launch(actor=secretariat, phase=second, on=dt.date(2023, 3, 1))
    assert phase.launched_at is not None and phase.starts_on == dt.date(2023, 3, 1)
    assert phase.deadlines.get(stage="focal_point").due_on == dt.date(2023, 3, 15)
    refused(
        InvalidInput,
        lambda: services.phase_launch(actor=secretariat, phase=phase, on=dt.date(2023, 3, 1)),
        "already launched",
    )
    refused(
        InvalidInput,
        lambda: services.phase_launch(actor=secretariat, phase=austria.phases.get(position=4), on=dt.date(2027, 3, 1)),
        "launch phase 3 first",
    )


def test_the_reviewers_focal_point_sends_the_feedback(first_phase: Phase, people: dict[str, User]) -> None:
    focal = people["focal"]
    phase = services.phase_stage_complete(actor=focal, phase=first_phase, stage="focal_point", on=dt.date(2021, 2, 1))
    phase = services.phase_stage_complete(actor=focal, phase=phase, stage="experts", on=dt.date(2021, 2, 2))
    phase = services.phase_questionnaire_submitted(actor=focal, phase=phase, on=dt.date(2021, 5, 3))
    refused(
        NotPermitted,
        lambda: services.phase_stage_complete(actor=focal, phase=phase, stage="feedback", on=dt.date(2021, 6, 1)),
        "focal points of the reviewing States",
    )
    phase = services.phase_stage_complete(
        actor=people["reviewer_focal"], phase=phase, stage="feedback", on=dt.date(2021, 6, 1)
    )
    assert phase.stage == "dialogue"


# Who may edit what


def test_after_submission_experts_are_told_when_the_questionnaire_was_submitted(
    first_phase: Phase, people: dict[str, User]
) -> None:
    focal = people["focal"]
    phase = services.phase_stage_complete(actor=focal, phase=first_phase, stage="focal_point", on=dt.date(2021, 2, 1))
    phase = services.phase_stage_complete(actor=focal, phase=phase, stage="experts", on=dt.date(2021, 2, 2))
    services.phase_edit_require(actor=people["expert"], phase=phase, fields=["answers"])  # allowed now
    phase = services.phase_questionnaire_submitted(actor=focal, phase=phase, on=dt.date(2021, 5, 3))
    with pytest.raises(InvalidInput) as caught:
        services.phase_edit_require(actor=people["expert"], phase=phase, fields=["answers"])
    assert caught.value.message == (
        "the questionnaire was submitted on May 3, 2021; the governmental experts of the State under review can no "
        "longer edit the answers to the questionnaire."
    )
    assert caught.value.where == "answers"
    services.phase_edit_require(actor=people["reviewer_expert"], phase=phase, fields=["feedback"])


def test_before_the_questionnaire_stage_experts_are_told_when_they_may_answer(
    first_phase: Phase, people: dict[str, User]
) -> None:
    with pytest.raises(InvalidInput) as caught:
        services.phase_edit_require(actor=people["expert"], phase=first_phase, fields=["answers"])
    assert "only at the stage “Self-assessment questionnaire to be answered”" in caught.value.message
    with pytest.raises(NotPermitted):
        services.phase_edit_require(actor=people["other"], phase=first_phase, fields=["answers"])


# Extensions


def _deadline(phase: Phase, stage: str = "questionnaire") -> StageDeadline:
    return phase.deadlines.get(stage=stage)


def test_an_extension_granted_moves_the_effective_date_and_keeps_the_deadline(
    first_phase: Phase, people: dict[str, User], secretariat: User
) -> None:
    deadline = _deadline(first_phase)
    extension = services.extension_request(
        actor=people["focal"],
        deadline=deadline,
        requested_until=dt.date(2021, 9, 30),
        reason="elections",
        on=dt.date(2021, 7, 1),
    )
    assert fresh(deadline).effective_due == dt.date(2021, 7, 31)  # pending: not yet
    services.extension_decide(actor=secretariat, extension=extension, grant=True)
    deadline = fresh(deadline)
    assert deadline.due_on == dt.date(2021, 7, 31)
    assert deadline.effective_due == dt.date(2021, 9, 30)
    assert not deadline.is_passed(dt.date(2021, 9, 30)) and deadline.is_passed(dt.date(2021, 10, 1))


def test_a_refused_extension_says_why_and_moves_nothing(
    first_phase: Phase, people: dict[str, User], secretariat: User
) -> None:
    extension = services.extension_request(
        actor=people["focal"], deadline=_deadline(first_phase), requested_until=dt.date(2021, 9, 30), reason="elections"
    )
    refused(
        InvalidInput, lambda: services.extension_decide(actor=secretariat, extension=extension, grant=False), "say why"
    )
    services.extension_decide(actor=secretariat, extension=extension, grant=False, note="no reason given")
    assert fresh(_deadline(first_phase)).effective_due == dt.date(2021, 7, 31)
    refused(
        InvalidInput,
        lambda: services.extension_decide(actor=secretariat, extension=extension, grant=True),
        "already decided (Refused)",
    )


@pytest.mark.parametrize(
    ("until", "reason", "needle"),
    [
        (dt.date(2021, 7, 31), "x", "already due on"),
        (dt.date(2021, 9, 30), "  ", "say why"),
        (dt.date(2021, 9, 30), "x" * 1001, "at most 1000"),
        (dt.date(2030, 1, 1), "x", "cannot be later than"),
    ],
)
def test_a_bad_extension_request_is_refused(
    first_phase: Phase, people: dict[str, User], until: dt.date, reason: str, needle: str
) -> None:
    refused(
        InvalidInput,
        lambda: services.extension_request(
            actor=people["focal"], deadline=_deadline(first_phase), requested_until=until, reason=reason
        ),
        needle,
    )


def test_who_may_ask_for_more_time(first_phase: Phase, people: dict[str, User], secretariat: User) -> None:
    deadline = _deadline(first_phase)
    for who in ("expert", "reviewer_focal", "other"):
        refused(
            NotPermitted,
            lambda who=who: services.extension_request(
                actor=people[who], deadline=deadline, requested_until=dt.date(2021, 9, 1), reason="x"
            ),
            "Only",
        )
    services.extension_request(
        actor=people["focal"], deadline=deadline, requested_until=dt.date(2021, 9, 1), reason="x"
    )
    refused(
        InvalidInput,
        lambda: services.extension_request(
            actor=secretariat, deadline=deadline, requested_until=dt.date(2021, 10, 1), reason="y"
        ),
        "still to be decided",
    )
    refused(
        NotPermitted,
        lambda: services.extension_decide(actor=people["focal"], extension=deadline.extensions.get(), grant=True),
        "Only the secretariat",
    )


def test_no_extension_for_a_stage_already_done(first_phase: Phase, people: dict[str, User]) -> None:
    services.phase_stage_complete(actor=people["focal"], phase=first_phase, stage="focal_point", on=dt.date(2021, 2, 1))
    refused(
        InvalidInput,
        lambda: services.extension_request(
            actor=people["focal"],
            deadline=_deadline(first_phase, "focal_point"),
            requested_until=dt.date(2021, 3, 1),
            reason="x",
        ),
        "this stage was done on",
    )


# Opting out and deferring


def test_an_opted_out_state_is_neither_reviewed_nor_drawn(
    group: YearGroup, austria: CountryReview, secretariat: User
) -> None:
    review = services.review_opt_out(
        actor=secretariat,
        review=austria,
        note_verbale_ref="NV/2021/17",
        note_verbale_date=dt.date(2021, 1, 10),
        reason="para. 17",
        expected_version=austria.version,
    )
    assert review.status == "opted_out"
    assert Unavailability.objects.get(cycle=group.cycle, state=austria.state).reason == "opted_out"
    assert austria.state_id in opted_out_state_ids(group.cycle)
    services.year_group_launch(actor=secretariat, year_group=group, on=LAUNCH)
    assert not austria.phases.exists()
    assert CountryReview.objects.filter(year_group=group, phases__isnull=False).distinct().count() == 2


def test_the_draw_does_not_put_an_opted_out_state_under_review(
    group: YearGroup, austria: CountryReview, secretariat: User
) -> None:
    from treatyreview.reviews.draws import services as draw_services
    from treatyreview.reviews.models import Draw, ReviewerAssignment

    ReviewerAssignment.objects.all().delete()
    Draw.objects.all().delete()
    services.review_opt_out(
        actor=secretariat, review=austria, note_verbale_ref="NV/1", note_verbale_date=dt.date(2021, 1, 10)
    )
    draw = draw_services.draw_prepare(actor=secretariat, cycle=group.cycle, kind="reviewers", year_group=group)
    assert draw.input["under_review"] == ["BRA", "KEN"]
    austria_entry = next(s for s in draw.input["states"] if s["code"] == "AUT")
    assert austria_entry["can_review"] is False and austria_entry["cannot_review_reason"] == "opted_out"


def test_an_opt_out_through_the_cycle_form_is_sent_to_the_review(
    group: YearGroup, austria: CountryReview, secretariat: User
) -> None:
    refused(
        InvalidInput,
        lambda: cycle_services.unavailability_record(
            actor=secretariat, cycle=group.cycle, state=austria.state, reason="opted_out"
        ),
        "review's page",
    )


@pytest.mark.parametrize(
    ("ref", "day", "needle"),
    [
        ("", dt.date(2021, 1, 1), "reference of the note verbale"),
        ("NV", None, "date of the note verbale"),
        ("x" * 101, dt.date(2021, 1, 1), "at most 100"),
        ("NV", dt.date(2999, 1, 1), "cannot be later than"),
    ],
)
def test_an_opt_out_without_its_note_verbale_is_refused(
    austria: CountryReview, secretariat: User, ref: str, day: dt.date | None, needle: str
) -> None:
    refused(
        InvalidInput,
        lambda: services.review_opt_out(actor=secretariat, review=austria, note_verbale_ref=ref, note_verbale_date=day),
        needle,
    )
    assert fresh(austria).status == "active"


def test_a_deferred_review_is_launched_when_it_resumes(
    group: YearGroup, austria: CountryReview, secretariat: User
) -> None:
    services.review_defer(
        actor=secretariat, review=austria, note_verbale_ref="NV/2", note_verbale_date=dt.date(2021, 1, 5)
    )
    services.year_group_launch(actor=secretariat, year_group=group, on=LAUNCH)
    assert not austria.phases.exists()
    refused(
        InvalidInput,
        lambda: services.review_defer(
            actor=secretariat, review=austria, note_verbale_ref="NV/3", note_verbale_date=dt.date(2021, 1, 5)
        ),
        "“Deferred”",
    )
    services.review_resume(actor=secretariat, review=austria)
    launched = services.year_group_launch(actor=secretariat, year_group=group, on=dt.date(2021, 6, 1))
    assert [review.state.code for review in launched] == ["AUT"]
    assert austria.phases.get(position=1).starts_on == dt.date(2021, 6, 1)


def test_an_opted_out_review_does_not_move_on(first_phase: Phase, austria: CountryReview, secretariat: User) -> None:
    services.review_opt_out(
        actor=secretariat, review=austria, note_verbale_ref="NV/4", note_verbale_date=dt.date(2021, 2, 1)
    )
    refused(
        InvalidInput,
        lambda: services.phase_stage_complete(
            actor=secretariat, phase=first_phase, stage="focal_point", on=dt.date(2021, 2, 2)
        ),
        "opted out",
    )


def test_a_stale_opt_out_form_is_a_conflict(austria: CountryReview, secretariat: User) -> None:
    services.review_defer(
        actor=secretariat,
        review=austria,
        note_verbale_ref="NV/5",
        note_verbale_date=dt.date(2021, 1, 5),
        expected_version=1,
    )
    refused(
        Conflict,
        lambda: services.review_opt_out(
            actor=secretariat,
            review=austria,
            note_verbale_ref="NV/6",
            note_verbale_date=dt.date(2021, 1, 6),
            expected_version=1,
        ),
        "Nothing was saved",
    )


def test_only_the_secretariat_records_an_opt_out(austria: CountryReview, people: dict[str, User]) -> None:
    refused(
        NotPermitted,
        lambda: services.review_opt_out(
            actor=people["focal"], review=austria, note_verbale_ref="NV", note_verbale_date=dt.date(2021, 1, 1)
        ),
    )


# The cluster of an article, and the demo's provisional mapping


def test_a_stale_cluster_edit_is_a_conflict_and_changes_nothing(secretariat: User) -> None:
    from treatyreview.registry.models import Article
    from treatyreview.registry.services import article_cluster_update

    article = Article.objects.get(instrument__code="UNTOC", number=18)
    article_cluster_update(actor=secretariat, article=article, cluster=4, source="appendix", expected_version=1)
    error = refused(Conflict, lambda: article_cluster_update(
        actor=secretariat, article=article, cluster=3, source="other", expected_version=1), "it is now: 4")
    assert getattr(error, "current_version", None) == 2
    assert fresh(article).cluster == 4


def test_the_provisional_mapping_fills_only_unknown_clusters_and_says_so(secretariat: User) -> None:
    from treatyreview.registry.models import Article
    from treatyreview.registry.services import article_cluster_update, article_clusters_provisional_fill

    established = Article.objects.get(instrument__code="TIP", number=5)
    assert established.cluster == 1 and not established.cluster_provisional
    sourced = Article.objects.get(instrument__code="UNTOC", number=18)
    article_cluster_update(actor=secretariat, article=sourced, cluster=3, source="a decision", expected_version=1)
    filled = article_clusters_provisional_fill(actor=secretariat)
    assert filled > 40
    assert fresh(established).cluster == 1 and not fresh(established).cluster_provisional
    assert (fresh(sourced).cluster, fresh(sourced).cluster_provisional) == (3, False)
    guessed = Article.objects.get(instrument__code="UNTOC", number=16)
    assert (guessed.cluster, guessed.cluster_provisional) == (4, True)
    assert "provisional" in guessed.cluster_source
    # Setting the cluster with a source establishes it.
    article_cluster_update(actor=secretariat, article=guessed, cluster=4, source="appendix", expected_version=2)
    assert not fresh(guessed).cluster_provisional
    assert article_clusters_provisional_fill(actor=secretariat) == 0


def test_the_articles_of_a_phase_are_those_of_its_cluster_in_the_instruments_the_state_is_party_to(
    first_phase: Phase, secretariat: User
) -> None:
    from treatyreview.registry.models import Article, Competence, Participation
    from treatyreview.registry.services import article_clusters_provisional_fill
    from treatyreview.reviews.phases.selectors import phase_articles

    article_clusters_provisional_fill(actor=secretariat)
    austria = first_phase.review.state
    articles = phase_articles(first_phase)
    assert {a.cluster for a in articles} == {1}
    assert ("TIP", 5) in {(a.instrument.code, a.number) for a in articles}
    assert any(a.cluster_provisional for a in articles)  # Firearms art. 5: provisional
    # Not party to the Firearms Protocol: none of its articles.
    Participation.objects.filter(state=austria, instrument__code="FIREARMS").update(status="signatory")
    assert all(a.instrument.code != "FIREARMS" for a in phase_articles(first_phase))
    # The European Union: only articles within its declared competence.
    eu_review = CountryReview.objects.create(cycle=first_phase.review.cycle, state=State.objects.get(code="EUU"))
    eu_phase = Phase.objects.create(review=eu_review, position=1, cluster=1, starts_on=LAUNCH)
    assert phase_articles(eu_phase) == []  # no competence declared in the reference data
    eu = eu_review.state
    Participation.objects.filter(state=eu, instrument__code__in=["UNTOC", "TIP"]).update(status="party")
    within = Article.objects.get(instrument__code="TIP", number=5)
    Competence.objects.create(state=eu, article=within, source="declaration of competence")
    Competence.objects.create(state=eu, article=Article.objects.get(instrument__code="TIP", number=9), source="d")
    assert [(a.instrument.code, a.number) for a in phase_articles(eu_phase)] == [("TIP", 5)]
    # A phase of one instrument: only that instrument.
    first_phase.instrument = Article.objects.get(instrument__code="TIP", number=5).instrument
    assert {a.instrument.code for a in phase_articles(first_phase)} == {"TIP"}
