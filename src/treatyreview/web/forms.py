"""Showing a service's refusal on the form that caused it, next to the field it names, input kept."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from treatyreview.errors import Conflict, InvalidInput
from treatyreview.registry.loading import LoadError

CONFLICT_MESSAGE = _(
    "Someone else changed this record after you opened the form, so nothing was saved. "
    "Reload the page to see the current values, then make your change again."
)


def form_add_service_error(form: forms.Form, error: Exception, aliases: dict[str, str] | None = None) -> None:
    """Attach an InvalidInput, Conflict or LoadError to `form`; `aliases` maps service names to form fields."""
    if isinstance(error, Conflict):
        form.add_error(None, CONFLICT_MESSAGE)
    elif isinstance(error, LoadError):
        for problem in error.problems:
            form.add_error(None, problem)
    elif isinstance(error, InvalidInput):
        # `where` may carry a prefix ("file.csv:3: status"); the field is its last part.
        name = error.where.rsplit(": ", 1)[-1]
        name = (aliases or {}).get(name, name)
        form.add_error(name if name in form.fields else None, error.message)
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
