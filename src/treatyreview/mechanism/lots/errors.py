"""The refusals of the drawing of lots: bad input, infeasible or impractical draws, refused redraws."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class LotsError(Exception):
    """Any refusal of the drawing of lots; the message is meant for the person running the draw."""


class InputError(LotsError):
    """The input is malformed; `path` names where, in JSON-path style (``states[3].parties[1]``)."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.detail = message
        super().__init__(f"{path}: {message}" if path else message)


@dataclass(frozen=True)
class Infeasibility:
    """Why a slot of a State under review cannot be filled: the constraint that empties its pool."""

    under_review: str
    slot: str
    instrument: str
    constraint: str
    message: str
    excluded: tuple[tuple[str, int], ...] = ()


class InfeasibleDraw(LotsError):
    """No assignment satisfies every rule; nothing is drawn."""

    def __init__(self, problems: Sequence[Infeasibility]) -> None:
        self.problems = tuple(problems)
        super().__init__("the draw is infeasible:\n" + "\n".join(f"- {p.message}" for p in self.problems))


class DrawImpractical(LotsError):
    """A valid assignment may exist but exact sampling by rejection needs more attempts than allowed."""


class RedrawRefused(LotsError):
    """A redraw request that the rules do not allow (limit reached, wrong requester, unknown reviewer)."""
