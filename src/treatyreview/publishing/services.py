"""Every write of the publishing app: the working language of a review, generating an outcome document and its
language versions, translations, Word templates, consent (the State under review's focal point only) and
publication. Each runs in one transaction with its audit event; a refusal changes nothing."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from treatyreview.accounts.models import User
from treatyreview.accounts.permissions import is_secretariat
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.errors import InvalidInput, NotFound, NotPermitted, require, require_step, require_version
from treatyreview.listing import joined
from treatyreview.locking import locked
from treatyreview.mechanism.workflow import DOCUMENT_VERSION
from treatyreview.publishing import content, permissions, selectors, wordfiles
from treatyreview.publishing.choices import (
    KINDS_BY_OUTCOME,
    NOTE_MAX,
    PUBLIC,
    REASON_MAX,
    STEP_NAMES,
    DocumentKind,
    Language,
    LanguageDecision,
    VersionStatus,
)
from treatyreview.publishing.models import Consent, Document, DocumentTemplate, DocumentVersion, WorkingLanguage
from treatyreview.reviews.models import CountryReview, Phase

# A consent may take effect up to five years ahead: a range that catches typing mistakes, not a policy.
CONSENT_AHEAD_DAYS = 5 * 366


def _stage_labels() -> dict[str, Any]:
    return dict(VersionStatus.choices)


def _step(version: DocumentVersion, step: str, actor: User) -> None:
    roles = permissions.roles_in(actor, version.document.phase.review)
    require_step(DOCUMENT_VERSION, step, stage=version.status, roles=roles, stage_labels=_stage_labels(),
                 step_labels=STEP_NAMES, subject=_("this language version"))


def _languages(values: Iterable[str], field: str) -> list[str]:
    chosen = []
    for value in values:
        code = str(value).strip().lower().split("-")[0]
        if code not in Language.values:
            raise InvalidInput(field, _("“%(value)s” is not one of the six UN languages") % {"value": str(value)[:20]})
        if code not in chosen:
            chosen.append(code)
    if not chosen:
        raise InvalidInput(field, _("choose at least one language"))
    return [code for code in Language.values if code in chosen]


# --- the working language -----------------------------------------------------------------------------------------

@transaction.atomic
def working_language_propose(*, actor: User, review: CountryReview) -> WorkingLanguage:
    """Record (or refresh, while undecided) the platform's proposal for a review."""
    require(is_secretariat(actor), _("Only the secretariat asks for the proposal of working languages."))
    proposal = selectors.proposal_for(review)
    found = locked(WorkingLanguage.objects).filter(review=review).first()
    if found is not None and found.decision != LanguageDecision.PROPOSED:
        return found
    if found is not None and found.proposed == list(proposal.languages):
        return found
    if found is None:
        found = WorkingLanguage(review=review)
    else:
        found.version += 1
    found.proposed = list(proposal.languages)
    found.save()
    audit.record(actor=actor, action=AuditAction.WORKING_LANGUAGE_PROPOSE, target=found,
                 after={"proposed": found.proposed, "unserved": list(proposal.unserved)})
    return found


@transaction.atomic
def working_language_decide(*, actor: User, review: CountryReview, languages: Iterable[str], reason: str,
                            expected_version: int | None) -> WorkingLanguage:
    """The secretariat confirms the proposal, or sets other languages with a reason."""
    require(is_secretariat(actor), _("Only the secretariat decides the working languages of a review."))
    found = locked(WorkingLanguage.objects).filter(review=review).first()
    if found is None:
        raise InvalidInput("languages", _("ask for the platform's proposal first"))
    require_version(found.version, expected_version)
    chosen = _languages(languages, "languages")
    reason = reason.strip()
    if len(reason) > REASON_MAX:
        raise InvalidInput("reason", _("the reason may be at most %(max)s characters long") % {"max": REASON_MAX})
    overridden = chosen != list(found.proposed)
    if overridden and not reason:
        raise InvalidInput("reason", _("say why the working languages differ from the proposal (%(proposed)s)")
                           % {"proposed": ", ".join(found.proposed)})
    before = {"languages": found.languages, "decision": found.decision}
    found.languages = chosen
    found.decision = LanguageDecision.OVERRIDDEN if overridden else LanguageDecision.CONFIRMED
    found.reason = reason
    found.decided_by = actor
    found.decided_at = timezone.now()
    found.version += 1
    found.save()
    audit.record(actor=actor, action=AuditAction.WORKING_LANGUAGE_DECIDE, target=found, before=before,
                 after={"languages": chosen, "decision": found.decision, "reason": reason})
    return found


