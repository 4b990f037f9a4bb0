"""Exact choices with rational weights: a uniform read lazily from the stream, compared with exact rationals.

The weights of the sequential sampler (docs/draw-algorithm.md, section 6.1) are rational numbers with very large
numerators and denominators. Every decision is the exact comparison of a uniform U in [0, 1) with them. U is
read from the stream 8 bytes at a time as a binary fraction; after `b` bits it is known to lie in
[u / 2^b, (u + 1) / 2^b), and a choice is made as soon as that whole interval falls inside one bucket of the
cumulative weights. Which bytes are read therefore depends only on the exact weights.

To make it fast, each weight is first approximated in binary64 floating point together with a rigorous bound
on the error of that approximation (section 6.1.4 of the specification); only when the approximations cannot
decide is the exact rational computed (`fractions.Fraction`). The floats never decide anything on their own.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable, Sequence
from fractions import Fraction

from treatyreview.mechanism.lots.stream import LotsStream

# Bytes of the uniform read at a time.
CHUNK = 8
# The unit roundoff of binary64 arithmetic.
UNIT = 2.0 ** -53
# Set by tests to take the exact path for every choice: the outcome must not change.
ALWAYS_EXACT = False
# A float below this is too close to the subnormal range for the relative error bound: use the exact path.
TINY = 2.0 ** -960


def relative_bound(roundings: int) -> float:
    """gamma_D = D u / (1 - D u), doubled: a bound on the relative error after D roundings of nonnegative values."""
    d = roundings * UNIT
    if d >= 0.01:
        return math.inf
    return 2.0 * d / (1.0 - d)


class Choice:
    """One exact weighted choice among buckets 0..m-1 of weights w_k >= 0; when `remainder` is true, a final
    bucket m of weight 1 - sum(w) is added (the weights then sum to at most 1 and the total is exactly 1).

    `approx[k] = (value, error)` with |w_k - value| <= error; `exact()` returns the w_k as rationals.
    """

    def __init__(self, approx: Sequence[tuple[float, float]], exact: Callable[[], Sequence[Fraction]],
                 remainder: bool) -> None:
        self.approx = approx
        self.exact = exact
        self.remainder = remainder

    def draw(self, stream: LotsStream) -> int:
        u = int.from_bytes(stream.read(CHUNK), "big")
        bits = 8 * CHUNK
        if not ALWAYS_EXACT:
            k = self._by_approximation(u, bits)
            if k is not None:
                return k
        cumulative: list[Fraction] = []
        running = Fraction(0)
        for w in self.exact():
            if w < 0:
                raise ArithmeticError("a negative weight")  # pragma: no cover - excluded by construction
            running += w
            cumulative.append(running)
        if self.remainder:
            if running > 1:
                raise ArithmeticError("weights above 1: the bound is not nested")  # pragma: no cover
            cumulative.append(Fraction(1))
        if cumulative[-1] <= 0:
            raise ArithmeticError("no weight to choose from")  # pragma: no cover - excluded by construction
        # Buckets as integers: U lies in bucket k when C_{k-1} <= U * T < C_k.
        denominator = math.lcm(*(c.denominator for c in cumulative))
        scaled = [c.numerator * (denominator // c.denominator) for c in cumulative]
        t = scaled[-1]
        while True:
            # The first bucket whose upper end exceeds u * T / 2^b; decided when (u + 1) * T / 2^b fits too.
            k = bisect_right(scaled, (u * t) >> bits)
            if (u + 1) * t <= scaled[k] << bits:
                return k
            u = (u << (8 * CHUNK)) | int.from_bytes(stream.read(CHUNK), "big")
            bits += 8 * CHUNK

    def _by_approximation(self, u: int, bits: int) -> int | None:
        """The bucket, when the approximations prove which it is; None when they cannot."""
        lows: list[float] = []
        highs: list[float] = []
        running, error = 0.0, 0.0
        for k, (value, err) in enumerate(self.approx):
            if not (math.isfinite(value) and math.isfinite(err)) or 0 < abs(value) < TINY:
                return None
            if value < 0:  # the weight is in [0, value + err], within [0, err]
                value = 0.0
            running += value
            error += err
            # Each addition of nonnegative floats errs by at most one unit roundoff of the running sum.
            slack = error + 2.0 * (k + 1) * UNIT * running
            lows.append((running - slack) * (1 - 8 * UNIT))
            highs.append((running + slack) * (1 + 8 * UNIT))
        if self.remainder:
            # The exact weights sum to at most 1 (the bound is nested), so no cumulative weight exceeds 1.
            highs = [min(h, 1.0) for h in highs]
            lows.append(1.0)
            highs.append(1.0)
            total_low = total_high = 1.0
        else:
            total_low, total_high = lows[-1], highs[-1]
            if not total_low > 0:
                return None
        x_low = math.ldexp(float(u), -bits) * total_low * (1 - 8 * UNIT)
        x_high = math.ldexp(float(u + 1), -bits) * total_high * (1 + 8 * UNIT)
        for k, low in enumerate(lows):
            if low >= x_high:
                below = highs[k - 1] if k else 0.0
                return k if below <= x_low else None
        return None
