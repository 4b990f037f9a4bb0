"""Generating outcome documents, translations, templates, consent and publication: what each step does, who may
take it, and the refusals that change nothing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.publishing.world import generated, outcome_world
from treatyreview.audit.models import AuditEvent
from treatyreview.errors import InvalidInput, NotFound, NotPermitted
from treatyreview.publishing import selectors, services, wordfiles
from treatyreview.publishing.models import Consent, DocumentTemplate, DocumentVersion

pytestmark = pytest.mark.django_db


def test_the_summary_is_generated_from_the_agreed_summary_in_the_first_working_language() -> None:
    w = outcome_world()
    document = generated(w)
    version = document.versions.get()
    assert (document.original_language, version.language, version.status) == ("en", "en", "original")
    texts = [text for _kind, text in wordfiles.blocks(bytes(version.docx))]
    assert texts[0] == "Summary: Austria"
    assert "The Criminal Code covers participation in an organized criminal group." in texts
    assert version.words > 20 and version.pages == 1
    assert "Statistics on confiscation are not collected in one place." in version.html
    assert AuditEvent.objects.filter(action="document.generate").count() == 1


def test_the_list_of_observations_has_every_article_with_its_suggestion_and_need() -> None:
    w = outcome_world()
    version = generated(w, "list_of_observations").versions.get()
    texts = [text for _kind, text in wordfiles.blocks(bytes(version.docx))]
    assert "Collect statistics on convictions." in texts
    assert any(text.startswith("Data collection: A case-management system.") for text in texts)
    headings = [text for kind, text in wordfiles.blocks(bytes(version.docx)) if kind == "heading1"]
    from treatyreview.reviews.phases.selectors import phase_articles

    assert len(headings) == len(phase_articles(w.phase)) and all("article" in heading for heading in headings)


def test_a_document_is_refused_before_its_source_is_final_or_outside_the_outcome_model() -> None:
    w = outcome_world(final=False)
    with pytest.raises(InvalidInput, match="not agreed yet"):
        generated(w)
    with pytest.raises(InvalidInput, match="produces no"):
        generated(w, "executive_summary")
    with pytest.raises(NotPermitted):
        services.document_generate(actor=w.people["focal"], phase=w.phase, kind="summary")
    with pytest.raises(NotFound):
        services.document_generate(actor=w.people["other_expert"], phase=w.phase, kind="summary")
    assert not DocumentVersion.objects.exists()


def test_a_translation_is_requested_recorded_and_verified_and_a_stale_verify_is_a_conflict() -> None:
    from treatyreview.errors import Conflict

    w = outcome_world()
    officer = w.people["secretariat"]
    document = generated(w)
    french = services.translation_request(actor=officer, document=document, language="fr", note="Urgent")
    assert french.status == "translation_requested"
    with pytest.raises(InvalidInput, match="possible only while"):
        services.translation_verify(actor=officer, version=french, expected_version=french.version)
    fr_context = {**wordfiles.sample_context("fr"), "title": "Résumé : Autriche"}
    translated = wordfiles.render(wordfiles.default_template("summary", "fr"), fr_context)
    french = services.translation_record(actor=officer, version=french, data=translated,
                                         expected_version=french.version)
    assert french.status == "translated" and "Résumé : Autriche" in french.html
    with pytest.raises(Conflict):
        services.translation_verify(actor=officer, version=french, expected_version=french.version - 1)
    with pytest.raises(InvalidInput, match="not a Word document"):
        services.translation_record(actor=officer, version=french, data=b"not a docx",
                                    expected_version=french.version)
    french = services.translation_verify(actor=officer, version=french, expected_version=french.version)
    assert french.status == "verified"


def test_only_the_focal_point_consents_and_may_withdraw_before_publication() -> None:
    w = outcome_world()
    officer, focal = w.people["secretariat"], w.people["focal"]
    document = generated(w)
    today = timezone.localdate()
    for who in ("secretariat", "expert", "reviewer_focal", "observer"):
        with pytest.raises(NotPermitted):
            services.consent_give(actor=w.people[who], document=document, languages=["en"], effective_from=today)
    with pytest.raises(NotFound):
        services.consent_give(actor=w.people["other_expert"], document=document, languages=["en"],
                              effective_from=today)
    with pytest.raises(InvalidInput, match="no version in French"):
        services.consent_give(actor=focal, document=document, languages=["en", "fr"], effective_from=today)
    with pytest.raises(InvalidInput, match="today or later"):
        services.consent_give(actor=focal, document=document, languages=["en"],
                              effective_from=today - dt.timedelta(days=1))
    assert not Consent.objects.exists()
    consent = services.consent_give(actor=focal, document=document, languages=["en"], effective_from=today)
    assert not selectors.publications()
    consent = services.consent_withdraw(actor=focal, consent=consent, reason="The capital wants to read it again.")
    with pytest.raises(InvalidInput, match="not consented"):
        services.document_publish(actor=officer, document=document)
    consent = services.consent_give(actor=focal, document=document, languages=["en"], effective_from=today)
    services.document_publish(actor=officer, document=document)
    assert [p.languages for p in selectors.publications()] == [["en"]]
    assert selectors.public_state_ids_for(kind="summary") == {w.review.state_id}
    assert selectors.public_state_ids_for(kind="list_of_observations") == set()
    with pytest.raises(InvalidInput, match="can no longer be withdrawn"):
        services.consent_withdraw(actor=focal, consent=Consent.objects.get(pk=consent.pk))
    assert Consent.objects.count() == 2
    actions = list(AuditEvent.objects.filter(action__startswith="consent.").values_list("action", flat=True))
    assert actions == ["consent.give", "consent.withdraw", "consent.give"]


def test_a_list_of_observations_is_never_consented_to_and_a_future_date_is_public_only_from_then() -> None:
    w = outcome_world()
    focal = w.people["focal"]
    with pytest.raises(InvalidInput, match="stays confidential"):
        services.consent_give(actor=focal, document=generated(w, "list_of_observations"), languages=["en"],
                              effective_from=timezone.localdate())
    document = generated(w)
    services.consent_give(actor=focal, document=document, languages=["en"],
                          effective_from=timezone.localdate() + dt.timedelta(days=10))
    services.document_publish(actor=w.people["secretariat"], document=document)
    assert selectors.publications() == []


def test_an_unverified_translation_is_not_published() -> None:
    w = outcome_world()
    officer = w.people["secretariat"]
    document = generated(w)
    services.translation_request(actor=officer, document=document, language="fr")
    services.consent_give(actor=w.people["focal"], document=document, languages=["en", "fr"],
                          effective_from=timezone.localdate())
    with pytest.raises(InvalidInput, match="verify the translation first: French"):
        services.document_publish(actor=officer, document=document)


def test_a_template_with_a_broken_placeholder_is_refused_naming_it() -> None:
    import io

    from docx import Document

    w = outcome_world()
    officer = w.people["secretariat"]

    def docx(*texts: str) -> bytes:
        document = Document()
        for text in texts:
            document.add_paragraph(text)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    with pytest.raises(InvalidInput, match=re.escape("“{{ titel }}” is not one the platform fills")):
        services.template_upload(actor=officer, kind="summary", language="en", data=docx("{{ titel }}"))
    with pytest.raises(InvalidInput, match="is not closed"):
        services.template_upload(actor=officer, kind="summary", language="en", data=docx("{{ title "))
    with pytest.raises(InvalidInput, match="is broken"):
        services.template_upload(actor=officer, kind="summary", language="en", data=docx("{{ title | | }}"))
    with pytest.raises(InvalidInput, match="do not fit together"):
        services.template_upload(actor=officer, kind="summary", language="en",
                                 data=docx("{%p for section in sections %}", "{{ section.heading }}"))
    with pytest.raises(InvalidInput, match="not a Word document"):
        services.template_upload(actor=officer, kind="summary", language="en", data=b"PK broken")
    with pytest.raises(NotPermitted):
        services.template_upload(actor=w.people["focal"], kind="summary", language="en", data=docx("{{ title }}"))
    assert not DocumentTemplate.objects.exists()
    first = services.template_upload(actor=officer, kind="summary", language="en",
                                     data=docx("UNODC letterhead", "{{ title }}", "{{ notice }}"), note="letterhead")
    second = services.template_upload(actor=officer, kind="summary", language="en", data=docx("{{ title }}"))
    assert (first.number, second.number) == (1, 2)
    version = generated(w).versions.get()
    assert version.template == second
    assert [text for _kind, text in wordfiles.blocks(bytes(version.docx))] == ["Summary: Austria"]


def test_the_working_language_is_proposed_then_confirmed_or_overridden_with_a_reason() -> None:
    from treatyreview.errors import Conflict

    w = outcome_world()
    officer = w.people["secretariat"]
    decision = services.working_language_propose(actor=officer, review=w.review)
    assert decision.proposed and set(decision.proposed) <= {"ar", "zh", "en", "fr", "ru", "es"}
    with pytest.raises(NotPermitted):
        services.working_language_decide(actor=w.people["focal"], review=w.review, languages=["fr"], reason="",
                                         expected_version=decision.version)
    other = "fr" if decision.proposed != ["fr"] else "es"
    with pytest.raises(InvalidInput, match="say why"):
        services.working_language_decide(actor=officer, review=w.review, languages=[other], reason="",
                                         expected_version=decision.version)
    with pytest.raises(InvalidInput, match="not one of the six"):
        services.working_language_decide(actor=officer, review=w.review, languages=["de"], reason="x",
                                         expected_version=decision.version)
    decided = services.working_language_decide(actor=officer, review=w.review, languages=[other],
                                               reason="The State asked for it.", expected_version=decision.version)
    assert (decided.languages, decided.decision) == ([other], "overridden")
    with pytest.raises(Conflict):
        services.working_language_decide(actor=officer, review=w.review, languages=decided.proposed, reason="",
                                         expected_version=decision.version)
    assert generated(w).original_language == other


def test_the_cost_model_reads_the_recorded_pages() -> None:
    w = outcome_world()
    generated(w)
    generated(w, "list_of_observations")
    pages = selectors.recorded_pages_by_kind()
    assert set(pages) == {"summary", "list_of_observations"}
    assert pages["summary"] == 1


def test_generating_again_sends_the_translations_back_and_a_published_document_stays_as_published() -> None:
    w = outcome_world()
    officer = w.people["secretariat"]
    document = generated(w)
    french = services.translation_request(actor=officer, document=document, language="fr")
    data = wordfiles.render(wordfiles.default_template("summary", "fr"), wordfiles.sample_context("fr"))
    french = services.translation_record(actor=officer, version=french, data=data, expected_version=french.version)
    services.translation_verify(actor=officer, version=french, expected_version=french.version)
    generated(w)
    assert document.versions.get(language="fr").status == "translation_requested"
    services.consent_give(actor=w.people["focal"], document=document, languages=["en"],
                          effective_from=timezone.localdate())
    services.document_publish(actor=officer, document=document)
    before = bytes(document.versions.get(language="en").docx)
    with pytest.raises(InvalidInput, match="is published"):
        generated(w)
    assert bytes(document.versions.get(language="en").docx) == before
