"""The split of the States parties into year groups by lot, balanced within every regional group."""

from __future__ import annotations

from typing import Any

from treatyreview.mechanism.lots.errors import DrawImpractical, InputError
from treatyreview.mechanism.lots.inputs import CONVENTION, DrawInput, commit_input, label
from treatyreview.mechanism.lots.outcomes import YearGroupRecord, seal_year_groups
from treatyreview.mechanism.lots.stream import LotsStream

_YEAR_GROUP_ATTEMPTS = 1_000_000


def draw_year_groups(draw_input: DrawInput, groups: int, seed: str) -> YearGroupRecord:
    """Split the States parties to the Convention into `groups` year groups by lot.

    Uniform over every split in which each regional group is spread as evenly as possible and the year
    groups' sizes differ by at most one. A party with no regional group counts as a regional group of its own.
    """
    if groups < 1:
        raise InputError("groups", "must be at least 1")
    digest = commit_input(draw_input)
    stream = LotsStream(seed=seed, commitment=bytes.fromhex(digest),
                        label=f"{label(draw_input.version)}/year-groups/{groups}")
    buckets: dict[str | None, list[str]] = {}
    for s in draw_input.states:
        if CONVENTION in s.parties:
            buckets.setdefault(s.group, []).append(s.code)
    order = sorted(buckets, key=lambda g: (g is None, g or ""))
    extras: dict[str | None, list[int]] = {}
    attempt = 0
    while True:
        attempt += 1
        if attempt > _YEAR_GROUP_ATTEMPTS:  # pragma: no cover - acceptance is far above 1e-6 in practice
            raise DrawImpractical(f"no balanced split accepted in {_YEAR_GROUP_ATTEMPTS} attempts")
        # Which year groups take one more member of each regional group: uniform subsets, accepted when
        # the year groups come out balanced. Every balanced choice admits the same number of member splits,
        # so uniform choices here and uniform member shuffles below give a uniform split.
        sizes = [0] * groups
        for g in order:
            k = len(buckets[g]) % groups
            chosen = _partial_shuffle(stream, list(range(groups)), k)[:k]
            extras[g] = chosen
            for j in chosen:
                sizes[j] += 1
        if max(sizes) - min(sizes) <= 1:
            break
    members: list[list[str]] = [[] for _ in range(groups)]
    for g in order:
        codes = buckets[g]
        shuffled = _partial_shuffle(stream, list(codes), len(codes))
        base = len(codes) // groups
        position = 0
        for j in range(groups):
            n = base + (1 if j in extras[g] else 0)
            members[j].extend(shuffled[position:position + n])
            position += n
    record = YearGroupRecord(draw_input=draw_input, input_sha256=digest, seed=seed, groups=groups, attempts=attempt,
                             year_groups=tuple(tuple(sorted(m)) for m in members))
    return seal_year_groups(record)


def _partial_shuffle(stream: LotsStream, items: list[Any], count: int) -> list[Any]:
    """Fisher-Yates from the front: the first `count` items are a uniform ordered sample."""
    n = len(items)
    for i in range(min(count, n - 1)):
        j = i + stream.below(n - i)
        items[i], items[j] = items[j], items[i]
    return items
