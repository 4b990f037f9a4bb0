"""Benchmark of the knowledge library: import of generated records, then search latency against a naive scan.

For each database (SQLite in a temporary folder; PostgreSQL at 127.0.0.1:5432 when it answers), in a fresh
process: generate LIBRARY_BENCH_RECORDS records (1,000 by default, so that `make bench` stays short; the targets
are for `LIBRARY_BENCH_RECORDS=100000`) in the six languages, import them through
`library import`'s own path (read and validate the CSV, then save), then run 50 representative queries (half of
them with filters) through the library's search as a page runs it (ranking, facets, records loaded), and the
same queries through a naive `icontains` scan of the texts as the baseline measured in the same run.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RECORDS = int(os.environ.get("LIBRARY_BENCH_RECORDS", "1000"))
POSTGRES_SERVER = os.environ.get("LIBRARY_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
POSTGRES_DATABASE = os.environ.get("LIBRARY_BENCH_DATABASE", "treatyreview_library_bench")
SCAN_RESULTS = 20

# Fifty queries a reader of each language would type, half of them with filters.
QUERIES: list[tuple[str, dict[str, str]]] = [
    ("laundering", {}), ("proceeds of crime", {}), ("trafficking in persons", {}),
    ("firearms", {"type": "legislation"}),
    ("witnesses", {"country": "KEN"}), ("smuggling migrants", {}), ("extradition", {"type": "case"}),
    ("organized criminal group", {}), ("corruption public official", {"lang": "en"}), ("confiscation", {}),
    ("blanchiment", {}), ("traite des personnes", {}), ("armes à feu", {"country": "FRA"}), ("entraide judiciaire", {}),
    ("témoins", {"type": "case"}), ("groupe criminel organisé", {"lang": "fr"}),
    ("corruption", {"instrument": "UNTOC"}),
    ("blanqueo de capitales", {}), ("trata de personas", {}), ("armas de fuego", {"type": "legislation"}),
    ("extradición", {}), ("testigos", {"country": "MEX"}), ("tráfico ilícito de migrantes", {"lang": "es"}),
    ("отмывание", {}), ("торговля людьми", {}), ("огнестрельное оружие", {"country": "RUS"}), ("выдача", {}),
    ("свидетелей", {"type": "case"}), ("коррупция", {"lang": "ru"}),
    ("غسل الأموال", {}), ("الاتجار بالأشخاص", {}), ("الأسلحة النارية", {"country": "EGY"}), ("تسليم المجرمين", {}),
    ("الشهود", {"type": "case"}), ("الفساد", {"lang": "ar"}),
    ("洗钱", {}), ("贩运人口", {}), ("枪支", {"country": "CHN"}), ("引渡", {}), ("证人", {"type": "case"}),
    ("腐败", {"lang": "zh"}),
    ("laundering", {"country": "PHL", "type": "case"}), ("trafficking", {"instrument": "TIP"}),
    ("migrants", {"instrument": "SOM", "lang": "en"}), ("assistance", {"status": "in_force"}),
    ("blanchir", {"status": "repealed"}), ("armas", {"instrument": "FIREARMS"}), ("защита", {}),
    ("حماية", {"instrument": "UNTOC"}), ("保护", {}),
]
assert len(QUERIES) == 50


# Letters of each script from which the generated filler words are made (realistic lengths, not real words).
LETTERS = {"en": "etaoinshrdlcumwfgypbvk", "fr": "esaitnrulodcmpévqfbghjàxèyz", "es": "eaosrnidlctumpbgvyqhfzjñá",
           "ru": "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэф", "ar": "اليمونهربتكعفقدسحجطصشزثخضذظغ"}
FILLER_WORDS = 20_000


def vocabulary(rng: random.Random) -> tuple[dict[str, list[list[str]]], dict[str, list[str]]]:
    """Per language: the words of each demonstration topic, and a filler vocabulary of 20,000 word forms, so
    that a topic's words occur in the documents about that topic, as in a real library (Chinese as runs of
    two to four characters)."""
    from treatyreview.knowledge.demo import TOPICS

    topics: dict[str, list[list[str]]] = {}
    filler: dict[str, list[str]] = {}
    for topic in TOPICS:
        for language, texts in topic.texts.items():
            text = " ".join(texts)
            if language == "zh":
                chars = [c for c in text if "\u4e00" <= c <= "\u9fff"]
                words = ["".join(chars[i:i + 2 + i % 3]) for i in range(0, len(chars), 3)]
            else:
                words = [w.strip(",.;:()«»“”") for w in text.split() if len(w) > 1]
            topics.setdefault(language, []).append(words)
    for language, letters in LETTERS.items():
        filler[language] = ["".join(rng.choices(letters, k=rng.randint(3, 11))) for _ in range(FILLER_WORDS)]
    common = ("的一是在不了有和人这中大为上个国我以要他时来用们"
              "生到作地于出就分对成会可主发年动同工也能下过子说"
              "产种面而方后多定行学法所民得经")
    filler["zh"] = ["".join(rng.choices(common, k=rng.randint(1, 3))) for _ in range(FILLER_WORDS)]
    return topics, filler


STATES = {"ar": ["EGY", "MAR", "JOR", "DZA", "TUN"], "zh": ["CHN"], "en": ["KEN", "PHL", "GBR", "NGA", "CAN", "IND"],
          "fr": ["FRA", "SEN", "BEL", "CIV", "MLI"], "ru": ["RUS", "KAZ", "BLR", "KGZ"],
          "es": ["ESP", "MEX", "ARG", "COL", "PER"]}
ARTICLES = ["UNTOC 5", "UNTOC 6", "UNTOC 7", "UNTOC 8", "UNTOC 12", "UNTOC 16", "UNTOC 18", "UNTOC 24", "TIP 5",
            "SOM 6", "FIREARMS 5"]


def generate(path: Path, count: int) -> None:
    """`count` records in the import format: titles of ~10 words, texts of 60 to 250 words (excerpts)."""
    rng = random.Random(2026)
    topics, filler = vocabulary(rng)
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(FILLER_WORDS)))
    languages = list(STATES)

    def words(language: str, topic: list[str], count: int) -> list[str]:
        # Seven words in ten from the filler vocabulary (Zipf), three from the record's topic.
        drawn = rng.choices(filler[language], cum_weights=cumulative, k=count)
        for i in range(0, count, 3):
            drawn[i] = rng.choice(topic)
        return drawn
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=["kind", "country", "language", "title", "provision", "text", "date",
                                                 "status", "articles", "court"], lineterminator="\n")
        writer.writeheader()
        for n in range(count):
            language = languages[n % 6]
            join = "" if language == "zh" else " "
            topic = rng.choice(topics[language])
            title = join.join(words(language, topic, rng.randint(6, 14)))
            text = join.join(words(language, topic, rng.randint(60, 250)))
            kind = ("legislation", "legislation", "case", "strategy")[n % 4]
            writer.writerow({
                "kind": kind, "country": rng.choice(STATES[language]), "language": language, "title": title[:500],
                "provision": f"{n % 90 + 1}", "text": text,
                "date": f"{2000 + n % 25}-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                "status": ("in_force" if n % 7 else "repealed") if kind == "legislation" else "",
                "articles": "; ".join(rng.sample(ARTICLES, k=1 + n % 3)),
                "court": "Supreme Court" if kind == "case" else "",
            })


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run_backend(backend: str) -> dict[str, Any]:
    """In this process, with DATABASE_URL already pointing at an empty database."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "treatyreview.settings")
    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.db.models import Q

    from treatyreview.knowledge import search, selectors, services, transfer
    from treatyreview.knowledge.models import LegalRecord, RecordText
    from treatyreview.knowledge.views import filters_of
    from treatyreview.registry.services import reference_data_load

    call_command("migrate", verbosity=0, interactive=False)
    reference_data_load()
    folder = Path(tempfile.mkdtemp(prefix="library-bench-"))
    path = folder / "records.csv"
    start = time.perf_counter()
    generate(path, RECORDS)
    generated = time.perf_counter() - start
    start = time.perf_counter()
    records = transfer.read_records(path.read_bytes(), source=path.name)
    services.library_import(actor=None, records=records, source=path.name)
    imported = time.perf_counter() - start
    del records
    assert LegalRecord.objects.count() == RECORDS

    reader = AnonymousUser()

    def library(query: str, params: dict[str, str]) -> int:
        data: dict[str, Any] = {"country": params.get("country", ""), "instrument": params.get("instrument", ""),
                                "type": params.get("type", ""), "lang": params.get("lang", ""),
                                "status": params.get("status", "")}
        page = selectors.record_search(user=reader, query=query, filters=filters_of(data), language=data["lang"])
        for found in page.found:  # as the page does: highlight each result
            search.highlight(found.text.text, found.text.language, page.terms, snippet=True)
        return page.count

    def scan(query: str, params: dict[str, str]) -> int:
        texts = RecordText.objects.filter(record__visibility="public")
        for word in query.split():
            texts = texts.filter(Q(title__icontains=word) | Q(text__icontains=word))
        if params.get("country"):
            texts = texts.filter(record__state__code=params["country"])
        if params.get("type"):
            texts = texts.filter(record__kind=params["type"])
        if params.get("lang"):
            texts = texts.filter(language=params["lang"])
        if params.get("status"):
            texts = texts.filter(record__status=params["status"])
        if params.get("instrument"):
            texts = texts.filter(record__articles__instrument__code=params["instrument"])
        count = texts.values("record_id").distinct().count()
        list(texts.select_related("record").order_by("-record__date")[:SCAN_RESULTS])
        return count

    figures: dict[str, Any] = {"backend": backend, "records": RECORDS, "generate_s": generated, "import_s": imported}
    for name, function in (("library", library), ("scan", scan)):
        function(*QUERIES[0])  # warm the caches once, as a running server has them
        plain, filtered, counts = [], [], []
        for query, params in QUERIES:
            start = time.perf_counter()
            counts.append(function(query, params))
            (filtered if params else plain).append((time.perf_counter() - start) * 1000)
        both = plain + filtered
        figures[name] = {"p50": percentile(both, 0.5), "p95": percentile(both, 0.95),
                         "plain_p50": percentile(plain, 0.5), "plain_p95": percentile(plain, 0.95),
                         "filtered_p50": percentile(filtered, 0.5), "filtered_p95": percentile(filtered, 0.95),
                         "mean_matches": statistics.mean(counts)}
    return figures


