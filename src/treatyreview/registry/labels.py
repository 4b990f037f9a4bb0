"""Names the registry shows in the interface language (the stored data is in English); instruments: `choices`."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from treatyreview.registry.loading import REGIONAL_GROUPS

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

# How the working languages of a State were established (states.csv `working_language_basis`; data README §3).
LANGUAGES_BASIS_NAMES: dict[str, Promise] = {
    "listed": _("listed among the languages of the country"),
    "inferred": _("inferred: none of the six UN languages is listed for the country"),
    "listed+inferred": _("listed among the languages of the country, with one more inferred"),
}

# Keyed by the English name of the group, which the reference data also uses (loading.REGIONAL_GROUPS).
REGIONAL_GROUP_NAMES: dict[str, Promise] = {
    "African States": _("African States"),
    "Asia-Pacific States": _("Asia-Pacific States"),
    "Eastern European States": _("Eastern European States"),
    "Latin American and Caribbean States": _("Latin American and Caribbean States"),
    "Western European and other States": _("Western European and other States"),
}


def regional_group_choices() -> list[tuple[str, str]]:
    """(code, name in the interface language) for each group, with the codes of the reference data."""
    return [(code, str(REGIONAL_GROUP_NAMES.get(name, name))) for name, code in REGIONAL_GROUPS.items()]


def regional_group_name(group: object | None) -> str:
    if group is None:
        return str(_("No regional group"))
    return str(REGIONAL_GROUP_NAMES.get(getattr(group, "name", ""), str(group)))
