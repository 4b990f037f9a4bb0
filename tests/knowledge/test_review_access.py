"""A record restricted to a State's review, read within that review: by the State's own people, by the people of
the States reviewing it and by the secretariat, each read logged; a 404 for everyone else. And a record's page
lists the answers citing it to those who may read their questionnaire, at each stage of the questionnaire."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from tests.questionnaires.answers.world import PEOPLE, World, answer_all, save, world
from treatyreview.audit.models import AuditEvent
from treatyreview.knowledge.models import LegalRecord
from treatyreview.knowledge.selectors import record_search
from treatyreview.questionnaires.answers import services

pytestmark = pytest.mark.django_db

EVERYONE = [*PEOPLE, "anonymous"]
# Austria is under review; Kenya and Brazil review it; the Philippines has nothing to do with it.
READS_AUSTRIAS = {"secretariat", "focal", "expert", "expert2", "observer", "reviewer_focal", "reviewer_expert",
                  "reviewer_observer"}
READS_DRAFT = {"focal", "expert", "expert2", "observer"}
READS_SUBMITTED = READS_DRAFT | {"secretariat", "reviewer_focal", "reviewer_expert", "reviewer_observer"}


def client_of(w: World, who: str) -> Client:
    client = Client()
    if who != "anonymous":
        client.force_login(w.people[who])
    return client


def reads(record: LegalRecord) -> int:
    return AuditEvent.objects.filter(action="library.record_read", target_id=str(record.pk)).count()


@pytest.mark.parametrize("who", EVERYONE)
def test_a_record_restricted_to_the_review_is_read_within_it_by_page_api_and_search(
        who: str, make_record: Callable[..., LegalRecord]) -> None:
    w = world(articles=1)
    record = make_record("Draft amendment on confiscation", "confiscation of proceeds", state="AUT",
                         visibility="review")
    client = client_of(w, who)

    page = client.get(f"/library/records/{record.pk}/")
    api = client.get(f"/api/library/records/{record.pk}")
    found = client.get("/api/library/search", {"q": "confiscation"}).json()

    allowed = who in READS_AUSTRIAS
    assert (page.status_code, api.status_code) == ((200, 200) if allowed else (404, 404))
    assert reads(record) == (2 if allowed else 0)
    assert [hit["id"] for hit in found["results"]] == ([record.pk] if allowed else [])
    assert found["count"] == (1 if allowed else 0)
    if allowed:
        assert "Your reading of it is recorded" in page.content.decode()


def test_a_reviewing_state_reads_only_the_restricted_records_of_the_state_it_reviews(
        make_record: Callable[..., LegalRecord]) -> None:
    w = world(articles=1)
    austrian = make_record("Austrian draft on confiscation", "confiscation", state="AUT", visibility="review")
    philippine = make_record("Philippine draft on confiscation", "confiscation", state="PHL", visibility="review")
    kenyan = make_record("Kenyan draft on confiscation", "confiscation", state="KEN", visibility="review")
    reviewer = client_of(w, "reviewer_expert")  # of Kenya, reviewing Austria

    assert reviewer.get(f"/library/records/{austrian.pk}/").status_code == 200
    assert reviewer.get(f"/library/records/{philippine.pk}/").status_code == 404
    assert reviewer.get(f"/library/records/{kenyan.pk}/").status_code == 200  # its own State's
    found = record_search(user=w.people["reviewer_expert"], query="confiscation")
    assert {f.record.pk for f in found.found} == {austrian.pk, kenyan.pk}
    # Austria's people do not read the records of the States reviewing it.
    assert client_of(w, "expert").get(f"/library/records/{kenyan.pk}/").status_code == 404
    assert reads(philippine) == 0


@pytest.mark.parametrize("stage", ["draft", "submitted"])
@pytest.mark.parametrize("who", EVERYONE)
def test_a_record_page_lists_the_answers_citing_it_to_those_who_may_read_them(
        stage: str, who: str, make_record: Callable[..., LegalRecord]) -> None:
    w = world(articles=1)
    record = make_record("Criminal Code, section 165 (money laundering)", "laundering", state="AUT")
    answer_all(w)
    code = next(a.question.code for a in w.questionnaire.answers.select_related("question")
                if a.question.type == "citation")
    save(w, "expert", code, citations=[{"reference": "", "url": "", "record": record.pk}])
    if stage == "submitted":
        services.questionnaire_submit(actor=w.people["focal"], questionnaire=w.fresh(),
                                      expected_version=w.fresh().version)

    html = client_of(w, who).get(f"/library/records/{record.pk}/").content.decode()

    allowed = who in (READS_SUBMITTED if stage == "submitted" else READS_DRAFT)
    assert ("Answers citing this record" in html) is allowed
    link = f"/questionnaires/{w.questionnaire.pk}/?article="
    assert (link in html) is allowed
    if allowed:
        assert f"#q-{code}" in html
        assert "Austria" in html
        # The link opens the questionnaire at the answer; that read is logged.
        assert client_of(w, who).get(f"/questionnaires/{w.questionnaire.pk}/").status_code == 200


def test_an_answer_no_longer_citing_the_record_leaves_its_page(make_record: Callable[..., LegalRecord]) -> None:
    w = world(articles=1)
    record = make_record("Criminal Code, section 165", "laundering", state="AUT")
    other = make_record("Criminal Code, section 20b", "confiscation", state="AUT")
    answer_all(w)
    code = next(a.question.code for a in w.questionnaire.answers.select_related("question")
                if a.question.type == "citation")
    save(w, "expert", code, citations=[{"reference": "", "url": "", "record": record.pk}])
    expert = client_of(w, "expert")
    assert "Answers citing this record" in expert.get(f"/library/records/{record.pk}/").content.decode()

    save(w, "expert", code, citations=[{"reference": "", "url": "", "record": other.pk}])

    assert "Answers citing this record" not in expert.get(f"/library/records/{record.pk}/").content.decode()
    assert "Answers citing this record" in expert.get(f"/library/records/{other.pk}/").content.decode()
