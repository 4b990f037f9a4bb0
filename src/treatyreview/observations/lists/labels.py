"""The words of the list and summary pages: the steps of their machines as buttons name them, what may be edited
as a refusal names it, and what a comment or a version is about."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

STEP_NAMES: dict[str, Promise] = {
    "agree_reviewing": _("agree on behalf of your reviewing State"),
    "agree_under_review": _("agree on behalf of the State under review"),
    "finalise": _("record as final"),
    "return_to_draft": _("send back to draft"),
}

FIELD_NAMES: dict[str, Promise] = {
    "observation": _("the observations"),
    "implementation": _("implementation as the State describes it"),
    "successes": _("successes and good practices"),
    "challenges": _("challenges"),
    "suggestion": _("the suggestions"),
    "need": _("the technical assistance needs"),
    "comment": _("comments"),
    "follow_up": _("the follow-up of suggestions"),
    "summary": _("the summary"),
}

SUBJECT_NAMES: dict[str, Promise] = {
    "list": _("the list of observations"),
    "summary": _("the summary"),
}
