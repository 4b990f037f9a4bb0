"""The world every row of the matrix is looked at in (built afresh for each row): Austria's country review with
its first phase launched and its questionnaire open, reviewed by Kenya and Brazil; a governmental expert of
Austria; a draw being prepared; a library record of Austria restricted to its review; and one person for every
role of `roles.ROLES`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.test import Client

from tests.permissions.roles import ROLES, UNDER_REVIEW
from tests.questionnaires.answers.world import World as QuestionnaireWorld
from tests.questionnaires.answers.world import world as questionnaire_world
from treatyreview.accounts.models import Role, RoleGrant, User
from treatyreview.knowledge.models import LegalRecord
from treatyreview.knowledge.services import RecordFields, TextFields, record_create
from treatyreview.registry.models import GovernmentalExpert, State
from treatyreview.reviews.draws.services import draw_prepare
from treatyreview.reviews.models import Draw
from treatyreview.stakeholders.models import Organization

# Texts that only those who may see an object find in its page: the refused never do.
EXPERT_EMAIL = "m.gruber@example.org"
RECORD_TITLE = "Restricted draft amendment to the Criminal Code"


@dataclass
class World:
    q: QuestionnaireWorld
    people: dict[str, User]
    expert: GovernmentalExpert
    draw: Draw
    record: LegalRecord
    extra: dict[str, Any] = field(default_factory=dict)  # what a row's `reach` adds, for its addresses

    @property
    def review(self) -> Any:
        return self.q.review

    @property
    def questionnaire(self) -> Any:
        return self.q.questionnaire

    @property
    def secretariat(self) -> User:
        return self.people["secretariat"]

    def client(self, role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(self.people[role])
        return client


# The people the questionnaire world already has (a State has one focal point at a time).
SAME_AS = {"secretariat": "secretariat", "focal-under-review": "focal", "expert-under-review": "expert",
           "observer-under-review": "observer", "focal-reviewing": "reviewer_focal",
           "expert-reviewing": "reviewer_expert", "observer-reviewing": "reviewer_observer",
           "expert-unrelated": "other_expert", "delegate": "delegate"}


def _person(name: str, q: QuestionnaireWorld) -> User:
    spec = ROLES[name]
    if name in SAME_AS:
        return q.people[SAME_AS[name]]
    person = User.objects.create_user(username=f"matrix-{name}", password="a-long-test-password",
                                      full_name=f"Matrix {name}")
    assert spec is not None
    role, state = spec
    organization = None
    if role == Role.CIVIL_SOCIETY:
        organization, _ = Organization.objects.get_or_create(
            name="Matrix organization", defaults={"kind": Organization.Kind.NGO, "accredited": True})
    RoleGrant.objects.create(user=person, role=role, state=State.objects.get(code=state) if state else None,
                             organization=organization, valid_from=dt.date(2020, 1, 1))
    return person


def build() -> World:
    q = questionnaire_world(name="Permission matrix cycle")
    people = {name: _person(name, q) for name in ROLES if name != "anonymous"}
    austria = State.objects.get(code=UNDER_REVIEW)
    expert = GovernmentalExpert.objects.create(state=austria, full_name="Maria Gruber", email=EXPERT_EMAIL,
                                               expertise="mutual legal assistance", languages=["de", "en"])
    draw = draw_prepare(actor=people["secretariat"], cycle=q.review.cycle, kind=Draw.Kind.YEAR_GROUPS)
    record = record_create(
        actor=people["secretariat"],
        fields=RecordFields(kind="legislation", state=austria, original_language="en", visibility="review",
                            articles=[]),
        text=TextFields(language="en", title=RECORD_TITLE, text="Not yet before parliament."),
    )
    return World(q=q, people=people, expert=expert, draw=draw, record=record)
