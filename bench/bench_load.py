"""Load: `treatyreview serve` (gunicorn) on the demo instance (the full membership: 193 reviews in three year
groups, questionnaires open), 50 concurrent clients for 30 s over a mix of public pages, signed-in pages (focal
points, experts and the secretariat, each with a session that passed the second step) and API calls, some of
them writes (experts saving answers through the API, each with the version it read); then the same server's
throughput on a static file as the ceiling measured in the same run. Prints throughput, p50/p95/p99 and errors,
and afterwards counts the writes in the database: every save answered 200 must be there.

All clients come from one address, standing for many: the API's per-address rate limit is raised for the run
(TREATYREVIEW_RATE_API), as a deployment behind a proxy counts each client on its own.

Environment: BENCH_CLIENTS (50), BENCH_SECONDS (30), BENCH_WRITERS (5), DATABASE_URL (default: a new SQLite
file).
"""

from __future__ import annotations

import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

CLIENTS = int(os.environ.get("BENCH_CLIENTS", "50"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "30"))
WRITERS = int(os.environ.get("BENCH_WRITERS", "5"))
PUBLIC = ["/", "/states/", "/states/AUT/", "/states/KEN/", "/instruments/", "/draws/", "/reviews/status/",
          "/library/", "/api/states", "/api/instruments", "/audit/anchor/"]
STATIC = ["/static/vendor/htmx.min.js"]

# Run inside the demo instance: a signed-in session (second step passed) for some demo people, an API token for
# the expert who writes, and the addresses they read.
PREPARE = r"""
import json
import django
django.setup()
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from treatyreview.accounts.models import ApiToken, User
from treatyreview.questionnaires.answers.models import Questionnaire
from treatyreview.reviews.models import Phase

def session(name):
    user = User.objects.get(username=name)
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        stored = client.session
        stored[DEVICE_ID_SESSION_KEY] = device.persistent_id
        stored.save()
    return client.cookies["sessionid"].value

import datetime as dt
from treatyreview.accounts.models import Role, RoleGrant
# Austria's questionnaire when its year group is under way, else the first one open; its State's expert writes.
questionnaire = (Questionnaire.objects.filter(phase__review__state__code="AUT", stage="draft").first()
                 or Questionnaire.objects.filter(stage="draft").order_by("pk").first())
review = questionnaire.phase.review
# Answers are written in the questionnaire stage: the demo's first phases may still wait for a focal point.
Phase.objects.filter(pk=questionnaire.phase_id).update(stage="questionnaire")
grant = RoleGrant.objects.filter(role=Role.EXPERT, state=review.state).select_related("user").first()
if grant is None:
    writer = User.objects.create_user(username=f"bench-expert-{review.state.code.lower()}", password=None)
    RoleGrant.objects.create(user=writer, role=Role.EXPERT, state=review.state, valid_from=dt.date(2020, 1, 1))
else:
    writer = grant.user
token = ApiToken.new_token()
ApiToken.objects.create(user=writer, name="bench", digest=ApiToken.digest_of(token))
people = {}
for name in ("focal-aut", "expert-aut", "focal-ken", "expert-ken", "secretariat", writer.username):
    people[name] = session(name)
answers = [(a.question.code, a.version) for a in questionnaire.answers.select_related("question")
           .filter(question__type="yes_no").order_by("question__position")]
print(json.dumps({"people": people, "review": review.pk, "writer": writer.username,
                  "questionnaire": questionnaire.pk, "token": token,
                  "answers": answers}))
"""

COUNT = r"""
import json
import django
django.setup()
from treatyreview.questionnaires.answers.models import Answer
rows = Answer.objects.filter(questionnaire_id=%d, question__code__in=%r).values_list("question__code", "version")
print(json.dumps(dict(rows)))
"""


def signed_in_pages(world: dict) -> list[tuple[str, str]]:
    """(session, address): what focal points, experts and the secretariat read, their own State's review too."""
    review, questionnaire = world["review"], world["questionnaire"]
    pages = []
    for name, cookie in world["people"].items():
        pages += [(cookie, "/"), (cookie, "/api/reviews")]
        if name in ("secretariat", world["writer"]):
            pages.append((cookie, f"/reviews/{review}/"))
        if name == world["writer"]:  # a draft is for its own State's people only
            pages += [(cookie, f"/questionnaires/{questionnaire}/"), (cookie, f"/api/reviews/{review}/answers")]
    pages.append((world["people"]["secretariat"], "/secretariat/reviews/"))
    return pages


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-m", "treatyreview", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL)


