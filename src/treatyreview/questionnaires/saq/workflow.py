"""The stage machine of a template version, as data: a draft is edited, then published (frozen) or withdrawn."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from treatyreview.mechanism.workflow import SECRETARIAT, Machine, Transition

# A draft's questions change; a published version never does (answers refer to it). Withdrawing a published
# version stops it being offered to new phases; the answers already given to it keep referring to it.
TEMPLATE_VERSION = Machine(
    name="template_version",
    stages=("draft", "published", "withdrawn"),
    initial="draft",
    transitions=(
        Transition("publish", ("draft",), "published", frozenset({SECRETARIAT})),
        Transition("withdraw", ("draft", "published"), "withdrawn", frozenset({SECRETARIAT})),
    ),
    editable={("draft", SECRETARIAT): frozenset({"questions"})},
)

STEP_LABELS = {"publish": _("Publish"), "withdraw": _("Withdraw")}
