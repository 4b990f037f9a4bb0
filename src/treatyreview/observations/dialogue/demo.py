"""The demo's desk review and dialogue on the review whose questionnaire is submitted: written feedback of each
reviewing State, cleared and sent (so the phase is in the dialogue), threads answered (one closed as resolved,
one answered and waiting to be closed, one waiting for an answer) and a virtual meeting with its minutes."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from treatyreview.accounts.models import Role, RoleGrant, User
from treatyreview.observations.dialogue import permissions, services
from treatyreview.observations.dialogue.models import FeedbackItem, Thread
from treatyreview.questionnaires.answers.models import Questionnaire
from treatyreview.registry.models import State
from treatyreview.reviews.models import Phase
from treatyreview.reviews.phases.selectors import phase_articles

QUESTIONS = [
    ("clarification", "Please clarify whether the offence of participation in an organized criminal group applies "
                      "also when the group's aim is a financial or other material benefit obtained indirectly."),
    ("information", "Could you share examples of cases in which courts applied this provision in the last five "
                    "years, and the sentences imposed?"),
    ("question", "Which authority is competent to receive requests under this article, and how long does it take "
                 "on average to answer them?"),
]


def _person(kind: str, state: State, password: str) -> User:
    """The State's demo focal point or expert: the one already granted, else one made for the demo."""
    role = Role.FOCAL_POINT if kind == "focal" else Role.EXPERT
    grant = RoleGrant.objects.active().filter(role=role, state=state).select_related("user").first()
    if grant is not None:
        return grant.user
    title = "Focal point" if kind == "focal" else "Governmental expert"
    user, created = User.objects.get_or_create(
        username=f"{kind}-{state.code.lower()}",
        defaults={"full_name": f"{title} of {state.name} (demo)", "email": f"{kind}-{state.code.lower()}@example.org"})
    if created:
        user.set_password(password)
        user.save()
    RoleGrant.objects.get_or_create(user=user, role=role, state=state, valid_to=None,
                                    defaults={"valid_from": dt.date(2026, 1, 1)})
    return user


@transaction.atomic
def demo_dialogue(*, secretariat: User, password: str) -> Phase | None:
    """Only once: on the first submitted questionnaire's phase, while it waits for the feedback and has none."""
    questionnaire = (Questionnaire.objects.filter(stage="submitted", phase__stage="feedback")
                     .select_related("phase__review__state").order_by("pk").first())
    if questionnaire is None or FeedbackItem.objects.filter(phase=questionnaire.phase).exists():
        return None
    phase = questionnaire.phase
    under_review = phase.review.state
    answering = _person("expert", under_review, password)
    articles = phase_articles(phase)
    states = list(State.objects.filter(pk__in=permissions.phase_reviewing_state_ids(phase)).order_by("code"))
    if not articles or not states:
        return None
    threads: list[Thread] = []
    for number, state in enumerate(states):
        expert, focal = _person("expert", state, password), _person("focal", state, password)
        for offset in range(2 if number == 0 else 1):
            kind, text = QUESTIONS[(number + offset) % len(QUESTIONS)]
            item = services.feedback_create(actor=expert, phase=phase, article=articles[(number + offset) %
                                                                                        len(articles)],
                                            kind=kind, text=text)
            item = services.feedback_clear(actor=focal, item=item, expected_version=item.version)
            threads.append(Thread.objects.get(feedback=item))
        withdrawn = services.feedback_create(actor=expert, phase=phase, article=articles[0],
                                             text="(demo) A second thought, withdrawn before clearing.")
        services.feedback_withdraw(actor=expert, item=withdrawn, expected_version=withdrawn.version)
        services.feedback_send(actor=focal, phase=phase)
    first = threads[0]
    services.message_post(actor=answering, thread=first, text=(
        "Yes: section 278a of the Criminal Code covers any material benefit, obtained directly or indirectly. "
        "The Supreme Court confirmed this reading in 2019."))
    reviewer = _person("expert", first.reviewing_state, password)
    services.message_post(actor=reviewer, thread=first, text="Thank you, this answers our question.")
    services.thread_close(actor=reviewer, thread=Thread.objects.get(pk=first.pk), expected_version=first.version,
                          resolution="Answered with the Supreme Court's 2019 reading.")
    if len(threads) > 1:
        services.message_post(actor=answering, thread=threads[1], text=(
            "Twelve convictions in the last five years; the table of sentences is attached to our answer to "
            "question 2 of this article."))
    phase = Phase.objects.get(pk=phase.pk)
    services.meeting_save(
        actor=_person("focal", under_review, password), phase=phase, kind="virtual",
        held_on=max(phase.starts_on, timezone.localdate() - dt.timedelta(days=7)), place="Secure video conference",
        participants=", ".join([under_review.name, *(state.name for state in states), "UNODC secretariat"]),
        minutes="(demo) The experts went through the written feedback article by article. The State under review "
                "will send the statistics on convictions before the next meeting.",
    )
    return Phase.objects.get(pk=phase.pk)
