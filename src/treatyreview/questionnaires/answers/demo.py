"""The demo's cycle in motion: year group 1 launched some months ago; one review with its questionnaire submitted,
one in progress with answers by two experts, one late with an extension asked for, one State opted out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from treatyreview.accounts.models import Role, RoleGrant, User
from treatyreview.questionnaires.answers import services
from treatyreview.questionnaires.answers.models import Answer, Questionnaire
from treatyreview.questionnaires.saq.demo import demo_template_create
from treatyreview.registry.models import GovernmentalExpert
from treatyreview.reviews.demo import LAUNCHED_DAYS_AGO
from treatyreview.reviews.models import CountryReview, Cycle, ReviewerAssignment
from treatyreview.reviews.phases import services as phases
from treatyreview.reviews.phases.choices import ReviewStatus, Stage

DEMO_STATES = ("AUT", "KEN", "BRA", "PHL")


def launch_day(today: dt.date | None = None) -> dt.date:
    return (today or timezone.localdate()) - dt.timedelta(days=LAUNCHED_DAYS_AGO)


@dataclass
class InMotion:
    submitted: CountryReview | None
    in_progress: CountryReview | None
    late: CountryReview | None
    opted_out: CountryReview | None
    accounts: list[tuple[str, str, str]]


def _person(username: str, full_name: str, role: str, review: CountryReview, password: str) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"full_name": full_name, "email": f"{username}@example.org"})
    if created:
        user.set_password(password)
        user.save()
    RoleGrant.objects.get_or_create(user=user, role=role, state=review.state, valid_to=None,
                                    defaults={"valid_from": dt.date(2026, 1, 1)})
    if role == Role.EXPERT:
        GovernmentalExpert.objects.get_or_create(
            user=user, defaults={"state": review.state, "full_name": full_name, "expertise": "criminal law",
                                 "languages": review.state.languages[:1] or ["en"]})
    return user


def _stages_done(secretariat: User, review: CountryReview, *, focal_point: int, experts: int) -> None:
    """The focal point and the experts named, `focal_point` and `experts` days after the launch."""
    phase = review.phases.get(position=1)
    start = phase.starts_on
    phases.phase_stage_complete(actor=secretariat, phase=phase, stage=Stage.FOCAL_POINT,
                                on=start + dt.timedelta(days=focal_point))
    phase.refresh_from_db()
    phases.phase_stage_complete(actor=secretariat, phase=phase, stage=Stage.EXPERTS,
                                on=start + dt.timedelta(days=experts))


def _demo_law(secretariat: User, state: Any, article: Any) -> int:
    """The library record of the State's (demonstration) law on `article` that its answers cite; added once."""
    from treatyreview.knowledge.models import LegalRecord
    from treatyreview.knowledge.services import RecordFields, TextFields, record_create

    title = f"Demonstration Criminal Code of {state.name}"
    provision = f"Section {100 + article.number}"
    found = LegalRecord.objects.filter(demo=True, state=state, texts__title=title,
                                       texts__provision=provision).values_list("pk", flat=True).first()
    if found is not None:
        return int(found)
    record = record_create(
        actor=secretariat, demo=True,
        fields=RecordFields(kind="legislation", state=state, original_language="en", status="in_force",
                            date=dt.date(2015, 1, 1), articles=[article]),
        text=TextFields("en", title, provision,
                        f"(demo) The provision of {state.name}'s law giving effect to article {article.number} of "
                        f"the {article.instrument.code}: written to demonstrate the library, not the law of any "
                        "State."),
    )
    return record.pk


def _answer(questionnaire: Questionnaire, experts: list[User], *, every: int = 1,
            secretariat: User | None = None) -> int:
    """Demo answers to every `every`-th question, alternating between the experts; every "yes" cites a law (a
    record of the knowledge library when `secretariat` is given to add it)."""
    saved = 0
    answers = list(questionnaire.answers.select_related("question__article__instrument", "question__parent")
                   .order_by("question__position", "pk"))
    choices: dict[int, str] = {}
    for index, answer in enumerate(answers):
        question = answer.question
        if index % every:
            continue
        expert = experts[index % len(experts)]
        number = question.article.number
        content: dict[str, Any]
        if question.type == "yes_no":
            choice = "yes_in_part" if number % 5 == 0 else "yes"
            choices[question.pk] = choice
            content = {"choice": choice, "language": "en",
                       "text": f"(demo) Article {number} is implemented by the national legislation cited below."}
        elif question.type == "citation":
            if choices.get(question.parent_id or 0) not in ("yes", "yes_in_part"):
                continue
            state = questionnaire.phase.review.state
            record = _demo_law(secretariat, state, question.article) if secretariat is not None else None
            content = {"language": "en", "citations": [
                {"reference": f"(demo) Criminal Code, section {100 + number}", "url": "", "record": record}]}
        elif question.type == "text":
            if question.parent_id and question.parent_id in choices and choices[question.parent_id] == "yes":
                continue
            content = {"language": "en", "text": f"(demo) Challenges in implementing article {number}: "
                                                 "training of practitioners and data collection."}
        elif question.type == "statistics":
            content = {"language": "en", "statistics": [{"label": "(demo) cases investigated", "year": 2025,
                                                         "value": 10 + number}]}
        else:
            content = {"language": "en", "text": f"(demo) In 2025 the courts applied article {number} in two "
                                                 "cases of organized fraud."}
        current = Answer.objects.get(pk=answer.pk)
        services.answer_save(actor=expert, answer=current, expected_version=current.version, content=content)
        saved += 1
    return saved


