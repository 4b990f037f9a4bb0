"""What the mechanism costs and how heavy it is: scenarios in, estimates out, exact decimal arithmetic, no I/O.

- `scenario`: the inputs of a scenario (rules, work plan, volumes, rates, funding), each with its source; validation.
- `presets`: the shipped scenarios ("together", "in-turn", outcome models A/B/C, secretariat none/assists/drafts).
- `estimate`: the review exercises of the multi-year plan, their costs, volumes, staff and the burden on States.
- `report`: an estimate as plain data (JSON) and as rows (tables, spreadsheets).
"""

from treatyreview.mechanism.costs.estimate import (
    BurdenYear,
    Estimate,
    Exercise,
    Membership,
    Party,
    PlanEntry,
    estimate,
    exercises_of,
)
from treatyreview.mechanism.costs.presets import PRESET_NAMES, preset, preset_data
from treatyreview.mechanism.costs.report import estimate_to_dict
from treatyreview.mechanism.costs.scenario import (
    DOCUMENT_KINDS,
    DOCUMENTS_BY_OUTCOME,
    FUNDING_SOURCES,
    GRADES,
    ITEMS,
    Scenario,
    ScenarioError,
    Source,
    describe,
    scenario_from_dict,
    scenario_to_dict,
)

__all__ = [
    "DOCUMENTS_BY_OUTCOME",
    "DOCUMENT_KINDS",
    "FUNDING_SOURCES",
    "GRADES",
    "ITEMS",
    "PRESET_NAMES",
    "BurdenYear",
    "Estimate",
    "Exercise",
    "Membership",
    "Party",
    "PlanEntry",
    "Scenario",
    "ScenarioError",
    "Source",
    "describe",
    "estimate",
    "estimate_to_dict",
    "exercises_of",
    "preset",
    "preset_data",
    "scenario_from_dict",
    "scenario_to_dict",
]
