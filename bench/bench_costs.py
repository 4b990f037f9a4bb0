"""Benchmark of the cost model on the real registry: every preset compared, against one scenario as the baseline."""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from treatyreview.mechanism import costs  # noqa: E402
from treatyreview.registry.loading import read_reference_data  # noqa: E402


def registry_membership() -> costs.Membership:
    """The registry's States parties to the Convention (three year groups, assigned in turn) and its clusters."""
    data = read_reference_data()
    parties = []
    for row in data.states:
        instruments = tuple(cell.instrument for cell in row.participation if cell.status == "party")
        if "UNTOC" in instruments:
            parties.append(costs.Party(row.code, instruments, len(parties) % 3 + 1))
    articles = Counter((row.instrument, row.cluster) for row in data.articles if row.cluster)
    return costs.Membership(tuple(parties), articles={key: count for key, count in articles.items()})


def median_time(function: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    membership = registry_membership()
    scenarios = [costs.preset(name) for name in costs.PRESET_NAMES]
    one = median_time(lambda: costs.estimate(scenarios[0], membership), 7)
    every = median_time(lambda: [costs.estimate(s, membership) for s in scenarios], 5)
    validated = median_time(lambda: [costs.estimate(costs.preset(name), membership) for name in costs.PRESET_NAMES], 5)
    result = costs.estimate(scenarios[0], membership)
    print(f"membership: {len(membership.parties)} States parties, 3 year groups, "
          f"{scenarios[0].rules.phases_per_review} phases, {len(result.units)} review units")
    print(f"one scenario ('together', baseline):        {one * 1000:8.1f} ms")
    print(f"all {len(scenarios)} presets compared:               {every * 1000:8.1f} ms  "
          f"({every / one:.1f} x baseline; target under 1000 ms)")
    print(f"all presets, read and validated from data:  {validated * 1000:8.1f} ms  ({validated / one:.1f} x baseline)")


if __name__ == "__main__":
    main()
