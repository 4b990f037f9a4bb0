"""The API of outcome documents: `GET /api/publications` (public: every published document and its files) and
`GET /api/reviews/{id}/documents` (the review's participants and the secretariat; 404 for everyone else)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema

from treatyreview.accounts.auth import session_or_token
from treatyreview.api_errors import READ_ERRORS, ErrorOut
from treatyreview.publishing import selectors

public_router = Router(tags=["publications"], auth=None)
router = Router(tags=["publications"], auth=session_or_token)


class FileOut(Schema):
    language: str
    format: str
    url: str


class PublicationOut(Schema):
    id: int
    review: int
    state: str
    cycle: str
    phase: int
    kind: str
    languages: list[str]
    public_from: dt.date
    published_at: dt.datetime
    files: list[FileOut]


class VersionOut(Schema):
    language: str
    status: str
    words: int
    pages: int
    version: int
    generated_at: dt.datetime


class ConsentOut(Schema):
    languages: list[str]
    effective_from: dt.date
    given_at: dt.datetime
    withdrawn_at: dt.datetime | None
    published_at: dt.datetime | None


class DocumentOut(Schema):
    id: int
    phase: int
    kind: str
    original_language: str
    versions: list[VersionOut]
    consents: list[ConsentOut]


def files_of(request: HttpRequest, publication: selectors.Publication) -> list[dict[str, str]]:
    files = []
    for version in publication.versions:
        for fmt, name in (("docx", "publication_docx"), ("html", "publication_html")):
            files.append({"language": version.language, "format": fmt,
                          "url": request.build_absolute_uri(reverse(name, args=[publication.pk, version.language]))})
    return files


@public_router.get("/publications", response={200: list[PublicationOut], **READ_ERRORS})
def publications(request: HttpRequest, state: str | None = None) -> list[dict[str, Any]]:
    """Every published document (consent given, published, its date reached), in the languages consented to."""
    found = selectors.publications(state_code=state[:3] if state else None)
    return [{"id": p.pk, "review": p.document.phase.review_id, "state": p.document.phase.review.state.code,
             "cycle": str(p.document.phase.review.cycle), "phase": p.document.phase.position,
             "kind": p.document.kind, "languages": p.languages, "public_from": p.consent.effective_from,
             "published_at": p.consent.published_at, "files": files_of(request, p)} for p in found]


@router.get("/reviews/{review_id}/documents", response={200: list[DocumentOut], 403: ErrorOut, **READ_ERRORS})
def review_documents(request: HttpRequest, review_id: int) -> list[dict[str, Any]]:
    """The outcome documents of a review, every language version and every consent (withdrawn ones too)."""
    review = selectors.access_review_documents(request.user, review_id)
    return [{"id": d.pk, "phase": d.phase.position, "kind": d.kind, "original_language": d.original_language,
             "versions": [{"language": v.language, "status": v.status, "words": v.words, "pages": v.pages,
                           "version": v.version, "generated_at": v.generated_at} for v in d.versions.all()],
             "consents": [{"languages": c.languages, "effective_from": c.effective_from, "given_at": c.given_at,
                           "withdrawn_at": c.withdrawn_at, "published_at": c.published_at}
                          for c in d.consents.all()]}
            for d in selectors.documents_of_review(review)]
