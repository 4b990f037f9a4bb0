"""The demo's review taken to publication: its working languages decided, the summary generated in English and
translated into French (translation recorded and verified), the State under review's consent to both, and the
summary published (Word and web page). Idempotent: nothing is done again once the summary is published."""

from __future__ import annotations

from django.utils import timezone

from treatyreview.accounts.models import Role, RoleGrant, User
from treatyreview.observations.lists.choices import Stage
from treatyreview.observations.lists.models import Summary
from treatyreview.publishing import content, selectors, services, wordfiles
from treatyreview.publishing.models import Consent, Document

# The French text of the demo summary, as the secretariat's translators would return it (one paragraph a section).
FRENCH = [
    "L'examen a porté sur les articles du premier groupe de la Convention : incrimination et compétence. "
    "Les États examinateurs ont lu le questionnaire d'auto-évaluation, envoyé leurs observations écrites et "
    "tenu un dialogue avec l'État examiné.",
    "L'État examiné a incriminé la participation à un groupe criminel organisé et le blanchiment du produit du "
    "crime ; des procureurs spécialisés traitent ces affaires.",
    "Les statistiques sur les condamnations et les confiscations ne sont pas réunies en un seul lieu.",
    "L'État examiné demande une assistance technique pour la collecte de données.",
]


def french_file(document: Document) -> bytes:
    context = content.document_context(document, "fr")
    for section, text in zip(context["sections"], FRENCH, strict=False):
        section["paragraphs"] = [text]
    template, _used = services.template_bytes(document.kind, "fr")
    return wordfiles.render(template, context)


def demo_summary_published(*, secretariat: User) -> Consent | None:
    """Publish the agreed summary of the demo review in English and French; None when there is none to publish
    or when it is published already."""
    summary = (Summary.objects.filter(stage=Stage.FINAL).select_related("phase__review__state")
               .order_by("pk").first())
    if summary is None:
        return None
    phase = summary.phase
    review = phase.review
    document = Document.objects.filter(phase=phase, kind="summary").first()
    if document is not None and Consent.objects.filter(document=document, published_at__isnull=False).exists():
        return None
    grant = RoleGrant.objects.filter(role=Role.FOCAL_POINT, state=review.state).select_related("user").first()
    if grant is None:
        return None
    focal = grant.user
    decision = services.working_language_propose(actor=secretariat, review=review)
    if decision.decision == decision.Decision.PROPOSED:
        services.working_language_decide(
            actor=secretariat, review=review, languages=["en", "fr"], expected_version=decision.version,
            reason="" if decision.proposed == ["en", "fr"] else
            "The State under review asked to work in English and French, the languages of its experts' drafts.")
    if document is None:
        document = services.document_generate(actor=secretariat, phase=phase, kind="summary")
    french = document.versions.filter(language="fr").first()
    if french is None:
        french = services.translation_request(actor=secretariat, document=document, language="fr",
                                              note="Demo: translation into French for publication.")
    if french.status == "translation_requested":
        french = services.translation_record(actor=secretariat, version=french, data=french_file(document),
                                             expected_version=french.version)
    if french.status == "translated":
        services.translation_verify(actor=secretariat, version=french, expected_version=french.version)
    document = Document.objects.get(pk=document.pk)
    if selectors.standing_consent(document) is None:
        services.consent_give(actor=focal, document=document, languages=["en", "fr"],
                              effective_from=timezone.localdate())
    return services.document_publish(actor=secretariat, document=Document.objects.get(pk=document.pk))
