"""The secretariat's template pages: list, version by instrument and article, editing, drafts, publishing,
import and export; refusals at the top of the page, and nothing changed."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.questionnaires.books import FOLLOW_UP, QUESTION, content, workbook
from treatyreview.accounts.models import Role
from treatyreview.questionnaires.models import Question, TemplateVersion
from treatyreview.questionnaires.saq import services
from treatyreview.questionnaires.saq.demo import demo_template_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(secretariat: Any) -> Client:
    client = Client()
    client.force_login(secretariat)
    return client


@pytest.fixture
def draft(secretariat: Any) -> TemplateVersion:
    return services.template_import(actor=secretariat, content=workbook([QUESTION, FOLLOW_UP]), filename="t.xlsx")


def _form(question: Question, **changes: str) -> dict[str, Any]:
    data = {"expected_revision": question.revision, "paragraph": question.paragraph, "type": question.type,
            "condition": question.condition}
    for lang in ("ar", "zh", "en", "fr", "ru", "es"):
        data[f"text_{lang}"] = question.text.get(lang, "")
        data[f"guidance_{lang}"] = question.guidance.get(lang, "")
    data.update(changes)
    return data


def test_the_list_shows_each_template_with_its_versions(officer: Client, draft: TemplateVersion) -> None:
    page = officer.get("/secretariat/templates/").content.decode()
    assert "Test questionnaire" in page
    assert 'href="/secretariat/templates/test-saq/v1/"' in page
    assert "Draft" in page


def test_a_version_shows_its_questions_by_article_with_follow_ups_beneath(
    officer: Client, draft: TemplateVersion
) -> None:
    page = officer.get("/secretariat/templates/test-saq/v1/").content.decode()
    assert "Organized Crime Convention" in page
    assert "Article 5: Criminalization of participation in an organized criminal group" in page
    parent, follow_up = page.index('id="q-untoc-5"'), page.index('id="q-untoc-5-law"')
    assert parent < follow_up
    assert "tr-follow-up" in page[parent:follow_up]
    assert "When the answer is yes" in page


def test_in_french_a_text_without_a_french_version_is_marked_english(
    officer: Client, draft: TemplateVersion
) -> None:
    page = officer.get("/secretariat/templates/test-saq/v1/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Votre État a-t-il incriminé" in page
    assert '<span lang="en" dir="ltr">Please cite the legislation.</span>' in page


def test_the_demo_template_marks_an_english_heading_inside_an_arabic_question(
    officer: Client, secretariat: Any
) -> None:
    version = demo_template_create(actor=secretariat)
    page = officer.get(version.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    # Article 5 of the Convention has no Arabic heading in the sourced data: the English one stands in.
    assert '<span lang="en" dir="ltr">Criminalization of participation in an organized criminal group</span>' in page


def test_editing_a_question_of_a_draft_saves_it(officer: Client, draft: TemplateVersion) -> None:
    question = draft.questions.get(code="untoc-5")
    url = "/secretariat/templates/test-saq/v1/questions/untoc-5/"
    response = officer.post(url, _form(question, text_es="¿Ha tipificado su Estado la participación?"))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text["es"] == "¿Ha tipificado su Estado la participación?"
    assert question.revision == 2


def test_a_stale_edit_is_refused_and_shows_what_is_saved_now(
    officer: Client, draft: TemplateVersion, secretariat: Any
) -> None:
    question = draft.questions.get(code="untoc-5")
    stale = _form(question, text_en="My version of the question?")
    services.question_update(
        actor=secretariat, question=question, expected_revision=1, paragraph="", type="yes_no", condition="",
        text={**question.text, "en": "Their version of the question?"}, guidance={},
    )
    response = officer.post("/secretariat/templates/test-saq/v1/questions/untoc-5/", stale)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this question after you opened it" in page
    differences = page[page.index('id="differences"'):page.index("</table>", page.index('id="differences"'))]
    assert "Their version of the question?" in differences and "My version of the question?" in differences
    assert "Question (French)" not in differences  # only what differs
    assert "My version of the question?" in page  # the form keeps what was typed
    question.refresh_from_db()
    assert question.text["en"] == "Their version of the question?"
    # Saving again, having seen the other version, is a deliberate choice and goes through.
    assert officer.post("/secretariat/templates/test-saq/v1/questions/untoc-5/",
                        {**stale, "expected_revision": 2}).status_code == 302


def test_an_empty_english_text_is_refused_beside_its_field(officer: Client, draft: TemplateVersion) -> None:
    question = draft.questions.get(code="untoc-5")
    response = officer.post("/secretariat/templates/test-saq/v1/questions/untoc-5/", _form(question, text_en=""))
    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    question.refresh_from_db()
    assert question.revision == 1


def test_publishing_freezes_the_version_and_a_second_click_changes_nothing(
    officer: Client, draft: TemplateVersion
) -> None:
    url = "/secretariat/templates/test-saq/v1/"
    form = {"form": "publish", "expected_revision": draft.revision}
    assert officer.post(url, form).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published"
    again = officer.post(url, form)
    assert again.status_code == 400
    assert "is possible only while the version is: Draft" in again.content.decode()
    edit = officer.post(f"{url}questions/untoc-5/", _form(draft.questions.get(code="untoc-5"), text_en="Changed?"))
    assert edit.status_code == 400
    assert "cannot change" in edit.content.decode()
    assert draft.questions.get(code="untoc-5").text["en"] == QUESTION["text_en"]


def test_a_new_draft_starts_from_the_newest_version(officer: Client, draft: TemplateVersion, secretariat: Any) -> None:
    services.version_publish(actor=secretariat, version=draft, expected_revision=draft.revision)
    response = officer.post("/secretariat/templates/test-saq/", {"note": "Comments of the working group"})
    assert response.status_code == 302
    assert response["Location"] == "/secretariat/templates/test-saq/v2/"
    second = TemplateVersion.objects.get(template=draft.template, number=2)
    assert sorted(second.questions.values_list("code", flat=True)) == ["untoc-5", "untoc-5-law"]


def test_importing_a_bad_workbook_lists_its_problems_at_the_top(officer: Client) -> None:
    upload = SimpleUploadedFile("saq.xlsx", workbook([QUESTION, {**QUESTION, "article": 99}]))
    response = officer.post("/secretariat/templates/", {"file": upload})
    page = response.content.decode()
    assert response.status_code == 400
    assert page.index('id="import-problems"') < page.index('id="templates-heading"')
    assert "sheet “questions”, row 3, column “id” (A): “untoc-5” is already the identifier of row 2" in page
    assert TemplateVersion.objects.count() == 0


def test_importing_a_workbook_makes_a_draft_and_export_gives_it_back(officer: Client) -> None:
    data = workbook([QUESTION, FOLLOW_UP])
    response = officer.post("/secretariat/templates/", {"file": SimpleUploadedFile("saq.xlsx", data)})
    assert response.status_code == 302
    exported = officer.get("/secretariat/templates/test-saq/v1/export.xlsx")
    assert exported["Content-Type"].startswith("application/vnd.openxmlformats")
    assert content(exported.content)["questions"] == content(data)["questions"]


@pytest.mark.parametrize("role", [Role.FOCAL_POINT, Role.EXPERT, Role.OBSERVER, Role.CIVIL_SOCIETY])
def test_only_the_secretariat_opens_the_template_pages(make_user: Any, draft: TemplateVersion, role: str) -> None:
    client = Client()
    client.force_login(make_user(role, state="AUT" if role in (Role.FOCAL_POINT, Role.EXPERT) else None))
    assert client.get("/secretariat/templates/").status_code == 403
    assert client.get("/secretariat/templates/test-saq/v1/").status_code == 403
    assert Client().get("/secretariat/templates/").status_code == 302  # to sign in
