"""Reads of lists of observations and summaries: every one goes through `access_list` or `access_summary`, which
check and log it; what a page or a document shows is assembled here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from treatyreview.accounts.permissions import Visitor
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.errors import NotFound
from treatyreview.observations.lists import permissions
from treatyreview.observations.lists.choices import SUMMARY_FIELDS, Stage, Subject
from treatyreview.observations.lists.models import (
    Agreement,
    AssistanceNeed,
    Comment,
    Observation,
    ObservationList,
    Recommendation,
    Summary,
)
from treatyreview.registry.models import Article
from treatyreview.reviews.models import Phase
from treatyreview.reviews.phases.selectors import phase_articles

# Which States made a document public: the publishing app replaces this in its `ready()` (it sits above this
# app in the layers, so this app cannot ask it directly). Until then no State is named.
public_state_ids: Callable[..., set[int]] = lambda *, kind=None: set()  # noqa: E731

SUMMARY_HEADINGS = {
    "introduction": _("Introduction"),
    "successes": _("Successes and good practices"),
    "challenges": _("Challenges in implementation"),
    "assistance_needs": _("Technical assistance needs"),
}


def _phase(phase_pk: int) -> Phase | None:
    return Phase.objects.select_related("review__state", "review__cycle__rules", "instrument").filter(
        pk=phase_pk).first()


def access_list(user: Visitor, phase_pk: int, *, action: str = AuditAction.OBSERVATION_LIST_READ) -> ObservationList:
    """The list of observations of a phase, its reading logged; `NotFound` for anyone not entitled, as for none."""
    observation_list = ObservationList.objects.select_related(
        "phase__review__state", "phase__review__cycle__rules", "phase__instrument").filter(phase_id=phase_pk).first()
    if observation_list is None or not permissions.can_read_list(user, observation_list):
        raise NotFound
    with transaction.atomic():
        audit.record(actor=user, action=action, target=observation_list)
    return observation_list


def access_summary(user: Visitor, phase_pk: int, *, action: str = AuditAction.SUMMARY_READ) -> Summary:
    summary = Summary.objects.select_related(
        "phase__review__state", "phase__review__cycle__rules", "phase__instrument").filter(phase_id=phase_pk).first()
    if summary is None or not permissions.can_read_summary(user, summary):
        raise NotFound
    with transaction.atomic():
        audit.record(actor=user, action=action, target=summary)
    return summary


def list_for_drafting(user: Visitor, phase_pk: int) -> ObservationList:
    """The list a reviewer is writing a suggestion for, checked but not logged: the similar suggestions offered
    while typing show nothing of this list (its reading was logged when the page opened), and a read logged at
    every pause in typing would drown the reads that matter. `NotFound` for anyone not entitled."""
    observation_list = ObservationList.objects.select_related(
        "phase__review__state", "phase__review__cycle__rules", "phase__instrument").filter(phase_id=phase_pk).first()
    if observation_list is None or not permissions.can_read_list(user, observation_list):
        raise NotFound
    return observation_list


def access_phase(user: Visitor, phase_pk: int) -> Phase:
    """A phase whose outcome pages the user may open (its participants and the secretariat); not logged: it
    shows nothing of the content."""
    phase = _phase(phase_pk)
    if phase is None or not permissions.is_participant(user, phase):
        raise NotFound
    return phase


def _prefetched(phase: Any, name: str) -> tuple[bool, Any]:
    """(True, the phase's list or summary or None) when a list of phases prefetched it (`prefetch_related_objects`)."""
    related = getattr(type(phase), name).related
    if related.is_cached(phase):
        return True, related.get_cached_value(phase)
    return False, None


def list_of_phase(phase: Any) -> ObservationList | None:
    """The phase's list, unchecked and unlogged: for code that has checked access already."""
    found, value = _prefetched(phase, "observation_list")
    return value if found else ObservationList.objects.filter(phase=phase).first()


def summary_of_phase(phase: Any) -> Summary | None:
    found, value = _prefetched(phase, "summary")
    return value if found else Summary.objects.filter(phase=phase).first()


@dataclass
class ArticleEntry:
    """One article of a list of observations with all the list says about it."""

    article: Article
    observation: Observation | None
    suggestions: list[Recommendation] = field(default_factory=list)
    needs: list[AssistanceNeed] = field(default_factory=list)
    earlier: list[Recommendation] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        observation = self.observation
        written = observation is not None and any(
            (observation.implementation, observation.successes, observation.challenges))
        return not (written or self.suggestions or self.needs)


def list_entries(observation_list: ObservationList, *, with_earlier: bool = False) -> list[ArticleEntry]:
    """Every article of the phase in order, each with its observation, suggestions and needs (and, asked, the
    suggestions made on it in the State's earlier final lists)."""
    articles = phase_articles(observation_list.phase)
    observations = {o.article_id: o for o in observation_list.observations.select_related("updated_by")}
    entries = {article.pk: ArticleEntry(article=article, observation=observations.get(article.pk))
               for article in articles}
    for suggestion in observation_list.recommendations.select_related("created_by").order_by("article_id", "pk"):
        if suggestion.article_id in entries:
            entries[suggestion.article_id].suggestions.append(suggestion)
    for need in observation_list.needs.order_by("article_id", "pk"):
        if need.article_id in entries:
            entries[need.article_id].needs.append(need)
    if with_earlier:
        for suggestion in earlier_suggestions(observation_list.phase, list(entries)):
            entries[suggestion.article_id].earlier.append(suggestion)
    return list(entries.values())


def earlier_suggestions(phase: Any, article_ids: list[int]) -> list[Recommendation]:
    """The suggestions on these articles in the State's final lists of other phases (earlier phases of this
    cycle, and earlier cycles), oldest first, with their follow-up."""
    return list(
        Recommendation.objects.filter(
            observation_list__phase__review__state_id=phase.review.state_id,
            observation_list__stage=Stage.FINAL,
            article_id__in=article_ids,
        )
        .exclude(observation_list__phase=phase)
        .select_related("observation_list__phase__review__cycle")
        .order_by("observation_list__final_at", "pk")
    )


def suggestions_of_state(state_id: int) -> list[Recommendation]:
    """Every suggestion of the State's final lists, for its follow-up page."""
    return list(
        Recommendation.objects.filter(observation_list__phase__review__state_id=state_id,
                                      observation_list__stage=Stage.FINAL)
        .select_related("article__instrument", "observation_list__phase__review__cycle")
        .prefetch_related("follow_ups__recorded_by")
        .order_by("-observation_list__final_at", "article__instrument__position", "article__number", "pk")
    )


def comments(phase: Any, subject: str) -> list[Comment]:
    return list(Comment.objects.filter(phase=phase, subject=subject).select_related("author", "article__instrument")
                .order_by("written_at", "pk"))


def agreements(phase: Any, subject: str) -> list[Agreement]:
    return list(Agreement.objects.filter(phase=phase, subject=subject).select_related("state", "agreed_by")
                .order_by("agreed_at", "pk"))


def agreed_state_ids(phase: Any, subject: str, step: str, version: int) -> set[int]:
    return set(Agreement.objects.filter(phase=phase, subject=subject, step=step, version=version)
               .values_list("state_id", flat=True))


def summary_sections(summary: Summary) -> list[tuple[str, str, str]]:
    """(field, heading in the reader's language, text) of each section of the summary, in order."""
    return [(name, str(SUMMARY_HEADINGS[name]), getattr(summary, name)) for name in SUMMARY_FIELDS]


def outcome_of_review(user: Visitor, review: Any) -> list[dict[str, Any]]:
    """Per phase of the review the user may read: its list of observations and summary (for the API)."""
    phases = Phase.objects.filter(review=review).select_related(
        "review__state", "review__cycle__rules", "instrument").order_by("position")
    out = []
    for phase in phases:
        observation_list = list_of_phase(phase)
        summary = summary_of_phase(phase)
        readable_list = observation_list is not None and permissions.can_read_list(user, observation_list)
        readable_summary = summary is not None and permissions.can_read_summary(user, summary)
        if readable_list or readable_summary:
            out.append({"phase": phase, "list": access_list(user, phase.pk) if readable_list else None,
                        "summary": access_summary(user, phase.pk) if readable_summary else None})
    return out


def public_list_state_ids() -> set[int]:
    """States whose list of observations (or public report of recommendations) is published: their suggestions
    may be shown with their name."""
    return set(public_state_ids(kind="list_of_observations")) | set(public_state_ids(kind="public_recommendations"))


SUBJECTS = dict(Subject.choices)


WORK_LABELS = {
    (Subject.LIST, "agree"): _("Agree to the list of observations"),
    (Subject.LIST, "draft"): _("Draft the list of observations"),
    (Subject.LIST, "read"): _("Read the list of observations"),
    (Subject.SUMMARY, "agree"): _("Agree to the summary"),
    (Subject.SUMMARY, "draft"): _("Draft the summary"),
    (Subject.SUMMARY, "read"): _("Read the summary"),
}


def work_actions(user: Visitor, phase: Any) -> list[tuple[str, str]]:
    """What "My work" offers a participant for the phase's outcome: (label, address), most pressing first."""
    from django.urls import reverse

    from treatyreview.mechanism.workflow import OBSERVATION_LIST, SUMMARY

    if not permissions.is_participant(user, phase):
        return []
    roles = permissions.outcome_roles(user, phase)
    observation_list = list_of_phase(phase)
    list_url = reverse("observation_list", args=[phase.pk])
    if observation_list is None:
        if phase.stage == "dialogue" and roles & {"reviewer_focal_point", "secretariat"}:
            return [(str(_("Begin the list of observations")), list_url)]
        return []
    actions: list[tuple[str, str]] = []
    mine = permissions.reviewing_state_ids_of(user, phase)
    for subject, target, machine, url in (
        (Subject.LIST, observation_list, OBSERVATION_LIST, list_url),
        (Subject.SUMMARY, summary_of_phase(phase), SUMMARY, reverse("summary_page", args=[phase.pk])),
    ):
        if target is None:
            continue
        offered = set(machine.offered(stage=target.stage, roles=roles))
        if "agree_reviewing" in offered and mine <= agreed_state_ids(phase, subject, "agree_reviewing",
                                                                     target.version):
            offered.discard("agree_reviewing")
        editable = machine.editable_fields(stage=target.stage, roles=roles)
        if offered & {"agree_reviewing", "agree_under_review", "finalise"}:
            doing = "agree"
        elif editable & {"observation", "summary"}:
            doing = "draft"
        else:
            doing = "read"
        actions.append((str(WORK_LABELS[(subject, doing)]), url))
    if observation_list.stage == Stage.FINAL and "follow_up" in OBSERVATION_LIST.editable_fields(
            stage=observation_list.stage, roles=roles):
        actions.append((str(_("Report the follow-up of the suggestions")), list_url))
    return actions
