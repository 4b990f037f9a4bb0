"""Benchmark of the Word list of observations for a review of 80 articles (target: under 2 s), generated through
the platform (reading the list, filling the Word template, the web page and the word count), against a baseline
measured in the same run: the same text written straight with python-docx, no template, no database."""

from __future__ import annotations

import io
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
from django.utils import timezone  # noqa: E402

from treatyreview.accounts.models import Role, RoleGrant, User  # noqa: E402
from treatyreview.observations.lists.models import AssistanceNeed, Observation, ObservationList, Recommendation  # noqa: E402
from treatyreview.publishing import content, services, wordfiles  # noqa: E402
from treatyreview.publishing.models import Document  # noqa: E402
from treatyreview.registry.models import Article, Participation, State  # noqa: E402
from treatyreview.registry.services import reference_data_load  # noqa: E402
from treatyreview.reviews.models import CountryReview, Cycle, Phase  # noqa: E402
from treatyreview.reviews.phases.selectors import phase_articles  # noqa: E402
from treatyreview.reviews.rules.selectors import rules_current  # noqa: E402
from treatyreview.reviews.rules.services import rules_presets_install  # noqa: E402

ARTICLES = 80
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
TEXT = ("The State described the provisions of its Criminal Code and code of criminal procedure that implement "
        "the article, with the case law of its highest court and statistics for the last five years. ")


def median(function: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def setup() -> tuple[User, Phase]:
    call_command("migrate", verbosity=0)
    reference_data_load()
    rules_presets_install()
    officer = User.objects.create_user(username="officer", password="bench-password-long")
    RoleGrant.objects.create(user=officer, role=Role.SECRETARIAT)
    state = State.objects.get(code="AUT")
    instruments = Participation.objects.filter(state=state, status="party").values_list("instrument_id", flat=True)
    chosen = list(Article.objects.filter(instrument_id__in=instruments).order_by("instrument__position", "number")
                  .values_list("pk", flat=True)[:ARTICLES])
    Article.objects.filter(pk__in=chosen).update(cluster=1)
    cycle = Cycle.objects.create(name="Bench", rules=rules_current())
    review = CountryReview.objects.create(cycle=cycle, state=state)
    phase = Phase.objects.create(review=review, position=1, cluster=1, starts_on=timezone.localdate(),
                                 stage="summary", launched_at=timezone.now())
    found = ObservationList.objects.create(phase=phase, stage="final", final_at=timezone.now(), created_by=officer)
    articles = phase_articles(phase)
    for article in articles:
        Observation.objects.create(observation_list=found, article=article, implementation=TEXT * 3,
                                   successes=TEXT, challenges=TEXT)
        Recommendation.objects.create(observation_list=found, article=article, text=TEXT, created_by=officer)
        AssistanceNeed.objects.create(observation_list=found, article=article, kind="capacity_building",
                                      description=TEXT, created_by=officer)
    return officer, phase


def baseline(phase: Phase) -> bytes:
    from docx import Document as WordDocument

    document = WordDocument()
    context = content.document_context(Document(phase=phase, kind="list_of_observations", original_language="en"),
                                       "en")
    document.add_paragraph(context["title"], style="Title")
    for entry in context["articles"]:
        document.add_paragraph(entry["heading"], style="Heading 1")
        for part in entry["parts"]:
            document.add_paragraph(part["label"], style="Heading 2")
            for paragraph in part["paragraphs"]:
                document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main() -> None:
    officer, phase = setup()
    articles = len(phase_articles(phase))

    def generate() -> Document:
        return services.document_generate(actor=officer, phase=phase, kind="list_of_observations")

    document = generate()
    version = document.versions.get()
    plain = median(lambda: baseline(phase))
    platform = median(generate)
    print(f"list of observations: {articles} articles, {version.words} words, {version.pages} pages, "
          f"{len(bytes(version.docx)) // 1024} KB")
    print(f"baseline (python-docx, no template):   {plain * 1000:8.1f} ms")
    print(f"platform (docxtpl + web page + count): {platform * 1000:8.1f} ms  "
          f"({platform / plain:.1f} x baseline; target < 2000 ms: {'met' if platform < 2 else 'MISSED'})")
    assert wordfiles.blocks(bytes(version.docx))


if __name__ == "__main__":
    main()
