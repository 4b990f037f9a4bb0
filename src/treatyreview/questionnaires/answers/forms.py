"""Reading an answer's parts from a posted card: the numbered rows of citations, other bodies and statistics."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict

from treatyreview.errors import InvalidInput
from treatyreview.questionnaires.answers import choices

ROWS = {
    "citations": (("reference", "url", "record"), choices.CITATIONS_MAX),
    "other_bodies": (("body", "reference"), choices.OTHER_BODIES_MAX),
    "statistics": (("label", "year", "value"), choices.STATISTICS_ROWS_MAX),
}


def content_from_post(data: QueryDict) -> dict[str, Any]:
    """The answer as posted: `choice`, `text`, `language`, and rows `citations-0-reference` … ."""
    content: dict[str, Any] = {name: data.get(name, "") for name in ("choice", "text", "language")}
    for name, (parts, limit) in ROWS.items():
        rows = []
        for index in range(limit + 1):
            row = {part: data.get(f"{name}-{index}-{part}", "") for part in parts}
            if any(f"{name}-{index}-{part}" in data for part in parts):
                rows.append(row)
        content[name] = [row for row in rows if any(str(value).strip() for value in row.values())]
    return content


def expected_version(data: QueryDict) -> int | None:
    raw = data.get("expected_version", "")
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise InvalidInput("expected_version", "not a number") from None
