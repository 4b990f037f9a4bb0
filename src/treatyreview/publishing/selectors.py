"""Reads of outcome documents: confidential ones through `access_…` helpers that log the read and answer "not
found" to anyone not entitled; published ones for everyone, only in the languages consented to."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from treatyreview.accounts.permissions import Visitor
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.errors import NotFound
from treatyreview.mechanism import languages as language_rules
from treatyreview.mechanism.languages import PUBLIC_KINDS, UN_LANGUAGES
from treatyreview.publishing import permissions
from treatyreview.publishing.choices import DocumentKind, VersionStatus
from treatyreview.publishing.models import Consent, Document, DocumentTemplate, DocumentVersion, WorkingLanguage
from treatyreview.registry.models import GovernmentalExpert as Expert
from treatyreview.registry.models import State
from treatyreview.reviews.models import CountryReview, Phase
from treatyreview.reviews.phases.selectors import phase_articles, reviewing_state_ids

# Statuses of a language version that may be published: the original, or a translation someone verified.
PUBLISHABLE = frozenset({VersionStatus.ORIGINAL, VersionStatus.VERIFIED})


def _log(user: Visitor, action: AuditAction, target: Any) -> None:
    with transaction.atomic():
        audit.record(actor=user, action=action, target=target)


def _documents() -> QuerySet[Document]:
    return Document.objects.select_related("phase__review__state", "phase__review__cycle__rules").prefetch_related(
        Prefetch("versions", queryset=DocumentVersion.objects.defer("docx").order_by("language")),
        Prefetch("consents", queryset=Consent.objects.order_by("-given_at", "-pk")))


def access_document(user: Visitor, pk: int, *, action: AuditAction = AuditAction.DOCUMENT_READ) -> Document:
    """A document for its review's participants and the secretariat; the read is logged; 404 for anyone else
    (published documents are read on the public pages)."""
    document = _documents().filter(pk=pk).first()
    if document is None or not permissions.can_read_review_documents(user, document.phase.review):
        raise NotFound
    _log(user, action, document)
    return document


def access_review_documents(user: Visitor, pk: int) -> CountryReview:
    """A review whose documents `user` may read (its participants and the secretariat); logged; 404 otherwise."""
    review = CountryReview.objects.select_related("state", "cycle__rules").filter(pk=pk).first()
    if review is None or not permissions.can_read_review_documents(user, review):
        raise NotFound
    _log(user, AuditAction.REVIEW_READ, review)
    return review


def access_version(user: Visitor, pk: int, *, action: AuditAction = AuditAction.DOCUMENT_READ) -> DocumentVersion:
    version = DocumentVersion.objects.select_related("document__phase__review__state").filter(pk=pk).first()
    if version is None or not permissions.can_read_review_documents(user, version.document.phase.review):
        raise NotFound
    _log(user, action, version)
    return version


def documents_of_review(review: CountryReview) -> list[Document]:
    """Every document of a review, phase by phase (for a page whose reader was checked already)."""
    return list(_documents().filter(phase__review=review).order_by("phase__position", "kind"))


def working_language_of(review: CountryReview) -> WorkingLanguage | None:
    return WorkingLanguage.objects.filter(review=review).select_related("decided_by").first()


def working_languages(review: CountryReview) -> tuple[str, ...]:
    """The languages a review works in: the secretariat's decision, else the proposal, else the rules' first."""
    found = working_language_of(review)
    if found is not None and (found.languages or found.proposed):
        return tuple(found.languages or found.proposed)
    return proposal_for(review).languages


def _expert_languages(state: Any) -> list[str]:
    spoken: list[str] = []
    experts = Expert.objects.filter(state=state, active=True, kind=Expert.Kind.EXPERT).exclude(
        status=Expert.Status.DECLINED)
    for languages in experts.values_list("languages", flat=True):
        spoken.extend(languages or [])
    return spoken or list(state.languages or [])


def proposal_for(review: CountryReview) -> language_rules.Proposal:
    """The platform's proposal for a review, from its experts' languages (the State's languages when it has
    named no expert) and the outcome model of its rules."""
    rules = review.cycle.rules.rules()
    reviewers = {state.code: _expert_languages(state)
                 for state in State.objects.filter(pk__in=reviewing_state_ids(review))}
    articles = sum(len(phase_articles(phase)) for phase in review.phases.all())
    return language_rules.propose(under_review=_expert_languages(review.state), reviewers=reviewers,
                                  outcome_model=rules.outcome_model, articles=articles,
                                  allowed=rules.languages or language_rules.UN_LANGUAGES)


def standing_consent(document: Document) -> Consent | None:
    """The consent in force (given and not withdrawn), if any."""
    return next((c for c in document.consents.all() if c.withdrawn_at is None), None)


def is_public(consent: Consent | None, on: datetime.date | None = None) -> bool:
    on = on or timezone.localdate()
    return (consent is not None and consent.withdrawn_at is None and consent.published_at is not None
            and consent.effective_from <= on)


def _public_consents(on: datetime.date | None = None) -> QuerySet[Consent]:
    on = on or timezone.localdate()
    return Consent.objects.filter(withdrawn_at__isnull=True, published_at__isnull=False, effective_from__lte=on,
                                  document__kind__in=PUBLIC_KINDS)


@dataclass
class Publication:
    """One published document as the public sees it: its review, State, kind, and its languages' versions."""

    consent: Consent
    document: Document
    versions: list[DocumentVersion] = field(default_factory=list)

    @property
    def pk(self) -> int:
        return self.document.pk

    @property
    def languages(self) -> list[str]:
        return [version.language for version in self.versions]


