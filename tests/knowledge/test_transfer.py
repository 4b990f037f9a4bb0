"""Import and export: a malformed file names every bad row and field and saves nothing; an export imports unchanged."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from treatyreview.accounts.models import User
from treatyreview.errors import InvalidInput
from treatyreview.knowledge import services, transfer
from treatyreview.knowledge.models import LegalRecord, SearchDocument
from treatyreview.knowledge.selectors import record_search

pytestmark = pytest.mark.django_db

HEADER = "key,kind,country,language,title,text,date,status,articles,visibility\n"
GOOD = (HEADER
        + "a,legislation,FRA,fr,Code pénal,Le fait de blanchir,2001-05-15,in_force,UNTOC 6; UNTOC 7,public\n"
        + "a,legislation,FRA,en,Criminal Code,Laundering,2001-05-15,in_force,UNTOC 6; UNTOC 7,public\n"
        + "b,case,KEN,en,Republic v. A,Trafficking case,2019-01-01,,TIP 5,public\n")


def test_a_good_file_imports_with_language_versions_grouped_by_key(secretariat: User) -> None:
    records = transfer.read_records(GOOD.encode(), source="library.csv")
    assert services.library_import(actor=secretariat, records=records, source="library.csv") == 2
    french = LegalRecord.objects.get(state__code="FRA")
    assert sorted(t.language for t in french.texts.all()) == ["en", "fr"]
    assert sorted(str(a) for a in french.articles.all()) == ["UNTOC art. 6", "UNTOC art. 7"]
    assert record_search(user=secretariat, query="blanchiment").count == 1


def test_a_malformed_file_names_each_row_and_field_and_saves_nothing(secretariat: User) -> None:
    bad = (HEADER
           + "a,legislation,FRA,fr,Code pénal,text,2001-05-15,in_force,UNTOC 6,public\n"
           + "b,legislation,XXX,fr,Titre,text,,,,public\n"
           + "c,statute,FRA,fr,Titre,text,15/05/2001,,UNTOC 99,public\n"
           + "d,case,FRA,fr,,text,,in_force,,secret\n")
    with pytest.raises(InvalidInput) as refused:
        transfer.read_records(bad.encode(), source="bad.csv")
    problems = refused.value.problems
    assert "bad.csv:3: country: no State with the code XXX" in problems
    assert "bad.csv:4: date: a date written YYYY-MM-DD" in problems
    assert any(p.startswith("bad.csv:4: articles: no article “UNTOC 99”") for p in problems)
    assert any(p.startswith("bad.csv:5: title: required") for p in problems)
    assert refused.value.where == "bad.csv:3"
    assert not LegalRecord.objects.exists()


@pytest.mark.parametrize(("content", "problem"), [
    (b"\xff\xfe\x00", "not UTF-8"),
    (b"title,kind\nx,legislation\n", "lacks the columns: country, language"),
    (HEADER.replace("visibility", "colour").encode(), "unknown columns: colour"),
    (HEADER.encode(), "holds no records"),
])
def test_an_unreadable_file_is_refused_with_a_reason(content: bytes, problem: str) -> None:
    with pytest.raises(InvalidInput, match=problem):
        transfer.read_records(content, source="x.csv")


def test_rows_of_one_key_must_agree(secretariat: User) -> None:
    rows = (HEADER + "a,legislation,FRA,fr,Code,t,2001-05-15,,,public\n"
            + "a,legislation,FRA,en,Code,t,2002-05-15,,,public\n")
    with pytest.raises(InvalidInput, match="differ from row 2"):
        transfer.read_records(rows.encode(), source="x.csv")


def test_json_lines_report_the_line(secretariat: User) -> None:
    lines = (json.dumps({"kind": "case", "country": "KEN", "language": "en", "title": "A"}) + "\n"
             + json.dumps({"kind": "case", "country": "KEN", "language": "xx", "title": "B"}) + "\n")
    with pytest.raises(InvalidInput) as refused:
        transfer.read_records(lines.encode(), source="x.jsonl")
    assert refused.value.where.startswith("x.jsonl:2")
    with pytest.raises(InvalidInput, match="not a JSON object"):
        transfer.read_records(b"{not json}\n", source="x.jsonl")


def test_an_export_imports_unchanged(make_record: Callable[..., LegalRecord], secretariat: User,
                                     tmp_path: Path) -> None:
    make_record("Code pénal, article 324-1", "Le fait de blanchir, \"entre guillemets\",\nsur deux lignes",
                language="fr", state="FRA", articles=("UNTOC 6",), date=dt.date(2001, 5, 15))
    make_record("反洗钱法", "预防洗钱活动", language="zh", state="CHN", kind="strategy")
    for fmt in ("csv", "jsonl"):
        out = tmp_path / f"library.{fmt}"
        call_command("library", "export", "--output", str(out), stdout=io.StringIO())
        before = LegalRecord.objects.count()
        records = transfer.read_records(out.read_bytes(), source=out.name)
        assert len(records) == before
        call_command("library", "import", str(out), stdout=io.StringIO(), stderr=io.StringIO())
        assert LegalRecord.objects.count() == 2 * before
        again = tmp_path / f"again.{fmt}"
        call_command("library", "export", "--output", str(again), "--query", "blanchir", stdout=io.StringIO())
        rows = transfer.read_records(again.read_bytes(), source=again.name)
        assert {r.texts[0].text for r in rows} == {"Le fait de blanchir, \"entre guillemets\",\nsur deux lignes"}
        assert {r.fields.date for r in rows} == {dt.date(2001, 5, 15)}
        assert {tuple(str(a) for a in r.fields.articles) for r in rows} == {("UNTOC art. 6",)}


def test_the_import_command_reports_every_problem_and_exits_non_zero(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "a,legislation,XXX,fr,T,t,,,,public\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"nothing was imported:\n  bad\.csv:2: country: no State with the code XXX"):
        call_command("library", "import", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert not LegalRecord.objects.exists()


def test_restricted_records_stay_out_of_a_command_line_export(make_record: Callable[..., LegalRecord],
                                                              tmp_path: Path) -> None:
    make_record("Public act", "text")
    make_record("Restricted bill", "text", state="KEN", visibility="review")
    out = tmp_path / "out.csv"
    call_command("library", "export", "--output", str(out), stdout=io.StringIO())
    assert [row["title"] for row in csv.DictReader(out.open(encoding="utf-8"))] == ["Public act"]
    call_command("library", "export", "--output", str(out), "--include-restricted", stdout=io.StringIO())
    assert len(list(csv.DictReader(out.open(encoding="utf-8")))) == 2


def test_reindex_command_prints_progress(make_record: Callable[..., LegalRecord]) -> None:
    make_record("Act", "text")
    out, err = io.StringIO(), io.StringIO()
    SearchDocument.objects.all().delete()
    call_command("library", "reindex", stdout=out, stderr=err)
    assert "search index rebuilt: 1 records" in out.getvalue()
    assert SearchDocument.objects.count() == 1
