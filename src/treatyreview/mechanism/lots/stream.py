"""The published-seed random stream of the drawing of lots: HMAC-SHA256 in counter mode, integers by rejection."""

from __future__ import annotations

import hashlib
import hmac

__all__ = ["LotsStream"]


class LotsStream:
    """A deterministic byte stream derived from a seed and a commitment, read as unbiased integers.

    PRK = HMAC-SHA256(key=commitment, msg=UTF-8 seed) (the HKDF-Extract step with the commitment as salt),
    then block i = HMAC-SHA256(PRK, label || i as 8 big-endian bytes), i = 0, 1, 2, ...
    The commitment is fixed before the seed is known, so nobody can choose inputs after seeing the seed.
    """

    __slots__ = ("_buffer", "_counter", "_label", "_position", "_prk", "bytes_read")

    def __init__(self, *, seed: str, commitment: bytes, label: str) -> None:
        if len(commitment) != 32:
            raise ValueError("the commitment must be a 32-byte SHA-256 digest")
        self._prk = hmac.digest(commitment, seed.encode("utf-8"), hashlib.sha256)
        self._label = label.encode("utf-8")
        self._counter = 0
        self._buffer = b""
        self._position = 0
        self.bytes_read = 0

    def read(self, count: int) -> bytes:
        """Return the next `count` bytes of the stream."""
        while len(self._buffer) - self._position < count:
            # Refill in whole blocks; leftover bytes are kept so the stream is one continuous sequence.
            block = hmac.digest(self._prk, self._label + self._counter.to_bytes(8, "big"), hashlib.sha256)
            self._counter += 1
            self._buffer = self._buffer[self._position:] + block
            self._position = 0
        chunk = self._buffer[self._position:self._position + count]
        self._position += count
        self.bytes_read += count
        return chunk

    def below(self, bound: int) -> int:
        """Return an integer uniform in [0, bound) with no modulo bias.

        Take the fewest whole bytes holding bit_length(bound - 1) bits, keep only that many low bits,
        and start again when the value is not below `bound`; each try succeeds with probability > 1/2.
        """
        if bound <= 0:
            raise ValueError("bound must be positive")
        if bound == 1:
            return 0
        bits = (bound - 1).bit_length()
        width = (bits + 7) // 8
        mask = (1 << bits) - 1
        while True:
            value = int.from_bytes(self.read(width), "big") & mask
            if value < bound:
                return value