def publications(*, state_code: str | None = None) -> list[Publication]:
    """Every published document with its consented language versions, newest first. Nothing else is read."""
    consents = _public_consents().select_related("document__phase__review__state", "document__phase__review__cycle")
    if state_code:
        consents = consents.filter(document__phase__review__state__code=state_code.upper())
    consents = consents.order_by("-published_at", "-pk")
    versions: dict[int, list[DocumentVersion]] = defaultdict(list)
    chosen = list(consents)
    for version in DocumentVersion.objects.defer("docx").filter(document__in=[c.document_id for c in chosen]):
        versions[version.document_id].append(version)
    found = []
    for consent in chosen:
        shown = [v for v in sorted(versions[consent.document_id], key=lambda v: UN_LANGUAGES.index(v.language))
                 if v.language in consent.languages]
        found.append(Publication(consent, consent.document, shown))
    return found


def public_document(pk: int) -> Publication:
    """A published document for anyone; 404 for one not published (not consented, withdrawn, not yet public)."""
    found = next((p for p in publications() if p.document.pk == pk), None)
    if found is None:
        raise NotFound
    return found


def public_version(pk: int, language: str) -> DocumentVersion:
    publication = public_document(pk)
    version = next((v for v in publication.versions if v.language == language), None)
    if version is None:
        raise NotFound
    return DocumentVersion.objects.get(pk=version.pk)


def public_state_ids_for(*, kind: str | None = None, article_id: int | None = None) -> set[int]:
    """Ids of the States with at least one published document (of `kind`, any when None). `article_id` is
    accepted and ignored: a published document covers its whole phase."""
    consents = _public_consents()
    if kind is not None:
        # "public_recommendations" (the outcome model's name) is the kind "recommendations".
        consents = consents.filter(document__kind="recommendations" if kind == "public_recommendations" else kind)
    return set(consents.values_list("document__phase__review__state_id", flat=True))


def current_template(kind: str, language: str) -> DocumentTemplate | None:
    return DocumentTemplate.objects.filter(kind=kind, language=language).order_by("-number").first()


def templates_table() -> list[dict[str, Any]]:
    """Every kind × language with its newest uploaded template version (None: the shipped default is used)."""
    newest: dict[tuple[str, str], DocumentTemplate] = {}
    for template in DocumentTemplate.objects.defer("file").select_related("uploaded_by").order_by("number"):
        newest[(template.kind, template.language)] = template
    return [{"kind": kind, "label": label, "cells": [(code, newest.get((kind, code))) for code in UN_LANGUAGES]}
            for kind, label in DocumentKind.choices]


def recorded_pages_by_kind() -> dict[str, Decimal]:
    """Pages per article (list of observations, report) or per review (the others) of the documents recorded
    on the platform, in their original language: what the cost model reads instead of its illustrative volume."""
    per_article = {"list_of_observations", "report"}
    sums: dict[str, list[Decimal]] = defaultdict(list)
    originals = DocumentVersion.objects.filter(status=VersionStatus.ORIGINAL, pages__gt=0).select_related(
        "document__phase__review__state")
    for version in originals:
        pages = Decimal(version.pages)
        if version.document.kind in per_article:
            articles = len(phase_articles(version.document.phase)) or 1
            pages = pages / articles
        sums[version.document.kind].append(pages)
    return {kind: (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01")) for kind, values in sums.items()}


def phases_of(review: CountryReview) -> QuerySet[Phase]:
    return review.phases.order_by("position")


def reviews_with_documents(user: Visitor) -> QuerySet[CountryReview]:
    from treatyreview.reviews.phases.selectors import reviews_of

    return reviews_of(user).filter(Q(phases__documents__isnull=False)).distinct()
