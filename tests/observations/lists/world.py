"""Test helpers (not collected): the questionnaire's world (Austria under review, Kenya and Brazil reviewing) with
its phase at the dialogue, a focal point for each reviewing State, and steps to take a list and summary along."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.questionnaires.answers.world import PEOPLE as QUESTIONNAIRE_PEOPLE
from tests.questionnaires.answers.world import user, world
from treatyreview.accounts.models import Role, User
from treatyreview.observations.lists import services, summaries
from treatyreview.observations.lists.models import ObservationList, Summary
from treatyreview.reviews.models import CountryReview, Phase

PEOPLE: dict[str, tuple[str | None, str | None]] = {
    **QUESTIONNAIRE_PEOPLE,
    "reviewer2_focal": (Role.FOCAL_POINT, "BRA"),
}
# Who drafts, who agrees, who reads, in the default rules (the secretariat "assists").
DRAFTERS = {"reviewer_focal", "reviewer_expert", "reviewer2_focal"}
PARTICIPANTS = {"secretariat", "focal", "expert", "expert2", "observer", "reviewer_focal", "reviewer_expert",
                "reviewer_observer", "reviewer2_focal"}
EVERYONE = [*PEOPLE, "anonymous"]
STAGES = ["draft", "agreed_by_reviewing", "agreed_by_under_review", "final"]


@dataclass
class Lists:
    review: CountryReview
    phase: Phase
    people: dict[str, User]

    def list(self) -> ObservationList:
        return ObservationList.objects.get(phase=self.phase)

    def summary(self) -> Summary:
        return Summary.objects.get(phase=self.phase)

    def articles(self) -> list[int]:
        return list(self.list().observations.order_by("article_id").values_list("article_id", flat=True))


def lists_world(*, articles: int = 3, begun: bool = True, name: str = "Cycle under test") -> Lists:
    w = world(articles=articles, stage="dialogue", name=name)
    people = dict(w.people)
    people["reviewer2_focal"] = user("reviewer2_focal", Role.FOCAL_POINT, "BRA")
    result = Lists(review=w.review, phase=w.phase, people=people)
    if begun:
        services.list_begin(actor=people["reviewer_focal"], phase=w.phase)
    return result


def fill(world: Lists, who: str = "reviewer_expert") -> None:
    """Write an observation, a suggestion and a need on the first article."""
    observation_list = world.list()
    observation = observation_list.observations.order_by("article_id").first()
    assert observation is not None
    services.observation_save(actor=world.people[who], observation=observation, expected_version=observation.version,
                              texts={"implementation": "The Criminal Code covers participation in a group.",
                                     "successes": "A specialised prosecution office.",
                                     "challenges": "Few convictions for organized crime."})
    services.suggestion_add(actor=world.people[who], observation_list=observation_list,
                            article_id=observation.article_id, language="en",
                            text="Consider collecting statistics on convictions for participation.")
    services.need_add(actor=world.people[who], observation_list=world.list(), article_id=observation.article_id,
                      kind="data_collection", description="A case management system.")


def step(world: Lists, who: str, name: str, **extra: Any) -> ObservationList:
    observation_list = world.list()
    return services.list_step(actor=world.people[who], observation_list=observation_list, step=name,
                              expected_version=observation_list.version, **extra)


def to_stage(world: Lists, stage: str) -> None:
    """Take the list to `stage` through its focal points (and the secretariat for final)."""
    if stage == "draft":
        return
    step(world, "reviewer_focal", "agree_reviewing")
    step(world, "reviewer2_focal", "agree_reviewing")
    if stage == "agreed_by_reviewing":
        return
    step(world, "focal", "agree_under_review")
    if stage == "agreed_by_under_review":
        return
    step(world, "secretariat", "finalise")


def summary_step(world: Lists, who: str, name: str, **extra: Any) -> Summary:
    summary = world.summary()
    return summaries.summary_step(actor=world.people[who], summary=summary, step=name,
                                  expected_version=summary.version, **extra)


def summary_to_stage(world: Lists, stage: str) -> None:
    if stage == "draft":
        return
    summary_step(world, "reviewer_focal", "agree_reviewing")
    summary_step(world, "reviewer2_focal", "agree_reviewing")
    if stage == "agreed_by_reviewing":
        return
    summary_step(world, "focal", "agree_under_review")
    if stage == "agreed_by_under_review":
        return
    summary_step(world, "secretariat", "finalise")