# --- documents and their language versions ------------------------------------------------------------------------

def kinds_for(phase: Phase) -> tuple[str, ...]:
    """The documents the outcome model of the review's rules produces for a phase."""
    return KINDS_BY_OUTCOME[phase.review.cycle.rules.rules().outcome_model]


def template_bytes(kind: str, language: str) -> tuple[bytes, DocumentTemplate | None]:
    found = selectors.current_template(kind, language)
    if found is not None:
        return bytes(found.file), found
    return wordfiles.default_template(kind, language), None


def _fill(version: DocumentVersion) -> None:
    """Fill the version's Word file from its language's template, and its web page and length from that file."""
    template, used = template_bytes(version.document.kind, version.language)
    data = wordfiles.render(template, content.document_context(version.document, version.language))
    _store(version, data)
    version.template = used


def _store(version: DocumentVersion, data: bytes) -> None:
    shown = wordfiles.blocks(data)
    version.docx = data
    version.html = wordfiles.to_html(data, version.language, shown)
    version.words, version.pages = wordfiles.measure(data, shown)
    version.generated_at = timezone.now()


@transaction.atomic
def document_generate(*, actor: User, phase: Phase, kind: str) -> Document:
    """Generate (or generate again) a document of a phase in its original language: the first working language.

    Only kinds of the review's outcome model; only from a final list of observations or an agreed summary.
    """
    review = phase.review
    if not permissions.can_read_review_documents(actor, review):
        raise NotFound
    require(is_secretariat(actor), _("Only the secretariat generates the outcome documents."))
    if kind not in kinds_for(phase):
        raise InvalidInput("kind", _("the outcome model of this review's rules produces no %(kind)s")
                           % {"kind": DocumentKind(kind).label if kind in DocumentKind.values else kind[:30]})
    content.source_ready(phase, kind)
    language = selectors.working_languages(review)[0]
    document, created = Document.objects.get_or_create(phase=phase, kind=kind,
                                                       defaults={"original_language": language})
    document = locked(Document.objects).get(pk=document.pk)
    version = document.versions.filter(language=document.original_language).first()
    if version is None:
        version = DocumentVersion(document=document, language=document.original_language,
                                  status=VersionStatus.ORIGINAL)
    else:
        _step(version, "regenerate", actor)
        if Consent.objects.filter(document=document, withdrawn_at__isnull=True, published_at__isnull=False).exists():
            raise InvalidInput("kind", _("this document is published: what the public reads is not generated again"))
        version.version += 1
    _fill(version)
    version.updated_by = actor
    version.save()
    if not created:
        # The translations were made from the earlier original: each is requested again.
        for other in document.versions.exclude(pk=version.pk).filter(
                status__in=[VersionStatus.TRANSLATED, VersionStatus.VERIFIED]):
            _step(other, "request_translation", actor)
            other.status = VersionStatus.TRANSLATION_REQUESTED
            other.note = _("The original was generated again: translate the changes.")[:NOTE_MAX]
            other.version += 1
            other.save(update_fields=["status", "note", "version"])
    if not created:
        document.version += 1
        document.save(update_fields=["version"])
    audit.record(actor=actor, action=AuditAction.DOCUMENT_GENERATE, target=version,
                 after={"kind": kind, "language": version.language, "words": version.words, "pages": version.pages,
                        "template": version.template_id})
    return document


