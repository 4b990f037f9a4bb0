"""Test helpers (not collected): a country review of Austria with a launched first phase, its questionnaire,
Kenya and Brazil as reviewing States, and people of every role around it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from treatyreview.accounts.models import Role, RoleGrant, User
from treatyreview.questionnaires.answers import services
from treatyreview.questionnaires.answers.models import Answer, Questionnaire
from treatyreview.questionnaires.saq.models import Question, QuestionnaireTemplate, TemplateVersion
from treatyreview.registry.models import Article, Instrument, State
from treatyreview.reviews.models import CountryReview, Cycle, Draw, Phase, ReviewerAssignment, StageDeadline
from treatyreview.reviews.rules.selectors import rules_current

START = dt.date(2026, 1, 15)


@dataclass
class World:
    review: CountryReview
    phase: Phase
    questionnaire: Questionnaire
    people: dict[str, User]

    def answer(self, code: str) -> Answer:
        return Answer.objects.get(questionnaire=self.questionnaire, question__code=code)

    def fresh(self) -> Questionnaire:
        return Questionnaire.objects.get(pk=self.questionnaire.pk)


def user(username: str, role: str | None = None, state: str | None = None) -> User:
    """The person named `username`, holding `role` (for `state`); the same person when asked again."""
    found = User.objects.filter(username=username).first()
    if found is not None:
        return found
    person = User.objects.create_user(username=username, password="a-long-test-password", full_name=username)
    if role:
        RoleGrant.objects.create(user=person, role=role, state=State.objects.get(code=state) if state else None,
                                 valid_from=dt.date(2020, 1, 1))
    return person


def template_version(articles: list[Article], *, name: str = "test-saq") -> TemplateVersion:
    """A published version with, per article, a yes/no question and a citation follow-up when yes."""
    secretariat = User.objects.filter(username="officer").first() or user("template-author")
    template, _ = QuestionnaireTemplate.objects.get_or_create(name=name, defaults={"title": {"en": "Test SAQ"}})
    number = template.versions.count() + 1
    version = TemplateVersion.objects.create(template=template, number=number, status="published",
                                             published_at=timezone.now(), created_by=secretariat)
    position = 0
    for article in articles:
        position += 1
        parent = Question.objects.create(
            version=version, code=f"{article.instrument.code}-{article.number}-1", instrument=article.instrument,
            article=article, type="yes_no", position=position,
            text={"en": f"Has your State adopted the measures of article {article.number}?",
                  "fr": f"Votre État a-t-il adopté les mesures de l'article {article.number} ?"},
        )
        position += 1
        Question.objects.create(
            version=version, code=f"{article.instrument.code}-{article.number}-1a", instrument=article.instrument,
            article=article, type="citation", parent=parent, condition="yes_or_in_part", position=position,
            text={"en": "Cite the legislation."},
        )
    return version


PEOPLE = {
    # name: (role, state)
    "secretariat": (Role.SECRETARIAT, None),
    "focal": (Role.FOCAL_POINT, "AUT"),
    "expert": (Role.EXPERT, "AUT"),
    "expert2": (Role.EXPERT, "AUT"),
    "observer": (Role.OBSERVER, "AUT"),
    "reviewer_focal": (Role.FOCAL_POINT, "KEN"),
    "reviewer_expert": (Role.EXPERT, "KEN"),
    "reviewer_observer": (Role.OBSERVER, "BRA"),
    "other_expert": (Role.EXPERT, "PHL"),
    "delegate": (Role.DELEGATE, None),
    "nobody": (None, None),
}


def world(*, articles: int = 3, stage: str = "questionnaire", name: str = "Cycle under test") -> World:
    people = {key: user(key, role, state) for key, (role, state) in PEOPLE.items()}
    cycle = Cycle.objects.create(name=name, rules=rules_current())
    austria = State.objects.get(code="AUT")
    review = CountryReview.objects.create(cycle=cycle, state=austria)
    draw = Draw.objects.create(cycle=cycle, kind="reviewers", status="confirmed", input={}, input_sha256="0" * 64,
                               created_by=people["secretariat"])
    untoc = Instrument.objects.get(code="UNTOC")
    ReviewerAssignment.objects.create(review=review, instrument=untoc, reviewer=State.objects.get(code="KEN"),
                                      slot="other_group", draw=draw)
    ReviewerAssignment.objects.create(review=review, instrument=untoc, reviewer=State.objects.get(code="BRA"),
                                      slot="same_group", draw=draw)
    phase = Phase.objects.create(review=review, position=1, cluster=1, starts_on=START, stage=stage,
                                 launched_at=timezone.now())
    StageDeadline.objects.create(phase=phase, stage="questionnaire", due_on=START + dt.timedelta(days=200))
    chosen = list(Article.objects.filter(instrument=untoc, cluster=1).order_by("number")[:articles])
    version = template_version(chosen, name=f"saq-{cycle.pk}")
    questionnaire = services.questionnaire_open(actor=people["secretariat"], phase=phase, template_version=version)
    return World(review=review, phase=phase, questionnaire=questionnaire, people=people)


def save(world: World, who: str, code: str, **content: Any) -> Answer:
    answer = world.answer(code)
    return services.answer_save(actor=world.people[who], answer=answer, expected_version=answer.version,
                                content=content)


def answer_all(world: World, who: str = "expert") -> None:
    """Answer every question: yes, and the law that implements it in the follow-up."""
    for answer in world.questionnaire.answers.select_related("question").order_by("question__position"):
        if answer.question.type == "yes_no":
            save(world, who, answer.question.code, choice="yes", text="Implemented by the Criminal Code.")
        elif answer.question.type == "citation":
            save(world, who, answer.question.code,
                 citations=[{"reference": "Criminal Code, section 278a", "url": "https://www.ris.bka.gv.at/"}])
