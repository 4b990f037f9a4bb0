"""From a scenario and the membership to an estimate: the review exercises, their costs, volumes and burden.

Exact decimal arithmetic throughout: every amount is a sum of products of the inputs, nothing is divided or
rounded until a page or a file shows it, so the items add up to the total to the last digit.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from functools import lru_cache

from treatyreview.mechanism.costs.scenario import (
    CLOSING,
    CLUSTERS,
    DOCUMENTS_BY_OUTCOME,
    FUNDING_SOURCES,
    GRADES,
    ITEMS,
    PER_ARTICLE,
    Scenario,
)
from treatyreview.mechanism.rules import INSTRUMENTS

ZERO = Decimal(0)
# Enough digits that no product of plausible inputs is ever rounded (ranges in scenario.py).
PRECISION = 60


@dataclass(frozen=True)
class Party:
    """A State party: the instruments it is party to and, once drawn, its year group (1, 2, 3 …)."""

    code: str
    instruments: tuple[str, ...]
    year_group: int | None = None


@dataclass(frozen=True)
class Membership:
    """What the registry and the platform's records know today.

    `articles`: articles per (instrument, cluster) that the registry assigns to a cluster. `reviewers`: the
    reviewing States drawn for each State under review (all instruments together). `recorded_pages`: pages per
    article or per review of each kind of document, measured on the platform's own documents (none yet).
    """

    parties: tuple[Party, ...]
    articles: Mapping[tuple[str, int], int] = field(default_factory=dict)
    reviewers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    recorded_pages: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class Exercise:
    """One review exercise: one questionnaire, one dialogue, one set of outcome documents."""

    state: str
    year_group: int
    phase: int
    cluster: int
    instruments: tuple[str, ...]
    articles: int
    start: dt.date
    end: dt.date  # the last day

    @property
    def opening_year(self) -> int:
        return self.start.year

    @property
    def closing_year(self) -> int:
        return self.end.year


@dataclass(frozen=True)
class PlanEntry:
    """A step of the multi-year plan: a year group reviewed on one cluster (and, in turn, one instrument)."""

    year_group: int
    phase: int
    cluster: int
    instruments: tuple[str, ...]
    start: dt.date
    end: dt.date
    deadlines: tuple[tuple[str, dt.date], ...]
    reviews: int


@dataclass(frozen=True)
class BurdenYear:
    """How many review exercises each State takes part in during one year, as State under review and as reviewer.

    A fact for each State, never a score: `above_threshold` is in alphabetical order of codes.
    """

    year: int
    reviewed: dict[str, int]
    reviewing: dict[str, int]
    distribution: dict[int, int]  # exercises taken part in → number of States
    maximum: int
    above_threshold: tuple[str, ...]
    undrawn: int  # exercises of States whose reviewing States are not drawn yet


@dataclass(frozen=True)
class Estimate:
    name: str
    currency: str
    total: Decimal
    per_item: dict[str, Decimal]
    per_year: dict[int, Decimal]
    per_year_item: dict[int, dict[str, Decimal]]
    funding: dict[str, Decimal]
    per_year_funding: dict[int, dict[str, Decimal]]
    reviews: int  # States reviewed in the cycle
    exercises: int
    units: frozenset[tuple[str, str, int]]  # (State, instrument, cluster) covered
    pages_per_year: dict[int, dict[str, Decimal]]  # year → "original" or language → pages
    words_translated_per_year: dict[int, Decimal]
    person_months_per_year: dict[int, dict[str, Decimal]]
    burden: tuple[BurdenYear, ...]
    plan: tuple[PlanEntry, ...]
    articles: dict[tuple[str, int], tuple[int, str]]  # (instrument, cluster) → (count, "registry" | "illustrative")
    pages_basis: dict[str, str]  # document kind → "recorded" | "scenario"
    year_groups_basis: str  # "drawn" | "illustrative"

    @property
    def per_review(self) -> Decimal:
        """The cost of the review-driven items per State reviewed (to the cent, for display)."""
        if not self.reviews:
            return ZERO
        review_items = self.total - self.per_item["interpretation"] - self.per_item["meeting_servicing"]
        review_items -= self.per_item["hosting"]
        return (review_items / self.reviews).quantize(Decimal("0.01"))


@lru_cache(maxsize=4096)
def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def article_counts(scenario: Scenario, membership: Membership) -> dict[tuple[str, int], tuple[int, str]]:
    """Articles per instrument and cluster: the registry's where it assigns any, else the scenario's illustration."""
    counts = {}
    for instrument in INSTRUMENTS:
        for cluster in CLUSTERS:
            known = membership.articles.get((instrument, cluster), 0)
            if known:
                counts[instrument, cluster] = (known, "registry")
            else:
                counts[instrument, cluster] = (scenario.articles_if_unassigned[instrument][cluster], "illustrative")
    return counts


def year_groups(scenario: Scenario, membership: Membership) -> tuple[dict[str, int], str]:
    """Each party's year group: as drawn where every party has one, else in turn in alphabetical order of codes."""
    groups = scenario.rules.year_groups
    drawn = {p.code: p.year_group for p in membership.parties if p.year_group and p.year_group <= groups}
    if membership.parties and len(drawn) == len(membership.parties):
        return {code: int(group) for code, group in drawn.items()}, "drawn"
    codes = sorted(p.code for p in membership.parties)
    return {code: index % groups + 1 for index, code in enumerate(codes)}, "illustrative"


