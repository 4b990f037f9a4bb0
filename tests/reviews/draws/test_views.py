"""The draw pages: the secretariat runs a session in the browser's forms; the public downloads and verifies."""

from __future__ import annotations

import json

import pytest

from treatyreview.mechanism import lots
from treatyreview.registry.models import State
from treatyreview.reviews.cycles.services import cycle_create
from treatyreview.reviews.models import Draw, ReviewerAssignment
from treatyreview.web.demo import demo_experts_create

pytestmark = pytest.mark.django_db

MEMBERS = ["AUT", "BRA", "FRA", "KEN", "MEX", "NGA"]


@pytest.fixture
def prepared(client, secretariat):
    demo_experts_create(secretariat)
    cycle = cycle_create(actor=secretariat, name="First cycle")
    group = cycle.year_groups.get(number=1)
    group.states.set(State.objects.filter(code__in=MEMBERS))
    client.force_login(secretariat)
    response = client.post(
        f"/secretariat/draws/cycles/{cycle.pk}/", {"form": "prepare", "kind": "reviewers", "year_group": "1"}
    )
    draw = Draw.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/secretariat/draws/{draw.pk}/"
    return draw


def _step(client, draw, step, **data):
    """Post one step of the session from its form, with the version the page showed."""
    draw.refresh_from_db()
    if "seed" in data:
        data = {"seed_kind": "dice", "seed_count": len(data["seed"].replace(" ", "")), **data}
    return client.post(f"/secretariat/draws/{draw.pk}/", {"step": step, "expected_version": draw.version, **data})


def test_a_session_from_commitment_to_confirmation(client, prepared) -> None:
    draw = prepared
    page = client.get(f"/secretariat/draws/{draw.pk}/?state=KEN").content.decode()
    assert draw.input_sha256 in page
    assert "same State" in page and "Kenya" in page  # the eligibility table explains exclusions
    assert _step(client, draw, "commit").status_code == 302
    assert _step(client, draw, "run", seed="4 2 6 1", seed_source="dice rolled by the Chair").status_code == 302
    draw.refresh_from_db()
    assert draw.status == Draw.Status.PROVISIONAL
    first = draw.record["assignments"][0]
    page = client.get(f"/secretariat/draws/{draw.pk}/").content.decode()
    row = page[page.index(f'id="result-{first["under_review"]}"') :].split("</tr>")[0]
    assert State.objects.get(code=first["reviewer"]).name in row
    response = _step(client, draw, "request", kind="redraw", under_review="KEN", slot="other-group", seed="5 5")
    assert response.status_code == 302
    assert _step(client, draw, "confirm").status_code == 302
    draw.refresh_from_db()
    assert draw.status == Draw.Status.CONFIRMED
    assert ReviewerAssignment.objects.filter(draw=draw).count() == len(draw.record["assignments"])
    record = json.loads(client.get(f"/draws/{draw.pk}/record.json").content)
    assert lots.verify_record(record).ok
    assert "Kenya" in client.get(f"/draws/{draw.pk}/").content.decode()


def test_a_missing_seed_is_shown_beside_its_field_and_changes_nothing(client, prepared) -> None:
    _step(client, prepared, "commit")
    response = _step(client, prepared, "run", seed="  ", seed_count="", seed_source="dice")
    assert response.status_code == 400
    assert 'id="id_seed_error"' in response.content.decode()
    prepared.refresh_from_db()
    assert prepared.status == Draw.Status.COMMITTED and not prepared.record


def test_a_stale_page_is_refused(client, prepared) -> None:
    response = client.post(f"/secretariat/draws/{prepared.pk}/", {"step": "commit", "expected_version": 99})
    assert response.status_code == 409
    prepared.refresh_from_db()
    assert prepared.status == Draw.Status.PREPARED


