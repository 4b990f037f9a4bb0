"""The stage machines of the mechanism as data: stages, transitions, who may fire each, what each role may edit.

Services ask a machine whether a step is allowed (`Machine.check`, `Machine.check_edit`) and templates ask it
what to offer (`Machine.offered`). A refusal is a `WorkflowRefusal` with a code and parameters, never a
sentence: the platform turns it into words in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

__all__ = [
    "DOCUMENT_VERSION", "DRAW", "FEEDBACK", "MACHINES", "OBSERVATION_LIST", "PHASE", "PHASE_STEP_OF_STAGE",
    "QUESTIONNAIRE", "SUMMARY", "THREAD", "Machine", "Transition", "WorkflowRefusal",
]

SECRETARIAT = "secretariat"
# Roles in one review, as the platform works them out for the person acting: the focal point and the
# governmental experts of the State under review, and those of a reviewing State of that review.
FOCAL_POINT = "focal_point"
EXPERT = "expert"
REVIEWER_FOCAL_POINT = "reviewer_focal_point"
REVIEWER_EXPERT = "reviewer_expert"
# The secretariat as the rules record's `secretariat_role` lets it act on the content of a review (seed para 16):
# "assists" lets it comment, "drafts" also write draft content. The platform adds these to SECRETARIAT.
SECRETARIAT_ASSISTING = "secretariat_assisting"
SECRETARIAT_DRAFTING = "secretariat_drafting"


@dataclass(frozen=True)
class Transition:
    """A step from one of `sources` to `target` that one of `roles` may take."""

    name: str
    sources: tuple[str, ...]
    target: str
    roles: frozenset[str]


class WorkflowRefusal(Exception):
    """A step or an edit the table does not allow; `code` says which rule, `params` the facts.

    Codes: ``unknown_transition``, ``wrong_stage`` (params: stage, allowed), ``not_permitted`` (params: roles),
    ``field_locked`` (params: stage, fields).
    """

    def __init__(self, code: str, machine: str, transition: str = "", **params: object) -> None:
        self.code = code
        self.machine = machine
        self.transition = transition
        self.params = params
        super().__init__(f"{machine}.{transition or '-'}: {code} {params}")


@dataclass(frozen=True)
class Machine:
    """One stage machine: its stages in order, its transitions, and the fields editable per stage and role."""

    name: str
    stages: tuple[str, ...]
    initial: str
    transitions: tuple[Transition, ...]
    # (stage, role) -> fields that role may change while the object is in that stage; absent means none.
    editable: Mapping[tuple[str, str], frozenset[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.initial not in self.stages:
            raise ValueError(f"{self.name}: initial stage {self.initial!r} is not a stage")
        names = [t.name for t in self.transitions]
        if len(names) != len(set(names)):
            raise ValueError(f"{self.name}: transition names repeat")
        for t in self.transitions:
            unknown = {*t.sources, t.target} - set(self.stages)
            if unknown:
                raise ValueError(f"{self.name}.{t.name}: unknown stages {sorted(unknown)}")
        for stage, _role in self.editable:
            if stage not in self.stages:
                raise ValueError(f"{self.name}: editable fields given for unknown stage {stage!r}")

    @property
    def final(self) -> frozenset[str]:
        """Stages no transition leaves."""
        return frozenset(s for s in self.stages if not any(s in t.sources for t in self.transitions))

    def transition(self, name: str) -> Transition:
        for t in self.transitions:
            if t.name == name:
                return t
        raise WorkflowRefusal("unknown_transition", self.name, name)

    def check(self, name: str, *, stage: str, roles: Iterable[str]) -> Transition:
        """The transition `name` if one of `roles` may fire it from `stage`; else a WorkflowRefusal saying why."""
        transition = self.transition(name)
        roles = frozenset(roles)
        if not roles & transition.roles:
            raise WorkflowRefusal("not_permitted", self.name, name, roles=tuple(sorted(transition.roles)))
        if stage not in transition.sources:
            raise WorkflowRefusal("wrong_stage", self.name, name, stage=stage, allowed=transition.sources)
        return transition

    def offered(self, *, stage: str, roles: Iterable[str]) -> tuple[str, ...]:
        """The transitions the holder of `roles` may fire from `stage`, in table order (what a page offers)."""
        roles = frozenset(roles)
        return tuple(t.name for t in self.transitions if stage in t.sources and roles & t.roles)

    def editable_fields(self, *, stage: str, roles: Iterable[str]) -> frozenset[str]:
        return frozenset().union(*(self.editable.get((stage, role), frozenset()) for role in roles))

    def check_edit(self, fields: Iterable[str], *, stage: str, roles: Iterable[str]) -> None:
        """Refuse if any of `fields` is not editable by `roles` in `stage`."""
        locked = sorted(set(fields) - self.editable_fields(stage=stage, roles=roles))
        if locked:
            raise WorkflowRefusal("field_locked", self.name, "", stage=stage, fields=tuple(locked))


# The drawing of lots in a session: the input is frozen (prepared), its SHA-256 announced (committed), the seed
# chosen and the draw run (provisional; redraws and declines happen here), then confirmed; until confirmed
# it may be cancelled, and a cancelled attempt stays on record.
DRAW = Machine(
    name="draw",
    stages=("prepared", "committed", "provisional", "confirmed", "cancelled"),
    initial="prepared",
    transitions=(
        Transition("commit", ("prepared",), "committed", frozenset({SECRETARIAT})),
        Transition("run", ("committed",), "provisional", frozenset({SECRETARIAT})),
        Transition("redraw", ("provisional",), "provisional", frozenset({SECRETARIAT})),
        Transition("confirm", ("provisional",), "confirmed", frozenset({SECRETARIAT})),
        Transition("cancel", ("prepared", "committed", "provisional"), "cancelled", frozenset({SECRETARIAT})),
    ),
    editable={
        ("prepared", SECRETARIAT): frozenset({"cancel_reason"}),
        ("committed", SECRETARIAT): frozenset({"seed", "seed_kind", "seed_count", "seed_source", "cancel_reason"}),
        ("provisional", SECRETARIAT): frozenset({"record", "cancel_reason"}),
    },
)

# A phase of a country review. Each stage names what the phase waits for; completing it moves the phase on.
# The focal point of the State under review (or the secretariat, from a note verbale) records the focal point
# and the experts named and submits the questionnaire; the reviewing States send their written feedback. The
# stages after the feedback are the outcome's; the secretariat moves them on until those steps have pages.
PHASE = Machine(
    name="phase",
    stages=("focal_point", "experts", "questionnaire", "feedback", "dialogue", "observations", "summary", "closed"),
    initial="focal_point",
    transitions=(
        Transition("focal_point_named", ("focal_point",), "experts", frozenset({SECRETARIAT, FOCAL_POINT})),
        Transition("experts_named", ("experts",), "questionnaire", frozenset({SECRETARIAT, FOCAL_POINT})),
        Transition("questionnaire_submitted", ("questionnaire",), "feedback", frozenset({SECRETARIAT, FOCAL_POINT})),
        Transition("feedback_sent", ("feedback",), "dialogue", frozenset({SECRETARIAT, REVIEWER_FOCAL_POINT})),
        Transition("dialogue_held", ("dialogue",), "observations", frozenset({SECRETARIAT, REVIEWER_FOCAL_POINT})),
        Transition("observations_adopted", ("observations",), "summary", frozenset({SECRETARIAT})),
        Transition("summary_agreed", ("summary",), "closed", frozenset({SECRETARIAT})),
    ),
    editable={
        ("focal_point", SECRETARIAT): frozenset({"focal_point"}),
        ("experts", SECRETARIAT): frozenset({"experts"}),
        ("experts", FOCAL_POINT): frozenset({"experts"}),
        ("questionnaire", SECRETARIAT): frozenset({"experts"}),
        ("questionnaire", FOCAL_POINT): frozenset({"experts", "answers"}),
        ("questionnaire", EXPERT): frozenset({"answers"}),
        ("feedback", REVIEWER_FOCAL_POINT): frozenset({"feedback"}),
        ("feedback", REVIEWER_EXPERT): frozenset({"feedback"}),
    },
)

# The step that completes each stage of a phase (the stage a phase leaves when the step is taken).
PHASE_STEP_OF_STAGE: dict[str, str] = {
    source: transition.name for transition in PHASE.transitions for source in transition.sources
}

# The self-assessment questionnaire of one phase: governmental experts of the State under review and its focal
# point draft the answers; only the focal point clears and submits them; the secretariat may reopen a submitted
# questionnaire at the State's request (the reopening is recorded, and every answer's history is kept).
QUESTIONNAIRE = Machine(
    name="questionnaire",
    stages=("draft", "submitted"),
    initial="draft",
    transitions=(
        Transition("submit", ("draft",), "submitted", frozenset({FOCAL_POINT})),
        Transition("reopen", ("submitted",), "draft", frozenset({SECRETARIAT})),
    ),
    editable={
        ("draft", FOCAL_POINT): frozenset({"answer"}),
        ("draft", EXPERT): frozenset({"answer"}),
    },
)

# One item of a reviewing State's written feedback on one article of a submitted questionnaire: its experts (and
# its focal point) draft it; only its focal point clears it, and only then does the State under review see it.
# Cleared feedback is never edited again (a correction is a message in its thread); a draft may be withdrawn,
# and a withdrawn item stays on record. The secretariat drafts only where the rules say it "drafts" (seed
# para 16): the services add its role to the table's roles only then.
FEEDBACK = Machine(
    name="feedback",
    stages=("draft", "cleared", "withdrawn"),
    initial="draft",
    transitions=(
        Transition("clear", ("draft",), "cleared", frozenset({REVIEWER_FOCAL_POINT})),
        Transition(
            "withdraw", ("draft",), "withdrawn", frozenset({REVIEWER_FOCAL_POINT, REVIEWER_EXPERT, SECRETARIAT})
        ),
    ),
    editable={
        ("draft", REVIEWER_FOCAL_POINT): frozenset({"kind", "article", "question", "text"}),
        ("draft", REVIEWER_EXPERT): frozenset({"kind", "article", "question", "text"}),
        ("draft", SECRETARIAT): frozenset({"kind", "article", "question", "text"}),
    },
)

# The dialogue on one cleared feedback item: the State under review's experts and focal point answer, the
# reviewing State's people reply, and the reviewing State closes it when resolved (or opens it again). The
# secretariat writes in it only where the rules say it "assists" or "drafts".
THREAD = Machine(
    name="thread",
    stages=("open", "closed"),
    initial="open",
    transitions=(
        Transition("close", ("open",), "closed", frozenset({REVIEWER_FOCAL_POINT, REVIEWER_EXPERT})),
        Transition("reopen", ("closed",), "open", frozenset({REVIEWER_FOCAL_POINT, REVIEWER_EXPERT, FOCAL_POINT})),
    ),
    editable={
        ("open", FOCAL_POINT): frozenset({"message"}),
        ("open", EXPERT): frozenset({"message"}),
        ("open", REVIEWER_FOCAL_POINT): frozenset({"message"}),
        ("open", REVIEWER_EXPERT): frozenset({"message"}),
        ("open", SECRETARIAT): frozenset({"message"}),
    },
)


def _agreed_outcome(name: str, content: frozenset[str], after: Mapping[tuple[str, str], frozenset[str]]) -> Machine:
    """A text the reviewing States draft and both sides agree to: each reviewing State's focal point agrees
    (the step moves it on once every reviewing State has), then the State under review's focal point; the
    secretariat records it final. A focal point may send it back to draft, saying why; once final it is
    never edited again. Comments are kept at every stage but the last."""
    drafters = (REVIEWER_FOCAL_POINT, REVIEWER_EXPERT, SECRETARIAT_DRAFTING)
    commenters = (*drafters, FOCAL_POINT, EXPERT, SECRETARIAT_ASSISTING)
    open_stages = ("draft", "agreed_by_reviewing", "agreed_by_under_review")
    editable: dict[tuple[str, str], frozenset[str]] = {}
    for stage in open_stages:
        for role in commenters:
            editable[(stage, role)] = frozenset({"comment"}) | (content if stage == "draft" and role in drafters
                                                                 else frozenset())
    editable.update(after)
    return Machine(
        name=name,
        stages=("draft", "agreed_by_reviewing", "agreed_by_under_review", "final"),
        initial="draft",
        transitions=(
            Transition("agree_reviewing", ("draft",), "agreed_by_reviewing", frozenset({REVIEWER_FOCAL_POINT})),
            Transition("agree_under_review", ("agreed_by_reviewing",), "agreed_by_under_review",
                       frozenset({FOCAL_POINT})),
            Transition("finalise", ("agreed_by_under_review",), "final", frozenset({SECRETARIAT})),
            Transition("return_to_draft", ("agreed_by_reviewing", "agreed_by_under_review"), "draft",
                       frozenset({REVIEWER_FOCAL_POINT, FOCAL_POINT})),
        ),
        editable=editable,
    )


# The list of observations of a phase, drafted per article by the reviewing States' experts (and by the
# secretariat when the rules let it draft): observations, suggestions, technical-assistance needs.
# Once final, the State under review reports its follow-up of each suggestion, for years after.
OBSERVATION_LIST = _agreed_outcome(
    "observation_list", frozenset({"observation", "suggestion", "need"}),
    {("final", FOCAL_POINT): frozenset({"follow_up"}), ("final", EXPERT): frozenset({"follow_up"})},
)

# The summary of a phase's list of observations: assembled from the final list as a first draft, agreed alike.
SUMMARY = _agreed_outcome("summary", frozenset({"summary"}), {})

# One language version of an outcome document. The platform generates the version in the document's own language
# from the list or the summary and the Word template of that language: it is the original (generating again keeps
# it so). A version in another language starts as a copy of the original with that language's template, and a
# translation is requested at once; the secretariat records the translated file, then verifies it. A translated
# or verified version is requested again when the original changed or a mistake is found.
DOCUMENT_VERSION = Machine(
    name="document_version",
    stages=("original", "translation_requested", "translated", "verified"),
    initial="original",
    transitions=(
        Transition("regenerate", ("original",), "original", frozenset({SECRETARIAT})),
        Transition("request_translation", ("original", "translated", "verified"), "translation_requested",
                   frozenset({SECRETARIAT})),
        Transition("record_translation", ("translation_requested", "translated"), "translated",
                   frozenset({SECRETARIAT})),
        Transition("verify", ("translated",), "verified", frozenset({SECRETARIAT})),
    ),
    editable={
        ("original", SECRETARIAT): frozenset({"words", "pages", "note"}),
        ("translation_requested", SECRETARIAT): frozenset({"file", "words", "pages", "note"}),
        ("translated", SECRETARIAT): frozenset({"file", "words", "pages", "note"}),
        ("verified", SECRETARIAT): frozenset({"note"}),
    },
)

MACHINES: dict[str, Machine] = {
    machine.name: machine
    for machine in (DRAW, PHASE, QUESTIONNAIRE, FEEDBACK, THREAD, OBSERVATION_LIST, SUMMARY, DOCUMENT_VERSION)
}
