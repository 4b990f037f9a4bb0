"""Who may see and change library records: public records for everyone; a record restricted to a State's own
review for the secretariat, that State's focal point, experts and observers, and those of the States reviewing
it; additions and changes by the secretariat, or by a State's focal point for that State's records.

Who reviews whom is known to the reviews, which sit beside the library in the layers: the app above both
registers that rule here once (`register_reviewed_states`, see `treatyreview.web.library`).
"""

from __future__ import annotations

from collections.abc import Callable

from treatyreview.accounts.models import Role
from treatyreview.accounts.permissions import Visitor, is_secretariat, states_of
from treatyreview.knowledge.models import LegalRecord, Visibility
from treatyreview.knowledge.search import Scope

# The roles of a State's people who read its restricted records (and, in a review, those of its reviewers).
READER_ROLES = (Role.FOCAL_POINT, Role.EXPERT, Role.OBSERVER)

ReviewedStates = Callable[[Visitor], frozenset[int]]
_reviewed_states: list[ReviewedStates] = []


def register_reviewed_states(provider: ReviewedStates) -> None:
    """Add the rule giving, for a user, the States under review whose review the user takes part in as a
    reviewing State's focal point, expert or observer."""
    if provider not in _reviewed_states:
        _reviewed_states.append(provider)


def reviewed_states_of(user: Visitor) -> frozenset[int]:
    found: set[int] = set()
    for provider in _reviewed_states:
        found |= provider(user)
    return frozenset(found)


def restricted_states_readable(user: Visitor) -> frozenset[int]:
    """The States whose restricted records `user` reads: the user's own, and those the user's State reviews."""
    return frozenset(states_of(user, *READER_ROLES)) | reviewed_states_of(user)


def search_scope(user: Visitor) -> Scope:
    """The records a reader's searches cover."""
    if is_secretariat(user):
        return Scope(all_records=True)
    return Scope(state_ids=restricted_states_readable(user))


def can_view_record(user: Visitor, record: LegalRecord) -> bool:
    if record.visibility == Visibility.PUBLIC or is_secretariat(user):
        return True
    return record.state_id in restricted_states_readable(user)


def can_add_records(user: Visitor) -> bool:
    return is_secretariat(user) or bool(states_of(user, Role.FOCAL_POINT))


def can_add_record_for(user: Visitor, state_id: int) -> bool:
    return is_secretariat(user) or state_id in states_of(user, Role.FOCAL_POINT)


def can_edit_record(user: Visitor, record: LegalRecord) -> bool:
    return can_add_record_for(user, record.state_id)


def can_edit_themes(user: Visitor) -> bool:
    return is_secretariat(user)


def can_import_records(user: Visitor) -> bool:
    return is_secretariat(user)
