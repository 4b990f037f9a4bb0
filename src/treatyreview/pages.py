"""What every page does with forms and with a service's refusal: one mapping from the error vocabulary
to a status code, a message at the top of the page and an error beside the field it names."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from treatyreview.errors import Conflict, InvalidInput, NotFound, NotPermitted, ServiceError
from treatyreview.validators import no_control_characters

STATUS = {InvalidInput: 400, NotPermitted: 403, NotFound: 404, Conflict: 409}


def status_of(error: ServiceError) -> int:
    for kind, status in STATUS.items():
        if isinstance(error, kind):
            return status
    return 400


def refuse(request: HttpRequest, error: ServiceError, form: forms.Form | None = None,
           aliases: dict[str, str] | None = None) -> int:
    """Say at the top of the page what was refused and that nothing changed; put the error on its field.

    Returns the status code the page is rendered with.
    """
    if isinstance(error, Conflict):
        messages.error(request, error.message)
    elif isinstance(error, InvalidInput):
        messages.error(request, _("Nothing was changed: %(problem)s") % {"problem": error.message})
    else:
        messages.error(request, error.message)
    if form is not None:
        form_add_service_error(form, error, aliases)
    return status_of(error)


def first_problem(form: forms.Form) -> str:
    """The first error of an invalid form, with the label of its field: what the top of the page says."""
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = str(field.label) if field is not None and field.label else ""
        return f"{label}: {errors[0]}" if label else str(errors[0])
    return ""


def form_add_service_error(form: forms.Form, error: Exception, aliases: dict[str, str] | None = None) -> None:
    """Attach a service's refusal to `form`; `aliases` maps service names to form fields."""
    if isinstance(error, InvalidInput) and error.problems:
        for problem in error.problems:
            form.add_error(None, problem)
    elif isinstance(error, InvalidInput):
        # `where` may carry a prefix ("file.csv:3: status"); the field is its last part.
        name = error.where.rsplit(": ", 1)[-1]
        name = (aliases or {}).get(name, name)
        form.add_error(name if name in form.fields else None, error.message)
    elif isinstance(error, ServiceError):
        form.add_error(None, error.message)
    else:
        raise TypeError(f"not a service error: {error!r}")
    mark_invalid = getattr(form, "mark_invalid", None)
    if mark_invalid is not None:
        mark_invalid()


def bootstrap_widget(field: forms.Field) -> forms.Field:
    widget = field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect | forms.CheckboxInput):
        widget.attrs.setdefault("class", "form-check-input")
    elif isinstance(widget, forms.Select):
        widget.attrs.setdefault("class", "form-select")
    elif not widget.is_hidden:
        widget.attrs.setdefault("class", "form-control")
    return field


class BootstrapFormMixin:
    """Gives every widget Bootstrap's classes, and marks invalid ones for assistive technology."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            bootstrap_widget(field)
            if isinstance(field, forms.CharField) and no_control_characters not in field.validators:
                field.validators.append(no_control_characters)

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        self.mark_invalid()

    def mark_invalid(self) -> None:
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:  # type: ignore[attr-defined]
                widget = self.fields[name].widget  # type: ignore[attr-defined]
                if "is-invalid" not in widget.attrs.get("class", ""):
                    widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"
                widget.attrs["aria-invalid"] = "true"
