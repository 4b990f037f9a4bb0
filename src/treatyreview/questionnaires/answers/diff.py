"""Word by word differences between two versions of an answer, as a page shows them."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

# Words with the spaces after them (and any leading spaces), so that joining the pieces gives the text back and
# a run of changed words reads as one change rather than word, space, word.
TOKENS = re.compile(r"^\s+|\S+\s*")


@dataclass(frozen=True)
class Piece:
    kind: str  # "same", "added", "removed"
    text: str


def word_diff(before: str, after: str) -> list[Piece]:
    old, new = TOKENS.findall(before), TOKENS.findall(after)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(old[a1:a2])))
            continue
        if a2 > a1:
            pieces.append(Piece("removed", "".join(old[a1:a2])))
        if b2 > b1:
            pieces.append(Piece("added", "".join(new[b1:b2])))
    return pieces
