"""The database itself refuses impossible rows of a template, whatever a bug in the code would write."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from treatyreview.questionnaires.models import Question, QuestionnaireTemplate, TemplateVersion
from treatyreview.registry.models import Article

pytestmark = pytest.mark.django_db


def _version(**fields: Any) -> TemplateVersion:
    template = QuestionnaireTemplate.objects.create(name="saq", title={"en": "SAQ"})
    return TemplateVersion.objects.create(template=template, number=1, **fields)


def _question(version: TemplateVersion, **fields: Any) -> Question:
    article = Article.objects.get(instrument__code="UNTOC", number=5)
    values: dict[str, Any] = {
        "code": "q1", "instrument": article.instrument, "article": article, "type": "yes_no", "position": 1,
        "text": {"en": "Has your State criminalized participation?"},
    }
    values.update(fields)
    return Question.objects.create(version=version, **values)


def _refused(make: Any) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_a_question_without_an_english_text_cannot_be_stored() -> None:
    version = _version()
    _refused(lambda: _question(version, text={"fr": "Votre État a-t-il incriminé ?"}))


def test_two_questions_of_one_version_cannot_share_an_identifier() -> None:
    version = _version()
    _question(version)
    _refused(lambda: _question(version, position=2))


def test_a_question_without_a_parent_has_no_condition() -> None:
    version = _version()
    _refused(lambda: _question(version, condition="yes"))


def test_an_unknown_type_cannot_be_stored() -> None:
    version = _version()
    _refused(lambda: _question(version, type="essay"))


def test_a_template_has_at_most_one_draft() -> None:
    version = _version()
    _refused(lambda: TemplateVersion.objects.create(template=version.template, number=2))


def test_a_published_version_has_a_publication_date() -> None:
    version = _version()
    TemplateVersion.objects.filter(pk=version.pk).update(status="published", published_at=timezone.now())
    _refused(lambda: TemplateVersion.objects.filter(pk=version.pk).update(published_at=None))
