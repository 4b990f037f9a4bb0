"""The secretariat's template pages: templates and versions, a version by instrument and article, editing a
draft's question, new drafts, publication, and the workbook exchange.

Every form posts to the address of the page that shows it, so that after a refusal the address still reloads;
a refusal says at the top of the page what happened and what to do (`treatyreview.pages.refuse`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from treatyreview.accounts.decorators import SignedInRequest, secretariat_only
from treatyreview.accounts.permissions import roles_of
from treatyreview.errors import Conflict, InvalidInput, ServiceError
from treatyreview.pages import form_add_service_error, refuse, status_of
from treatyreview.questionnaires.saq import selectors, services
from treatyreview.questionnaires.saq.choices import TEMPLATE_LANGUAGES
from treatyreview.questionnaires.saq.forms import DraftForm, ImportForm, PublishForm, QuestionForm, WithdrawForm
from treatyreview.questionnaires.saq.workbooks import COLUMNS, workbook_write
from treatyreview.questionnaires.saq.workflow import TEMPLATE_VERSION

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@secretariat_only
def template_list(request: SignedInRequest) -> HttpResponse:
    """Every template with its versions, and the import of a workbook (which makes a new draft)."""
    form = ImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                version = services.template_import(
                    actor=request.user, content=form.content, filename=form.cleaned_data["file"].name,
                    name=form.cleaned_data["name"], note=form.cleaned_data["note"],
                )
            except InvalidInput as error:
                if error.problems:  # every problem is listed at the top of the page, each with its cell
                    form_add_service_error(form, error)
                    status = status_of(error)
                else:
                    status = refuse(request, error, form)
            except ServiceError as error:
                status = refuse(request, error, form)
            else:
                messages.success(request, _(
                    "The workbook was imported as version %(number)s of “%(name)s”, a draft with %(count)s questions."
                ) % {"number": version.number, "name": version.template.name, "count": version.questions.count()})
                return redirect(version.get_absolute_url())
        else:
            messages.error(request, _("Nothing was imported: see the form below."))
            status = 400
    context = {"templates": selectors.templates_list(request.user), "form": form, "columns": COLUMNS}
    return render(request, "questionnaires/saq/template_list.html", context, status=status)


@secretariat_only
def template_detail(request: SignedInRequest, name: str) -> HttpResponse:
    """A template's versions, newest first, and the start of a new draft from the newest one."""
    template = selectors.template_get(request.user, name)
    form = DraftForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.version_draft_create(actor=request.user, template=template, note=form.cleaned_data["note"])
        except ServiceError as error:
            status = refuse(request, error, form)
        else:
            messages.success(request, _("Version %(number)s was created as a draft, copied from the newest version.")
                             % {"number": draft.number})
            return redirect(draft.get_absolute_url())
    context = {
        "template": template,
        "versions": selectors.visible_versions(request.user).filter(template=template).order_by("-number"),
        "draft": selectors.version_draft(template),
        "form": form,
    }
    return render(request, "questionnaires/saq/template_detail.html", context, status=status)


@secretariat_only
def version_detail(request: SignedInRequest, name: str, number: int) -> HttpResponse:
    """A version's questions grouped by instrument and article, each with its follow-ups; publish or withdraw."""
    version = selectors.version_get(request.user, name, number)
    which = request.POST.get("form") if request.method == "POST" else None
    publish = PublishForm(request.POST if which == "publish" else None,
                          initial={"expected_revision": version.revision})
    withdraw = WithdrawForm(request.POST if which == "withdraw" else None,
                            initial={"expected_revision": version.revision})
    status = 200
    if which:
        try:
            if which == "publish":
                if not publish.is_valid():
                    raise InvalidInput("expected_revision", _("the form is out of date; reload the page"))
                services.version_publish(
                    actor=request.user, version=version, expected_revision=publish.cleaned_data["expected_revision"]
                )
                messages.success(request, _("Version %(number)s is published. It will not change again.")
                                 % {"number": version.number})
            elif which == "withdraw":
                if not withdraw.is_valid():
                    raise InvalidInput("reason", _("say why the version is withdrawn"))
                services.version_withdraw(
                    actor=request.user, version=version, reason=withdraw.cleaned_data["reason"],
                    expected_revision=withdraw.cleaned_data["expected_revision"],
                )
                messages.success(request, _("Version %(number)s is withdrawn.") % {"number": version.number})
            else:
                raise InvalidInput("form", _("unknown form"))
        except ServiceError as error:
            shown = {"publish": publish, "withdraw": withdraw}.get(which or "")
            status = refuse(request, error, shown)
            version.refresh_from_db()
        else:
            return redirect(version.get_absolute_url())
    questions = selectors.version_questions(version)
    context: dict[str, Any] = {
        "version": version,
        "template": version.template,
        "articles": selectors.question_articles(_with_follow_ups(questions)),
        "count": len(questions),
        "offered": TEMPLATE_VERSION.offered(stage=version.status, roles=roles_of(request.user)),
        "publish_form": publish,
        "withdraw_form": withdraw,
    }
    return render(request, "questionnaires/saq/version_detail.html", context, status=status)


