"""Parts of a record's page that the apps above the library add: the library cannot read what cites it.

An app registers a section once (`register_record_section`); the record page renders each registered section
for its reader, in the order registered. A section answers an empty string when it has nothing to show that
reader (see `treatyreview.web.library`, which registers the answers citing a record).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

from treatyreview.knowledge.models import LegalRecord

RecordSection = Callable[[HttpRequest, LegalRecord], SafeString | str]
_sections: list[RecordSection] = []


def register_record_section(section: RecordSection) -> None:
    if section not in _sections:
        _sections.append(section)


def record_sections(request: HttpRequest, record: LegalRecord) -> list[SafeString | str]:
    return [html for html in (section(request, record) for section in _sections) if html]
