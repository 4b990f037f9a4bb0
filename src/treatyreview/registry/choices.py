"""The enumerations of the registry's domain values, each with its translated label."""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


# The values are those of the framework-free core (`mechanism.lots.INSTRUMENTS`) and of the reference data
# (`data/instruments.csv`); the labels are the UN short titles (`data/terminology.csv`). The docstring is
# also the description of the API's `instrument` parameter.
class InstrumentCode(models.TextChoices):
    """The Convention and its three Protocols, in the order the mechanism reviews them."""

    UNTOC = "UNTOC", _("Organized Crime Convention")
    TIP = "TIP", _("Trafficking in Persons Protocol")
    SOM = "SOM", _("Smuggling of Migrants Protocol")
    FIREARMS = "FIREARMS", _("Firearms Protocol")


# The name as it reads inside a sentence ("not party to %(instrument)s"): with its article where the
# language has one, and in the case the sentence needs where the language declines it (Russian genitive).
INSTRUMENT_IN_SENTENCE: dict[InstrumentCode, Promise] = {
    InstrumentCode.UNTOC: _("the Convention"),
    InstrumentCode.TIP: _("the Trafficking in Persons Protocol"),
    InstrumentCode.SOM: _("the Smuggling of Migrants Protocol"),
    InstrumentCode.FIREARMS: _("the Firearms Protocol"),
}


def instrument_label(code: str) -> str:
    """The instrument's short title in the interface language, e.g. for a column head or a list."""
    return str(InstrumentCode(code).label)


def instrument_in_sentence(code: str) -> str:
    """The instrument's name as it reads inside a sentence, in the interface language."""
    return str(INSTRUMENT_IN_SENTENCE[InstrumentCode(code)])
