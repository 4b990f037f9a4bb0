"""One rule for text, applied alike by every form, import and API call: no NUL or other control characters.

Tab, line feed and carriage return are text; every other character of Unicode category Cc (U+0000–U+001F,
U+007F–U+009F) is refused, as are the non-characters U+FFFE and U+FFFF.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def first_control_character(text: str) -> tuple[int, str] | None:
    """(1-based position, U+ code) of the first refused character, or None."""
    found = _CONTROL.search(text)
    return (found.start() + 1, f"U+{ord(found.group()):04X}") if found else None


def has_control_characters(text: str) -> bool:
    return _CONTROL.search(text) is not None


def control_character_message(text: str) -> str | None:
    """The sentence a user reads for a refused character, or None when the text is clean."""
    found = first_control_character(text)
    if found is None:
        return None
    position, code = found
    return _("contains a control character (%(code)s at position %(position)s); remove it and try again") % {
        "code": code, "position": position,
    }


@deconstructible
class NoControlCharactersValidator:
    """The Django validator every form's text field carries (see pages.BootstrapFormMixin)."""

    code = "control_character"

    def __call__(self, value: object) -> None:
        message = control_character_message(str(value)) if value is not None else None
        if message:
            raise ValidationError(message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoControlCharactersValidator)

    def __hash__(self) -> int:
        return hash(self.code)


no_control_characters = NoControlCharactersValidator()