def test_an_unpublished_draw_is_not_public(client, prepared) -> None:
    client.logout()
    assert client.get(f"/draws/{prepared.pk}/").status_code == 404
    assert client.get(f"/draws/{prepared.pk}/input.json").status_code == 404
    assert prepared.input_sha256 not in client.get("/draws/").content.decode()


@pytest.mark.parametrize("role", ["focal_point", "expert", "observer", "delegate", "civil_society"])
def test_the_session_pages_are_for_the_secretariat_only(client, make_user, prepared, role) -> None:
    client.force_login(make_user(role, state="AUT" if role in ("focal_point", "expert") else None))
    for url in (
        f"/secretariat/draws/{prepared.pk}/",
        f"/secretariat/draws/{prepared.pk}/projection/",
        "/secretariat/draws/",
    ):
        assert client.get(url).status_code == 403
    response = client.post(f"/secretariat/draws/{prepared.pk}/", {"step": "commit", "expected_version": 1})
    assert response.status_code == 403
    prepared.refresh_from_db()
    assert prepared.status == Draw.Status.PREPARED


def test_the_projection_refreshes_with_results(client, prepared) -> None:
    _step(client, prepared, "commit")
    _step(client, prepared, "run", seed="1 2 3", seed_source="dice")
    fragment = client.get(f"/secretariat/draws/{prepared.pk}/projection/", headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode() and "Kenya" in fragment.content.decode()
    assert 'hx-trigger="every 3s"' in client.get(f"/secretariat/draws/{prepared.pk}/projection/").content.decode()


def test_an_unknown_protocol_standing_is_flagged_not_passed_off_as_not_party(client, secretariat) -> None:
    demo_experts_create(secretariat)
    cycle = cycle_create(actor=secretariat, name="Cycle")
    group = cycle.year_groups.get(number=1)
    # Angola's standing under the Smuggling of Migrants Protocol is not established in the reference data.
    group.states.set(State.objects.filter(code__in=["AGO", "KEN"]))
    client.force_login(secretariat)
    client.post(f"/secretariat/draws/cycles/{cycle.pk}/", {"form": "prepare", "kind": "reviewers", "year_group": "1"})
    draw = Draw.objects.get()
    page = client.get(f"/secretariat/draws/{draw.pk}/?state=KEN").content.decode()
    assert "does not establish whether these States under review are parties" in page
    assert "<bdi>Angola</bdi> — Smuggling of Migrants Protocol" in page
    assert "standing under the Smuggling of Migrants Protocol not established" in page


def test_the_public_list_reads_the_same_number_of_queries_however_many_draws(client, secretariat) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from treatyreview.reviews.draws.services import draw_commit, draw_prepare

    cycle = cycle_create(actor=secretariat, name="Cycle")

    def publish(number: int) -> None:
        group = cycle.year_groups.get(number=number)
        group.states.set(State.objects.filter(code__in=MEMBERS))
        draw = draw_prepare(actor=secretariat, cycle=cycle, kind=Draw.Kind.REVIEWERS, year_group=group)
        draw_commit(actor=secretariat, draw=draw, expected_version=draw.version)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/draws/").status_code == 200
        return len(captured.captured_queries)

    publish(1)
    one = queries()
    publish(2)
    publish(3)
    assert queries() == one


def test_the_cycle_page_shows_each_year_groups_draw_instead_of_preparing_another(client, prepared) -> None:
    page = client.get(f"/secretariat/draws/cycles/{prepared.cycle_id}/").content.decode()
    assert f'href="/secretariat/draws/{prepared.pk}/">Attempt 1: Prepared' in page
    assert "Prepare the draw of reviewing States for 2020" not in page
    assert "Prepare the draw of reviewing States for 2021" in page


def test_a_bad_state_code_on_the_cycle_page_is_named_and_records_nothing(client, prepared) -> None:
    response = client.post(
        f"/secretariat/draws/cycles/{prepared.cycle_id}/",
        {"form": "unavailability", "state": "XYZ", "reason": "opted_out"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was changed: No State with the code XYZ." in page  # at the top of the page
    assert 'id="id_state_error"' in page  # and beside its field
    assert not prepared.cycle.unavailabilities.exists()


# ------------------------------------------------------------------ second version: defects that were found


def _messages(page: str) -> str:
    """The messages at the top of the page (before the breadcrumbs and the content)."""
    start = page.index('<main id="main"')
    return page[start : page.index('aria-label="Breadcrumb"', start)]


def test_a_year_group_draw_shows_the_states_of_each_group_on_every_page(client, secretariat) -> None:
    from tests.reviews.draws import steps
    from treatyreview.reviews.draws.services import draw_prepare

    cycle = cycle_create(actor=secretariat, name="Cycle")
    draw = draw_prepare(actor=secretariat, cycle=cycle, kind=Draw.Kind.YEAR_GROUPS)
    steps.commit(secretariat, draw)
    steps.run(secretariat, draw, "4 4 2")
    client.force_login(secretariat)
    group_one = Draw.objects.get(pk=draw.pk).record["year_groups"][0]["states"]
    name = State.objects.get(code=group_one[0]).name
    for url in (f"/draws/{draw.pk}/", f"/secretariat/draws/{draw.pk}/", f"/secretariat/draws/{draw.pk}/projection/"):
        page = client.get(url).content.decode()
        assert name in page and "Starting in 2020" in page, url
        assert "states, year_group" not in page and "<li>states</li>" not in page, url


def test_a_stale_tab_is_told_at_the_top_what_happened_and_sees_the_draw_as_it_is(client, prepared) -> None:
    _step(client, prepared, "commit")
    stale_version = Draw.objects.get(pk=prepared.pk).version
    assert _step(client, prepared, "run", seed="4 2 6 1").status_code == 302  # the first tab draws
    response = client.post(
        f"/secretariat/draws/{prepared.pk}/",
        {"step": "run", "expected_version": stale_version, "seed_kind": "dice", "seed_count": 3, "seed": "1 1 1"},
    )
    assert response.status_code == 409
    top = _messages(response.content.decode())
    assert "changed in another tab" in top and "Nothing was done" in top and "Provisional" in top
    prepared.refresh_from_db()
    assert prepared.seed == "4 2 6 1"  # the second tab's seed was not used
    assert client.get(f"/secretariat/draws/{prepared.pk}/").status_code == 200  # the address reloads


def test_an_address_of_a_step_reloads_to_the_session_page_instead_of_a_blank_405(client, prepared) -> None:
    response = client.get(f"/secretariat/draws/{prepared.pk}/run/")
    assert response.status_code == 302 and response["Location"] == f"/secretariat/draws/{prepared.pk}/"


def test_a_refused_cancel_opens_its_section_and_says_why_at_the_top(client, prepared) -> None:
    response = _step(client, prepared, "cancel", reason="")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was done" in _messages(page)
    assert '<details class="mt-3" open>' in page and 'id="id_reason_error"' in page
    assert Draw.objects.get(pk=prepared.pk).status == Draw.Status.PREPARED


def test_seeds_and_hashes_read_left_to_right_in_arabic(client, prepared) -> None:
    _step(client, prepared, "commit")
    _step(client, prepared, "run", seed="3 3 1 6 2 5")
    client.cookies["django_language"] = "ar"
    for url in (f"/secretariat/draws/{prepared.pk}/", f"/draws/{prepared.pk}/", "/draws/"):
        page = client.get(url, headers={"Accept-Language": "ar"}).content.decode()
        assert 'dir="rtl"' in page
        assert 'dir="ltr">3 3 1 6 2 5</code>' in page, url  # the seed sits in a left-to-right element
        assert f'dir="ltr">{prepared.input_sha256}</code>' in page, url


def test_the_unknown_standing_warnings_are_shown_only_before_the_seed(client, secretariat) -> None:
    from tests.reviews.draws import steps

    demo_experts_create(secretariat)
    cycle = cycle_create(actor=secretariat, name="Cycle")
    cycle.year_groups.get(number=1).states.set(State.objects.filter(code__in=["AGO", "KEN", "AUT", "BRA"]))
    client.force_login(secretariat)
    client.post(f"/secretariat/draws/cycles/{cycle.pk}/", {"form": "prepare", "kind": "reviewers", "year_group": "1"})
    draw = Draw.objects.get()
    warning = "does not establish whether these States under review are parties"
    assert warning in client.get(f"/secretariat/draws/{draw.pk}/").content.decode()
    steps.through(secretariat, draw, "2 6 1")
    assert warning not in client.get(f"/secretariat/draws/{draw.pk}/").content.decode()


def test_the_public_page_lists_every_attempt_in_order_with_the_reason_for_cancelling(client, prepared) -> None:
    _step(client, prepared, "commit")
    _step(client, prepared, "run", seed="5 1 2")
    _step(client, prepared, "cancel", reason="the seed was read out wrongly")
    response = client.post(
        f"/secretariat/draws/cycles/{prepared.cycle_id}/", {"form": "prepare", "kind": "reviewers", "year_group": "1"}
    )
    second = Draw.objects.exclude(pk=prepared.pk).get()
    assert second.attempt == 2 and response["Location"] == f"/secretariat/draws/{second.pk}/"
    _step(client, second, "commit")
    client.logout()
    page = client.get("/draws/").content.decode()
    first_at, second_at = page.index(f"/draws/{prepared.pk}/"), page.index(f"/draws/{second.pk}/")
    assert first_at < second_at and "the seed was read out wrongly" in page and "5 1 2" in page
    cancelled = client.get(f"/draws/{prepared.pk}/").content.decode()
    assert "Attempt 1 was cancelled" in cancelled and "the seed was read out wrongly" in cancelled
    assert "Kenya" in cancelled  # its result stays public


def test_a_draw_made_under_version_1_still_shows_and_verifies(client, secretariat) -> None:
    from pathlib import Path

    record = json.loads((Path(__file__).parents[2] / "mechanism/records/v1-reviewers.json").read_text("utf-8"))
    cycle = cycle_create(actor=secretariat, name="Cycle")
    draw = Draw.objects.create(
        cycle=cycle,
        year_group=cycle.year_groups.get(number=1),
        kind=Draw.Kind.REVIEWERS,
        status=Draw.Status.PROVISIONAL,
        input=record["input"],
        input_sha256=record["input_sha256"],
        seed=record["seed"],
        seed_kind="dice",
        record=record,
        record_sha256=record["record_sha256"],
        created_by=secretariat,
    )
    client.force_login(secretariat)
    assert client.get(f"/draws/{draw.pk}/").status_code == 200
    assert client.get(f"/secretariat/draws/{draw.pk}/?state=AUT").status_code == 200
    response = client.post(f"/secretariat/draws/{draw.pk}/", {"step": "confirm", "expected_version": draw.version})
    assert response.status_code == 302
    draw.refresh_from_db()
    assert draw.status == Draw.Status.CONFIRMED and lots.verify_record(draw.record).ok


def test_the_projection_of_a_draw_in_preparation_logs_no_read_per_refresh(client, prepared) -> None:
    from treatyreview.audit.models import AuditEvent

    reads = AuditEvent.objects.filter(action="draw.read", target_id=str(prepared.pk))
    before = reads.count()
    client.get(f"/secretariat/draws/{prepared.pk}/")  # the session page shows the input: its read is logged
    assert reads.count() == before + 1
    for _ in range(3):  # the room's screen refreshes every 3 s and shows no part of the input
        response = client.get(f"/secretariat/draws/{prepared.pk}/projection/", headers={"HX-Request": "true"})
        assert response.status_code == 200
    assert reads.count() == before + 1
