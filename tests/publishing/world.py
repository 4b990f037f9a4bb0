"""Test helpers (not collected): the questionnaire world of Austria (tests/questionnaires/answers/world.py) taken
on to a final list of observations with a suggestion and a technical-assistance need, and an agreed summary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from tests.questionnaires.answers.world import PEOPLE, World, world
from treatyreview.observations.lists.models import AssistanceNeed, Observation, ObservationList, Recommendation, Summary
from treatyreview.publishing import services
from treatyreview.publishing.models import Document
from treatyreview.reviews.phases.selectors import phase_articles

EVERYONE = [*PEOPLE, "anonymous"]
# Who reads what is not public: the review's participants (observers of the State under review too) and the
# secretariat. Nobody else, whatever their role.
READERS = {"secretariat", "focal", "expert", "expert2", "observer", "reviewer_focal", "reviewer_expert"}

SUMMARY_TEXT = {
    "introduction": "Austria was reviewed by Kenya and Brazil on the articles of cluster 1.",
    "successes": "The Criminal Code covers participation in an organized criminal group.",
    "challenges": "Statistics on confiscation are not collected in one place.",
    "assistance_needs": "Austria asks for help with data collection.",
}


@dataclass
class OutcomeWorld:
    base: World
    observation_list: ObservationList
    summary: Summary

    @property
    def people(self) -> dict[str, Any]:
        return self.base.people

    @property
    def review(self) -> Any:
        return self.base.review

    @property
    def phase(self) -> Any:
        return self.base.phase


def outcome_world(*, articles: int = 3, name: str = "Cycle under test", final: bool = True) -> OutcomeWorld:
    base = world(articles=articles, stage="summary", name=name)
    author = base.people["secretariat"]
    now = timezone.now()
    stage = "final" if final else "draft"
    observation_list = ObservationList.objects.create(phase=base.phase, stage=stage, created_by=author,
                                                      final_at=now if final else None)
    for number, article in enumerate(phase_articles(base.phase), start=1):
        Observation.objects.create(observation_list=observation_list, article=article,
                                   implementation=f"Article {article.number} is implemented by the Criminal Code.",
                                   successes="Specialised prosecutors." if number == 1 else "",
                                   challenges="Few convictions so far." if number == 1 else "")
        if number == 1:
            Recommendation.objects.create(observation_list=observation_list, article=article, language="en",
                                          text="Collect statistics on convictions.", created_by=author)
            AssistanceNeed.objects.create(observation_list=observation_list, article=article,
                                          kind="data_collection", description="A case-management system.",
                                          created_by=author)
    summary = Summary.objects.create(phase=base.phase, stage=stage, created_by=author, final_at=now if final else None,
                                     **SUMMARY_TEXT)
    return OutcomeWorld(base, observation_list, summary)


def generated(w: OutcomeWorld, kind: str = "summary") -> Document:
    return services.document_generate(actor=w.people["secretariat"], phase=w.phase, kind=kind)
