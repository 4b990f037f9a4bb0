"""The costing pages as the secretariat, a delegate and others see them; edits, refusals and exports."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from treatyreview.accounts.models import Role, User
from treatyreview.budget.inputs import field_name, input_groups, value_at
from treatyreview.budget.models import Scenario

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_data(scenario: Scenario, **changes: Any) -> dict[str, Any]:
    """What the edit page posts when nothing is touched, with `changes` (by key path) applied."""
    post: dict[str, Any] = {"expected_version": scenario.version, "reason": "new rates"}
    sources = scenario.data["sources"]
    for group in input_groups():
        key = field_name(group.source_key)
        source = sources.get(group.source_key, {})
        post[f"source__{key}"] = source.get("text", "")
        post[f"date__{key}"] = source.get("date") or ""
        if source.get("illustrative", True):
            post[f"illustrative__{key}"] = "on"
        for spec in group.inputs:
            value = changes.get(spec.path, value_at(scenario.data, spec.path))
            if spec.kind == "years":
                value = ", ".join(str(v) for v in value)
            post[spec.field_name] = value
    return post


def test_the_secretariat_sees_scenarios_presets_and_the_menu_link(secretariat: User, scenario: Scenario) -> None:
    page = client_for(secretariat).get(reverse("budget_home")).content.decode()
    assert "Together 2027" in page and "The instruments in turn" in page
    assert 'href="/costs/"' in page and "New scenario" in page


def test_a_delegate_reads_but_does_not_edit(delegate: User, scenario: Scenario) -> None:
    client = client_for(delegate)
    page = client.get(reverse("budget_scenario", args=[scenario.pk])).content.decode()
    assert "Total for the cycle" in page and "Edit the inputs" not in page
    assert client.get(reverse("budget_scenario_edit", args=[scenario.pk])).status_code == 403


@pytest.mark.parametrize("role", [Role.FOCAL_POINT, Role.EXPERT, Role.OBSERVER, Role.CIVIL_SOCIETY])
def test_other_roles_are_refused(make_user: Any, role: str, scenario: Scenario) -> None:
    user = make_user(role, state="AUT" if role in (Role.FOCAL_POINT, Role.EXPERT) else None)
    client = client_for(user)
    assert client.get(reverse("budget_home")).status_code == 403
    assert 'href="/costs/"' not in client.get("/").content.decode()


def test_anonymous_visitors_are_sent_to_sign_in() -> None:
    response = Client().get(reverse("budget_home"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_scenario_page_shows_every_section_with_its_table(secretariat: User, scenario: Scenario) -> None:
    page = client_for(secretariat).get(reverse("budget_scenario", args=[scenario.pk])).content.decode()
    for heading in ("Cost per item", "Cost per year", "Documentation and translation", "Secretariat staff",
                    "Burden on States", "Multi-year plan", "Where the counts come from", "Inputs and sources"):
        assert heading in page
    assert "<svg" in page and "<caption>" in page  # every chart has its table
    assert "about 312 words a page" in page  # a sourced default says where it comes from
    assert "illustrative" in page


def test_a_preset_page_needs_no_saved_scenario(delegate: User) -> None:
    response = client_for(delegate).get(reverse("budget_preset", args=["in-turn"]))
    assert response.status_code == 200 and "The instruments in turn" in response.content.decode()
    assert client_for(delegate).get(reverse("budget_preset", args=["nonsense"])).status_code == 404


def test_editing_saves_a_new_version_with_the_source(secretariat: User, scenario: Scenario) -> None:
    client = client_for(secretariat)
    post = form_data(scenario, **{"rates.translation_per_word.fr": "0.12"})
    post["source__rates__translation_per_word"] = "Conference services, rates of 2027"
    post["date__rates__translation_per_word"] = "2027-01-15"
    post.pop("illustrative__rates__translation_per_word")
    response = client.post(reverse("budget_scenario_edit", args=[scenario.pk]), post)
    assert response.status_code == 302
    scenario.refresh_from_db()
    assert scenario.version == 2
    assert scenario.data["rates"]["translation_per_word"]["fr"] == "0.12"
    assert scenario.data["sources"]["rates.translation_per_word"] == {
        "text": "Conference services, rates of 2027", "date": "2027-01-15", "illustrative": False}


def test_a_second_tab_is_told_nothing_was_saved(secretariat: User, scenario: Scenario) -> None:
    client = client_for(secretariat)
    url = reverse("budget_scenario_edit", args=[scenario.pk])
    stale = form_data(scenario, burden_threshold=6)
    assert client.post(url, form_data(scenario, burden_threshold=5)).status_code == 302
    response = client.post(url, stale)
    assert response.status_code == 409
    assert "Someone else changed this record" in response.content.decode()
    scenario.refresh_from_db()
    assert scenario.data["burden_threshold"] == 5


def test_a_missing_language_in_a_rate_table_is_named_at_the_top(secretariat: User, scenario: Scenario) -> None:
    client = client_for(secretariat)
    post = form_data(scenario, **{"volumes.questionnaire_answers.into": ["en", "fr"]})
    post["rules__languages"] = ["en", "es", "ar", "zh", "ru"]  # French no longer a language of the scenario
    response = client.post(reverse("budget_scenario_edit", args=[scenario.pk]), post)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was changed" in page and "volumes.questionnaire_answers.into" in page
    scenario.refresh_from_db()
    assert scenario.version == 1


def test_a_scenario_file_replaces_every_input(secretariat: User, scenario: Scenario) -> None:
    client = client_for(secretariat)
    data = json.loads(client.get(reverse("budget_scenario_file", args=[scenario.pk])).content)
    data["rules"]["cluster_order"] = [1, 2, 3, 4]
    upload = io.BytesIO(json.dumps(data).encode())
    upload.name = "scenario.json"
    response = client.post(reverse("budget_scenario_edit", args=[scenario.pk]),
                           {"upload-file": upload, "upload-reason": "cluster order of the Conference",
                            "upload-expected_version": 1, "upload": "1"})
    assert response.status_code == 302
    scenario.refresh_from_db()
    assert scenario.data["rules"]["cluster_order"] == [1, 2, 3, 4]


def test_creating_from_a_preset(secretariat: User) -> None:
    client = client_for(secretariat)
    response = client.post(reverse("budget_scenario_new"), {"name": "Outcome B", "preset": "outcome-b"})
    assert response.status_code == 302
    assert Scenario.objects.get(name="Outcome B").data["rules"]["outcome_model"] == "report_and_executive_summary"
    again = client.post(reverse("budget_scenario_new"), {"name": "Outcome B", "preset": "outcome-b"})
    assert again.status_code == 400 and Scenario.objects.filter(name="Outcome B").count() == 1


def test_comparing_together_and_in_turn(delegate: User, scenario: Scenario) -> None:
    client = client_for(delegate)
    response = client.get(reverse("budget_compare"), {"scenario": [f"s:{scenario.pk}", "p:in-turn"]})
    page = response.content.decode()
    assert response.status_code == 200 and "Together 2027" in page and "The instruments in turn" in page
    assert "Documentation volume" in page and "Burden on States" in page


def test_comparing_more_than_four_is_refused(delegate: User) -> None:
    keys = ["p:together", "p:in-turn", "p:outcome-a", "p:outcome-b", "p:outcome-c"]
    response = client_for(delegate).get(reverse("budget_compare"), {"scenario": keys})
    assert response.status_code == 400 and "between one and four" in response.content.decode()


def test_the_spreadsheets_open_and_add_up(delegate: User, scenario: Scenario) -> None:
    client = client_for(delegate)
    response = client.get(reverse("budget_compare_xlsx"), {"scenario": [f"s:{scenario.pk}", "p:in-turn"]})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    summary = book["Comparison"]
    assert summary["B1"].value == "Together 2027"
    years = book.worksheets[1]
    rows = list(years.iter_rows(min_row=2, values_only=True))
    assert rows[-1][0] == "Total"
    assert sum(row[8] for row in rows[:-1]) == pytest.approx(rows[-1][8], abs=0.01 * len(rows))  # to the cent
    one = client.get(reverse("budget_scenario_xlsx", args=[scenario.pk]))
    assert load_workbook(io.BytesIO(one.content)).sheetnames[0] == "Comparison"


def test_the_burden_page_lists_states_alphabetically(delegate: User, scenario: Scenario) -> None:
    page = client_for(delegate).get(reverse("budget_burden", args=[scenario.pk])).content.decode()
    assert page.index("Afghanistan") < page.index("Austria") < page.index("Zimbabwe")


def test_the_arabic_page_is_right_to_left_and_translated(delegate: User, scenario: Scenario) -> None:
    client = client_for(delegate)
    client.cookies["django_language"] = "ar"
    page = client.get(reverse("budget_scenario", args=[scenario.pk])).content.decode()
    assert 'dir="rtl"' in page and "Cost per item" not in page


def test_the_word_annex_holds_the_costs_side_by_side(delegate: User, scenario: Scenario) -> None:
    from docx import Document

    client = client_for(delegate)
    response = client.get(reverse("budget_compare_annex"), {"scenario": [f"s:{scenario.pk}", "p:in-turn"]})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessing")
    document = Document(io.BytesIO(response.content))
    assert document.paragraphs[0].text == "Annex: estimated costs of the Review Mechanism"
    costs_table = document.tables[0]
    assert [cell.text for cell in costs_table.rows[0].cells] == ["Item", "Together 2027", "The instruments in turn"]
    assert any("illustrative" in p.text for p in document.paragraphs)
    one = client.get(reverse("budget_scenario_annex", args=[scenario.pk]))
    assert len(Document(io.BytesIO(one.content)).tables) == 2
