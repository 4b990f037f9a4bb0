"""The words of the draw screens: exclusion reasons and instruments, translated from the core's codes."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from treatyreview.mechanism import lots
from treatyreview.registry.choices import INSTRUMENT_IN_SENTENCE
from treatyreview.reviews.cycles.choices import Slot

# Instruments inside a sentence ("not party to the Firearms Protocol") and slots, from the shared enumerations.
INSTRUMENT_NAMES: dict[str, Promise] = {str(code): name for code, name in INSTRUMENT_IN_SENTENCE.items()}
SLOT_NAMES = {slot.value: slot.label for slot in Slot}
CANNOT_REVIEW_DETAILS = {
    "no_experts": gettext_lazy("no governmental experts listed"),
    "opted_out": gettext_lazy("opted out"),
    "deferred": gettext_lazy("deferred"),
    "reio_not_designated": gettext_lazy("regional economic integration organization not designated as reviewer"),
}


def reason_text(
    reason: lots.Reason, names: dict[str, str], unknown: set[tuple[str, str]] | None = None, candidate: str = ""
) -> str:
    """One exclusion reason in the reader's language; State codes become names.

    `unknown` holds the (State, instrument) pairs whose standing is not established: the draw treats them as
    not party, and the reason says that the standing is unknown rather than that the State is not party.
    """
    params = {key: value for key, value in reason.params}

    def name(code: object) -> str:
        return names.get(str(code), str(code))

    code = reason.code
    if code == "same_state":
        return _("same State")
    if code == "cannot_review":
        detail = str(params.get("detail", ""))
        return _("cannot review (%(detail)s)") % {"detail": CANNOT_REVIEW_DETAILS.get(detail, detail)}
    if code == "not_party":
        instrument = str(params["instrument"])
        if unknown and (candidate, instrument) in unknown:
            return _("standing under %(instrument)s not established") % {
                "instrument": INSTRUMENT_NAMES.get(instrument, instrument)
            }
        return _("not party to %(instrument)s") % {"instrument": INSTRUMENT_NAMES.get(instrument, instrument)}
    if code == "not_designated":
        instrument = str(params["instrument"])
        return _("not designated to review for %(instrument)s") % {
            "instrument": INSTRUMENT_NAMES.get(instrument, instrument)
        }
    if code == "not_same_group":
        return _("not in the same regional group")
    if code == "no_regional_group":
        return _("has no regional group either")
    if code == "same_group":
        return _("same regional group")
    if code == "excluded_pair":
        return _("excluded pair")
    if code == "refused":
        return _("refused in an earlier redraw")
    if code == "mutual":
        return _("would be mutual: %(reviewer)s reviews %(under_review)s") % {
            "reviewer": name(params["reviewer"]),
            "under_review": name(params["under_review"]),
        }
    if code == "already_reviewing":
        return _("already reviews this State in another slot")
    if code == "load_limit":
        return _("load limit reached (%(load)s of %(limit)s)") % {"load": params["load"], "limit": params["limit"]}
    if code == "no_supplementary":
        instrument = str(params["instrument"])
        return _("no eligible reviewer party to %(instrument)s for the supplementary draw") % {
            "instrument": INSTRUMENT_NAMES.get(instrument, instrument)
        }
    if code == "max_reviewers":
        return _("would need %(needed)s reviewing States (the limit is %(limit)s)") % {
            "needed": params["needed"],
            "limit": params["limit"],
        }
    return reason.message


# The steps of the draw session (the transitions of mechanism.workflow.DRAW), as the buttons name them.
STEP_NAMES = {
    "commit": gettext_lazy("Publish the commitment"),
    "run": gettext_lazy("Draw"),
    "redraw": gettext_lazy("Redraw this slot"),
    "confirm": gettext_lazy("Confirm the draw"),
    "cancel": gettext_lazy("Cancel the draw"),
}

# Notes the record carries about a State under review, by their code.
NOTE_TEXTS = {
    "no_regional_group": gettext_lazy("%(state)s has no regional group: its same-group slot is filled from any group."),
}


def note_text(code: str, state_name: str, fallback: str = "") -> str:
    text = NOTE_TEXTS.get(code)
    return str(text) % {"state": state_name} if text is not None else fallback
