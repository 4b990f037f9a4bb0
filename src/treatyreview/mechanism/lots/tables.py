"""Suffix tables of the sequential sampler: P(load of R from step i onwards <= k) under independent picks.

For steps i = 0..n-1 and reviewers R, step i loads R with probability q[i][R] (a rational), independently of
the other steps. F[i][R][k] = P(sum over steps j >= i of the loads of R <= k), k = 0..kmax, is a rational
number. The tables hold it as a binary64 approximation (`approx`, always built, in the order of section 6.1.1
of the specification, so that its error is bounded) and exactly (`exact`, built on first use).
F[n][R][k] = 1 and F[i][R][-1] = 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any


class LoadTables:
    def __init__(self, steps: Sequence[dict[int, Fraction]], reviewers: int, kmax: int) -> None:
        self.steps = steps
        self.n = len(steps)
        self.reviewers = reviewers
        self.width = kmax + 1
        self.tiny = False  # whether a value fell near the subnormal range (the exact path is then used)
        pmf: list[tuple[float, ...]] = [(1.0, *([0.0] * (self.width - 1)))] * reviewers
        start = [_running(row) for row in pmf]
        self.approx: list[list[tuple[float, ...]]] = [start] * (self.n + 1)
        for i in reversed(range(self.n)):
            step = steps[i]
            if not step:
                self.approx[i] = self.approx[i + 1]
                continue
            pmf = list(pmf)
            current = list(self.approx[i + 1])
            for r, q_exact in step.items():
                q, p = float(q_exact), float(1 - q_exact)
                row = pmf[r]
                new = (row[0] * p, *(row[k] * p + row[k - 1] * q for k in range(1, self.width)))
                if any(0 < x < 2.0 ** -960 for x in new):
                    self.tiny = True
                pmf[r] = new
                current[r] = _running(new)
            self.approx[i] = current
        self._exact: list[list[tuple[Fraction, ...]]] | None = None

    def value(self, i: int, reviewer: int, k: int) -> float:
        return self.approx[i][reviewer][k] if k >= 0 else 0.0

    def exact(self, i: int, reviewer: int, k: int) -> Fraction:
        """F[i][reviewer][k] as an exact rational (the exact tables are built on the first call)."""
        if k < 0:
            return Fraction(0)
        if self._exact is None:
            self._exact = self._build_exact()
        return self._exact[i][reviewer][k]

    def _build_exact(self) -> list[list[tuple[Fraction, ...]]]:
        zero, one = Fraction(0), Fraction(1)
        pmf: list[tuple[Fraction, ...]] = [(one, *([zero] * (self.width - 1)))] * self.reviewers
        tables: list[list[tuple[Fraction, ...]]] = [[_running(row) for row in pmf]] * (self.n + 1)
        for i in reversed(range(self.n)):
            step = self.steps[i]
            if not step:
                tables[i] = tables[i + 1]
                continue
            pmf = list(pmf)
            current = list(tables[i + 1])
            for r, q in step.items():
                row = pmf[r]
                pmf[r] = tuple(row[k] * (1 - q) + (row[k - 1] * q if k else zero) for k in range(self.width))
                current[r] = _running(pmf[r])
            tables[i] = current
        return tables


def _running(row: Sequence[Any]) -> tuple[Any, ...]:
    out = []
    total = row[0] * 0
    for x in row:
        total = total + x
        out.append(total)
    return tuple(out)
