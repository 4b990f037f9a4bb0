"""Reads of questionnaires: every one goes through `access_questionnaire`, which checks and logs it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet

from treatyreview.accounts.models import User
from treatyreview.accounts.permissions import Visitor
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.errors import NotFound
from treatyreview.questionnaires.answers import permissions
from treatyreview.questionnaires.answers.content import is_answered
from treatyreview.questionnaires.answers.models import Answer, AnswerRevision, Questionnaire
from treatyreview.questionnaires.saq.choices import condition_met
from treatyreview.questionnaires.saq.selectors import in_order
from treatyreview.registry.models import Article, Instrument


def _questionnaires() -> QuerySet[Questionnaire]:
    return Questionnaire.objects.select_related(
        "phase__review__state", "phase__review__cycle", "phase__instrument", "template_version__template",
        "submitted_by",
    )


def access_questionnaire(user: Visitor, pk: int, *, action: str = AuditAction.QUESTIONNAIRE_READ) -> Questionnaire:
    """A questionnaire the user may read, its reading logged; `NotFound` for everyone else, as for none."""
    questionnaire = _questionnaires().filter(pk=pk).first()
    if questionnaire is None or not permissions.can_read_questionnaire(user, questionnaire):
        raise NotFound
    with transaction.atomic():
        audit.record(actor=user, action=action, target=questionnaire)
    return questionnaire


def access_questionnaire_of_phase(user: Visitor, phase_pk: int) -> Questionnaire:
    found = Questionnaire.objects.filter(phase_id=phase_pk).values_list("pk", flat=True).first()
    if found is None:
        raise NotFound
    return access_questionnaire(user, found)


def questionnaires_readable(user: Visitor, review: Any) -> list[Questionnaire]:
    """The questionnaires of a review's phases the user may read (not logged: callers read them through
    `access_questionnaire`)."""
    found = _questionnaires().filter(phase__review=review).order_by("phase__position")
    return [questionnaire for questionnaire in found if permissions.can_read_questionnaire(user, questionnaire)]


@dataclass
class Item:
    """One question of a questionnaire with its answer and its follow-ups, as a page shows it."""

    answer: Answer
    shown: bool
    answered: bool
    follow_ups: list[Item] = field(default_factory=list)

    @property
    def question(self) -> Any:
        return self.answer.question

    @property
    def cites_in_follow_up(self) -> bool:
        """A yes/no question whose follow-up asks for the legislation: the citation is given there."""
        return any(item.question.type == "citation" for item in self.follow_ups)


@dataclass
class ArticleGroup:
    article: Any
    instrument: Any
    items: list[Item]
    asked: int
    answered: int

    @property
    def complete(self) -> bool:
        return self.asked == self.answered


def answers_in_order(questionnaire: Questionnaire) -> list[Answer]:
    """Every answer of the questionnaire in the order its questions are asked.

    A phase holds hundreds of questions on a few articles: each article, instrument and author is read once and
    shared by its questions, rather than joined into every row.
    """
    answers = list(questionnaire.answers.select_related("question"))
    questions = [answer.question for answer in answers]
    articles = {article.pk: article for article in Article.objects.filter(
        pk__in={question.article_id for question in questions}).prefetch_related("titles")}
    instruments = {instrument.pk: instrument for instrument in Instrument.objects.filter(
        pk__in={question.instrument_id for question in questions})}
    authors = {user.pk: user for user in User.objects.filter(
        pk__in={answer.updated_by_id for answer in answers if answer.updated_by_id})}
    by_pk = {question.pk: question for question in questions}
    for answer in answers:
        question = answer.question
        question.article = articles[question.article_id]
        question.instrument = instruments[question.instrument_id]
        if question.parent_id in by_pk:
            question.parent = by_pk[question.parent_id]
        if answer.updated_by_id:
            answer.updated_by = authors[answer.updated_by_id]
    order = in_order(questions)
    position = {question.pk: index for index, question in enumerate(order)}
    answers.sort(key=lambda answer: position[answer.question_id])
    return answers


def questionnaire_outline(questionnaire: Questionnaire) -> list[ArticleGroup]:
    """Every article of the questionnaire with its questions, follow-ups nested, and how many are answered."""
    answers = answers_in_order(questionnaire)
    by_question = {answer.question_id: answer for answer in answers}
    items: dict[int, Item] = {}
    groups: list[ArticleGroup] = []
    for answer in answers:
        question = answer.question
        parent = items.get(question.parent_id) if question.parent_id else None
        parent_choice = by_question[parent.question.pk].choice if parent is not None else ""
        visible = parent is None or (parent.shown and condition_met(question.condition, parent_choice or None))
        item = Item(answer=answer, shown=visible, answered=is_answered(question.type, answer.content()))
        items[question.pk] = item
        if parent is not None:
            parent.follow_ups.append(item)
            continue
        if not groups or groups[-1].article.pk != question.article_id:
            groups.append(ArticleGroup(article=question.article, instrument=question.instrument, items=[],
                                       asked=0, answered=0))
        groups[-1].items.append(item)
    for group in groups:
        asked = [item for item in flatten(group.items) if item.shown]
        group.asked = len(asked)
        group.answered = sum(item.answered and not item.answer.carried_over for item in asked)
    return groups


def flatten(items: list[Item]) -> list[Item]:
    flat: list[Item] = []
    for item in items:
        flat.append(item)
        flat.extend(flatten(item.follow_ups))
    return flat


def answer_of(questionnaire: Questionnaire, code: str) -> Answer:
    """The answer to the question `code` of a questionnaire already accessed; `NotFound` if it has none."""
    answer = (
        questionnaire.answers.select_related("question__article", "question__instrument", "updated_by")
        .filter(question__code=code)
        .first()
    )
    if answer is None:
        raise NotFound
    return answer


def answer_revisions(answer: Answer) -> list[AnswerRevision]:
    return list(answer.revisions.select_related("saved_by").order_by("version"))


def progress(groups: list[ArticleGroup]) -> tuple[int, int]:
    return sum(group.answered for group in groups), sum(group.asked for group in groups)


def user_language(user: User) -> str:
    return (getattr(user, "preferred_language", "") or "").split("-")[0]


@dataclass
class GroupToOpen:
    cycle: Any
    year_group: Any
    launched: int
    opened: int
    submitted: int


def year_groups_to_open() -> list[GroupToOpen]:
    """Each year group with launched phases: how many have their questionnaire open, and how many are submitted."""
    from django.db.models import Count, Q

    from treatyreview.reviews.models import YearGroup

    groups = (
        YearGroup.objects.select_related("cycle")
        .annotate(
            launched=Count("reviews__phases", filter=Q(reviews__phases__launched_at__isnull=False), distinct=True),
            opened=Count("reviews__phases__questionnaire", distinct=True),
            submitted=Count("reviews__phases__questionnaire",
                            filter=Q(reviews__phases__questionnaire__stage="submitted"), distinct=True),
        )
        .filter(launched__gt=0)
        .order_by("-cycle__created_at", "number")
    )
    return [GroupToOpen(cycle=g.cycle, year_group=g, launched=g.launched, opened=g.opened, submitted=g.submitted)
            for g in groups]


@dataclass
class CitingAnswer:
    """An answer that cites a library record, as a record's page lists it (a link, not the answer itself)."""

    questionnaire: Questionnaire
    answer: Answer


