"""Reads of the registry; experts are filtered by who may see them.

Pages read experts through `registry.access`, which also logs the read; the query is built here.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from treatyreview.accounts.models import Nomination, User
from treatyreview.accounts.permissions import is_secretariat, states_of
from treatyreview.registry.collation import sorted_by_name
from treatyreview.registry.models import (
    Article,
    Competence,
    GovernmentalExpert,
    Instrument,
    Participation,
    State,
    StateName,
)
from treatyreview.registry.names import ShownName, shown, un_language


def instrument_list() -> QuerySet[Instrument]:
    return Instrument.objects.prefetch_related("titles").order_by("position")


def state_list(
    *, group: str | None = None, instrument: str | None = None, status: str = "party", all_names: bool = False
) -> list[State]:
    """States in alphabetical order of their names in the reader's language, never by any measure of implementation.

    A page needs only the names in the reader's language (what it shows and sorts by): a sixth of the objects to
    build for 193 States. The API gives every State's names in all six languages (`all_names`)."""
    names = StateName.objects.all() if all_names else (
        StateName.objects.filter(language=un_language(None)).only("pk", "state_id", "language", "short_name"))
    states = State.objects.select_related("regional_group").prefetch_related(
        Prefetch("participations", queryset=Participation.objects.select_related("instrument")),
        Prefetch("names", queryset=names),
    )
    if group:
        states = (
            states.filter(regional_group__code=group) if group != "none" else states.filter(regional_group__isnull=True)
        )
    if instrument:
        states = states.filter(participations__instrument__code=instrument, participations__status=status)
    return sorted_by_name(states.order_by("name"), State.name_in)


def state_get(*, code: str) -> State:
    return State.objects.select_related("regional_group").prefetch_related("names").get(code=code.upper())


def state_names(*, language: str | None = None) -> dict[str, ShownName]:
    """`{code: name}` of every State in a UN language (the active one by default), English where no name is sourced."""
    language = un_language(language)
    sourced = dict(
        StateName.objects.filter(language=language, short_name__gt="").values_list("state__code", "short_name")
    )
    english = State.objects.values_list("code", "name")
    return {code: shown(sourced.get(code, ""), name, language) for code, name in english}


def participation_by_instrument(state: State) -> list[Participation]:
    return list(state.participations.select_related("instrument").order_by("instrument__position"))


def articles_by_cluster() -> QuerySet[Article]:
    return Article.objects.select_related("instrument").prefetch_related("titles").order_by(
        "instrument__position", "number"
    )


def expert_list(*, user: User, state: State | None = None) -> QuerySet[GovernmentalExpert]:
    """The experts the user may see (all of them for the secretariat), optionally of one State; not logged."""
    experts = GovernmentalExpert.objects.select_related("state", "nomination")
    if not is_secretariat(user):
        experts = experts.filter(state_id__in=states_of(user))
    if state is not None:
        experts = experts.filter(state=state)
    return experts.order_by("state__name", "full_name")


def nomination_list(*, user: User, state: State) -> QuerySet[Nomination]:
    """The notes verbales behind a State's nominations: kept by the secretariat."""
    if not is_secretariat(user):
        return Nomination.objects.none()
    return Nomination.objects.filter(state=state).select_related("recorded_by").order_by("-note_verbale_date", "id")


def competence_list(*, state: State) -> QuerySet[Competence]:
    competences = Competence.objects.filter(state=state).select_related("article__instrument")
    return competences.prefetch_related("article__titles").order_by("article__instrument__position", "article__number")


def expert_ids(state: State) -> list[int]:
    """The ids (and nothing else) of a State's governmental experts: to find the audit events about them."""
    return list(GovernmentalExpert.objects.filter(state=state).values_list("pk", flat=True))
