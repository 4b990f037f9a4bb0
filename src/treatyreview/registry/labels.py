"""Names the registry shows in the interface language (the stored reference data is in English)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

INSTRUMENT_NAMES: dict[str, Promise] = {
    "UNTOC": _("Organized Crime Convention"),
    "TIP": _("Trafficking in Persons Protocol"),
    "SOM": _("Smuggling of Migrants Protocol"),
    "FIREARMS": _("Firearms Protocol"),
}

CONSENT_TYPE_NAMES: dict[str, Promise] = {
    "ratification": _("ratification"),
    "acceptance": _("acceptance"),
    "approval": _("approval"),
    "accession": _("accession"),
    "succession": _("succession"),
}

# The working languages of a State, by the codes of mechanism.rules.LANGUAGES.
LANGUAGE_NAMES: dict[str, Promise] = {
    "ar": _("Arabic"),
    "zh": _("Chinese"),
    "en": _("English"),
    "fr": _("French"),
    "ru": _("Russian"),
    "es": _("Spanish"),
}

REGIONAL_GROUP_NAMES: dict[str, Promise] = {
    "AFRICAN": _("African States"),
    "APG": _("Asia-Pacific States"),
    "EEG": _("Eastern European States"),
    "GRULAC": _("Latin American and Caribbean States"),
    "WEOG": _("Western European and other States"),
}


def instrument_name(code: str) -> str:
    return str(INSTRUMENT_NAMES.get(code, code))


def regional_group_name(group: object | None) -> str:
    if group is None:
        return str(_("No regional group"))
    return str(REGIONAL_GROUP_NAMES.get(getattr(group, "code", ""), str(group)))