def _with_follow_ups(questions: list[Any]) -> list[Any]:
    """The questions without a parent, each holding its follow-ups (in order) in `shown_follow_ups`."""
    roots = [question for question in questions if question.parent_id is None]
    by_pk = {question.pk: question for question in roots}
    for question in roots:
        question.shown_follow_ups = []
    for question in questions:
        if question.parent_id in by_pk:
            by_pk[question.parent_id].shown_follow_ups.append(question)
    return roots


@secretariat_only
def question_edit(request: SignedInRequest, name: str, number: int, code: str) -> HttpResponse:
    """Edit one question of a draft; a stale form is refused, showing what is saved now beside the edit."""
    version = selectors.version_get(request.user, name, number)
    question = selectors.question_get(version, code)
    form = QuestionForm(request.POST or None, question=question)
    status = 200
    current = None
    differences: list[tuple[str, str, str, str]] = []
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.question_update(
                    actor=request.user, question=question, expected_revision=data["expected_revision"],
                    paragraph=data["paragraph"], type=data["type"], condition=data.get("condition") or "",
                    text=form.texts("text"), guidance=form.texts("guidance"),
                )
            except ServiceError as error:
                status = refuse(request, error, form)
                if isinstance(error, Conflict):
                    current = selectors.question_get(version, code)
                    differences = _differences(form, current)
                    form = QuestionForm(_with_revision(request.POST, current.revision), question=current)
                    form.is_valid()
            else:
                messages.success(request, _("Question %(code)s was saved.") % {"code": question.code})
                return redirect(f"{version.get_absolute_url()}#q-{question.code}")
        else:
            messages.error(request, _("Nothing was saved: see the form below."))
            status = 400
    context = {"version": version, "template": version.template, "question": question, "form": form,
               "current": current, "differences": differences}
    return render(request, "questionnaires/saq/question_edit.html", context, status=status)


def _differences(form: QuestionForm, current: Any) -> list[tuple[str, str, str, str]]:
    """(label, language, saved now, submitted) for each field where the saved question differs from the form."""
    saved = {
        "paragraph": current.paragraph, "type": str(current.get_type_display()),
        "condition": str(current.get_condition_display()),
        **{f"text_{lang}": current.text.get(lang, "") for lang in TEMPLATE_LANGUAGES},
        **{f"guidance_{lang}": current.guidance.get(lang, "") for lang in TEMPLATE_LANGUAGES},
    }
    rows = []
    for name, value in saved.items():
        if name not in form.fields:
            continue
        submitted = str(form.cleaned_data.get(name) or "").strip()
        if name in ("type", "condition"):
            submitted = str(dict(form.fields[name].choices).get(submitted, submitted))  # type: ignore[attr-defined]
        if submitted != value:
            lang = name.split("_", 1)[1] if name.startswith(("text_", "guidance_")) else ""
            rows.append((str(form.fields[name].label), lang, value, submitted))
    return rows


def _with_revision(data: Any, revision: int) -> Any:
    """The submitted values, now answering the revision stored: saving again keeps them, knowingly."""
    data = data.copy()
    data["expected_revision"] = str(revision)
    return data


@secretariat_only
def version_export(request: SignedInRequest, name: str, number: int) -> HttpResponse:
    """The version's workbook, to circulate by e-mail and import back."""
    version = selectors.version_get(request.user, name, number)
    content = workbook_write(services.book_of(version, selectors.version_questions(version)))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{version.template.name}-v{version.number}.xlsx"'
    return response
