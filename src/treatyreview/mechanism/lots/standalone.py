"""The single-file verifier shipped with the package: its bytes and their SHA-256, for the export and the page."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.resources import files

# The file's name, as the download, the export and the one command to run it spell it.
VERIFIER_NAME = "verify_draw.py"


@cache
def verifier_source() -> bytes:
    """The bytes of verify_draw.py, exactly as shipped (it imports nothing of the package)."""
    return files("treatyreview.mechanism.lots").joinpath(VERIFIER_NAME).read_bytes()


def verifier_sha256() -> str:
    """The SHA-256 (hex) of verify_draw.py, published beside its download."""
    return hashlib.sha256(verifier_source()).hexdigest()
