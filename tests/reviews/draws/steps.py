"""Test helpers (not collected): the steps of a draw session, each with the version the caller last read."""

from __future__ import annotations

from typing import Any

from treatyreview.reviews.draws import services
from treatyreview.reviews.models import Draw, DrawRequest


def _fresh(draw: Draw) -> Draw:
    return Draw.objects.get(pk=draw.pk)


def dice(seed: str) -> dict[str, Any]:
    """The seed arguments of dice rolled in the session (one digit per die)."""
    count = len(seed.replace(" ", ""))
    return {"seed": seed, "seed_kind": "dice", "seed_count": count, "seed_source": "dice rolled by the Chair"}


def commit(actor: Any, draw: Draw) -> Draw:
    draw = _fresh(draw)
    return services.draw_commit(actor=actor, draw=draw, expected_version=draw.version)


def run(actor: Any, draw: Draw, seed: str = "3 1 4 1 5 2 6") -> Draw:
    draw = _fresh(draw)
    return services.draw_run(actor=actor, draw=draw, expected_version=draw.version, **dice(seed))


def confirm(actor: Any, draw: Draw) -> Draw:
    draw = _fresh(draw)
    return services.draw_confirm(actor=actor, draw=draw, expected_version=draw.version)


def cancel(actor: Any, draw: Draw, reason: str = "test") -> Draw:
    draw = _fresh(draw)
    return services.draw_cancel(actor=actor, draw=draw, reason=reason, expected_version=draw.version)


def request(actor: Any, draw: Draw, *, seed: str = "4 4", **kwargs: Any) -> DrawRequest:
    draw = _fresh(draw)
    return services.draw_request(actor=actor, draw=draw, expected_version=draw.version, **dice(seed), **kwargs)


def through(actor: Any, draw: Draw, seed: str = "3 1 4 1 5 2 6") -> Draw:
    """Commit, run and confirm."""
    commit(actor, draw)
    run(actor, draw, seed)
    return confirm(actor, draw)
