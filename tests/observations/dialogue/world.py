"""Test helpers (not collected): the questionnaire world of Austria, submitted, so that its phase waits for the
written feedback of Kenya and Brazil; Brazil gets a focal point and an expert too."""

from __future__ import annotations

from typing import Any

from tests.questionnaires.answers.world import World, answer_all, user, world
from treatyreview.accounts.models import Role
from treatyreview.observations.dialogue import services
from treatyreview.observations.dialogue.models import FeedbackItem, Thread
from treatyreview.questionnaires.answers import services as answer_services
from treatyreview.reviews.models import MechanismRules, Phase
from treatyreview.reviews.phases.selectors import phase_articles

EXTRA = {"reviewer2_focal": (Role.FOCAL_POINT, "BRA"), "reviewer2_expert": (Role.EXPERT, "BRA")}


def submitted_world(**kwargs: Any) -> World:
    w = world(**kwargs)
    for key, (role, state) in EXTRA.items():
        w.people[key] = user(key, role, state)
    answer_all(w)
    questionnaire = w.fresh()
    answer_services.questionnaire_submit(actor=w.people["focal"], questionnaire=questionnaire,
                                         expected_version=questionnaire.version)
    w.phase = Phase.objects.get(pk=w.phase.pk)
    return w


def article(w: World, index: int = 0) -> Any:
    return phase_articles(w.phase)[index]


def draft(w: World, who: str = "reviewer_expert", text: str = "Please explain how article 5 is applied.",
          index: int = 0, **kwargs: Any) -> FeedbackItem:
    return services.feedback_create(actor=w.people[who], phase=phase(w), article=article(w, index), text=text,
                                    **kwargs)


def clear(w: World, item: FeedbackItem, who: str = "reviewer_focal") -> FeedbackItem:
    item = FeedbackItem.objects.get(pk=item.pk)
    return services.feedback_clear(actor=w.people[who], item=item, expected_version=item.version)


def cleared_thread(w: World) -> Thread:
    return Thread.objects.get(feedback=clear(w, draft(w)))


def phase(w: World) -> Phase:
    return Phase.objects.get(pk=w.phase.pk)


def set_secretariat_role(w: World, role: str) -> None:
    """A rules version of the review's cycle with the secretariat's role set to `role`."""
    rules = w.review.cycle.rules
    values = dict(rules.values)
    values["secretariat_role"] = role
    copy = MechanismRules.objects.create(preset=rules.preset, version=rules.version + 100 + len(role),
                                         title=rules.title, values=values, sources=rules.sources)
    w.review.cycle.rules = copy
    w.review.cycle.save(update_fields=["rules"])