@transaction.atomic
def translation_request(*, actor: User, document: Document, language: str, note: str = "") -> DocumentVersion:
    """Ask for the document in another language: the version starts as the original's text under that
    language's template, its translation requested. A translated or verified version is requested again."""
    document = locked(Document.objects).get(pk=document.pk)
    if not permissions.can_read_review_documents(actor, document.phase.review):
        raise NotFound
    require(is_secretariat(actor), _("Only the secretariat requests translations."))
    code = _languages([language], "language")[0]
    note = _note(note)
    if code == document.original_language:
        raise InvalidInput("language", _("this is the document's original language"))
    version = document.versions.filter(language=code).first()
    if version is None:
        version = DocumentVersion(document=document, language=code, status=VersionStatus.ORIGINAL)
        _fill(version)
    _step(version, "request_translation", actor)
    if version.pk is not None:
        version.version += 1
    version.status = VersionStatus.TRANSLATION_REQUESTED
    version.note = note
    version.updated_by = actor
    version.save()
    audit.record(actor=actor, action=AuditAction.TRANSLATION_REQUEST, target=version,
                 after={"language": code, "note": note})
    return version


def _note(note: str) -> str:
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise InvalidInput("note", _("the note may be at most %(max)s characters long") % {"max": NOTE_MAX})
    return note


@transaction.atomic
def translation_record(*, actor: User, version: DocumentVersion, data: bytes, expected_version: int | None,
                       note: str = "") -> DocumentVersion:
    """Record the translated Word file of a language version; its web page and length are read from the file."""
    version = locked(DocumentVersion.objects).select_related("document__phase__review").get(pk=version.pk)
    if not permissions.can_read_review_documents(actor, version.document.phase.review):
        raise NotFound
    _step(version, "record_translation", actor)
    require_version(version.version, expected_version)
    note = _note(note)
    wordfiles.check_document(data)
    _store(version, data)
    version.template = None
    version.status = VersionStatus.TRANSLATED
    version.note = note
    version.updated_by = actor
    version.version += 1
    version.save()
    audit.record(actor=actor, action=AuditAction.TRANSLATION_RECORD, target=version,
                 after={"language": version.language, "words": version.words, "pages": version.pages})
    return version


@transaction.atomic
def translation_verify(*, actor: User, version: DocumentVersion, expected_version: int | None) -> DocumentVersion:
    version = locked(DocumentVersion.objects).select_related("document__phase__review").get(pk=version.pk)
    if not permissions.can_read_review_documents(actor, version.document.phase.review):
        raise NotFound
    _step(version, "verify", actor)
    require_version(version.version, expected_version)
    version.status = VersionStatus.VERIFIED
    version.updated_by = actor
    version.version += 1
    version.save(update_fields=["status", "updated_by", "version"])
    audit.record(actor=actor, action=AuditAction.TRANSLATION_VERIFY, target=version,
                 after={"language": version.language})
    return version


# --- Word templates -----------------------------------------------------------------------------------------------

@transaction.atomic
def template_upload(*, actor: User, kind: str, language: str, data: bytes, note: str = "") -> DocumentTemplate:
    """A new version of the Word template of a kind of document in a language, refused (naming the placeholder)
    when the platform could not fill it."""
    require(is_secretariat(actor), _("Only the secretariat edits the Word templates."))
    if kind not in DocumentKind.values:
        raise InvalidInput("kind", _("choose a kind of document"))
    code = _languages([language], "language")[0]
    note = _note(note)
    wordfiles.check_template(data)
    number = (DocumentTemplate.objects.filter(kind=kind, language=code).aggregate(n=Max("number"))["n"] or 0) + 1
    template = DocumentTemplate.objects.create(kind=kind, language=code, number=number, file=data, note=note,
                                               uploaded_by=actor)
    audit.record(actor=actor, action=AuditAction.DOCUMENT_TEMPLATE_UPLOAD, target=template,
                 after={"kind": kind, "language": code, "number": number, "note": note, "bytes": len(data)})
    return template


# --- consent and publication --------------------------------------------------------------------------------------

def _publication_rule(document: Document) -> str:
    return document.phase.review.cycle.rules.rules().summary_publication


