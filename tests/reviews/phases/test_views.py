"""The schedule pages as each role sees them: the secretariat (work plan, launch, decisions, opt-out), the focal
point and experts of the State under review, the reviewing States, another State's expert and the public."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from treatyreview.accounts.models import User
from treatyreview.audit.models import AuditEvent
from treatyreview.registry.models import State
from treatyreview.reviews.models import CountryReview, Cycle, Extension, Phase, YearGroup
from treatyreview.reviews.phases import services

from .conftest import fresh

pytestmark = pytest.mark.django_db


def _page(client: Client, user: User | None, url: str) -> tuple[int, str]:
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    return response.status_code, response.content.decode()


def test_the_cycle_page_shows_the_work_plan_and_offers_the_launch(
    client: Client, group: YearGroup, secretariat: User
) -> None:
    status, html = _page(client, secretariat, f"/secretariat/draws/cycles/{group.cycle.pk}/")
    assert status == 200
    assert "International cooperation, mutual legal assistance and confiscation" in html
    assert f"/secretariat/draws/cycles/{group.cycle.pk}/groups/1/launch/" in html
    assert "Each phase lasts 24 months." in html


def test_launching_asks_to_confirm_then_launches(client: Client, group: YearGroup, secretariat: User) -> None:
    url = f"/secretariat/draws/cycles/{group.cycle.pk}/groups/1/launch/"
    status, html = _page(client, secretariat, url)
    assert status == 200 and "will be launched" in html and "Confirm: launch year group 2021" in html
    assert not Phase.objects.exists()  # looking is not launching
    response = client.post(url, {"on": "2021-01-31"})
    assert response.status_code == 302
    assert Phase.objects.filter(position=1, launched_at__isnull=False).count() == 3
    # The same button pressed again: refused at the top of the page, nothing more is done.
    again = client.post(url, {"on": "2021-01-31"})
    assert again.status_code == 400
    assert "already has its phases" in again.content.decode()
    assert Phase.objects.count() == 12


def test_a_launch_before_the_start_year_is_refused_on_the_page(
    client: Client, group: YearGroup, secretariat: User
) -> None:
    client.force_login(secretariat)
    response = client.post(f"/secretariat/draws/cycles/{group.cycle.pk}/groups/1/launch/", {"on": "2020-06-01"})
    assert response.status_code == 400
    assert "year group 1 starts in 2021" in response.content.decode()
    assert not Phase.objects.exists()


def test_the_work_plan_form_saves_and_refuses_a_stale_tab(client: Client, cycle: Cycle, secretariat: User) -> None:
    client.force_login(secretariat)
    url = f"/secretariat/draws/cycles/{cycle.pk}/work-plan/"
    data = {"cluster_order": "1, 4, 3, 2", "phase_months": "18", "instruments_review": "together",
            "start_years": "2021, 2022, 2024", "expected_version": "1"}
    assert client.post(url, data).status_code == 302
    assert fresh(cycle).cluster_order == [1, 4, 3, 2]
    stale = client.post(url, {**data, "phase_months": "30"})
    assert stale.status_code == 409
    assert fresh(cycle).phase_months == 18
    bad = client.post(url, {**data, "expected_version": "2", "cluster_order": "1, 2"})
    assert bad.status_code == 400 and "each cluster from 1 to 4 once" in bad.content.decode()


def test_the_secretariat_opens_a_cycle_with_its_start_years(client: Client, secretariat: User) -> None:
    client.force_login(secretariat)
    response = client.post("/secretariat/draws/", {"name": "Second cycle", "start_years": "2030, 2031, 2032"})
    assert response.status_code == 302
    cycle = Cycle.objects.get(name="Second cycle")
    assert list(cycle.year_groups.values_list("start_year", flat=True)) == [2030, 2031, 2032]
    bad = client.post("/secretariat/draws/", {"name": "Third cycle", "start_years": "2030"})
    assert bad.status_code == 400 and "one start year for each of the 3" in bad.content.decode()


@pytest.mark.parametrize("who", ["secretariat", "focal", "expert", "reviewer_focal", "reviewer_expert"])
def test_a_review_page_is_open_to_its_participants_and_logged(
    client: Client, first_phase: Phase, austria: CountryReview, people: dict[str, User], secretariat: User, who: str
) -> None:
    user = secretariat if who == "secretariat" else people[who]
    status, html = _page(client, user, f"/reviews/{austria.pk}/")
    assert status == 200
    assert "Phase 1" in html and "Criminalization and jurisdiction" in html
    assert "Focal point to be named" in html
    assert AuditEvent.objects.filter(action="review.read", target_id=str(austria.pk), actor=user).exists()
    offers_step = "Record: Focal point named" in html
    assert offers_step == (who in ("secretariat", "focal"))


@pytest.mark.parametrize("who", ["other", "observer"])
def test_a_review_page_is_not_found_for_anyone_else(
    client: Client, first_phase: Phase, austria: CountryReview, people: dict[str, User], who: str
) -> None:
    status, _html = _page(client, people[who], f"/reviews/{austria.pk}/")
    assert status == 404


def test_the_public_is_sent_to_sign_in(client: Client, first_phase: Phase, austria: CountryReview) -> None:
    response = client.get(f"/reviews/{austria.pk}/")
    assert response.status_code == 302 and "/login" in response["Location"]


def test_the_focal_point_records_a_stage_and_a_second_tab_is_told_what_happened(
    client: Client, first_phase: Phase, austria: CountryReview, people: dict[str, User]
) -> None:
    client.force_login(people["focal"])
    today = timezone.localdate().isoformat()
    form = {"form": "step", "phase": first_phase.pk, "stage": "focal_point", "on": today, "expected_version": 1}
    assert client.post(f"/reviews/{austria.pk}/", form).status_code == 302
    assert fresh(first_phase).stage == "experts"
    again = client.post(f"/reviews/{austria.pk}/", form)
    assert again.status_code == 409
    assert "it is now at the stage “Governmental experts to be named”" in again.content.decode()
    assert fresh(first_phase).version == 2


def test_a_flag_shows_when_a_deadline_passed(
    client: Client, first_phase: Phase, austria: CountryReview, secretariat: User
) -> None:
    # Launched on 31 January 2021: the focal point was due on 14 February 2021.
    _status, html = _page(client, secretariat, f"/reviews/{austria.pk}/")
    assert "table-danger" in html and "days ago" in html


def test_the_focal_point_asks_for_more_time_and_the_secretariat_grants_it(
    client: Client, first_phase: Phase, austria: CountryReview, people: dict[str, User], secretariat: User
) -> None:
    deadline = first_phase.deadlines.get(stage="questionnaire")
    client.force_login(people["focal"])
    url = f"/reviews/{austria.pk}/"
    empty = client.post(url, {"form": "extension_request", "deadline": deadline.pk, "requested_until": "2021-09-30",
                              "reason": ""})
    assert empty.status_code == 400 and not Extension.objects.exists()
    ok = client.post(url, {"form": "extension_request", "deadline": deadline.pk, "requested_until": "2021-09-30",
                           "reason": "national elections"})
    assert ok.status_code == 302
    client.force_login(secretariat)
    _status, html = _page(client, None, url)
    assert "national elections" in html and "Record the decision" in html
    extension = Extension.objects.get()
    refusal = client.post(url, {"form": "extension_decide", "extension": extension.pk, "decision": "refuse",
                                "note": ""})
    assert refusal.status_code == 400 and "say why the extension is refused" in refusal.content.decode()
    assert client.post(url, {"form": "extension_decide", "extension": extension.pk, "decision": "grant",
                             "note": ""}).status_code == 302
    assert fresh(deadline).effective_due == dt.date(2021, 9, 30)


def test_an_expert_is_offered_no_extension_and_cannot_post_one(
    client: Client, first_phase: Phase, austria: CountryReview, people: dict[str, User]
) -> None:
    _status, html = _page(client, people["expert"], f"/reviews/{austria.pk}/")
    assert "Ask for more time" not in html
    deadline = first_phase.deadlines.get(stage="questionnaire")
    response = client.post(f"/reviews/{austria.pk}/", {"form": "extension_request", "deadline": deadline.pk,
                                                       "requested_until": "2021-09-30", "reason": "x"})
    assert response.status_code == 403 and not Extension.objects.exists()


def test_the_secretariat_records_an_opt_out_with_its_note_verbale(
    client: Client, group: YearGroup, austria: CountryReview, secretariat: User, people: dict[str, User]
) -> None:
    client.force_login(secretariat)
    url = f"/reviews/{austria.pk}/status/"
    missing = client.post(url, {"status": "opted_out", "note_verbale_ref": "", "note_verbale_date": "2021-01-10",
                                "expected_version": "1"})
    assert missing.status_code == 400 and "reference of the note verbale" in missing.content.decode()
    assert client.post(url, {"status": "opted_out", "note_verbale_ref": "NV/2021/17", "note_verbale_date": "2021-01-10",
                             "reason": "", "expected_version": "1"}).status_code == 302
    assert fresh(austria).status == "opted_out"
    _status, html = _page(client, None, f"/reviews/{austria.pk}/")
    assert "note verbale NV/2021/17" in html
    assert _page(client, people["focal"], url)[0] == 403


def test_the_public_status_page_shows_only_phases_in_alphabetical_order(
    client: Client, first_phase: Phase, austria: CountryReview, secretariat: User
) -> None:
    brazil = CountryReview.objects.get(cycle=austria.cycle, state__code="BRA")
    services.review_opt_out(actor=secretariat, review=brazil, note_verbale_ref="NV/1",
                            note_verbale_date=dt.date(2021, 1, 1), reason="confidential reason")
    CountryReview.objects.create(cycle=austria.cycle, state=State.objects.get(code="CHL"))
    status, html = _page(client, None, "/reviews/status/")
    assert status == 200
    assert html.index("Austria") < html.index("Brazil") < html.index("Chile") < html.index("Kenya")
    assert "Not started yet" in html
    assert "Phase 1: Criminalization and jurisdiction" in html
    assert "Opted out" in html
    # Never content: no stage, no deadline, no reason, no note verbale.
    for secret in ("confidential reason", "NV/1", "Focal point to be named", "2021"):
        assert secret not in html.split("<main", 1)[-1], secret


def test_the_public_status_page_is_alphabetical_in_the_readers_language(
    client: Client, first_phase: Phase, austria: CountryReview
) -> None:
    response = client.get("/reviews/status/", HTTP_ACCEPT_LANGUAGE="fr")
    html = response.content.decode()
    # Autriche, Brésil, Kenya.
    assert html.index("Autriche") < html.index("Brésil") < html.index("Kenya")


def test_the_overdue_list_is_for_the_secretariat(
    client: Client, first_phase: Phase, secretariat: User, people: dict[str, User]
) -> None:
    status, html = _page(client, secretariat, "/secretariat/reviews/overdue/")
    assert status == 200 and "Austria" in html and "Focal point to be named" in html
    assert _page(client, people["focal"], "/secretariat/reviews/overdue/")[0] == 403


def test_the_list_of_reviews_shows_a_state_its_own(
    client: Client, first_phase: Phase, people: dict[str, User]
) -> None:
    _status, html = _page(client, people["reviewer_expert"], "/reviews/")
    # Kenya's expert: Kenya's own review, and Austria's, which Kenya reviews; not Brazil's.
    assert "Austria" in html and "Kenya" in html and "Brazil" not in html.split("<main", 1)[-1]


