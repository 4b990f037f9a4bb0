"""The answering page: autosave, conflicts shown side by side, history, submission, downloads."""

from __future__ import annotations

import io

import pytest
from django.test import Client

from tests.questionnaires.answers.world import World, answer_all, save, world
from treatyreview.questionnaires.answers.models import Answer

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def w() -> World:
    return world()


def signed_in(w: World, who: str) -> Client:
    client = Client()
    client.force_login(w.people[who])
    return client


def first(w: World) -> Answer:
    return w.questionnaire.answers.filter(question__type="yes_no").order_by("question__position")[0]


def test_the_page_lists_the_articles_with_progress_and_the_questions_of_one(w: World) -> None:
    response = signed_in(w, "expert").get(f"/questionnaires/{w.questionnaire.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "0 of 3 questions answered" in page
    assert first(w).question.code in page
    assert 'hx-post="/questionnaires/' in page


def test_an_autosave_answers_with_its_status_and_the_new_version_only(w: World) -> None:
    answer = first(w)
    response = signed_in(w, "expert").post(
        f"/questionnaires/{w.questionnaire.pk}/answers/{answer.question.code}/",
        {"expected_version": answer.version, "choice": "no", "text": "A bill is before parliament.",
         "language": "en"}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "version 2" in body and 'hx-swap-oob="true"' in body and 'value="2"' in body
    assert "<textarea" not in body  # what the expert types meanwhile is never replaced
    assert Answer.objects.get(pk=answer.pk).text == "A bill is before parliament."


def test_a_conflicting_save_shows_both_versions_and_a_merge_and_overwrites_nothing(w: World) -> None:
    answer = first(w)
    save(w, "expert2", answer.question.code, choice="yes", text="The Criminal Code covers it.")
    response = signed_in(w, "expert").post(
        f"/questionnaires/{w.questionnaire.pk}/answers/{answer.question.code}/",
        {"expected_version": answer.version, "choice": "no", "text": "Only in part, since 2019."}, **HTMX)
    body = response.content.decode()
    assert "The Criminal Code covers it." in body and "Only in part, since 2019." in body
    assert "Save the merged answer" in body and 'name="expected_version" value="2"' in body
    assert Answer.objects.get(pk=answer.pk).text == "The Criminal Code covers it."
    # The merge is saved over the version it was shown.
    merged = signed_in(w, "expert").post(
        f"/questionnaires/{w.questionnaire.pk}/answers/{answer.question.code}/",
        {"expected_version": 2, "choice": "yes_in_part", "text": "Covered in part by the Criminal Code."})
    assert merged.status_code == 302
    assert Answer.objects.get(pk=answer.pk).text == "Covered in part by the Criminal Code."


def test_without_javascript_a_conflict_reloads_the_page_with_the_refusal_at_the_top(w: World) -> None:
    answer = first(w)
    save(w, "expert2", answer.question.code, choice="yes", text="Saved first.")
    response = signed_in(w, "expert").post(
        f"/questionnaires/{w.questionnaire.pk}/answers/{answer.question.code}/",
        {"expected_version": answer.version, "text": "Saved second."})
    page = response.content.decode()
    assert response.status_code == 409
    assert page.index('class="tr-messages"') < page.index("Saved first.")
    assert "Saved second." in page


def test_bad_input_on_the_page_names_the_part_and_saves_nothing(w: World) -> None:
    answer = first(w)
    response = signed_in(w, "expert").post(
        f"/questionnaires/{w.questionnaire.pk}/answers/{answer.question.code}/",
        {"expected_version": answer.version, "choice": "yes", "citations-0-reference": "Code",
         "citations-0-url": "ftp://example.org/law"}, **HTMX)
    assert "Not saved" in response.content.decode() and "https://" in response.content.decode()
    assert Answer.objects.get(pk=answer.pk).version == answer.version


def test_the_history_shows_each_version_with_what_changed(w: World) -> None:
    answer = first(w)
    save(w, "expert", answer.question.code, choice="no", text="A bill is before parliament.")
    save(w, "expert2", answer.question.code, choice="yes", text="The bill was adopted in 2025.")
    page = signed_in(w, "observer").get(
        f"/questionnaires/{w.questionnaire.pk}/answers/{answer.question.code}/history/").content.decode()
    assert "Version 3" in page and "Version 2" in page
    assert "<ins>was adopted in 2025.</ins>" in page and "<del>is before parliament.</del>" in page


def test_the_focal_point_submits_from_the_page_and_a_double_click_changes_nothing(w: World) -> None:
    answer_all(w)
    client = signed_in(w, "focal")
    version = w.fresh().version
    first_click = client.post(f"/questionnaires/{w.questionnaire.pk}/submit/", {"expected_version": version},
                              follow=True)
    second_click = client.post(f"/questionnaires/{w.questionnaire.pk}/submit/", {"expected_version": version},
                               follow=True)
    assert "The reviewing States and the secretariat can now read it." in first_click.content.decode()
    assert "The questionnaire is submitted: focal submitted it on" in second_click.content.decode()
    assert w.fresh().stage == "submitted"


def test_a_refused_submission_lists_what_needs_attention(w: World) -> None:
    response = signed_in(w, "focal").post(f"/questionnaires/{w.questionnaire.pk}/submit/",
                                          {"expected_version": w.fresh().version}, follow=True)
    page = response.content.decode()
    assert "questions need attention" in page and "is not answered" in page


def test_the_submitted_questionnaire_downloads_as_word_and_excel(w: World) -> None:
    from docx import Document
    from openpyxl import load_workbook

    answer_all(w)
    client = signed_in(w, "expert")
    word = client.get(f"/questionnaires/{w.questionnaire.pk}/questionnaire.docx")
    assert word["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    text = "\n".join(paragraph.text for paragraph in Document(io.BytesIO(word.content)).paragraphs)
    assert "Criminal Code, section 278a" in text and "Implemented by the Criminal Code." in text
    excel = client.get(f"/questionnaires/{w.questionnaire.pk}/questionnaire.xlsx")
    rows = list(load_workbook(io.BytesIO(excel.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Question" and len(rows) == 1 + 6
    assert any(row[5] == "Yes" for row in rows[1:])


def test_headings_of_the_downloads_follow_the_readers_language(w: World) -> None:
    from openpyxl import load_workbook

    client = signed_in(w, "expert")
    client.cookies["django_language"] = "fr"
    excel = client.get(f"/questionnaires/{w.questionnaire.pk}/questionnaire.xlsx", HTTP_ACCEPT_LANGUAGE="fr")
    headings = next(load_workbook(io.BytesIO(excel.content)).active.iter_rows(values_only=True))
    assert headings[0] != "Question" or headings[6] != "Explanation"


def test_a_word_diff_gives_both_texts_back() -> None:
    from hypothesis import given
    from hypothesis import strategies as st

    from treatyreview.questionnaires.answers.diff import word_diff

    @given(st.text(), st.text())
    def check(before: str, after: str) -> None:
        pieces = word_diff(before, after)
        assert "".join(p.text for p in pieces if p.kind != "added") == before
        assert "".join(p.text for p in pieces if p.kind != "removed") == after

    check()