@transaction.atomic
def demo_reviews_in_motion(*, secretariat: User, password: str) -> InMotion | None:
    """Only once: when the demo cycle's first year group has not been launched yet."""
    cycle = Cycle.objects.order_by("created_at").first()
    if cycle is None:
        return None
    first = cycle.year_groups.filter(number=1).first()
    if first is None or not first.reviews.exists() or first.reviews.filter(phases__isnull=False).exists():
        return None
    motion = InMotion(None, None, None, None, [])
    third = cycle.year_groups.filter(number=3).first()
    if third is not None:
        candidate = third.reviews.filter(status=ReviewStatus.ACTIVE).exclude(state__code__in=DEMO_STATES) \
            .order_by("state__code").first()
        if candidate is not None:
            motion.opted_out = phases.review_opt_out(
                actor=secretariat, review=candidate, note_verbale_ref=f"NV/{candidate.state.code}/2026/5",
                note_verbale_date=launch_day() - dt.timedelta(days=20),
                reason="(demo) The State informed the secretariat that it opts out of this cycle.",
                expected_version=candidate.version,
            )
    phases.year_group_launch(actor=secretariat, year_group=first, on=launch_day())
    version = demo_template_create(actor=secretariat)
    services.questionnaires_open_launched(actor=secretariat, cycle=cycle, year_group=first, template_version=version)
    reviews = {review.state.code: review for review in first.reviews.select_related("state")}

    # A State under review whose questionnaire is submitted, reviewed by a State with demo accounts.
    reviewed_by_demo = (
        ReviewerAssignment.objects.filter(review__year_group=first, reviewer__code__in=DEMO_STATES)
        .exclude(review__state__code__in=DEMO_STATES).order_by("review__state__code")
        .values_list("review__state__code", flat=True).first()
    )
    if reviewed_by_demo is not None:
        review = reviews[reviewed_by_demo]
        code = review.state.code.lower()
        focal = _person(f"focal-{code}", f"Focal point of {review.state.name} (demo)", Role.FOCAL_POINT, review,
                        password)
        expert = _person(f"expert-{code}", f"Governmental expert of {review.state.name} (demo)", Role.EXPERT,
                         review, password)
        motion.accounts += [(focal.username, str(Role.FOCAL_POINT.label), review.state.name),
                            (expert.username, str(Role.EXPERT.label), review.state.name)]
        _stages_done(secretariat, review, focal_point=5, experts=20)
        questionnaire = Questionnaire.objects.get(phase__review=review, phase__position=1)
        _answer(questionnaire, [expert], secretariat=secretariat)
        questionnaire.refresh_from_db()
        services.questionnaire_submit(actor=focal, questionnaire=questionnaire, expected_version=questionnaire.version)
        motion.submitted = review

    # In progress: answers by two experts of Austria.
    if "AUT" in reviews:
        review = reviews["AUT"]
        second = _person("expert2-aut", "Second governmental expert of Austria (demo)", Role.EXPERT, review, password)
        motion.accounts.append((second.username, str(Role.EXPERT.label), review.state.name))
        _stages_done(secretariat, review, focal_point=8, experts=25)
        experts = [User.objects.get(username="expert-aut"), second]
        questionnaire = Questionnaire.objects.get(phase__review=review, phase__position=1)
        _answer(questionnaire, experts, every=3, secretariat=secretariat)
        motion.in_progress = review

    # Late: Kenya named its experts after the deadline, and asks for more time for the questionnaire.
    if "KEN" in reviews:
        review = reviews["KEN"]
        _stages_done(secretariat, review, focal_point=10, experts=45)
        deadline = review.phases.get(position=1).deadlines.get(stage=Stage.QUESTIONNAIRE)
        phases.extension_request(
            actor=User.objects.get(username="focal-ken"), deadline=deadline,
            requested_until=deadline.effective_due + dt.timedelta(days=60),
            reason="(demo) The new law on organized crime enters into force next month; the answers will cite it.",
        )
        motion.late = review
    return motion
