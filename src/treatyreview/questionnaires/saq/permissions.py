"""Who may do what with questionnaire templates: the secretariat keeps them; published versions are for all."""

from __future__ import annotations

from treatyreview.accounts.permissions import Visitor, is_secretariat


def can_edit_templates(user: Visitor | None) -> bool:
    """The secretariat edits, imports and publishes templates; `None` is the operator at the command line."""
    return user is None or is_secretariat(user)


def can_see_drafts(user: Visitor) -> bool:
    return is_secretariat(user)
