"""The registry of the permission matrix: every confidential object type, at every stage that changes who may see
it, with the pages and API calls that show it and the roles that may see it. `test_matrix.py` asks every role of
`roles.ROLES` for every address of every row.

How to add an object (a later issue's object joins the matrix by adding rows, nothing else):

1. If the object is not in the world yet, make it in `reach` (a function of the `World`, run before the row is
   asked; keep what the addresses need in `world.extra`), or in `world.build` when several rows share it.
2. Add one `Row` per stage at which the answer differs: `name` (the object type), `stage`, `pages` and `api`
   (functions of the `World` giving the addresses), `may_see` (role names, composed from the groups of
   `roles.py`), and `reach` to bring the object to that stage.
3. Say how those not entitled are refused (`refused`, 404 by default: the object hides its existence; 403 only
   for a secretariat page that refuses before anything is looked up), which audit action every allowed read
   writes (`read_action`, None for material that is not confidential), and a `secret` the page of someone
   refused must never contain.

For example, an observation list in its draft and its adopted stage is two rows:

    Row("list of observations", "draft", pages=lambda w: [f"/observations/{w.extra['list'].pk}/"],
        api=lambda w: [f"/api/reviews/{w.review.pk}/observations"], may_see=SECRETARIAT | REVIEWING_STATE,
        reach=_observation_list_drafted, read_action="observations.read"),

The anonymous public is asked too: where it may not see, a page answers 404 or sends it to sign in, and the API
answers 401; where it may (`"anonymous" in may_see`), 200.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.permissions.roles import (
    EVERYONE,
    NOBODY,
    OBSERVER_REVIEWING,
    OBSERVER_UNDER_REVIEW,
    REVIEWING_STATE,
    SECRETARIAT,
    STATE_UNDER_REVIEW,
    UNDER_REVIEW,
)
from tests.permissions.world import EXPERT_EMAIL, RECORD_TITLE, World
from tests.questionnaires.answers.world import answer_all
from treatyreview.knowledge.models import LegalRecord
from treatyreview.questionnaires.answers import services as answer_services
from treatyreview.reviews.draws import services as draw_services

Addresses = Callable[[World], list[str]]


def _none(world: World) -> list[str]:
    return []


def _as_it_is(world: World) -> None:
    return None


@dataclass(frozen=True)
class Row:
    name: str
    stage: str
    may_see: frozenset[str]
    pages: Addresses = _none
    api: Addresses = _none
    reach: Callable[[World], None] = _as_it_is
    refused: int = 404
    read_action: str | None = None
    secret: Callable[[World], str] | None = None
    extra_notes: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.name} [{self.stage}]"


# --- how objects reach their stages ------------------------------------------------------------------------------

def _questionnaire_submitted(world: World) -> None:
    answer_all(world.q)
    fresh = world.q.fresh()
    answer_services.questionnaire_submit(actor=world.q.people["focal"], questionnaire=fresh,
                                         expected_version=fresh.version)


def _draw_committed(world: World) -> None:
    draw_services.draw_commit(actor=world.secretariat, draw=world.draw, expected_version=world.draw.version)


def _record_made_public(world: World) -> None:
    LegalRecord.objects.filter(pk=world.record.pk).update(visibility="public")


# --- addresses -------------------------------------------------------------------------------------------------

def _questionnaire_pages(world: World) -> list[str]:
    pk = world.questionnaire.pk
    code = world.questionnaire.answers.select_related("question").order_by("question__position").first().question.code
    return [f"/questionnaires/{pk}/", f"/questionnaires/{pk}/questionnaire.docx",
            f"/questionnaires/{pk}/questionnaire.xlsx", f"/questionnaires/{pk}/answers/{code}/history/"]


def _answers_api(world: World) -> list[str]:
    return [f"/api/reviews/{world.review.pk}/answers"]


QUESTIONNAIRE_DRAFT = STATE_UNDER_REVIEW | OBSERVER_UNDER_REVIEW
QUESTIONNAIRE_SUBMITTED = QUESTIONNAIRE_DRAFT | SECRETARIAT | REVIEWING_STATE | OBSERVER_REVIEWING

ROWS: list[Row] = [
    Row("country review's schedule", "questionnaire",
        pages=lambda w: [f"/reviews/{w.review.pk}/"], api=lambda w: [f"/api/reviews/{w.review.pk}"],
        may_see=SECRETARIAT | STATE_UNDER_REVIEW | REVIEWING_STATE, read_action="review.read"),
    Row("country review's timeline (secretariat)", "questionnaire",
        pages=lambda w: [f"/secretariat/reviews/{w.review.pk}/"], may_see=SECRETARIAT, refused=403),
    Row("questionnaire", "draft", pages=_questionnaire_pages, api=_answers_api,
        may_see=QUESTIONNAIRE_DRAFT, read_action="questionnaire.read"),
    Row("questionnaire", "submitted", pages=_questionnaire_pages, api=_answers_api, reach=_questionnaire_submitted,
        may_see=QUESTIONNAIRE_SUBMITTED, read_action="questionnaire.read"),
    Row("governmental experts of a State", "registered", pages=lambda w: [f"/states/{UNDER_REVIEW}/experts/"],
        may_see=SECRETARIAT | STATE_UNDER_REVIEW, read_action="experts.read", secret=lambda w: EXPERT_EMAIL),
    Row("one governmental expert's entry", "registered",
        pages=lambda w: [f"/states/{UNDER_REVIEW}/experts/{w.expert.pk}/"],
        may_see=SECRETARIAT, refused=403, read_action="expert.read", secret=lambda w: EXPERT_EMAIL),
    Row("who read a State's material", "any", pages=lambda w: [f"/states/{UNDER_REVIEW}/reads/"],
        may_see=SECRETARIAT | {"focal-under-review"}),
    Row("audit trail", "any", pages=lambda w: ["/audit/", "/audit/export.csv"], may_see=SECRETARIAT, refused=403),
    Row("draw session", "prepared", pages=lambda w: [f"/secretariat/draws/{w.draw.pk}/"],
        may_see=SECRETARIAT, refused=403, read_action="draw.read"),
    Row("published draw", "prepared",
        pages=lambda w: [f"/draws/{w.draw.pk}/", f"/draws/{w.draw.pk}/input.json"], may_see=NOBODY),
    Row("published draw", "committed", reach=_draw_committed,
        pages=lambda w: [f"/draws/{w.draw.pk}/", f"/draws/{w.draw.pk}/input.json"], may_see=EVERYONE),
    Row("library record", "restricted to the State's review",
        pages=lambda w: [f"/library/records/{w.record.pk}/"], api=lambda w: [f"/api/library/records/{w.record.pk}"],
        # Within its own review: the State under review's people and those of the States drawn to review it.
        may_see=SECRETARIAT | STATE_UNDER_REVIEW | OBSERVER_UNDER_REVIEW | REVIEWING_STATE | OBSERVER_REVIEWING,
        read_action="library.record_read",
        secret=lambda w: RECORD_TITLE),
    Row("library record", "public", reach=_record_made_public,
        pages=lambda w: [f"/library/records/{w.record.pk}/"], api=lambda w: [f"/api/library/records/{w.record.pk}"],
        may_see=EVERYONE),
    Row("nominations and accounts", "any", pages=lambda w: ["/secretariat/nominations/", "/secretariat/accounts/"],
        may_see=SECRETARIAT, refused=403),
]
