"""Reads of questionnaire templates: lists, versions, and questions in the order a questionnaire asks them.

Templates are not confidential (the questionnaire is the same for every State); drafts are shown to the
secretariat only, so every read of a version goes through `visible_versions`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from treatyreview.accounts.permissions import Visitor
from treatyreview.errors import NotFound
from treatyreview.questionnaires.saq.choices import VersionStatus
from treatyreview.questionnaires.saq.models import Question, QuestionnaireTemplate, TemplateVersion
from treatyreview.questionnaires.saq.permissions import can_see_drafts
from treatyreview.registry.models import Article


def visible_versions(user: Visitor | None) -> QuerySet[TemplateVersion]:
    """The versions `user` may read: every one for the secretariat, published and withdrawn ones for others."""
    versions = TemplateVersion.objects.select_related("template", "created_by")
    if user is None or can_see_drafts(user):
        return versions
    return versions.exclude(status=VersionStatus.DRAFT)


def templates_list(user: Visitor | None) -> list[QuestionnaireTemplate]:
    """Every template with the versions `user` may read (newest first) in `template.shown_versions`."""
    versions = Prefetch("versions", queryset=visible_versions(user).order_by("-number"), to_attr="shown_versions")
    return list(QuestionnaireTemplate.objects.prefetch_related(versions))


def template_get(user: Visitor | None, name: str) -> QuestionnaireTemplate:
    try:
        return QuestionnaireTemplate.objects.get(name=name)
    except QuestionnaireTemplate.DoesNotExist:
        raise NotFound from None


def version_get(user: Visitor | None, name: str, number: int) -> TemplateVersion:
    """One version of a template by its number; a draft is "not found" for anyone but the secretariat."""
    try:
        return visible_versions(user).get(template__name=name, number=number)
    except TemplateVersion.DoesNotExist:
        raise NotFound from None


def version_newest(template: QuestionnaireTemplate) -> TemplateVersion | None:
    return template.versions.order_by("-number").first()


def version_draft(template: QuestionnaireTemplate) -> TemplateVersion | None:
    return template.versions.filter(status=VersionStatus.DRAFT).first()


def version_published_newest(name: str) -> TemplateVersion | None:
    """The newest published version of a template: the one a new phase's questionnaire is built from."""
    return (
        TemplateVersion.objects.filter(template__name=name, status=VersionStatus.PUBLISHED)
        .order_by("-number")
        .first()
    )


def _questions(version: TemplateVersion) -> QuerySet[Question]:
    return (
        Question.objects.filter(version=version)
        .select_related("instrument", "article__instrument", "parent")
        .prefetch_related("article__titles")
    )


def in_order(questions: Iterable[Question]) -> list[Question]:
    """Questions in the order they are asked: by instrument and article, each question followed by its follow-ups.

    Within an article, questions keep their position; a follow-up comes right after its parent (and its
    parent's earlier follow-ups), whatever its own position.
    """
    questions = list(questions)
    by_parent: dict[int, list[Question]] = {}
    for question in questions:
        if question.parent_id is not None:
            by_parent.setdefault(question.parent_id, []).append(question)
    present = {question.pk for question in questions}
    roots = [q for q in questions if q.parent_id is None or q.parent_id not in present]
    roots.sort(key=lambda q: (q.instrument.position, q.instrument.code, q.article.number, q.position, q.pk))
    ordered: list[Question] = []

    def visit(question: Question) -> None:
        ordered.append(question)
        for child in sorted(by_parent.get(question.pk, []), key=lambda q: (q.position, q.pk)):
            visit(child)

    for root in roots:
        visit(root)
    return ordered


def version_questions(version: TemplateVersion) -> list[Question]:
    """Every question of a version in the order it is asked."""
    return in_order(_questions(version))


def questions_for_articles(version: TemplateVersion, articles: Iterable[Article]) -> list[Question]:
    """The questions of `version` on `articles`, in the order they are asked (parents before follow-ups).

    This is what a phase's questionnaire is built from: the articles of its cluster in the instruments the
    State under review is party to (or, for a regional economic integration organization, within its competence).
    """
    article_ids = [article.pk for article in articles]
    return in_order(_questions(version).filter(article_id__in=article_ids))


def question_get(version: TemplateVersion, code: str) -> Question:
    try:
        return _questions(version).get(code=code)
    except Question.DoesNotExist:
        raise NotFound from None


def question_articles(questions: Iterable[Question]) -> list[tuple[Article, list[Question]]]:
    """Questions in order grouped by their article (the instrument is the article's): what a version page shows."""
    groups: list[tuple[Article, list[Question]]] = []
    for question in questions:
        if groups and groups[-1][0].pk == question.article_id:
            groups[-1][1].append(question)
        else:
            groups.append((question.article, [question]))
    return groups