def exercises_of(scenario: Scenario, membership: Membership) -> tuple[list[Exercise], list[PlanEntry], str]:
    """Expand the work plan: year groups × phases × (instruments together, or each in turn within the phase)."""
    rules = scenario.rules
    counts = article_counts(scenario, membership)
    groups, basis = year_groups(scenario, membership)
    months = rules.phase_duration_months
    in_turn = rules.instruments_review == "in_turn"
    exercises: list[Exercise] = []
    plan: dict[tuple[int, int, tuple[str, ...]], list[Exercise]] = defaultdict(list)
    for party in sorted(membership.parties, key=lambda p: p.code):
        group = groups[party.code]
        first = dt.date(rules.year_group_start_years[group - 1], 1, 1)
        instruments = tuple(code for code in INSTRUMENTS if code in party.instruments)
        for phase, cluster in enumerate(rules.cluster_order, start=1):
            phase_start = add_months(first, (phase - 1) * months)
            reviewed = tuple(code for code in instruments if counts[code, cluster][0] > 0)
            if not reviewed:
                continue
            steps: list[tuple[tuple[str, ...], int, int]]
            if in_turn:
                # Each instrument its own slice of the phase, in the order of the instruments (a common calendar).
                slices = len(INSTRUMENTS)
                steps = [((code,), months * INSTRUMENTS.index(code) // slices,
                          months * (INSTRUMENTS.index(code) + 1) // slices) for code in reviewed]
            else:
                steps = [(reviewed, 0, months)]
            for covered, offset, until in steps:
                start = add_months(phase_start, offset)
                end = add_months(phase_start, max(until, offset + 1)) - dt.timedelta(days=1)
                exercise = Exercise(party.code, group, phase, cluster, covered,
                                    sum(counts[code, cluster][0] for code in covered), start, end)
                exercises.append(exercise)
                plan[group, phase, covered if in_turn else ()].append(exercise)
    entries = [
        PlanEntry(group, phase, items[0].cluster, key_instruments or _union(items), items[0].start, items[0].end,
                  stage_deadlines(scenario, items[0].start), len(items))
        for (group, phase, key_instruments), items in sorted(plan.items(), key=lambda kv: (kv[1][0].start, kv[0]))
    ]
    return exercises, entries, basis


def _union(items: Iterable[Exercise]) -> tuple[str, ...]:
    present = {code for item in items for code in item.instruments}
    return tuple(code for code in INSTRUMENTS if code in present)


def stage_deadlines(scenario: Scenario, start: dt.date) -> tuple[tuple[str, dt.date], ...]:
    """The deadlines of a phase from the rules record (focal point, experts, questionnaire, written feedback)."""
    rules = scenario.rules
    questionnaire = add_months(start, rules.questionnaire_months)
    return (
        ("focal_point", start + dt.timedelta(weeks=rules.focal_point_weeks)),
        ("experts", start + dt.timedelta(weeks=rules.experts_weeks)),
        ("questionnaire", questionnaire),
        ("feedback", add_months(questionnaire, rules.feedback_months)),
    )


def units_of(exercises: Iterable[Exercise]) -> frozenset[tuple[str, str, int]]:
    return frozenset((e.state, code, e.cluster) for e in exercises for code in e.instruments)


class _Ledger:
    def __init__(self) -> None:
        self.cost: dict[int, dict[str, Decimal]] = defaultdict(lambda: dict.fromkeys(ITEMS, ZERO))
        self.pages: dict[int, dict[str, Decimal]] = defaultdict(dict)
        self.words: dict[int, Decimal] = defaultdict(lambda: ZERO)
        self.months: dict[int, dict[str, Decimal]] = defaultdict(lambda: dict.fromkeys(GRADES, ZERO))

    def add(self, year: int, item: str, amount: Decimal) -> None:
        self.cost[year][item] += amount

    def add_pages(self, year: int, language: str, pages: Decimal) -> None:
        self.pages[year][language] = self.pages[year].get(language, ZERO) + pages


def estimate(scenario: Scenario, membership: Membership) -> Estimate:
    """What the scenario costs, per item, year and source of funding, with its volumes, staff and burden."""
    with localcontext() as context:
        context.prec = PRECISION
        return _estimate(scenario, membership)


def _estimate(scenario: Scenario, membership: Membership) -> Estimate:
    rules, rates = scenario.rules, scenario.rates
    exercises, plan, groups_basis = exercises_of(scenario, membership)
    ledger = _Ledger()
    kinds = DOCUMENTS_BY_OUTCOME[rules.outcome_model]
    pages_of = {kind: membership.recorded_pages.get(kind, scenario.volumes[kind].pages) for kind in kinds}
    words_per_page = Decimal(rates.words_per_page)
    visit = scenario.meetings.country_visit_share * scenario.meetings.travellers_per_visit * rates.travel_per_traveller
    review_months = scenario.staff.per_review_months[rules.secretariat_role]
    # Exercises with the same number of articles and the same years cost the same: each such group is computed once
    # and multiplied by its size (an exact integer product), which keeps the full membership fast.
    groups = Counter((e.articles, e.opening_year, e.closing_year) for e in exercises)
    for (articles, opening_year, closing_year), count in sorted(groups.items()):
        for kind in kinds:
            volume = scenario.volumes[kind]
            pages = pages_of[kind] * (articles if kind in PER_ARTICLE else 1) * count
            year = closing_year if kind in CLOSING else opening_year
            ledger.add_pages(year, "original", pages)
            translated_words = pages * words_per_page * volume.translated_share
            for code in volume.into:
                ledger.add_pages(year, code, pages * volume.translated_share)
                ledger.words[year] += translated_words
                ledger.add(year, "translation", translated_words * rates.translation_per_word[code])
                ledger.add(year, "revision", translated_words * rates.revision_per_word[code])
        ledger.add(opening_year, "travel", visit * count)
        for grade, months in review_months.items():
            ledger.months[opening_year][grade] += months * count
            ledger.add(opening_year, "staff", months * count * rates.staff_per_month[grade])
    if exercises:
        first = min(e.opening_year for e in exercises)
        last = max(e.closing_year for e in exercises)
        days = scenario.meetings.review_days_per_year + scenario.meetings.stakeholder_days_per_year[
            rules.participation_model]
        interpretation = days * sum((rates.interpretation_per_day[code] for code in rules.languages), ZERO)
        for year in range(first, last + 1):
            ledger.add(year, "interpretation", interpretation)
            ledger.add(year, "meeting_servicing", days * rates.meeting_servicing_per_day)
            ledger.add(year, "hosting", rates.hosting_per_year)
            for grade, months in scenario.staff.coordination_months_per_year.items():
                ledger.months[year][grade] += months
                ledger.add(year, "staff", months * rates.staff_per_month[grade])
    years = sorted(ledger.cost)
    per_year_item = {year: dict(ledger.cost[year]) for year in years}
    per_item = {item: sum((per_year_item[y][item] for y in years), ZERO) for item in ITEMS}
    per_year = {year: sum(per_year_item[year].values(), ZERO) for year in years}
    per_year_funding = {
        year: {source: sum((amount for item, amount in per_year_item[year].items()
                            if scenario.funding[item] == source), ZERO) for source in FUNDING_SOURCES}
        for year in years
    }
    funding = {source: sum((per_year_funding[y][source] for y in years), ZERO) for source in FUNDING_SOURCES}
    return Estimate(
        name=scenario.name,
        currency=rates.currency,
        total=sum(per_item.values(), ZERO),
        per_item=per_item,
        per_year=per_year,
        per_year_item=per_year_item,
        funding=funding,
        per_year_funding=per_year_funding,
        reviews=len({e.state for e in exercises}),
        exercises=len(exercises),
        units=units_of(exercises),
        pages_per_year={year: dict(ledger.pages[year]) for year in sorted(ledger.pages)},
        words_translated_per_year={year: ledger.words[year] for year in sorted(ledger.words)},
        person_months_per_year={year: dict(ledger.months[year]) for year in sorted(ledger.months)},
        burden=burden_of(scenario, membership, exercises),
        plan=tuple(plan),
        articles=article_counts(scenario, membership),
        pages_basis={kind: "recorded" if kind in membership.recorded_pages else "scenario" for kind in kinds},
        year_groups_basis=groups_basis,
    )


def burden_of(scenario: Scenario, membership: Membership, exercises: list[Exercise]) -> tuple[BurdenYear, ...]:
    """Per year, the exercises each State takes part in; reviewing States are counted only where drawn."""
    if not exercises:
        return ()
    codes = sorted(p.code for p in membership.parties)
    reviewed: dict[int, Counter[str]] = defaultdict(Counter)
    reviewing: dict[int, Counter[str]] = defaultdict(Counter)
    undrawn: Counter[int] = Counter()
    for e in exercises:
        drawn = membership.reviewers.get(e.state, ())
        for year in range(e.opening_year, e.closing_year + 1):
            reviewed[year][e.state] += 1
            if drawn:
                reviewing[year].update(drawn)
            else:
                undrawn[year] += 1
    result = []
    for year in range(min(reviewed), max(reviewed) + 1):
        taking_part = {code: reviewed[year][code] + reviewing[year][code] for code in codes}
        distribution = Counter(taking_part.values())
        result.append(BurdenYear(
            year=year,
            reviewed={code: reviewed[year][code] for code in codes},
            reviewing={code: reviewing[year][code] for code in codes},
            distribution=dict(sorted(distribution.items())),
            maximum=max(taking_part.values(), default=0),
            above_threshold=tuple(code for code in codes if taking_part[code] > scenario.burden_threshold),
            undrawn=undrawn[year],
        ))
    return tuple(result)
