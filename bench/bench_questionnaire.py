"""Benchmark of the questionnaire pages: a phase of 300 questions, answered and unanswered (the baseline), the
answering page and an autosave, with p50/p95 times and query counts, on a fresh SQLite database."""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DATABASE = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "treatyreview.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from treatyreview.accounts.models import Role, RoleGrant, User  # noqa: E402
from treatyreview.questionnaires.answers import services  # noqa: E402
from treatyreview.questionnaires.answers.models import Answer, Questionnaire  # noqa: E402
from treatyreview.questionnaires.saq.models import Question, QuestionnaireTemplate, TemplateVersion  # noqa: E402
from treatyreview.registry.models import Article, State  # noqa: E402
from treatyreview.registry.services import reference_data_load  # noqa: E402
from treatyreview.reviews.models import CountryReview, Cycle, Phase  # noqa: E402
from treatyreview.reviews.rules.selectors import rules_current  # noqa: E402
from treatyreview.reviews.rules.services import rules_presets_install  # noqa: E402

QUESTIONS = 300
RUNS = int(os.environ.get("BENCH_RUNS", "40"))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(function: Callable[[], object], runs: int = RUNS) -> tuple[float, float, int]:
    """p50 and p95 in milliseconds, and the queries of one run."""
    queries = []

    def count(execute: Callable[..., object], sql: str, *args: object) -> object:
        queries.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(count):
        function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), percentile(times, 0.95), len(queries)


def questionnaire(name: str, state: str, people: dict[str, User]) -> Questionnaire:
    cycle = Cycle.objects.create(name=name, rules=rules_current())
    review = CountryReview.objects.create(cycle=cycle, state=State.objects.get(code=state))
    phase = Phase.objects.create(review=review, position=1, cluster=1, starts_on=dt.date(2026, 1, 1),
                                 stage="questionnaire", launched_at=timezone.now())
    articles = list(Article.objects.filter(cluster=1).select_related("instrument"))
    template = QuestionnaireTemplate.objects.create(name=f"bench-{state.lower()}", title={"en": "Bench"})
    version = TemplateVersion.objects.create(template=template, number=1, status="published",
                                             published_at=timezone.now(), created_by=people["secretariat"])
    Question.objects.bulk_create(
        Question(version=version, code=f"q{index}", instrument=articles[index % len(articles)].instrument,
                 article=articles[index % len(articles)], type="yes_no", position=index,
                 text={"en": f"Question {index} of the benchmark: has your State adopted the measures?"})
        for index in range(QUESTIONS)
    )
    return services.questionnaire_open(actor=people["secretariat"], phase=phase, template_version=version)


def main() -> None:
    call_command("migrate", interactive=False, verbosity=0)
    reference_data_load()
    rules_presets_install()
    people = {}
    for name, role, state in (("secretariat", Role.SECRETARIAT, None), ("expert", Role.EXPERT, "AUT"),
                              ("expert-ken", Role.EXPERT, "KEN")):
        people[name] = User.objects.create_user(username=name, password="bench-password-2026")
        RoleGrant.objects.create(user=people[name], role=role, valid_from=dt.date(2020, 1, 1),
                                 state=State.objects.get(code=state) if state else None)
    answered = questionnaire("Bench, answered", "AUT", people)
    empty = questionnaire("Bench, unanswered", "KEN", people)
    for answer in Answer.objects.filter(questionnaire=answered):
        services.answer_save(actor=people["expert"], answer=answer, expected_version=answer.version, content={
            "choice": "yes", "language": "en",
            "text": "The measures are in force; the Criminal Code was amended to this end. " * 5})
    client, baseline = Client(), Client()
    client.force_login(people["expert"])
    baseline.force_login(people["expert-ken"])
    print(f"{QUESTIONS} questions; {RUNS} runs each; times in ms (p50 / p95), queries of one run")
    page_empty = timed(lambda: baseline.get(f"/questionnaires/{empty.pk}/"))
    page_full = timed(lambda: client.get(f"/questionnaires/{answered.pk}/"))
    print(f"answering page, unanswered (baseline): {page_empty[0]:7.1f} / {page_empty[1]:7.1f}"
          f"  {page_empty[2]} queries")
    print(f"answering page, every answer given:    {page_full[0]:7.1f} / {page_full[1]:7.1f}  {page_full[2]} queries"
          f"  ({page_full[1] / page_empty[1]:.2f}x the baseline at p95; target under 300 ms)")
    target = Answer.objects.filter(questionnaire=answered).order_by("question__position").first()
    assert target is not None
    url = f"/questionnaires/{answered.pk}/answers/{target.question.code}/"
    counter = iter(range(1, 10_000))

    def autosave() -> None:
        version = Answer.objects.values_list("version", flat=True).get(pk=target.pk)
        response = client.post(url, {"expected_version": version, "choice": "yes", "language": "en",
                                     "text": f"Edited {next(counter)} times."}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200 and b"hx-swap-oob" in response.content

    save = timed(autosave)
    print(f"autosave of one answer:                {save[0]:7.1f} / {save[1]:7.1f}  {save[2]} queries"
          "  (target under 100 ms at p95)")
    word = timed(lambda: client.get(f"/questionnaires/{answered.pk}/questionnaire.docx"), runs=5)
    print(f"Word document of the questionnaire:    {word[0]:7.1f} / {word[1]:7.1f}  {word[2]} queries")


if __name__ == "__main__":
    main()