@transaction.atomic
def consent_give(*, actor: User, document: Document, languages: Iterable[str],
                 effective_from: datetime.date | None) -> Consent:
    """The focal point of the State under review consents to publishing a document in some of its languages,
    from a date. Anyone else is refused; a document that may not be public is refused."""
    document = locked(Document.objects).select_related("phase__review__cycle__rules").get(pk=document.pk)
    review = document.phase.review
    if not permissions.can_read_review_documents(actor, review):
        raise NotFound
    if not permissions.is_focal_point_under_review(actor, review):
        raise NotPermitted(_("Only the focal point of the State under review consents to publication."))
    if document.kind not in PUBLIC:
        raise InvalidInput("document", _("a %(kind)s stays confidential: it is never published")
                           % {"kind": document.get_kind_display()})
    if _publication_rule(document) == "never":
        raise InvalidInput("document", _("the rules of this review publish no summary"))
    if selectors.standing_consent(document) is not None:
        raise InvalidInput("document", _("consent is already given for this document; withdraw it first to give "
                                         "it again with other languages or another date"))
    chosen = _languages(languages, "languages")
    available = set(document.versions.values_list("language", flat=True))
    missing = [code for code in chosen if code not in available]
    if missing:
        raise InvalidInput("languages", _("the document has no version in %(languages)s yet")
                           % {"languages": joined(Language(code).label for code in missing)})
    today = timezone.localdate()
    if effective_from is None:
        raise InvalidInput("effective_from", _("give the date from which the document may be public"))
    if effective_from < today or effective_from > today + datetime.timedelta(days=CONSENT_AHEAD_DAYS):
        raise InvalidInput("effective_from", _("the date must be today or later, within five years"))
    consent = Consent.objects.create(document=document, languages=chosen, effective_from=effective_from,
                                     given_by=actor)
    audit.record(actor=actor, action=AuditAction.CONSENT_GIVE, target=consent,
                 after={"document": document.pk, "languages": chosen, "effective_from": effective_from.isoformat()})
    return consent


@transaction.atomic
def consent_withdraw(*, actor: User, consent: Consent, reason: str = "") -> Consent:
    """The focal point withdraws consent before the document is published; the consent stays on record."""
    consent = locked(Consent.objects).select_related("document__phase__review").get(pk=consent.pk)
    review = consent.document.phase.review
    if not permissions.can_read_review_documents(actor, review):
        raise NotFound
    if not permissions.is_focal_point_under_review(actor, review):
        raise NotPermitted(_("Only the focal point of the State under review withdraws its consent."))
    if consent.withdrawn_at is not None:
        raise InvalidInput("consent", _("this consent was already withdrawn"))
    if consent.published_at is not None:
        raise InvalidInput("consent", _("the document is published: consent can no longer be withdrawn. Ask the "
                                        "secretariat."))
    reason = reason.strip()
    if len(reason) > REASON_MAX:
        raise InvalidInput("reason", _("the reason may be at most %(max)s characters long") % {"max": REASON_MAX})
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = actor
    consent.withdrawal_reason = reason
    consent.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    audit.record(actor=actor, action=AuditAction.CONSENT_WITHDRAW, target=consent, after={"reason": reason})
    return consent


@transaction.atomic
def document_publish(*, actor: User, document: Document) -> Consent:
    """The secretariat publishes a document under the consent in force: each language consented to must be the
    original or a verified translation. It is public from the consent's date."""
    document = locked(Document.objects).get(pk=document.pk)
    if not permissions.can_read_review_documents(actor, document.phase.review):
        raise NotFound
    require(is_secretariat(actor), _("Only the secretariat publishes a document, once the State consented."))
    consent = locked(Consent.objects).filter(document=document, withdrawn_at__isnull=True).first()
    if consent is None:
        raise InvalidInput("consent", _("the State under review has not consented to publishing this document"))
    if consent.published_at is not None:
        raise InvalidInput("consent", _("this document is published already"))
    statuses = dict(document.versions.values_list("language", "status"))
    unready = [code for code in consent.languages if statuses.get(code) not in selectors.PUBLISHABLE]
    if unready:
        raise InvalidInput("consent", _("verify the translation first: %(languages)s")
                           % {"languages": joined(Language(code).label for code in unready)})
    consent.published_at = timezone.now()
    consent.published_by = actor
    consent.save(update_fields=["published_at", "published_by"])
    audit.record(actor=actor, action=AuditAction.DOCUMENT_PUBLISH, target=consent,
                 after={"document": document.pk, "languages": consent.languages,
                        "effective_from": consent.effective_from.isoformat()})
    return consent
