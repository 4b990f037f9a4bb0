"""Signed checkpoints of the audit chain: (sequence number, hash) of its newest event, signed with Ed25519.

A checkpoint kept outside the database (published, e-mailed, printed) lets anyone later prove that the
history up to that point was not rewritten, even by someone who can change the database and recompute
every hash: they cannot sign a new checkpoint without the private key, and the old one no longer matches.
The private key is read from the file named by `TREATYREVIEW_AUDIT_SIGNING_KEY_FILE` (PEM, PKCS#8); the
public key, which alone is needed to check a checkpoint, is published with the deployment's documents.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.utils.translation import gettext as _

FORMAT = "treatyreview-audit-checkpoint/1"


class CheckpointError(ValueError):
    """A checkpoint that cannot be made or trusted; the message says why."""


@dataclass(frozen=True)
class Checkpoint:
    sequence: int
    hash: str
    at: str


def _signed_bytes(checkpoint: Checkpoint) -> bytes:
    body = {"format": FORMAT, "sequence": checkpoint.sequence, "hash": checkpoint.hash, "at": checkpoint.at}
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")


def public_key_text(key: Ed25519PublicKey) -> str:
    """The raw public key in hexadecimal (64 characters): short enough to print in the documentation."""
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def public_key_from_text(text: str) -> Ed25519PublicKey:
    text = text.strip()
    try:
        if text.startswith("-----BEGIN"):
            key = serialization.load_pem_public_key(text.encode("ascii"))
            if not isinstance(key, Ed25519PublicKey):
                raise CheckpointError(_("the public key is not an Ed25519 key"))
            return key
        return Ed25519PublicKey.from_public_bytes(bytes.fromhex(text))
    except (ValueError, TypeError) as error:
        raise CheckpointError(_("the public key cannot be read: %(error)s") % {"error": error}) from None


def generate_private_key(path: Path) -> Ed25519PublicKey:
    """Write a new private key (PEM, readable by its owner only) and return its public key."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    path.touch(mode=0o600, exist_ok=False)
    path.write_bytes(pem)
    return key.public_key()


def configured_private_key() -> Ed25519PrivateKey:
    name = getattr(settings, "TREATYREVIEW_AUDIT_SIGNING_KEY_FILE", "")
    if not name:
        raise CheckpointError(_(
            "no signing key: set TREATYREVIEW_AUDIT_SIGNING_KEY_FILE to the private key's file "
            "(make one with `treatyreview audit-checkpoint --new-key FILE`)"
        ))
    try:
        key = serialization.load_pem_private_key(Path(name).read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as error:
        raise CheckpointError(_("the signing key %(file)s cannot be read: %(error)s")
                              % {"file": name, "error": error}) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise CheckpointError(_("the signing key %(file)s is not an Ed25519 key") % {"file": name})
    return key


def configured_public_key() -> Ed25519PublicKey | None:
    """The deployment's public key: from TREATYREVIEW_AUDIT_PUBLIC_KEY, else from the signing key, else none."""
    text = getattr(settings, "TREATYREVIEW_AUDIT_PUBLIC_KEY", "")
    if text:
        return public_key_from_text(text)
    if getattr(settings, "TREATYREVIEW_AUDIT_SIGNING_KEY_FILE", ""):
        return configured_private_key().public_key()
    return None


def sign(checkpoint: Checkpoint, key: Ed25519PrivateKey) -> dict[str, Any]:
    """The checkpoint file's content."""
    return {
        "format": FORMAT,
        "sequence": checkpoint.sequence,
        "hash": checkpoint.hash,
        "at": checkpoint.at,
        "public_key": public_key_text(key.public_key()),
        "signature": key.sign(_signed_bytes(checkpoint)).hex(),
    }


def read(path: Path, public_key: Ed25519PublicKey) -> Checkpoint:
    """Read a checkpoint file and check its signature with the key the reader trusts (not the file's own)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise CheckpointError(_("%(file)s is not an audit checkpoint") % {"file": path})
        checkpoint = Checkpoint(sequence=int(data["sequence"]), hash=str(data["hash"]), at=str(data["at"]))
        signature = bytes.fromhex(str(data["signature"]))
    except CheckpointError:
        raise
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise CheckpointError(_("%(file)s cannot be read as an audit checkpoint: %(error)s")
                              % {"file": path, "error": error}) from None
    try:
        public_key.verify(signature, _signed_bytes(checkpoint))
    except InvalidSignature:
        raise CheckpointError(_(
            "the signature of %(file)s does not match the public key: the checkpoint was altered or signed "
            "with another key"
        ) % {"file": path}) from None
    return checkpoint
