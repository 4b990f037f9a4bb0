"""Who may see and change library records: public records for everyone; a record restricted to a State's own
review for the secretariat and that State's focal point and experts; additions and changes by the secretariat,
or by a State's focal point for that State's records."""

from __future__ import annotations

from treatyreview.accounts.models import Role
from treatyreview.accounts.permissions import Visitor, is_secretariat, states_of
from treatyreview.knowledge.models import LegalRecord, Visibility
from treatyreview.knowledge.search import Scope


def search_scope(user: Visitor) -> Scope:
    """The records a reader's searches cover."""
    if is_secretariat(user):
        return Scope(all_records=True)
    return Scope(state_ids=frozenset(states_of(user)))


def can_view_record(user: Visitor, record: LegalRecord) -> bool:
    if record.visibility == Visibility.PUBLIC or is_secretariat(user):
        return True
    return record.state_id in states_of(user)


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
