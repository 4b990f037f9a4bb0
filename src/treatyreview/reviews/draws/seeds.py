"""Where a seed comes from, and what a seed of each kind must look like: checked before anything is drawn."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from treatyreview.errors import InvalidInput

SEED_MAX = 200
SOURCE_MAX = 300
DICE_MAX = 100


class SeedKind(models.TextChoices):
    DICE = "dice", gettext_lazy("Dice rolled in the session")
    BEACON = "beacon", gettext_lazy("A named round of a public randomness beacon")
    LOTTERY = "lottery", gettext_lazy("A national lottery result")
    OTHER = "other", gettext_lazy("Other (describe it)")


@dataclass(frozen=True)
class Seed:
    """A checked seed: the text the draw uses, its kind, the count of dice, and a description of its source."""

    kind: str
    value: str
    count: int | None
    source: str


def seed_check(*, kind: str, value: str, count: int | None = None, source: str = "", field: str = "seed") -> Seed:
    """Validate a seed by its kind; the error names the field (`field`, `<field>_kind`, `_count`, `_source`)."""
    value, source = value.strip(), source.strip()
    if kind not in SeedKind.values:
        raise InvalidInput(f"{field}_kind", _("choose where the seed comes from"))
    if not value:
        raise InvalidInput(field, _("enter the seed"))
    if len(value) > SEED_MAX:
        raise InvalidInput(field, _("a seed has at most %(max)s characters") % {"max": SEED_MAX})
    if len(source) > SOURCE_MAX:
        raise InvalidInput(f"{field}_source", _("at most %(max)s characters") % {"max": SOURCE_MAX})
    if kind == SeedKind.DICE:
        digits = re.sub(r"[\s,;]+", "", value)
        if not re.fullmatch(r"[1-6]+", digits):
            raise InvalidInput(field, _("dice show only the digits 1 to 6: enter each die's face, e.g. 3 5 2 6 1"))
        if count is None or not 1 <= count <= DICE_MAX:
            raise InvalidInput(
                f"{field}_count", _("give the number of dice rolled (1 to %(max)s)") % {"max": DICE_MAX}
            )
        if len(digits) != count:
            raise InvalidInput(
                field,
                _("%(count)s dice were rolled but %(digits)s faces were entered: enter one digit per die")
                % {"count": count, "digits": len(digits)},
            )
        return Seed(kind, " ".join(digits), count, source)
    if count is not None:
        raise InvalidInput(f"{field}_count", _("the number of dice applies only to dice"))
    if kind == SeedKind.BEACON:
        if not re.search(r"\d", source) or len(source) < 5:
            raise InvalidInput(
                f"{field}_source",
                _("name the beacon and its round, e.g. 'NIST Randomness Beacon, chain 2, pulse 1234567'"),
            )
        if re.search(r"\s", value):
            raise InvalidInput(field, _("enter the beacon's output value exactly, without spaces"))
    elif kind == SeedKind.LOTTERY:
        if not re.fullmatch(r"[0-9][0-9 ,;\-]*", value):
            raise InvalidInput(field, _("enter the numbers drawn, in the order drawn, e.g. 4 17 23 31 38 45"))
        if len(source) < 5:
            raise InvalidInput(f"{field}_source", _("name the lottery and the date of the draw"))
        value = " ".join(re.split(r"[\s,;]+", value))
    elif len(source) < 10:
        raise InvalidInput(f"{field}_source", _("describe where the seed comes from and how anyone can check it"))
    return Seed(kind, value, None, source)
