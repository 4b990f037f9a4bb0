"""Source keys of the reference data as readable citations (data/source_keys.csv), never as raw keys on a page."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from treatyreview.registry.loading import DATA_DIR


@dataclass(frozen=True)
class Citation:
    key: str
    text: str  # the source's own title and date, in the language the source is in (English for all so far)
    url: str


@cache
def citations() -> dict[str, Citation]:
    with (DATA_DIR / "source_keys.csv").open(encoding="utf-8") as file:
        return {row["key"]: Citation(row["key"], row["citation"], row["url"]) for row in csv.DictReader(file)}


def keys_of(sources: str) -> list[str]:
    """The keys of a `;`-separated sources cell; a cell from the competence file reads `kind: KEY;KEY`."""
    _, _, keys = sources.rpartition(": ")
    return [key.strip() for key in keys.split(";") if key.strip()]