def _citing(record_pk: int) -> QuerySet[Answer]:
    answers = Answer.objects.all()
    if connection.vendor == "postgresql":
        return answers.filter(citations__contains=[{"record": record_pk}])
    table = Answer._meta.db_table
    return answers.extra(where=[
        f"EXISTS (SELECT 1 FROM json_each({table}.citations) c WHERE json_extract(c.value, '$.record') = %s)"
    ], params=[record_pk])


def answers_citing(user: Visitor, record_pk: int) -> list[CitingAnswer]:
    """The current answers citing library record `record_pk`, of the questionnaires `user` may read (by the
    questionnaire's own rule: a draft only to the State under review's people), by State under review and
    question. Not logged: the list shows where, and each link opens the questionnaire through
    `access_questionnaire`, which logs the read."""
    answers = list(_citing(record_pk).select_related(
        "question", "questionnaire__phase__review__state", "questionnaire__phase__review__cycle",
        "questionnaire__phase__instrument").prefetch_related("questionnaire__phase__review__state__names"))
    readable: dict[int, bool] = {}
    found = []
    for answer in answers:
        questionnaire = answer.questionnaire
        if questionnaire.pk not in readable:
            readable[questionnaire.pk] = permissions.can_read_questionnaire(user, questionnaire)
        if readable[questionnaire.pk]:
            found.append(CitingAnswer(questionnaire, answer))
    found.sort(key=lambda c: (c.questionnaire.phase.review.state.name, c.questionnaire.phase.position,
                              c.answer.question.position))
    return found
