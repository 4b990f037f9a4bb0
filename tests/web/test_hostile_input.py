"""Hostile input gets a clear refusal naming what and where, changes nothing, and never answers 500."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from treatyreview.accounts.models import Role
from treatyreview.errors import Conflict
from treatyreview.registry.models import Article, GovernmentalExpert, Participation, State
from treatyreview.registry.services import PARTICIPATION_CSV_COLUMNS, article_cluster_update
from treatyreview.reviews.rules.selectors import rules_current
from treatyreview.validators import control_character_message
from treatyreview.web.logging import OneLineRefusals

pytestmark = pytest.mark.django_db

HEADER = ",".join(PARTICIPATION_CSV_COLUMNS)
GOOD_ROW = "AUT,TIP,party,2000-12-12,2005-11-12,ratification,,C.N.1.2005"


def _csv(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def _import_page(client: Client, text: str):
    upload = SimpleUploadedFile("participation.csv", text.encode("utf-8"), content_type="text/csv")
    return client.post("/participation/import/", {"file": upload})


@pytest.fixture
def staff(secretariat, client_as) -> Client:
    return client_as(secretariat)


@pytest.mark.parametrize("length,row_named", [(200_000, "participation.csv:3"), (20_000, "participation.csv:3")])
def test_a_huge_csv_cell_is_refused_naming_the_row_on_the_web(staff, length, row_named) -> None:
    before = list(Participation.objects.values_list("declarations", flat=True))
    response = _import_page(staff, _csv(GOOD_ROW, f'KEN,TIP,party,,,,"{"x" * length}",C.N.2'))
    assert response.status_code in (200, 400)
    text = response.content.decode()
    assert row_named in text and "Traceback" not in text
    assert list(Participation.objects.values_list("declarations", flat=True)) == before


def test_a_huge_csv_cell_is_refused_naming_the_row_on_the_command_line(secretariat, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(_csv(GOOD_ROW, f'KEN,TIP,party,,,,"{"x" * 200_000}",C.N.2'), encoding="utf-8")
    with pytest.raises(CommandError, match=r"nothing was imported:\nlist\.csv:3: "):
        call_command("import_participation", str(path), username=secretariat.username)


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x1b[31m", "\x7f", "\x85"])
def test_control_characters_are_refused_by_the_import_naming_row_and_column(staff, bad) -> None:
    response = _import_page(staff, _csv(GOOD_ROW, f"KEN,TIP,party,,,,Decl{bad}aration,C.N.2"))
    text = response.content.decode()
    assert "participation.csv:3: declarations: contains a control character" in text
    assert not Participation.objects.filter(declarations__contains="Decl").exists()


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x0b", "\x7f"])
def test_control_characters_are_refused_by_every_form_alike(staff, bad) -> None:
    response = staff.post("/states/AUT/experts/new/", {
        "full_name": f"Anna{bad} Huber", "email": "a.huber@example.org", "expertise": "extradition",
        "languages": ["en"],
    })
    assert response.status_code in (200, 400)
    errors = response.context["form"].errors["full_name"]
    # The same sentence as the import's (NUL included: Django's own NUL check gives way to the shared one).
    assert any("control character" in str(error) for error in errors), errors
    assert not GovernmentalExpert.objects.filter(email="a.huber@example.org").exists()


def test_tabs_and_line_breaks_are_text() -> None:
    assert control_character_message("line one\r\nline two\tend") is None
    assert "U+0000" in (control_character_message("a\x00b") or "")


@pytest.mark.parametrize("years", ["-100000000000000000000, 2021, 2022", "1999, 2021, 2022", "2020, 2021, 2101",
                                   "99999999999999999999999999"])
def test_start_years_outside_2000_to_2100_are_refused_by_the_rules_form(staff, years) -> None:
    current = rules_current("UNTOC 2018")
    assert current is not None
    data = {name: (", ".join(map(str, value)) if isinstance(value, list) else value)
            for name, value in current.values.items() if not isinstance(value, bool) or value}
    data["languages"] = current.values["languages"]
    data.update(year_group_start_years=years, reason="test", expected_version=current.version)
    response = staff.post("/rules/UNTOC 2018/new/", data)
    assert response.status_code in (200, 400)
    assert "year_group_start_years" in response.context["form"].errors
    assert rules_current("UNTOC 2018").version == current.version  # type: ignore[union-attr]
    assert staff.get("/secretariat/draws/").status_code == 200  # the draws page opens as before


def test_twenty_edits_of_a_cluster_from_the_same_reading_one_lands_nineteen_are_refused(secretariat) -> None:
    article = Article.objects.get(instrument__code="UNTOC", number=5)
    read_version = article.version
    outcomes = []
    for n in range(20):
        try:
            article_cluster_update(actor=secretariat, article=article, cluster=1 + n % 4, source=f"edit {n}",
                                   expected_version=read_version)
            outcomes.append("saved")
        except Conflict as conflict:
            assert conflict.current_version == read_version + 1
            outcomes.append("refused")
    assert outcomes == ["saved"] + ["refused"] * 19
    article.refresh_from_db()
    assert (article.cluster_source, article.version) == ("edit 0", read_version + 1)


def test_a_stale_cluster_form_answers_409_and_shows_what_is_stored(staff) -> None:
    article = Article.objects.get(instrument__code="UNTOC", number=5)
    url = "/instruments/UNTOC/articles/5/cluster/"
    first = staff.post(url, {"cluster": "1", "source": "first tab", "expected_version": article.version})
    assert first.status_code == 302
    second = staff.post(url, {"cluster": "2", "source": "second tab", "expected_version": article.version})
    assert second.status_code == 409
    assert "Someone else set the cluster of this article" in second.content.decode()
    assert second.context["form"].initial["source"] == "first tab"
    article.refresh_from_db()
    assert article.cluster_source == "first tab"


def test_a_403_is_logged_in_one_line(make_user, client_as) -> None:
    client = client_as(make_user(Role.OBSERVER))
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)  # a handler like the console's, with the same filter
    handler.addFilter(OneLineRefusals())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        assert client.get("/audit/").status_code == 403
    finally:
        logger.removeHandler(handler)
    assert stream.getvalue().splitlines() == ["Forbidden (Permission denied): /audit/"]


def test_a_500_keeps_its_traceback() -> None:
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error: /", None,
                               (ValueError, ValueError("boom"), None))
    record.status_code = 500
    OneLineRefusals().filter(record)
    assert record.exc_info is not None


def test_the_console_handler_carries_the_filter(settings) -> None:
    assert settings.LOGGING["handlers"]["console"]["filters"] == ["one_line_refusals"]


def test_reading_one_experts_entry_is_logged(secretariat, staff) -> None:
    from treatyreview.audit.models import AuditEvent

    expert = GovernmentalExpert.objects.create(state=State.objects.get(code="AUT"), full_name="Anna Huber",
                                               email="a.huber@example.org", expertise="x", languages=["en"])
    assert staff.get(f"/states/AUT/experts/{expert.pk}/").status_code == 200
    assert AuditEvent.objects.filter(action="expert.read", target_id=str(expert.pk), actor=secretariat).exists()


def test_a_database_busy_past_its_timeout_answers_503_not_500(staff, monkeypatch) -> None:
    from django.db import OperationalError

    from treatyreview.registry import services

    def locked(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "article_cluster_update", locked)
    article = Article.objects.get(instrument__code="UNTOC", number=5)
    response = staff.post("/instruments/UNTOC/articles/5/cluster/",
                          {"cluster": "1", "source": "x", "expected_version": article.version})
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "Nothing was changed" in response.content.decode()
    assert Article.objects.get(pk=article.pk).cluster_source == article.cluster_source
