"""The roles of the permission matrix: everyone the platform can be asked by, as issue 10 lists them.

Three States play a part: AUT is under review, KEN and BRA review it, PHL takes no part in that review. Every
role is a person holding that one grant (the anonymous public holds none).
"""

from __future__ import annotations

from treatyreview.accounts.models import Role

UNDER_REVIEW = "AUT"
REVIEWING = "KEN"
ALSO_REVIEWING = "BRA"
UNRELATED = "PHL"

# name: (role, State) — a name is how a row of the matrix says who may see an object.
ROLES: dict[str, tuple[str, str | None] | None] = {
    "secretariat": (Role.SECRETARIAT, None),
    "focal-under-review": (Role.FOCAL_POINT, UNDER_REVIEW),
    "expert-under-review": (Role.EXPERT, UNDER_REVIEW),
    "observer-under-review": (Role.OBSERVER, UNDER_REVIEW),
    "focal-reviewing": (Role.FOCAL_POINT, REVIEWING),
    "expert-reviewing": (Role.EXPERT, REVIEWING),
    "observer-reviewing": (Role.OBSERVER, ALSO_REVIEWING),
    "focal-unrelated": (Role.FOCAL_POINT, UNRELATED),
    "expert-unrelated": (Role.EXPERT, UNRELATED),
    "observer-unrelated": (Role.OBSERVER, UNRELATED),
    "delegate": (Role.DELEGATE, None),
    "civil-society": (Role.CIVIL_SOCIETY, None),
    "anonymous": None,
}

# Groups to write the rows with.
SECRETARIAT = frozenset({"secretariat"})
STATE_UNDER_REVIEW = frozenset({"focal-under-review", "expert-under-review"})
OBSERVER_UNDER_REVIEW = frozenset({"observer-under-review"})
REVIEWING_STATE = frozenset({"focal-reviewing", "expert-reviewing"})
OBSERVER_REVIEWING = frozenset({"observer-reviewing"})
SIGNED_IN = frozenset(name for name in ROLES if name != "anonymous")
EVERYONE = frozenset(ROLES)
NOBODY: frozenset[str] = frozenset()
