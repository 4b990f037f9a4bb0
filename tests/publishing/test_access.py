"""Who reads a review's outcome documents, their language versions, the consent and the working language, at
every stage of publication, through the pages and the API; and who may act on them. Everyone not entitled gets
404; the public pages show a document only once it is published, to everyone alike."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from tests.publishing.world import EVERYONE, READERS, generated, outcome_world
from treatyreview.audit.models import AuditEvent
from treatyreview.publishing import services
from treatyreview.publishing.models import Consent, Document, DocumentVersion, WorkingLanguage

pytestmark = pytest.mark.django_db
STAGES = ["generated", "consented", "published", "withdrawn"]


def client_of(w, who: str) -> Client:
    client = Client()
    if who != "anonymous":
        client.force_login(w.people[who])
    return client


def _at_stage(stage: str):
    w = outcome_world()
    officer, focal = w.people["secretariat"], w.people["focal"]
    services.working_language_propose(actor=officer, review=w.review)
    summary = generated(w)
    confidential = generated(w, "list_of_observations")
    if stage != "generated":
        consent = services.consent_give(actor=focal, document=summary, languages=["en"],
                                        effective_from=timezone.localdate())
        if stage == "published":
            services.document_publish(actor=officer, document=summary)
        if stage == "withdrawn":
            services.consent_withdraw(actor=focal, consent=consent, reason="Not yet.")
    return w, summary, confidential


@pytest.mark.parametrize("stage", STAGES)
def test_every_role_reads_what_it_may_and_gets_404_for_the_rest(stage: str) -> None:
    w, summary, confidential = _at_stage(stage)
    summary_version = summary.versions.get()
    list_version = confidential.versions.get()
    for who in EVERYONE:
        client = client_of(w, who)
        reads_before = AuditEvent.objects.filter(action="document.read").count()
        page = client.get(f"/reviews/{w.review.pk}/documents/")
        versions = [client.get(f"/documents/versions/{v.pk}/") for v in (summary_version, list_version)]
        files = [client.get(f"/documents/versions/{v.pk}/document.docx") for v in (summary_version, list_version)]
        api = client.get(f"/api/reviews/{w.review.pk}/documents")
        allowed = who in READERS
        expected = 200 if allowed else 404
        statuses = [page.status_code, *(r.status_code for r in versions), *(r.status_code for r in files)]
        assert statuses == [expected] * 5, (who, statuses)
        assert api.status_code == (401 if who == "anonymous" else expected), who
        reads = AuditEvent.objects.filter(action="document.read").count() - reads_before
        assert reads == (2 if allowed else 0), who
        if allowed:
            body = page.content.decode()
            assert "Consent to publication" in body and "Working languages" in body
            assert api.json()[0]["versions"][0]["language"] == "en"
        # The public pages: the published summary for everyone; nothing else, ever.
        public = client.get(f"/publications/{summary.pk}/")
        public_file = client.get(f"/publications/{summary.pk}/en.docx")
        assert (public.status_code, public_file.status_code) == ((200, 200) if stage == "published" else (404, 404))
        assert client.get(f"/publications/{confidential.pk}/").status_code == 404
        assert client.get(f"/publications/{confidential.pk}/en.docx").status_code == 404
        listed = client.get("/api/publications").json()
        assert [item["id"] for item in listed] == ([summary.pk] if stage == "published" else [])
        assert (f'href="/publications/{summary.pk}/"' in client.get("/publications/").content.decode()) == (
            stage == "published")


@pytest.mark.parametrize("stage", ["generated", "consented"])
def test_only_the_focal_point_of_the_state_under_review_consents_or_withdraws(stage: str) -> None:
    w, summary, _confidential = _at_stage(stage)
    for who in EVERYONE:
        if who == "focal":
            continue
        client = client_of(w, who)
        before = list(Consent.objects.values_list("pk", "withdrawn_at"))
        give = client.post(f"/documents/{summary.pk}/consent/", {"languages": ["en"],
                                                               "effective_from": timezone.localdate().isoformat()})
        standing = Consent.objects.filter(withdrawn_at__isnull=True).first()
        withdraw = client.post(f"/documents/consents/{standing.pk}/withdraw/") if standing else None
        assert list(Consent.objects.values_list("pk", "withdrawn_at")) == before, who
        expected = 302 if who in READERS else 404
        assert give.status_code == expected, who
        if withdraw is not None:
            assert withdraw.status_code == expected, who
    focal = client_of(w, "focal")
    if stage == "generated":
        response = focal.post(f"/documents/{summary.pk}/consent/", {"languages": ["en"],
                                                                  "effective_from": timezone.localdate().isoformat()})
        assert response.status_code == 302 and Consent.objects.filter(withdrawn_at__isnull=True).count() == 1
    else:
        consent = Consent.objects.get()
        focal.post(f"/documents/consents/{consent.pk}/withdraw/", {"reason": "Later."})
        assert Consent.objects.get().withdrawal_reason == "Later."


def test_only_the_secretariat_generates_translates_publishes_and_decides_the_working_language() -> None:
    w, summary, _confidential = _at_stage("consented")
    version = summary.versions.get()
    decision = WorkingLanguage.objects.get()
    for who in EVERYONE:
        if who == "secretariat":
            continue
        client = client_of(w, who)
        responses = [
            client.post(f"/phases/{w.phase.pk}/documents/summary/generate/"),
            client.post(f"/documents/{summary.pk}/translations/", {"language": "fr"}),
            client.post(f"/documents/{summary.pk}/publish/"),
            client.post(f"/reviews/{w.review.pk}/working-language/", {"languages": ["fr"], "reason": "x",
                                                                      "version": decision.version}),
            client.post(f"/documents/versions/{version.pk}/verify/", {"version": version.version}),
        ]
        expected = 302 if who in READERS else 404
        assert [r.status_code for r in responses] == [expected] * 5, who
        assert client.get("/secretariat/word-templates/").status_code in (302, 403), who
    assert DocumentVersion.objects.filter(document=summary).count() == 1
    assert Document.objects.get(pk=summary.pk).version == summary.version
    assert Consent.objects.get().published_at is None
    assert WorkingLanguage.objects.get().version == decision.version
    officer = client_of(w, "secretariat")
    assert officer.get("/secretariat/word-templates/").status_code == 200
    assert officer.post(f"/documents/{summary.pk}/publish/").status_code == 302
    assert Consent.objects.get().published_at is not None
