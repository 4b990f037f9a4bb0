"""The questionnaire pages: answering article by article with autosave, submitting, history, downloads.

Every read goes through `selectors.access_questionnaire` (logged; 404 for those not entitled). A card saves
itself through htmx and answers with its status only, so that what the expert types meanwhile is never
replaced; without JavaScript the same form posts and the page reloads at the question.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from treatyreview.accounts.decorators import secretariat_only
from treatyreview.accounts.models import User
from treatyreview.audit.actions import AuditAction
from treatyreview.errors import Conflict, InvalidInput, NotFound, ServiceError
from treatyreview.knowledge import selectors as knowledge
from treatyreview.mechanism.workflow import QUESTIONNAIRE
from treatyreview.pages import refuse
from treatyreview.questionnaires.answers import documents, permissions, selectors, services
from treatyreview.questionnaires.answers.choices import Choice, OtherBody, Stage
from treatyreview.questionnaires.answers.diff import word_diff
from treatyreview.questionnaires.answers.forms import content_from_post, expected_version
from treatyreview.questionnaires.answers.models import Answer, Questionnaire
from treatyreview.questionnaires.saq.choices import VersionStatus
from treatyreview.questionnaires.saq.models import TemplateVersion
from treatyreview.reviews.models import Cycle, Phase
from treatyreview.reviews.phases.selectors import phase_label, review_roles


def _actor(request: HttpRequest) -> User:
    """The person acting; an anonymous visitor gets the 404 page, as for a questionnaire that does not exist."""
    if not isinstance(request.user, User):
        raise NotFound
    return request.user


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _page_url(questionnaire: Questionnaire, answer: Answer | None = None) -> str:
    url = reverse("questionnaire_page", args=[questionnaire.pk])
    if answer is not None:
        url += f"?article={answer.question.article_id}#q-{answer.question.code}"
    return url


def _context(request: HttpRequest, questionnaire: Questionnaire, article: str | None = None) -> dict[str, Any]:
    groups = selectors.questionnaire_outline(questionnaire)
    current = next((group for group in groups if str(group.article.pk) == str(article)), groups[0] if groups else None)
    index = groups.index(current) if current is not None else 0
    roles = permissions.questionnaire_roles(request.user, questionnaire)
    answered, asked = selectors.progress(groups)
    editable = "answer" in QUESTIONNAIRE.editable_fields(stage=questionnaire.stage, roles=roles)
    return {
        "questionnaire": questionnaire,
        "phase": questionnaire.phase,
        "review": questionnaire.phase.review,
        "groups": groups,
        "any_provisional": any(group.article.cluster_provisional for group in groups),
        "current": current,
        "previous": groups[index - 1] if current is not None and index > 0 else None,
        "next": groups[index + 1] if current is not None and index + 1 < len(groups) else None,
        "editable": editable,
        # Records of the knowledge library an answer on this article may cite (the State's own, and public ones).
        "citable": _citable(request, questionnaire, current.article) if editable and current else [],
        "offered": QUESTIONNAIRE.offered(stage=questionnaire.stage, roles=roles),
        "answered": answered,
        "asked": asked,
        "percent": round(100 * answered / asked) if asked else 0,
        "choices": Choice.choices,
        "bodies": OtherBody.choices,
        "answer_languages": _languages(),
        "default_language": selectors.user_language(_actor(request)) or (get_language() or "en").split("-")[0],
        "submitted": questionnaire.stage == Stage.SUBMITTED,
    }


def _citable(request: HttpRequest, questionnaire: Questionnaire, article: Any) -> list[tuple[int, str, str]]:
    """(record, title, language of the title): what an answer on `article` may cite from the knowledge library."""
    language = (get_language() or "en").split("-")[0]
    records = knowledge.records_citable(user=request.user, state=questionnaire.phase.review.state, article=article)
    options = []
    for record in records:
        text = record.text_in(language)
        options.append((record.pk, f"{record.state.code}: {text.title if text else record.pk}",
                        text.language if text else ""))
    return options


def _languages() -> list[tuple[str, str]]:
    from django.conf import settings

    return [(code, _(str(name))) for code, name in settings.LANGUAGES]


@require_GET
def questionnaire_page(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.access_questionnaire(request.user, pk)
    return render(request, "questionnaires/answers/page.html", _context(request, questionnaire,
                                                                         request.GET.get("article")))


@require_POST
def answer_save(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    questionnaire = selectors.access_questionnaire(request.user, pk)
    answer = selectors.answer_of(questionnaire, code)
    content = content_from_post(request.POST)
    try:
        saved = services.answer_save(actor=_actor(request), answer=answer,
                                     expected_version=expected_version(request.POST), content=content)
    except Conflict:
        stored = selectors.answer_of(questionnaire, code)
        return _refused_card(request, questionnaire, stored, content, conflict=True)
    except ServiceError as error:
        return _refused_card(request, questionnaire, answer, content, error=error)
    if _is_htmx(request):
        return render(request, "questionnaires/answers/_status.html", {"answer": saved, "saved": True})
    messages.success(request, _("Your answer was saved."))
    return redirect(_page_url(questionnaire, saved))


def _refused_card(request: HttpRequest, questionnaire: Questionnaire, stored: Answer, mine: dict[str, Any],
                  *, conflict: bool = False, error: ServiceError | None = None) -> HttpResponse:
    """A refused save shows what was refused and why; a conflict shows both versions side by side."""
    refused = {"answer": stored, "mine": mine, "conflict": conflict, "error": error, "choices": Choice.choices,
               "diff": word_diff(stored.text, str(mine.get("text", ""))) if conflict else []}
    if _is_htmx(request):
        # htmx swaps only successful responses: the refusal is the card's status, in words.
        return render(request, "questionnaires/answers/_status.html",
                      {"refused": refused, "answer": stored, "questionnaire": questionnaire})
    if error is not None:
        refuse(request, error)
    else:
        messages.error(request, _("Someone else saved this answer after you opened it, so yours was not saved. "
                                  "Both versions are shown below: keep one, or merge them, and save again."))
    page = _context(request, questionnaire, str(stored.question.article_id))
    page["refused"] = refused
    return render(request, "questionnaires/answers/page.html", page, status=409 if conflict else 400)


@require_POST
def answer_confirm(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    questionnaire = selectors.access_questionnaire(request.user, pk)
    answer = selectors.answer_of(questionnaire, code)
    try:
        services.answer_confirm(actor=_actor(request), answer=answer, expected_version=expected_version(request.POST))
    except ServiceError as error:
        refuse(request, error)
    else:
        messages.success(request, _("The carried-over answer is confirmed as this phase's answer."))
    return redirect(_page_url(questionnaire, answer))


@require_GET
def answer_history(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    questionnaire = selectors.access_questionnaire(request.user, pk)
    answer = selectors.answer_of(questionnaire, code)
    revisions = selectors.answer_revisions(answer)
    pairs = []
    previous = None
    for revision in revisions:
        pairs.append({"revision": revision, "diff": word_diff(previous.text if previous else "", revision.text),
                      "choice_changed": previous is not None and previous.choice != revision.choice,
                      "previous": previous})
        previous = revision
    return render(request, "questionnaires/answers/history.html", {
        "questionnaire": questionnaire, "answer": answer, "pairs": list(reversed(pairs)),
    })


@require_POST
def questionnaire_submit(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.access_questionnaire(request.user, pk)
    try:
        services.questionnaire_submit(actor=_actor(request), questionnaire=questionnaire,
                                      expected_version=expected_version(request.POST))
    except ServiceError as error:
        if isinstance(error, InvalidInput) and error.problems:
            messages.error(request, error.message)
            for problem in error.problems:
                messages.warning(request, problem)
        elif questionnaire.stage == Stage.SUBMITTED:
            # A second click of the button, or a stale tab: it was submitted already.
            messages.info(request, _("The questionnaire is submitted: %(who)s submitted it on %(date)s.") % {
                "who": questionnaire.submitted_by,
                "date": date_format(timezone.localtime(questionnaire.submitted_at), "DATETIME_FORMAT")})
        else:
            refuse(request, error)
    else:
        messages.success(request, _("The questionnaire is submitted. The reviewing States and the secretariat "
                                    "can now read it."))
    return redirect(_page_url(questionnaire))


@secretariat_only
@require_POST
def questionnaire_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.access_questionnaire(request.user, pk)
    try:
        services.questionnaire_reopen(actor=_actor(request), questionnaire=questionnaire,
                                      expected_version=expected_version(request.POST),
                                      reason=request.POST.get("reason", ""))
    except ServiceError as error:
        refuse(request, error)
    else:
        messages.success(request, _("The questionnaire is open for answers again."))
    return redirect(_page_url(questionnaire))


@require_GET
def questionnaire_docx(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.access_questionnaire(request.user, pk, action=AuditAction.QUESTIONNAIRE_EXPORT)
    return documents.attachment(documents.questionnaire_docx(questionnaire), questionnaire, "docx")


@require_GET
def questionnaire_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.access_questionnaire(request.user, pk, action=AuditAction.QUESTIONNAIRE_EXPORT)
    return documents.attachment(documents.questionnaire_xlsx(questionnaire), questionnaire, "xlsx")


@require_GET
def phase_questionnaire(request: HttpRequest, phase_pk: int) -> HttpResponse:
    """From a review's page to its phase's questionnaire, for those who may read it. A participant of the review
    who may not read it yet (a reviewing State before submission) is told so on the review's page; everyone
    else gets 404."""
    try:
        questionnaire = selectors.access_questionnaire_of_phase(request.user, phase_pk)
    except NotFound:
        phase = Phase.objects.select_related("review").filter(pk=phase_pk).first()
        if phase is None or not review_roles(request.user, phase.review):
            raise
        if Questionnaire.objects.filter(phase=phase).exists():
            messages.info(request, _("The questionnaire of this phase is not submitted yet: the reviewing States "
                                     "read it once the focal point of the State under review submits it."))
        else:
            messages.info(request, _("The questionnaire of this phase is not open yet: the secretariat opens it "
                                     "once the phase is launched."))
        return redirect(reverse("review_detail", args=[phase.review_id]) + f"#phase-{phase.position}")
    return redirect("questionnaire_page", questionnaire.pk)


@secretariat_only
def questionnaires_open(request: HttpRequest) -> HttpResponse:
    """The secretariat opens the questionnaires of launched phases, choosing the template version they answer."""
    if request.method == "POST":
        try:
            cycle = Cycle.objects.get(pk=int(request.POST.get("cycle", "0")))
            group = cycle.year_groups.filter(pk=int(request.POST.get("year_group") or 0)).first()
            version = TemplateVersion.objects.get(pk=int(request.POST.get("template_version", "0")))
        except (ValueError, Cycle.DoesNotExist, TemplateVersion.DoesNotExist):
            messages.error(request, _("Nothing was opened: choose a cycle and a published template version."))
            return redirect("questionnaires_open")
        try:
            opened = services.questionnaires_open_launched(actor=_actor(request), cycle=cycle, year_group=group,
                                                           template_version=version)
        except ServiceError as error:
            refuse(request, error)
        else:
            messages.success(request, _("%(count)s questionnaires were opened.") % {"count": len(opened)})
        return redirect("questionnaires_open")
    return render(request, "questionnaires/answers/open.html", {
        "groups": selectors.year_groups_to_open(),
        "versions": TemplateVersion.objects.filter(status=VersionStatus.PUBLISHED).select_related("template")
        .order_by("template__name", "-number"),
    })


def citing_answers_section(request: HttpRequest, record: Any) -> str:
    """The part of a library record's page listing the answers that cite it, for a reader allowed to read their
    questionnaires (nothing at all for anyone else, not even a heading)."""
    from django.template.loader import render_to_string

    citing = selectors.answers_citing(request.user, record.pk)
    if not citing:
        return ""
    rows = [{"citing": item, "url": _page_url(item.questionnaire, item.answer),
             "phase": phase_label(item.questionnaire.phase)} for item in citing]
    return render_to_string("questionnaires/answers/_citing.html", {"rows": rows}, request=request)
