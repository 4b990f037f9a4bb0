"""An estimate as plain data: what `treatyreview estimate --format json` prints and the API returns."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from treatyreview.mechanism.costs.estimate import Estimate

CENT = Decimal("0.01")


def money(amount: Decimal) -> str:
    """An amount to the cent, as a decimal string (exact in JSON, never a binary float)."""
    return str(amount.quantize(CENT))


def quantity(amount: Decimal) -> str:
    return str(amount.quantize(CENT)).rstrip("0").rstrip(".") if "." in str(amount.quantize(CENT)) else str(amount)


def estimate_to_dict(result: Estimate) -> dict[str, Any]:
    return {
        "name": result.name,
        "currency": result.currency,
        "total": money(result.total),
        "per_year": {str(year): money(amount) for year, amount in result.per_year.items()},
        "per_item": {item: money(amount) for item, amount in result.per_item.items()},
        "per_year_item": {str(year): {item: money(a) for item, a in items.items()}
                          for year, items in result.per_year_item.items()},
        "funding": {source: money(amount) for source, amount in result.funding.items()},
        "per_review": money(result.per_review),
        "reviews": result.reviews,
        "exercises": result.exercises,
        "units": len(result.units),
        "pages_per_year": {str(year): {language: quantity(p) for language, p in pages.items()}
                           for year, pages in result.pages_per_year.items()},
        "words_translated_per_year": {str(year): quantity(w) for year, w in result.words_translated_per_year.items()},
        "person_months_per_year": {str(year): {grade: quantity(m) for grade, m in months.items()}
                                   for year, months in result.person_months_per_year.items()},
        "burden": [
            {"year": b.year, "distribution": {str(k): v for k, v in b.distribution.items()}, "maximum": b.maximum,
             "above_threshold": list(b.above_threshold), "undrawn": b.undrawn}
            for b in result.burden
        ],
        "plan": [
            {"year_group": p.year_group, "phase": p.phase, "cluster": p.cluster, "instruments": list(p.instruments),
             "start": p.start.isoformat(), "end": p.end.isoformat(), "reviews": p.reviews,
             "deadlines": {stage: day.isoformat() for stage, day in p.deadlines}}
            for p in result.plan
        ],
        "year_groups_basis": result.year_groups_basis,
        "pages_basis": result.pages_basis,
    }
