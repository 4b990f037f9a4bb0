"""The pages of outcome documents: a review's documents (working language, language versions, consent,
publication), the Word templates, and the public pages of published documents.

Confidential reads go through `selectors.access_…` (logged; 404 for anyone not entitled). The public pages read
only published documents: before consent, the public and other States get 404, never 403.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from treatyreview.accounts.decorators import secretariat_only
from treatyreview.accounts.models import User
from treatyreview.audit.actions import AuditAction
from treatyreview.errors import InvalidInput, NotFound, ServiceError
from treatyreview.mechanism.languages import UN_LANGUAGES, outcome_documents, translations_needed
from treatyreview.mechanism.workflow import DOCUMENT_VERSION
from treatyreview.pages import refuse
from treatyreview.publishing import permissions, selectors, services, wordfiles
from treatyreview.publishing.choices import FILE_MAX_BYTES, PUBLIC, DocumentKind, Language, VersionStatus
from treatyreview.publishing.models import Consent, DocumentVersion
from treatyreview.reviews.models import Phase
from treatyreview.reviews.phases.selectors import phase_articles


def _actor(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise NotFound
    return request.user


def _version_of(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def _page(review_pk: int, anchor: str = "") -> HttpResponse:
    return redirect(reverse("review_documents", args=[review_pk]) + (f"#{anchor}" if anchor else ""))


def _languages_labelled(codes: list[str] | tuple[str, ...]) -> list[tuple[str, str]]:
    return [(code, str(Language(code).label)) for code in codes if code in Language.values]


@require_GET
def review_documents(request: HttpRequest, pk: int) -> HttpResponse:
    review = selectors.access_review_documents(request.user, pk)
    roles = permissions.roles_in(request.user, review)
    decision = selectors.working_language_of(review)
    proposal = selectors.proposal_for(review)
    working = selectors.working_languages(review)
    rules = review.cycle.rules.rules()
    articles = sum(len(phase_articles(phase)) for phase in review.phases.all())
    translations = translations_needed(outcome_documents(outcome_model=rules.outcome_model, articles=articles,
                                                         under_review=[], working=working))
    documents = {(d.phase_id, d.kind): d for d in selectors.documents_of_review(review)}
    phases = []
    for phase in selectors.phases_of(review):
        rows = []
        for kind in services.kinds_for(phase):
            document = documents.get((phase.pk, kind))
            consent = selectors.standing_consent(document) if document else None
            rows.append({
                "kind": kind, "label": DocumentKind(kind).label, "document": document, "public_kind": kind in PUBLIC,
                "consent": consent, "public": selectors.is_public(consent),
                "history": list(document.consents.all()) if document else [],
                "versions": [{"version": v, "offered": DOCUMENT_VERSION.offered(stage=v.status, roles=roles)}
                             for v in document.versions.all()] if document else [],
                "missing": [(c, str(Language(c).label)) for c in UN_LANGUAGES
                            if document and c not in {v.language for v in document.versions.all()}],
            })
        phases.append({"phase": phase, "rows": rows})
    return render(request, "publishing/review_documents.html", {
        "review": review, "decision": decision, "proposal": proposal,
        "proposed_labels": _languages_labelled(decision.proposed if decision else proposal.languages),
        "working_labels": _languages_labelled(working), "translations": translations,
        "translation_words": sum(t.words for t in translations),
        "translation_pages": sum(t.pages for t in translations),
        "language_choices": Language.choices, "phases": phases,
        "is_secretariat": permissions.is_secretariat_of(request.user, review),
        "is_focal_point": permissions.is_focal_point_under_review(request.user, review),
        "today": timezone.localdate().isoformat(), "summary_publication": rules.summary_publication,
        "max_mb": FILE_MAX_BYTES // (1024 * 1024),
    })


@require_POST
def working_language_propose(request: HttpRequest, pk: int) -> HttpResponse:
    review = selectors.access_review_documents(request.user, pk)
    try:
        services.working_language_propose(actor=_actor(request), review=review)
    except ServiceError as error:
        refuse(request, error)
    else:
        messages.success(request, _("The proposal of working languages is recorded: confirm it or set others."))
    return _page(review.pk, "working-language")


@require_POST
def working_language_decide(request: HttpRequest, pk: int) -> HttpResponse:
    review = selectors.access_review_documents(request.user, pk)
    try:
        services.working_language_decide(actor=_actor(request), review=review,
                                         languages=request.POST.getlist("languages"),
                                         reason=request.POST.get("reason", ""), expected_version=_version_of(request))
    except ServiceError as error:
        refuse(request, error)
    else:
        messages.success(request, _("The working languages of the review are decided."))
    return _page(review.pk, "working-language")


@require_POST
def document_generate(request: HttpRequest, phase_pk: int, kind: str) -> HttpResponse:
    phase = Phase.objects.select_related("review").filter(pk=phase_pk).first()
    if phase is None:
        raise NotFound
    review = selectors.access_review_documents(request.user, phase.review_id)
    try:
        services.document_generate(actor=_actor(request), phase=phase, kind=kind)
    except ServiceError as error:
        refuse(request, error)
    else:
        messages.success(request, _("The document is generated from its Word template."))
    return _page(review.pk, f"phase-{phase.position}")


@require_POST
def translation_request(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.access_document(request.user, pk)
    try:
        services.translation_request(actor=_actor(request), document=document,
                                     language=request.POST.get("language", ""), note=request.POST.get("note", ""))
    except ServiceError as error:
        refuse(request, error)
    else:
        messages.success(request, _("The translation is requested. Record the translated Word file when it is "
                                    "back."))
    return _page(document.phase.review_id, f"document-{document.pk}")


@require_POST
def translation_record(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.access_version(request.user, pk)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise InvalidInput("file", _("choose the translated Word file (.docx)"))
        if upload.size and upload.size > FILE_MAX_BYTES:
            raise InvalidInput("file", _("the file is larger than %(mb)s MB") % {"mb": FILE_MAX_BYTES // 2**20})
        services.translation_record(actor=_actor(request), version=version, data=upload.read(),
                                    expected_version=_version_of(request), note=request.POST.get("note", ""))
    except ServiceError as error:
        refuse(request, error)
    else:
        messages.success(request, _("The translation is recorded; verify it before it is published."))
    return _page(version.document.phase.review_id, f"document-{version.document_id}")


@require_POST
def translation_verify(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.access_version(request.user, pk)
    try:
        services.translation_verify(actor=_actor(request), version=version, expected_version=_version_of(request))
    except ServiceError as error:
        if version.status == VersionStatus.VERIFIED:
            messages.info(request, _("This translation is verified already."))
        else:
            refuse(request, error)
    else:
        messages.success(request, _("The translation is verified."))
    return _page(version.document.phase.review_id, f"document-{version.document_id}")


@require_GET
def version_page(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.access_version(request.user, pk)
    return render(request, "publishing/version.html", {
        "version": version, "document": version.document, "review": version.document.phase.review,
        "language_label": Language(version.language).label, "public": False,
    })


def _docx(version: DocumentVersion, public: bool = False) -> HttpResponse:
    document = version.document
    review = document.phase.review
    name = slugify(f"{document.kind}-{review.state.code}-{review.cycle}-phase-{document.phase.position}"
                   f"-{version.language}") or "document"
    response = HttpResponse(bytes(version.docx), content_type=wordfiles.MIME_DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
    if not public:
        response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def version_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _docx(selectors.access_version(request.user, pk, action=AuditAction.DOCUMENT_EXPORT))


@require_POST
def consent_give(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.access_document(request.user, pk)
    try:
        raw = request.POST.get("effective_from", "").strip()
        try:
            effective_from = datetime.date.fromisoformat(raw) if raw else None
        except ValueError:
            raise InvalidInput("effective_from", _("give the date as YYYY-MM-DD")) from None
        services.consent_give(actor=_actor(request), document=document, languages=request.POST.getlist("languages"),
                              effective_from=effective_from)
    except ServiceError as error:
        refuse(request, error)
    else:
        messages.success(request, _("Your consent is recorded. The secretariat publishes the document; until then "
                                    "you may withdraw it."))
    return _page(document.phase.review_id, f"document-{document.pk}")


@require_POST
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    consent = Consent.objects.select_related("document").filter(pk=pk).first()
    if consent is None:
        raise NotFound
    document = selectors.access_document(request.user, consent.document_id)
    try:
        services.consent_withdraw(actor=_actor(request), consent=consent, reason=request.POST.get("reason", ""))
    except ServiceError as error:
        refuse(request, error)
    else:
        messages.success(request, _("Your consent is withdrawn; the document stays confidential."))
    return _page(document.phase.review_id, f"document-{document.pk}")


@require_POST
def document_publish(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.access_document(request.user, pk)
    try:
        consent = services.document_publish(actor=_actor(request), document=document)
    except ServiceError as error:
        refuse(request, error)
    else:
        messages.success(request, _("The document is published: it is on the public pages from %(date)s.")
                         % {"date": consent.effective_from.isoformat()})
    return _page(document.phase.review_id, f"document-{document.pk}")


# --- Word templates -----------------------------------------------------------------------------------------------

@secretariat_only
def template_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise InvalidInput("file", _("choose a Word file (.docx)"))
            if upload.size and upload.size > FILE_MAX_BYTES:
                raise InvalidInput("file", _("the file is larger than %(mb)s MB") % {"mb": FILE_MAX_BYTES // 2**20})
            template = services.template_upload(actor=_actor(request), kind=request.POST.get("kind", ""),
                                                language=request.POST.get("language", ""), data=upload.read(),
                                                note=request.POST.get("note", ""))
        except ServiceError as error:
            status = refuse(request, error)
            return render(request, "publishing/templates.html", _templates_context(request), status=status)
        messages.success(request, _("Version %(number)s of the template is saved; documents generated from now on "
                                    "use it.") % {"number": template.number})
        return redirect("word_templates")
    return render(request, "publishing/templates.html", _templates_context(request))


def _templates_context(request: HttpRequest) -> dict[str, Any]:
    from treatyreview.publishing.wordfiles import PLACEHOLDERS

    return {"rows": selectors.templates_table(), "language_choices": Language.choices, "kinds": DocumentKind.choices,
            "placeholders": sorted(PLACEHOLDERS), "max_mb": FILE_MAX_BYTES // (1024 * 1024),
            "chosen": request.POST if request.method == "POST" else {}}


@secretariat_only
@require_GET
def template_download(request: HttpRequest, kind: str, language: str) -> HttpResponse:
    if kind not in DocumentKind.values or language not in Language.values:
        raise NotFound
    data, found = services.template_bytes(kind, language)
    number = found.number if found else 0
    response = HttpResponse(data, content_type=wordfiles.MIME_DOCX)
    response["Content-Disposition"] = f'attachment; filename="template-{kind}-{language}-v{number}.docx"'
    return response


# --- the public pages ---------------------------------------------------------------------------------------------

@require_GET
def publication_list(request: HttpRequest) -> HttpResponse:
    return render(request, "publishing/public_list.html", {"publications": selectors.publications()})


@require_GET
def publication_page(request: HttpRequest, pk: int, language: str | None = None) -> HttpResponse:
    publication = selectors.public_document(pk)
    if not publication.versions:
        raise NotFound
    chosen = next((v for v in publication.versions if v.language == language), None) if language else None
    if language and chosen is None:
        raise NotFound
    if chosen is None:
        from treatyreview.registry.names import un_language

        chosen = next((v for v in publication.versions if v.language == un_language()), publication.versions[0])
    return render(request, "publishing/version.html", {
        "version": chosen, "document": publication.document, "review": publication.document.phase.review,
        "language_label": Language(chosen.language).label, "public": True, "publication": publication,
    })


@require_GET
def publication_docx(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    return _docx(selectors.public_version(pk, language), public=True)


@require_GET
def publication_html(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    return publication_page(request, pk, language)