def postgres_database() -> str | None:
    """A fresh benchmark database on the PostgreSQL server, or None when no server answers."""
    try:
        import psycopg

        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True, connect_timeout=3) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE}")
            connection.execute(f"CREATE DATABASE {POSTGRES_DATABASE} ENCODING 'UTF8' TEMPLATE template0")
    except Exception as error:
        print(f"PostgreSQL at {POSTGRES_SERVER}: not measured ({type(error).__name__})")
        return None
    return f"{POSTGRES_SERVER}/{POSTGRES_DATABASE}"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--backend":
        print(json.dumps(run_backend(sys.argv[2])))
        return
    print(f"knowledge library: {RECORDS} generated records in six languages, 50 queries (25 with filters)")
    runs = []
    with tempfile.TemporaryDirectory(prefix="library-bench-var-") as var:
        environments = [("SQLite", {"TREATYREVIEW_VAR_DIR": var, "DATABASE_URL": f"sqlite:///{var}/bench.sqlite3"})]
        url = postgres_database()
        if url:
            environments.append(("PostgreSQL", {"TREATYREVIEW_VAR_DIR": var, "DATABASE_URL": url}))
        for backend, env in environments:
            done = subprocess.run([sys.executable, __file__, "--backend", backend], env={**os.environ, **env},
                                  capture_output=True, text=True, check=False)
            if done.returncode:
                print(f"{backend}: failed\n{done.stderr[-3000:]}")
                continue
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    if url:
        import psycopg

        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE}")
    out = io.StringIO()
    out.write(f"{'database':<11}{'import':>10}{'search p50':>12}{'p95':>8}{'plain p95':>11}{'filtered p95':>14}"
              f"{'scan p50':>10}{'scan p95':>10}{'p95 ratio':>11}\n")
    for run in runs:
        lib, base = run["library"], run["scan"]
        out.write(f"{run['backend']:<11}{run['import_s']:>9.1f}s{lib['p50']:>10.1f}ms{lib['p95']:>6.1f}ms"
                  f"{lib['plain_p95']:>9.1f}ms{lib['filtered_p95']:>12.1f}ms{base['p50']:>8.1f}ms{base['p95']:>8.1f}ms"
                  f"{base['p95'] / lib['p95']:>10.1f}×\n")
    print(out.getvalue(), end="")
    print("targets: p95 under 50 ms on SQLite, at least 20× faster than the scan, import of 100,000 under 120 s")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
