"""The only way to read confidential registry records: permission checked, read logged.

Each `access_<thing>` function fetches the record, checks that the user may see it, writes the read to
the audit log in the same transaction, and answers `NotFound` to anyone not entitled — the same answer
as for a record that does not exist, so a refusal never reveals what exists. Pages and API endpoints
read governmental experts (names, e-mail addresses) only through here.
"""

from __future__ import annotations

from django.db import transaction

from treatyreview.accounts.models import User
from treatyreview.accounts.permissions import can_view_experts
from treatyreview.audit import services as audit
from treatyreview.errors import NotFound
from treatyreview.registry import selectors
from treatyreview.registry.models import GovernmentalExpert, State

# Audit actions of the reads; the list keeps the name it was logged under before these helpers existed.
EXPERT_LIST_READ = "experts.read"
EXPERT_READ = "expert.read"


@transaction.atomic
def access_expert_list(user: User, state: State) -> list[GovernmentalExpert]:
    """A State's list of governmental experts, for the secretariat and that State's focal point and experts.

    Returned as a list, read inside the transaction that logs it (a lazy queryset would be read later).
    """
    if not can_view_experts(user, state):
        raise NotFound
    experts = list(selectors.expert_list(user=user, state=state))
    audit.record(actor=user, action=EXPERT_LIST_READ, target=state)
    return experts


@transaction.atomic
def access_expert(user: User, pk: int, *, state: State | None = None) -> GovernmentalExpert:
    """One governmental expert, for those who may see the list the expert is on.

    With `state`, the expert must be on that State's list (the State named in the address).
    """
    expert = GovernmentalExpert.objects.select_related("state", "nomination").filter(pk=pk).first()
    if expert is None or (state is not None and expert.state_id != state.pk):
        raise NotFound
    if not can_view_experts(user, expert.state):
        raise NotFound  # the same answer as for no such expert
    audit.record(actor=user, action=EXPERT_READ, target=expert)
    return expert
