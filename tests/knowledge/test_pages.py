"""The library pages: search, a record, the forms of the secretariat and focal points, refusals at the top."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from treatyreview.accounts.models import Role, User
from treatyreview.audit.models import AuditEvent
from treatyreview.knowledge.models import LegalRecord
from treatyreview.registry.models import State

pytestmark = pytest.mark.django_db


def test_the_search_page_highlights_matches_and_counts_facets(make_record: Callable[..., LegalRecord]) -> None:
    make_record("Code pénal", "Le fait de blanchir le produit du crime", language="fr", state="FRA")
    page = Client().get("/library/", {"q": "blanchiment"}).content.decode()
    assert "<mark>blanchir</mark>" in page
    assert "France</a> <span class=\"text-body-secondary\">(1)</span>" in page


def test_a_filter_not_understood_is_said_at_the_top(make_record: Callable[..., LegalRecord]) -> None:
    response = Client().get("/library/", {"country": "XXX", "q": "x"})
    assert response.status_code == 400
    assert "A filter was not understood and was not applied" in response.content.decode()


def test_a_restricted_record_page_is_404_for_others_and_logged_for_its_state(
        make_record: Callable[..., LegalRecord], client_as: Callable[[User], Client],
        make_user: Callable[..., User]) -> None:
    record = make_record("Kenyan bill", "witnesses", state="KEN", visibility="review")
    assert Client().get(record.get_absolute_url()).status_code == 404
    assert client_as(make_user(Role.FOCAL_POINT, state="AUT")).get(record.get_absolute_url()).status_code == 404
    page = client_as(make_user(Role.EXPERT, state="KEN")).get(record.get_absolute_url())
    assert page.status_code == 200 and "Your reading of it is recorded" in page.content.decode()
    assert AuditEvent.objects.filter(action="library.record_read", target_id=str(record.pk)).count() == 1


def test_a_focal_point_adds_a_record_for_its_state(client_as: Callable[[User], Client],
                                                   make_user: Callable[..., User]) -> None:
    client = client_as(make_user(Role.FOCAL_POINT, state="KEN"))
    form = client.get("/library/records/new/").content.decode()
    assert "Kenya" in form and "Austria" not in form
    response = client.post("/library/records/new/", {
        "kind": "legislation", "state": State.objects.get(code="KEN").pk, "original_language": "en",
        "language": "en", "title": "Counter-Trafficking in Persons Act", "text": "trafficking", "status": "in_force",
        "visibility": "review"})
    record = LegalRecord.objects.get()
    assert response.status_code == 302 and response["Location"] == record.get_absolute_url()
    assert record.visibility == "review"
    assert client_as(make_user(Role.EXPERT, state="KEN")).get("/library/", {"q": "trafficked"}).content.decode() \
        .count("Counter-<mark>Trafficking</mark> in Persons Act") == 1


def test_other_roles_may_not_add_records(client_as: Callable[[User], Client], make_user: Callable[..., User]) -> None:
    assert client_as(make_user(Role.EXPERT, state="KEN")).get("/library/records/new/").status_code == 403
    assert Client().get("/library/records/new/").status_code == 302  # to sign in


def test_a_stale_second_tab_is_refused_and_keeps_the_first_change(
        make_record: Callable[..., LegalRecord], client_as: Callable[[User], Client], secretariat: User) -> None:
    record = make_record("Act", "text")
    client = client_as(secretariat)
    post = {"language": "en", "title": "First tab", "text": "t", "expected_version": 1}
    assert client.post(f"/library/records/{record.pk}/version/", post).status_code == 302
    stale = client.post(f"/library/records/{record.pk}/version/", {**post, "title": "Second tab"})
    assert stale.status_code == 409
    assert "Someone else changed this record" in stale.content.decode()
    assert record.texts.get().title == "First tab"


def test_a_focal_point_of_another_state_is_told_who_may_edit(make_record: Callable[..., LegalRecord],
                                                             client_as: Callable[[User], Client],
                                                             make_user: Callable[..., User]) -> None:
    record = make_record("Act", "text", state="KEN")
    client = client_as(make_user(Role.FOCAL_POINT, state="AUT"))
    for address in (f"/library/records/{record.pk}/edit/", f"/library/records/{record.pk}/version/"):
        response = client.post(address, {"language": "en", "title": "Changed", "expected_version": 1}, follow=True)
        assert response.redirect_chain == [(record.get_absolute_url(), 302)]
        assert "Only the secretariat, or the focal point of Kenya, can change this record." in response.content.decode()
    assert record.texts.get().title == "Act"


def test_the_import_page_lists_every_problem_and_saves_nothing(client_as: Callable[[User], Client],
                                                               secretariat: User) -> None:
    content = (b"kind,country,language,title\nlegislation,XXX,en,A\nstatute,KEN,en,B\n")
    response = client_as(secretariat).post("/library/import/", {"file": SimpleUploadedFile("bad.csv", content)})
    page = response.content.decode()
    assert response.status_code == 400
    assert "bad.csv:2: country: no State with the code XXX" in page and "bad.csv:3: kind:" in page
    assert not LegalRecord.objects.exists()
    good = (b"kind,country,language,title\nlegislation,KEN,en,A\n")
    assert client_as(secretariat).post("/library/import/", {"file": SimpleUploadedFile("good.csv", good)}) \
        .status_code == 302
    assert LegalRecord.objects.count() == 1


def test_the_export_holds_what_the_reader_may_see(make_record: Callable[..., LegalRecord]) -> None:
    make_record("Public act", "text")
    make_record("Restricted bill", "text", state="KEN", visibility="review")
    body = Client().get("/library/export.csv").content.decode("utf-8-sig")
    assert "Public act" in body and "Restricted bill" not in body


@pytest.mark.parametrize("language", ["ar", "zh-hans", "fr", "ru", "es"])
def test_the_search_page_reads_in_each_language(make_record: Callable[..., LegalRecord], language: str) -> None:
    make_record("反洗钱法", "预防洗钱活动", language="zh", state="CHN")
    client = Client()
    client.cookies["django_language"] = language
    page = client.get("/library/", {"q": "洗钱"})
    assert page.status_code == 200
    assert "<mark>洗钱</mark>" in page.content.decode()
