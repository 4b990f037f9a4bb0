"""The drawing of lots: year groups and reviewing States, exactly uniform and reproducible from a published seed.

Dataclasses in, dataclasses out, no I/O. The algorithm is specified in docs/draw-algorithm.md; anything
changed here that changes an outcome must bump ALGORITHM_VERSION and that document together.
"""

from treatyreview.mechanism.lots.eligibility import Candidate, SlotEligibility, eligibility, record_eligibility
from treatyreview.mechanism.lots.errors import (
    DrawImpractical,
    Infeasibility,
    InfeasibleDraw,
    InputError,
    LotsError,
    RedrawRefused,
)
from treatyreview.mechanism.lots.inputs import (
    ALGORITHM_NAME,
    ALGORITHM_VERSION,
    CANNOT_REVIEW_REASONS,
    INSTRUMENT_NAMES,
    INSTRUMENTS,
    OTHER_GROUP,
    RULE_CHOICES,
    RULE_FIELDS,
    RULE_RANGES,
    SAME_GROUP,
    SLOTS,
    SUPPORTED_VERSIONS,
    DrawInput,
    EarlierAttempt,
    ExistingAssignment,
    Rules,
    StateEntry,
    canonical_json,
    check_rules,
    commit_input,
    input_to_json,
    input_version,
    parse_input,
)
from treatyreview.mechanism.lots.outcomes import (
    Assignment,
    DrawRecord,
    Note,
    RedrawEntry,
    Verification,
    YearGroupRecord,
    record_to_json,
    refused_by_state,
)
from treatyreview.mechanism.lots.reasons import Reason
from treatyreview.mechanism.lots.records import check_assignments, record_from_json, verify_record
from treatyreview.mechanism.lots.redraws import AT_FORMAT, canonical_time, redraw
from treatyreview.mechanism.lots.sampling import DEFAULT_MAX_ATTEMPTS, draw_reviewers
from treatyreview.mechanism.lots.standalone import VERIFIER_NAME, verifier_sha256, verifier_source
from treatyreview.mechanism.lots.year_groups import draw_year_groups

__all__ = [
    "ALGORITHM_NAME",
    "ALGORITHM_VERSION",
    "AT_FORMAT",
    "CANNOT_REVIEW_REASONS",
    "DEFAULT_MAX_ATTEMPTS",
    "INSTRUMENTS",
    "INSTRUMENT_NAMES",
    "OTHER_GROUP",
    "RULE_CHOICES",
    "RULE_FIELDS",
    "RULE_RANGES",
    "SAME_GROUP",
    "SLOTS",
    "SUPPORTED_VERSIONS",
    "VERIFIER_NAME",
    "Assignment",
    "Candidate",
    "DrawImpractical",
    "DrawInput",
    "DrawRecord",
    "EarlierAttempt",
    "ExistingAssignment",
    "Infeasibility",
    "InfeasibleDraw",
    "InputError",
    "LotsError",
    "Note",
    "Reason",
    "RedrawEntry",
    "RedrawRefused",
    "Rules",
    "SlotEligibility",
    "StateEntry",
    "Verification",
    "YearGroupRecord",
    "canonical_json",
    "canonical_time",
    "check_assignments",
    "check_rules",
    "commit_input",
    "draw_reviewers",
    "draw_year_groups",
    "eligibility",
    "input_to_json",
    "input_version",
    "parse_input",
    "record_eligibility",
    "record_from_json",
    "record_to_json",
    "redraw",
    "refused_by_state",
    "verifier_sha256",
    "verifier_source",
    "verify_record",
]