def _client(port: int, paths: list[tuple[str, str]], stop: float, latencies: list[float], errors: list[str]) -> None:
    """One client: a keep-alive connection, one request at a time (a bounded load, not a flood); each request
    with its session cookie when it is a signed-in one."""
    rng = random.Random()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    reused = False
    again: tuple[str, str] | None = None
    while time.monotonic() < stop:
        cookie, path = again or rng.choice(paths)
        again = None
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Cookie": f"sessionid={cookie}"} if cookie else {})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(f"{response.status} {path}")
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            if reused and isinstance(error, (ConnectionResetError, http.client.RemoteDisconnected)):
                # A kept-alive connection closed by the server (a worker replaced after its share of requests):
                # like a browser, send the request again on a new connection.
                reused, again = False, (cookie, path)
                continue
            errors.append(f"{type(error).__name__} {path}")
            continue
        reused = True
        latencies.append(time.perf_counter() - started)
    connection.close()


def _writer(port: int, token: str, review: int, code: str, version: int, stop: float, latencies: list[float],
            errors: list[str], saved: dict[str, int]) -> None:
    """An expert saving one answer again and again through the API, each time with the version it read."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    count = 0
    while time.monotonic() < stop:
        body = json.dumps({"version": version, "choice": "yes", "text": f"Saved by the benchmark, {count + 1}."})
        started = time.perf_counter()
        try:
            connection.request("PUT", f"/api/reviews/{review}/answers/{code}", body=body, headers={
                "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
            response = connection.getresponse()
            answer = response.read()
        except (OSError, http.client.HTTPException) as error:
            errors.append(f"{type(error).__name__} PUT {code}")
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append(time.perf_counter() - started)
        if response.status == 200:
            count += 1
            version = json.loads(answer)["version"]
        else:
            errors.append(f"{response.status} PUT {code}")
    saved[code] = count
    connection.close()


def _load(port: int, paths: list[tuple[str, str]], seconds: float, world: dict | None = None,
          saved: dict[str, int] | None = None) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    errors: list[str] = []
    stop = time.monotonic() + seconds
    writers = []
    if world is not None and saved is not None:
        writers = [threading.Thread(target=_writer, args=(port, world["token"], world["review"], code, version, stop,
                                                          latencies, errors, saved))
                   for code, version in world["answers"][:WRITERS]]
    threads = writers + [threading.Thread(target=_client, args=(port, paths, stop, latencies, errors))
                         for _ in range(CLIENTS - len(writers))]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, time.monotonic() - started


def _row(name: str, latencies: list[float], errors: list[str], elapsed: float) -> str:
    ms = sorted(value * 1000 for value in latencies)
    q = statistics.quantiles(ms, n=100) if len(ms) > 1 else [0.0] * 99
    return (f"{name:<14}{len(ms) / elapsed:>10.1f}{q[49]:>10.1f}{q[94]:>10.1f}{q[98]:>10.1f}"
            f"{len(errors):>8}{len(ms):>10}")


def main() -> int:
    with tempfile.TemporaryDirectory() as var:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TREATYREVIEW_"))}
        env.update(TREATYREVIEW_VAR_DIR=var, DJANGO_SECRET_KEY="bench-" + "k" * 50, TREATYREVIEW_RATE_API="100000",
                   DJANGO_SETTINGS_MODULE="treatyreview.settings")
        print(f"demo instance in {var} ({env.get('DATABASE_URL', 'SQLite')})", flush=True)
        _run(env, "demo")
        world = json.loads(subprocess.run([sys.executable, "-c", PREPARE], env=env, check=True, capture_output=True,
                                          text=True).stdout.strip().splitlines()[-1])
        mix = [("", path) for path in PUBLIC] + signed_in_pages(world)
        port = _free_port()
        server = subprocess.Popen([sys.executable, "-m", "treatyreview", "serve", f"127.0.0.1:{port}"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", STATIC[0])
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.3)
            _load(port, mix, 3)  # warm-up: every worker has loaded its code and the collation keys
            print(f"{CLIENTS} clients, {SECONDS:.0f} s each run, cores: {os.cpu_count()}")
            print(f"{'':<14}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'errors':>8}{'requests':>10}")
            saved: dict[str, int] = {}
            before = dict(world["answers"][:WRITERS])
            pages = _load(port, mix, SECONDS, world, saved)
            print(_row("pages + API", *pages), flush=True)
            static = _load(port, [("", path) for path in STATIC], SECONDS)
            print(_row("static file", *static), flush=True)
            ratio = (len(pages[0]) / pages[2]) / max(len(static[0]) / static[2], 1e-9)
            print(f"page throughput / static ceiling: {ratio:.2f} (target at least 0.33)")
            if pages[1] or static[1]:
                print("errors:", sorted(set(pages[1] + static[1]))[:10])
            stored = json.loads(subprocess.run(
                [sys.executable, "-c", COUNT % (world["questionnaire"], list(saved))], env=env, check=True,
                capture_output=True, text=True).stdout.strip().splitlines()[-1])
            kept = sum(stored[code] - before[code] for code in saved)
            print(f"writes: {sum(saved.values())} answer saves answered 200, {kept} in the database"
                  f" ({'all kept' if kept == sum(saved.values()) else 'SOME LOST'})")
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
