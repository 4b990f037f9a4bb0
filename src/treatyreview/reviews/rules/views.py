"""The rules page: every value of each preset with its source, the history of versions, and a new version."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from treatyreview.accounts.decorators import SignedInRequest, allowed_for, secretariat_only
from treatyreview.accounts.permissions import can_edit_rules, can_view_rules
from treatyreview.errors import Conflict, InvalidInput
from treatyreview.mechanism.rules import FIELD_NAMES
from treatyreview.pages import form_add_service_error
from treatyreview.reviews.rules import notes, selectors, services
from treatyreview.reviews.rules.forms import RULE_LABELS, RulesVersionForm, rule_value_display


@allowed_for(can_view_rules)
def rules(request: HttpRequest) -> HttpResponse:
    in_use = selectors.rules_current()
    presets = []
    for name in selectors.rules_presets():
        versions = list(selectors.rules_versions(name))
        current = versions[0]
        rows = [(RULE_LABELS.get(field, field), rule_value_display(field, current.values.get(field)),
                 notes.source_note(name, field, current.sources.get(field, ""))) for field in FIELD_NAMES]
        history = []
        for version, older in zip(versions, [*versions[1:], None], strict=True):
            changed = [] if older is None else [str(RULE_LABELS.get(f, f)) for f in FIELD_NAMES
                                                if version.values.get(f) != older.values.get(f)]
            history.append((version, changed))
        presets.append({"name": name, "current": current, "rows": rows, "history": history,
                        "title": notes.preset_title(name, current.title),
                        "in_use": in_use is not None and in_use.preset == name})
    presets.sort(key=lambda preset: not preset["in_use"])  # the preset in use first, the others after it
    return render(request, "reviews/rules/rules.html", {"presets": presets, "can_edit": can_edit_rules(request.user)})


@secretariat_only
def rules_version_new(request: SignedInRequest, preset: str) -> HttpResponse:
    current = selectors.rules_current(preset)
    if current is None or current.preset != preset:
        raise Http404
    if request.method == "POST":
        form = RulesVersionForm(request.POST, current_values=current.values)
        if form.is_valid():
            try:
                record = services.rules_version_create(
                    actor=request.user, preset=preset, values=form.values(), reason=form.cleaned_data["reason"],
                    expected_version=form.cleaned_data["expected_version"])
            except (InvalidInput, Conflict) as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("Version %(version)s of %(preset)s was saved.")
                                 % {"version": record.version, "preset": record.preset})
                return redirect(f"{reverse('rules')}#preset-{record.pk}")
    else:
        form = RulesVersionForm(current_values=current.values,
                                initial={**current.values, "expected_version": current.version})
    return render(request, "reviews/rules/rules_form.html", {"current": current, "form": form})
