"""The demo's submitted review taken through its outcome: the dialogue held, a list of observations drafted per
article (with suggestions and a technical-assistance need), agreed by every reviewing State and by the State under
review, final; its summary drafted from it and agreed the same way. Safe to run again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from treatyreview.accounts.models import Role, RoleGrant, User
from treatyreview.observations.lists import services, summaries
from treatyreview.observations.lists.choices import Stage
from treatyreview.observations.lists.models import ObservationList, Summary
from treatyreview.questionnaires.answers.models import Questionnaire
from treatyreview.questionnaires.answers.permissions import reviewing_state_ids
from treatyreview.registry.models import State
from treatyreview.reviews.models import Phase
from treatyreview.reviews.phases import services as phases
from treatyreview.reviews.phases.choices import Stage as PhaseStage

# How much of the list the demo writes: enough articles to read, few enough to keep the demo quick.
ARTICLES_WRITTEN = 4


@dataclass
class Outcome:
    phase: Phase
    observation_list: ObservationList
    summary: Summary
    accounts: list[tuple[str, str, str]] = field(default_factory=list)


def _focal_point(state: State, password: str, accounts: list[tuple[str, str, str]]) -> User:
    """The State's focal point: the demo's own account if it has one, else one made for the demo."""
    grant = RoleGrant.objects.active().filter(state=state, role=Role.FOCAL_POINT).select_related("user").first()
    if grant is not None:
        return grant.user
    username = f"focal-{state.code.lower()}"
    user, created = User.objects.get_or_create(
        username=username, defaults={"full_name": f"Focal point of {state.name} (demo)",
                                     "email": f"{username}@example.org"})
    if created:
        user.set_password(password)
        user.save()
        accounts.append((username, str(Role.FOCAL_POINT.label), state.name))
    RoleGrant.objects.get_or_create(user=user, role=Role.FOCAL_POINT, state=state, valid_to=None,
                                    defaults={"valid_from": dt.date(2026, 1, 1)})
    return user


def _submitted_phase() -> Phase | None:
    questionnaire = (Questionnaire.objects.filter(stage="submitted", phase__position=1)
                     .select_related("phase__review__state").order_by("submitted_at", "pk").first())
    return questionnaire.phase if questionnaire is not None else None


def _write(outcome_list: ObservationList, drafter: User) -> None:
    entries = list(outcome_list.observations.select_related("article").order_by("article__number"))
    for index, observation in enumerate(entries[:ARTICLES_WRITTEN]):
        number = observation.article.number
        current = type(observation).objects.get(pk=observation.pk)
        services.observation_save(actor=drafter, observation=current, expected_version=current.version, texts={
            "implementation": f"(demo) The State describes article {number} as implemented by its Criminal Code "
                              f"(section {100 + number}) and by the code of criminal procedure.",
            "successes": f"(demo) A specialised unit of the prosecution service handles cases under article {number}."
            if index % 2 == 0 else "",
            "challenges": f"(demo) Few cases under article {number} reach the courts; statistics are kept by "
                          "each court separately.",
        })
        observation_list = ObservationList.objects.get(pk=outcome_list.pk)
        services.suggestion_add(
            actor=drafter, observation_list=observation_list, article_id=observation.article_id, language="en",
            text=f"(demo) Consider keeping national statistics of investigations and convictions under article "
                 f"{number}.")
        if index == 0:
            services.need_add(actor=drafter, observation_list=ObservationList.objects.get(pk=outcome_list.pk),
                              article_id=observation.article_id, kind="data_collection", already_received=False,
                              description="(demo) A case-management system shared by prosecutors and courts.")


@transaction.atomic
def demo_outcome_agreed(*, secretariat: User, password: str, phase: Phase | None = None) -> Outcome | None:
    """The submitted review's list of observations final and its summary agreed (or those of `phase`, at the
    feedback or the dialogue); None when there is no submitted review, or when it is done already."""
    phase = phase or _submitted_phase()
    if phase is None or Summary.objects.filter(phase=phase, stage=Stage.FINAL).exists():
        return None
    review = phase.review
    accounts: list[tuple[str, str, str]] = []
    today = timezone.localdate()
    if phase.stage == PhaseStage.FEEDBACK:
        # No dialogue demo on this branch: the secretariat records the feedback sent, from the reviewers' letters.
        phases.phase_stage_complete(actor=secretariat, phase=phase, stage=PhaseStage.FEEDBACK, on=today)
        phase.refresh_from_db()
    reviewing = list(State.objects.filter(pk__in=reviewing_state_ids(phase)).order_by("code"))
    if not reviewing:
        return None
    focal_points = [_focal_point(state, password, accounts) for state in reviewing]
    under_review = _focal_point(review.state, password, accounts)
    observation_list = services.list_begin(actor=focal_points[0], phase=phase, on=today)
    if observation_list.stage == Stage.DRAFT and observation_list.version == 1:
        _write(observation_list, focal_points[0])
    observation_list = ObservationList.objects.get(pk=observation_list.pk)
    if observation_list.stage == Stage.DRAFT:
        for focal in focal_points:
            observation_list = ObservationList.objects.get(pk=observation_list.pk)
            services.list_step(actor=focal, observation_list=observation_list, step="agree_reviewing",
                               expected_version=observation_list.version)
    observation_list = ObservationList.objects.get(pk=observation_list.pk)
    if observation_list.stage == Stage.AGREED_BY_REVIEWING:
        services.list_step(actor=under_review, observation_list=observation_list, step="agree_under_review",
                           expected_version=observation_list.version)
        observation_list = ObservationList.objects.get(pk=observation_list.pk)
    if observation_list.stage == Stage.AGREED_BY_UNDER_REVIEW:
        services.list_step(actor=secretariat, observation_list=observation_list, step="finalise",
                           expected_version=observation_list.version, on=today)
    summary = summaries.summary_begin(actor=focal_points[0], phase=Phase.objects.get(pk=phase.pk))
    if summary.stage == Stage.DRAFT:
        for focal in focal_points:
            summary = Summary.objects.get(pk=summary.pk)
            summaries.summary_step(actor=focal, summary=summary, step="agree_reviewing",
                                   expected_version=summary.version)
    summary = Summary.objects.get(pk=summary.pk)
    if summary.stage == Stage.AGREED_BY_REVIEWING:
        summaries.summary_step(actor=under_review, summary=summary, step="agree_under_review",
                               expected_version=summary.version)
        summary = Summary.objects.get(pk=summary.pk)
    if summary.stage == Stage.AGREED_BY_UNDER_REVIEW:
        summaries.summary_step(actor=secretariat, summary=summary, step="finalise", expected_version=summary.version,
                               on=today)
    return Outcome(phase=Phase.objects.get(pk=phase.pk), observation_list=ObservationList.objects.get(phase=phase),
                   summary=Summary.objects.get(phase=phase), accounts=accounts)
