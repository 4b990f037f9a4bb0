"""Pages of the library: the search for everyone, a record's page, and the forms of the secretariat and of a
State's focal point (add and edit a record, a language version, the thesaurus, an import)."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from treatyreview.accounts.decorators import SignedInRequest, allowed_for, secretariat_only
from treatyreview.accounts.models import Role
from treatyreview.accounts.permissions import is_secretariat, states_of
from treatyreview.errors import InvalidInput, ServiceError
from treatyreview.knowledge import extensions, permissions, search, selectors, services, transfer
from treatyreview.knowledge.forms import ImportForm, RecordAddForm, RecordForm, SearchForm, TextForm, ThemeForm
from treatyreview.knowledge.models import LegalRecord, LegalStatus, RecordKind
from treatyreview.pages import first_problem, refuse
from treatyreview.registry.choices import instrument_label
from treatyreview.registry.labels import LANGUAGE_NAMES
from treatyreview.registry.models import Article, State
from treatyreview.registry.names import un_language


def filters_of(data: dict[str, Any]) -> search.Filters:
    """The search filters of a valid search form (or API query)."""
    state = State.objects.filter(code=data["country"]).first() if data.get("country") else None
    return search.Filters(
        state_ids=(state.pk,) if state else (),
        instrument=data.get("instrument") or "",
        article_id=data.get("article"),
        kind=data.get("type") or "",
        language=data.get("lang") or "",
        status=data.get("status") or "",
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
    )


def _link(params: QueryDict, **changes: str | None) -> str:
    query = params.copy()
    query.pop("page", None)
    for name, value in changes.items():
        query.pop(name, None)
        if value:
            query[name] = value
    return "?" + query.urlencode()


def _facets(page: selectors.Page, params: QueryDict) -> list[dict[str, Any]]:
    """Each facet as a heading and its values, each with its label, count and the address that toggles it."""
    states = {s.pk: s for s in State.objects.filter(pk__in=[int(v) for v, _n in page.facets.get("state", [])])
              .prefetch_related("names")}
    named = {
        "type": (_("Type of record"), "kind", lambda v: RecordKind(v).label),
        "instrument": (_("Instrument"), "instrument", instrument_label),
        "country": (_("Country"), "state", lambda v: states[int(v)].name_in()),
        "lang": (_("Language"), "language", lambda v: LANGUAGE_NAMES.get(v, v)),
        "status": (_("In force"), "status", lambda v: LegalStatus(v).label),
    }
    out = []
    for param, (heading, facet, label_of) in named.items():
        values = []
        for value, count in page.facets.get(facet, []):
            if facet == "status" and not value:
                continue
            code = states[int(value)].code if facet == "state" else value
            active = params.get(param) == code
            values.append({"label": label_of(value), "count": count, "active": active,
                           "url": _link(params, **{param: None if active else code})})
        if facet == "state":
            from treatyreview.registry.collation import sort_key

            values.sort(key=lambda item: sort_key(str(item["label"])))
        if values:
            out.append({"heading": heading, "values": values})
    return out


def knowledge_search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    language = un_language(get_language())
    context: dict[str, Any] = {"form": form, "page": None, "facets": [],
                               "can_add": permissions.can_add_records(request.user),
                               "is_secretariat": is_secretariat(request.user)}
    status = 200
    if form.is_bound and not form.is_valid():
        messages.error(request, _("A filter was not understood and was not applied: %(problem)s")
                       % {"problem": first_problem(form)})
        status = 400
        data: dict[str, Any] = {}
    else:
        data = form.cleaned_data if form.is_bound else {}
    filters = filters_of(data)
    page = selectors.record_search(user=request.user, query=data.get("q", ""), filters=filters,
                                   page=data.get("page") or 1, language=data.get("lang") or "")
    results = []
    for found in page.found:
        text = found.text
        results.append({
            "found": found,
            "title": search.highlight(text.title, text.language, page.terms),
            "snippet": search.highlight(text.text or text.provision, text.language, page.terms, snippet=True),
        })
    article_id = data.get("article")
    article = Article.objects.select_related("instrument").filter(pk=article_id).first() if article_id else None
    context.update(page=page, results=results, facets=_facets(page, request.GET), article=article,
                   reader_language=language, query=data.get("q", ""),
                   previous_url=_link(request.GET, page=str(page.page - 1)) if page.page > 1 else "",
                   next_url=_link(request.GET, page=str(page.page + 1)) if page.page < page.pages else "",
                   clear_article_url=_link(request.GET, article=None),
                   export_url=reverse("knowledge_export") + _link(request.GET))
    return render(request, "knowledge/search.html", context, status=status)


def knowledge_record(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.access_record(request.user, pk)
    query = request.GET.get("q", "")[: search.analysis.QUERY_MAX]
    terms = search.analysis.query_terms(query)
    reader = un_language(get_language())
    texts = sorted(record.texts.all(), key=lambda t: (t.language != reader, t.language != record.original_language,
                                                       t.language))
    shown = [{"text": t, "title": search.highlight(t.title, t.language, terms),
              "body": search.highlight(t.text, t.language, terms)} for t in texts]
    return render(request, "knowledge/record.html", {
        "record": record,
        "texts": shown,
        "query": query,
        "revisions": selectors.record_revisions(record)[:20],
        "can_edit": permissions.can_edit_record(request.user, record),
        "missing_languages": [code for code in LANGUAGE_NAMES if code not in {t.language for t in texts}],
        "sections": extensions.record_sections(request, record),
    })


def _states_for(user: Any) -> Any:
    if is_secretariat(user):
        return selectors.state_choices()
    return selectors.state_choices().filter(pk__in=states_of(user, Role.FOCAL_POINT))


def _record_fields(data: dict[str, Any]) -> services.RecordFields:
    return services.RecordFields(
        kind=data["kind"], state=data["state"], original_language=data["original_language"], date=data["date"],
        status=data["status"], official_link=data["official_link"], court=data["court"], parties=data["parties"],
        outcome=data["outcome"], offences=data["offences"], visibility=data["visibility"],
        articles=list(data["articles"]), themes=list(data["themes"]),
    )


@allowed_for(permissions.can_add_records)
def knowledge_record_add(request: SignedInRequest) -> HttpResponse:
    states = _states_for(request.user)
    form = RecordAddForm(request.POST or None, states=states,
                         initial={"state": states.first() if not is_secretariat(request.user) else None,
                                  "original_language": un_language(get_language()),
                                  "language": un_language(get_language())})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                record = services.record_create(
                    actor=request.user, fields=_record_fields(data),
                    text=services.TextFields(data["language"], data["title"], data["provision"], data["text"]))
            except ServiceError as error:
                status = refuse(request, error, form)
            else:
                messages.success(request, _("The record was added. It is searchable now."))
                return redirect(record)
        else:
            messages.error(request, _("Nothing was saved: %(problem)s") % {"problem": first_problem(form)})
            status = 400
    return render(request, "knowledge/record_form.html", {"form": form, "record": None}, status=status)


class _NotEditable(Exception):
    def __init__(self, record: LegalRecord) -> None:
        self.record = record


def _editable(request: HttpRequest, pk: int) -> LegalRecord:
    record = selectors.access_record(request.user, pk)
    if not permissions.can_edit_record(request.user, record):
        raise _NotEditable(record)
    return record


def _not_editable(request: HttpRequest, record: LegalRecord) -> HttpResponse:
    """Back to the record, saying at the top who may change it."""
    messages.error(request, _("Only the secretariat, or the focal point of %(state)s, can change this record.")
                   % {"state": record.state.name_in()})
    return redirect(record)


@allowed_for(permissions.can_add_records)
def knowledge_record_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    try:
        record = _editable(request, pk)
    except _NotEditable as refused:
        return _not_editable(request, refused.record)
    initial = {name: getattr(record, name) for name in services.SCALAR_FIELDS}
    initial.update(articles=list(record.articles.all()), themes=list(record.themes.all()),
                   expected_version=record.version)
    form = RecordForm(request.POST or None, initial=initial, states=_states_for(request.user))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.record_update(actor=request.user, record=record,
                                       expected_version=form.cleaned_data["expected_version"],
                                       fields=_record_fields(form.cleaned_data))
            except ServiceError as error:
                status = refuse(request, error, form)
            else:
                messages.success(request, _("The record was saved."))
                return redirect(record)
        else:
            messages.error(request, _("Nothing was saved: %(problem)s") % {"problem": first_problem(form)})
            status = 400
    return render(request, "knowledge/record_form.html", {"form": form, "record": record}, status=status)


@allowed_for(permissions.can_add_records)
def knowledge_text_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    try:
        record = _editable(request, pk)
    except _NotEditable as refused:
        return _not_editable(request, refused.record)
    language = request.POST.get("language") or request.GET.get("language") or record.original_language
    existing = next((t for t in record.texts.all() if t.language == language), None)
    initial: dict[str, Any] = {"language": language, "expected_version": record.version}
    if existing:
        initial.update(title=existing.title, provision=existing.provision, text=existing.text)
    form = TextForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_text_save(
                    actor=request.user, record=record, expected_version=data["expected_version"],
                    text=services.TextFields(data["language"], data["title"], data["provision"], data["text"]))
            except ServiceError as error:
                status = refuse(request, error, form)
            else:
                messages.success(request, _("The language version was saved."))
                return redirect(record)
        else:
            messages.error(request, _("Nothing was saved: %(problem)s") % {"problem": first_problem(form)})
            status = 400
    return render(request, "knowledge/text_form.html", {"form": form, "record": record, "existing": existing},
                  status=status)


def knowledge_themes(request: HttpRequest) -> HttpResponse:
    form = ThemeForm(request.POST or None) if is_secretariat(request.user) else None
    status = 200
    if request.method == "POST":
        if form is None:
            return redirect("knowledge_themes")
        if form.is_valid():
            data = form.cleaned_data
            names = {code: data.get(f"name_{code}", "") for code in LANGUAGE_NAMES}
            try:
                services.theme_save(actor=request.user, code=data["code"], names=names,  # type: ignore[arg-type]
                                    broader=data["broader"])
            except ServiceError as error:
                status = refuse(request, error, form)
            else:
                messages.success(request, _("The theme was added to the thesaurus."))
                return redirect("knowledge_themes")
        else:
            messages.error(request, _("Nothing was saved: %(problem)s") % {"problem": first_problem(form)})
            status = 400
    return render(request, "knowledge/themes.html", {"themes": selectors.theme_list(), "form": form},
                  status=status)


@secretariat_only
def knowledge_import(request: SignedInRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    status = 200
    problems: list[str] = []
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                records = transfer.read_records(upload.read(), source=upload.name)
                count = services.library_import(actor=request.user, records=records, source=upload.name)
            except InvalidInput as error:
                problems = error.problems or [str(error)]
                messages.error(request, _("Nothing was imported: the file has problems (%(count)d), listed below. "
                                          "Correct them and import the file again.") % {"count": len(problems)})
                status = 400
            except ServiceError as error:
                status = refuse(request, error, form)
            else:
                messages.success(request, _("Records imported: %(count)d. They are searchable now.") % {"count": count})
                return redirect("knowledge_search")
        else:
            messages.error(request, _("Nothing was imported: %(problem)s") % {"problem": first_problem(form)})
            status = 400
    return render(request, "knowledge/import.html",
                  {"form": form, "problems": problems, "columns": transfer.COLUMNS}, status=status)


def knowledge_export(request: HttpRequest) -> HttpResponse:
    """The records of a search, in the import format, as the reader may see them."""
    form = SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    records = selectors.records_for_export(user=request.user, query=data.get("q", ""), filters=filters_of(data))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="library.csv"'
    response.write("\ufeff")
    writer = csv.DictWriter(response, fieldnames=list(transfer.COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in transfer.export_rows(records):
        writer.writerow(row)
    return response

