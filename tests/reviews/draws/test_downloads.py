"""The public downloads of a draw's results: the CSV table and the printable page, in the reader's language."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.reviews.draws import steps
from treatyreview.registry.models import State, StateName
from treatyreview.reviews.cycles.services import cycle_create
from treatyreview.reviews.draws import services
from treatyreview.reviews.draws.exports import csv_safe, name_key
from treatyreview.reviews.models import Draw
from treatyreview.web.demo import demo_experts_create

pytestmark = pytest.mark.django_db

MEMBERS = ["AUT", "BRA", "FRA", "KEN", "MEX", "NGA"]
BOM = "\ufeff"


@pytest.fixture
def cycle(secretariat):
    demo_experts_create(secretariat)
    return cycle_create(actor=secretariat, name="First cycle")


@pytest.fixture
def provisional(secretariat, cycle):
    group = cycle.year_groups.get(number=1)
    group.states.set(State.objects.filter(code__in=MEMBERS))
    draw = services.draw_prepare(actor=secretariat, cycle=cycle, kind=Draw.Kind.REVIEWERS, year_group=group)
    steps.commit(secretariat, draw)
    return steps.run(secretariat, draw, "4 2 6 1")


@pytest.fixture
def confirmed(secretariat, provisional):
    steps.request(
        secretariat,
        provisional,
        kind="redraw",
        under_review=State.objects.get(code="KEN"),
        slot="other-group",
        seed="5 5",
    )
    return steps.confirm(secretariat, provisional)


@pytest.fixture
def year_groups(secretariat, cycle):
    draw = services.draw_prepare(actor=secretariat, cycle=cycle, kind=Draw.Kind.YEAR_GROUPS)
    steps.commit(secretariat, draw)
    steps.run(secretariat, draw, "5 2 6 1 3 4")
    return steps.confirm(secretariat, draw)


def _csv(client, draw, query=""):
    response = client.get(f"/draws/{draw.pk}/results.csv{query}")
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith(BOM)
    return response, list(csv.reader(io.StringIO(text.removeprefix(BOM))))


def test_the_csv_of_a_confirmed_draw_has_one_row_per_assignment_with_the_reviewers_names(client, confirmed) -> None:
    response, rows = _csv(client, confirmed)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="draw-{confirmed.pk}-results-en.csv"'
    header, body = rows[0], rows[1:]
    assert header == [
        "State under review",
        "Code of the State under review",
        "Instrument",
        "Slot",
        "Reviewing State",
        "Code of the reviewing State",
        "Supplementary draw",
    ]
    names = dict(State.objects.values_list("code", "name"))
    assignments = confirmed.record["assignments"]
    assert len(body) == len(assignments)
    expected = {(a["under_review"], a["instrument"], a["slot"], a["reviewer"]) for a in assignments}
    instruments = {"Organized Crime Convention": "UNTOC", "Trafficking in Persons Protocol": "TIP",
                   "Smuggling of Migrants Protocol": "SOM", "Firearms Protocol": "FIREARMS"}
    slots = {"same regional group": "same-group", "other regional group": "other-group"}
    got = set()
    for under_review, under_review_code, instrument, slot, reviewer, reviewer_code, supplementary in body:
        assert under_review == names[under_review_code] and reviewer == names[reviewer_code]
        assert supplementary in ("Yes", "No")
        got.add((under_review_code, instruments[instrument], slots[slot], reviewer_code))
    assert got == expected
    # The redraw of Kenya's other-group slot is in the table, not the reviewer it replaced.
    refused = confirmed.record["redraws"][0]["refused"]
    assert not any(row[1] == "KEN" and row[3] == "other regional group" and row[5] == refused for row in body)
    under_review = [row[0] for row in body]
    assert under_review == sorted(under_review, key=name_key)


def test_the_csv_headers_and_labels_follow_lang(client, confirmed) -> None:
    response, rows = _csv(client, confirmed, "?lang=fr")
    assert response["Content-Disposition"].endswith(f'filename="draw-{confirmed.pk}-results-fr.csv"')
    assert response["Content-Language"] == "fr"
    assert rows[0][0] == "État examiné" and rows[0][2] == "Instrument"
    assert {row[3] for row in rows[1:]} <= {"même groupe régional", "autre groupe régional"}

    response, rows = _csv(client, confirmed, "?lang=ar")
    assert response["Content-Disposition"].endswith(f'filename="draw-{confirmed.pk}-results-ar.csv"')
    assert rows[0][0] == "الدولة المستعرَضة"
    assert "اتفاقية الجريمة المنظمة" in {row[2] for row in rows[1:]}
    assert {row[3] for row in rows[1:]} <= {"المجموعة الإقليمية نفسها", "مجموعة إقليمية أخرى"}
    assert {row[6] for row in rows[1:]} <= {"نعم", "لا"}
    # The names of States are the sourced Arabic ones (UNSD M49), as the registry holds them.
    names = dict(StateName.objects.filter(language="ar").values_list("state__code", "short_name"))
    assert all(row[0] == names[row[1]] for row in rows[1:])
    assert any(row[0] == "ألمانيا" for row in rows[1:]) or "DEU" not in {row[1] for row in rows[1:]}


def test_the_csv_follows_the_language_chosen_on_the_site(client, confirmed) -> None:
    client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    response, rows = _csv(client, confirmed)
    assert rows[0][0] == "Estado objeto de examen"
    assert response["Content-Disposition"].endswith("-results-es.csv\"")


def test_an_unknown_language_is_named_and_refused(client, confirmed) -> None:
    response = client.get(f"/draws/{confirmed.pk}/results.csv?lang=de")
    assert response.status_code == 400
    assert "'de'" in response.content.decode() and "zh-hans" in response.content.decode()


def test_the_year_group_csv_lists_every_state_once_with_its_group(client, year_groups) -> None:
    _, rows = _csv(client, year_groups)
    assert rows[0] == ["Year group", "Start year", "State", "Code"]
    body = rows[1:]
    codes = [row[3] for row in body]
    drawn = [code for group in year_groups.record["year_groups"] for code in group["states"]]
    assert sorted(codes) == sorted(drawn) and len(set(codes)) == len(codes)
    start_years = {group.number: str(group.start_year) for group in year_groups.cycle.year_groups.all()}
    for group in year_groups.record["year_groups"]:
        for code in group["states"]:
            row = body[codes.index(code)]
            assert row[0] == str(group["year_group"]) and row[1] == start_years[group["year_group"]]
    names = dict(State.objects.values_list("code", "name"))
    assert all(row[2] == names[row[3]] for row in body)


def test_a_draw_in_preparation_is_not_downloadable(client, secretariat, cycle) -> None:
    group = cycle.year_groups.get(number=1)
    group.states.set(State.objects.filter(code__in=MEMBERS))
    draw = services.draw_prepare(actor=secretariat, cycle=cycle, kind=Draw.Kind.REVIEWERS, year_group=group)
    assert draw.status == Draw.Status.PREPARED
    assert client.get(f"/draws/{draw.pk}/results.csv").status_code == 404
    assert client.get(f"/draws/{draw.pk}/print/").status_code == 404
    assert client.get("/draws/999999/print/").status_code == 404


@pytest.mark.parametrize(
    ("value", "safe"),
    [("=SUM(A1)", "'=SUM(A1)"), ("+1", "'+1"), ("-1", "'-1"), ("@cmd", "'@cmd"), ("Côte d’Ivoire", "Côte d’Ivoire")],
)
def test_a_cell_that_would_start_a_formula_is_kept_as_text(value, safe) -> None:
    assert csv_safe(value) == safe


def test_states_are_listed_alphabetically_whatever_their_case_and_accents() -> None:
    names = ["Turkmenistan", "Türkiye", "Cuba", "Côte d'Ivoire", "Czechia", "Canada", "bahamas", "Belgium"]
    assert sorted(names, key=name_key) == [
        "bahamas", "Belgium", "Canada", "Côte d'Ivoire", "Cuba", "Czechia", "Türkiye", "Turkmenistan"
    ]


def test_the_printable_page_lists_the_states_of_each_year_group(client, year_groups) -> None:
    page = client.get(f"/draws/{year_groups.pk}/print/").content.decode()
    names = dict(State.objects.values_list("code", "name"))
    for group in year_groups.record["year_groups"]:
        section = page[page.index(f'id="year-group-{group["year_group"]}"') :].split("</section>")[0]
        assert all(f"<li><bdi>{names[code]}</bdi></li>".replace("'", "&#x27;") in section for code in group["states"])
    text = re.sub(r"<[^>]+>", " ", page[page.index("<main") : page.index("</main>")])
    assert not re.search(r"\bstates\b|year_group", text)
    assert "Status: Confirmed" in page
    assert f"Verify this draw: <a href=\"http://testserver/draws/{year_groups.pk}/\"" in page


def test_the_printable_page_of_a_provisional_draw_says_so_and_reads_hashes_left_to_right(client, provisional) -> None:
    page = client.get(f"/draws/{provisional.pk}/print/").content.decode()
    assert "Provisional result." in page and 'class="alert alert-warning tr-print-banner"' in page
    assert f'<code class="tr-seed" dir="ltr">{provisional.seed}</code>' in page
    assert f'<code class="tr-hash" dir="ltr">{provisional.input_sha256}</code>' in page
    assert f'<code class="tr-hash" dir="ltr">{provisional.record_sha256}</code>' in page
    names = dict(State.objects.values_list("code", "name"))
    first = provisional.record["assignments"][0]
    row = page[page.index(f'id="result-{first["under_review"]}"') :].split("</tr>")[0]
    assert names[first["reviewer"]] in row
    assert "Organized Crime Convention" in page and ">UNTOC<" not in page


def test_the_printable_page_of_a_confirmed_draw_lists_its_redraws_in_arabic(client, confirmed) -> None:
    page = client.get(f"/draws/{confirmed.pk}/print/?lang=ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "tr-print-banner" not in page
    assert "حالات إعادة سحب القرعة والاعتذار" in page and "إعادة سحب القرعة بطلب من الدولة المستعرَضة" in page
    assert '<code class="tr-seed" dir="ltr">5 5</code>' in page


def test_the_printable_page_of_a_cancelled_draw_says_so(client, secretariat, provisional) -> None:
    steps.cancel(secretariat, provisional, "wrong year group")
    page = client.get(f"/draws/{provisional.pk}/print/").content.decode()
    assert "Cancelled draw." in page and "alert-danger tr-print-banner" in page


def test_the_public_page_links_to_the_downloads(client, confirmed) -> None:
    page = client.get(f"/draws/{confirmed.pk}/").content.decode()
    assert f'href="/draws/{confirmed.pk}/results.csv"' in page and f'href="/draws/{confirmed.pk}/print/"' in page
