"""Every write to a summary: a first draft assembled from the final list of observations, edits (each kept as a
version), comments, and the focal points' agreements through the SUMMARY machine; the phase closes when the
summary is final."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from treatyreview.accounts.models import User
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.errors import InvalidInput, NotFound, NotPermitted, require_version
from treatyreview.listing import joined
from treatyreview.locking import locked
from treatyreview.mechanism import workflow
from treatyreview.mechanism.workflow import SUMMARY
from treatyreview.observations.lists import permissions, selectors, versions
from treatyreview.observations.lists.choices import SUMMARY_FIELDS, SUMMARY_TEXT_MAX, Stage, Subject
from treatyreview.observations.lists.models import Comment, ObservationList, Summary
from treatyreview.observations.lists.services import agreement_step, comment_write, require_outcome_edit
from treatyreview.questionnaires.answers.content import clean_text
from treatyreview.registry.choices import instrument_label
from treatyreview.registry.models import State
from treatyreview.reviews.models import Phase
from treatyreview.reviews.phases import services as phase_services
from treatyreview.reviews.phases.choices import Stage as PhaseStage


def _article_name(article: Any) -> str:
    return _("%(instrument)s, article %(number)s") % {"instrument": instrument_label(article.instrument.code),
                                                      "number": article.number}


def first_draft(observation_list: ObservationList) -> dict[str, str]:
    """The summary as the platform first drafts it from the list's structured fields, in the reader's language:
    who reviewed what, then per article the successes, the challenges with their suggestions, and the needs."""
    phase = observation_list.phase
    review = phase.review
    entries = selectors.list_entries(observation_list)
    reviewing = State.objects.filter(pk__in=permissions.reviewing_state_ids(phase)).order_by("name")
    introduction = _(
        "This summary presents the list of observations of the review of %(state)s, phase %(phase)s (cluster "
        "%(cluster)s) of the %(cycle)s, by %(reviewing)s. It covers %(articles)s articles; the list was agreed "
        "on %(date)s."
    ) % {"state": review.state.name_in(), "phase": phase.position, "cluster": phase.cluster, "cycle": review.cycle,
         "reviewing": joined(state.name_in() for state in reviewing) or "—", "articles": len(entries),
         "date": date_format(timezone.localtime(observation_list.final_at or timezone.now()), "DATE_FORMAT")}
    successes, challenges, needs = [], [], []
    for entry in entries:
        name = _article_name(entry.article)
        observation = entry.observation
        if observation is not None and observation.successes:
            successes.append(f"{name}: {observation.successes}")
        lines = [f"{name}: {observation.challenges}"] if observation is not None and observation.challenges else []
        if entry.suggestions:
            if not lines:
                lines.append(f"{name}:")
            lines.extend(_("– Suggestion: %(text)s") % {"text": s.text} for s in entry.suggestions)
        if lines:
            challenges.append("\n".join(lines))
        for need in entry.needs:
            received = _("assistance already received") if need.already_received else _("not yet received")
            text = f"{name}: {need.get_kind_display()} ({received})"
            needs.append(f"{text}. {need.description}" if need.description else text)
    return {"introduction": introduction, "successes": "\n\n".join(successes),
            "challenges": "\n\n".join(challenges), "assistance_needs": "\n".join(needs)}


def _roles(actor: User, phase: Phase) -> frozenset[str]:
    return permissions.outcome_roles(actor, phase)


def _locked(summary: Summary) -> Summary:
    return locked(Summary.objects).select_related(
        "phase__review__state", "phase__review__cycle__rules", "phase__instrument").get(pk=summary.pk)


def _readable(actor: User, summary: Summary) -> None:
    if not permissions.can_read_summary(actor, summary):
        raise NotFound


@transaction.atomic
def summary_begin(*, actor: User, phase: Phase) -> Summary:
    """Draft the summary of a phase whose list of observations is final; beginning again returns it."""
    phase = locked(Phase.objects).select_related("review__state", "review__cycle__rules").get(pk=phase.pk)
    if not permissions.is_participant(actor, phase):
        raise NotFound
    found = Summary.objects.filter(phase=phase).first()
    if found is not None:
        return found
    roles = _roles(actor, phase)
    if not roles & {workflow.REVIEWER_FOCAL_POINT, workflow.REVIEWER_EXPERT, workflow.SECRETARIAT}:
        raise NotPermitted(_("The reviewing States (or the secretariat) draft the summary."))
    observation_list = ObservationList.objects.filter(phase=phase).first()
    if observation_list is None or observation_list.stage != Stage.FINAL:
        raise InvalidInput("summary", _("The summary is drafted from the final list of observations; the list of "
                                        "this phase is not final yet."))
    summary = Summary.objects.create(phase=phase, created_by=actor, **first_draft(observation_list))
    versions.summary_snapshot_keep(summary, actor)
    audit.record(actor=actor, action=AuditAction.SUMMARY_BEGIN, target=summary, after={"phase": phase.pk})
    return summary


@transaction.atomic
def summary_save(*, actor: User, summary: Summary, expected_version: int | None, texts: dict[str, Any]) -> Summary:
    summary = _locked(summary)
    _readable(actor, summary)
    require_outcome_edit(SUMMARY, "summary", stage=summary.stage, roles=_roles(actor, summary.phase),
                         subject=_("the summary"))
    cleaned = {name: clean_text(name, texts.get(name, getattr(summary, name)), SUMMARY_TEXT_MAX)
               for name in SUMMARY_FIELDS}
    require_version(summary.version, expected_version, _(
        "Someone else saved the summary after you opened it, so yours was not saved. Both versions are shown: "
        "keep one, or merge them, and save again."))
    before = versions.summary_content(summary)
    if cleaned == before:
        return summary
    for name, value in cleaned.items():
        setattr(summary, name, value)
    summary.version += 1
    summary.updated_by = actor
    summary.save()
    versions.summary_snapshot_keep(summary, actor)
    audit.record(actor=actor, action=AuditAction.SUMMARY_SAVE, target=summary, before=before, after=cleaned)
    return summary


@transaction.atomic
def summary_comment(*, actor: User, summary: Summary, text: Any) -> Comment:
    summary = _locked(summary)
    _readable(actor, summary)
    return comment_write(actor=actor, phase=summary.phase, subject=Subject.SUMMARY, stage=summary.stage,
                         version=summary.version, roles=_roles(actor, summary.phase), machine=SUMMARY, text=text)


@transaction.atomic
def summary_step(*, actor: User, summary: Summary, step: str, expected_version: int | None, reason: Any = "",
                 on: datetime.date | None = None) -> Summary:
    """A focal point agrees to the summary (or sends it back, saying why); the secretariat records it final and
    the phase closes."""
    summary = _locked(summary)
    _readable(actor, summary)
    roles = _roles(actor, summary.phase)
    if step not in {transition.name for transition in SUMMARY.transitions}:
        raise InvalidInput("step", _("unknown step “%(step)s”") % {"step": step})
    require_version(summary.version, expected_version, _(
        "The summary changed after you opened it (version %(current)s now, you read version %(read)s), so nothing "
        "was agreed. Read the changes, then agree again.") % {"current": summary.version, "read": expected_version})
    before, moved = agreement_step(actor=actor, machine=SUMMARY, target=summary, subject=Subject.SUMMARY, step=step,
                                   roles=roles, reason=reason)
    if moved:
        versions.summary_snapshot_keep(summary, actor)
    phase = summary.phase
    if summary.stage == Stage.FINAL and phase.stage == PhaseStage.SUMMARY:
        phase_services.phase_stage_complete(actor=actor, phase=phase, stage=PhaseStage.SUMMARY,
                                            on=on or timezone.localdate())
    audit.record(actor=actor, action=AuditAction.SUMMARY_STEP, target=summary, before={"stage": before},
                 after={"step": step, "stage": summary.stage, "moved": moved})
    return summary
