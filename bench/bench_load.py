"""Load: `treatyreview serve` (gunicorn) on a demo instance, 50 concurrent clients for 30 s over public
pages and API calls, then the same server's throughput on a static file as the ceiling measured in the
same run. Prints throughput, p50/p95/p99 and errors for each.

Environment: BENCH_CLIENTS (50), BENCH_SECONDS (30), DATABASE_URL (default: a new SQLite file).
"""

from __future__ import annotations

import http.client
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
PAGES = ["/", "/states/", "/states/AUT/", "/states/KEN/", "/instruments/", "/draws/", "/api/states",
         "/api/instruments", "/audit/anchor/"]
STATIC = ["/static/vendor/htmx.min.js"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-m", "treatyreview", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL)


def _client(port: int, paths: list[str], stop: float, latencies: list[float], errors: list[str]) -> None:
    """One client: a keep-alive connection, one request at a time (a bounded load, not a flood)."""
    rng = random.Random()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < stop:
        path = rng.choice(paths)
        started = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(f"{response.status} {path}")
        except (OSError, http.client.HTTPException) as error:
            errors.append(f"{type(error).__name__} {path}")
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append(time.perf_counter() - started)
    connection.close()


def _load(port: int, paths: list[str], seconds: float) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    errors: list[str] = []
    stop = time.monotonic() + seconds
    threads = [threading.Thread(target=_client, args=(port, paths, stop, latencies, errors)) for _ in range(CLIENTS)]
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
        env.update(TREATYREVIEW_VAR_DIR=var, DJANGO_SECRET_KEY="bench-" + "k" * 50)
        print(f"demo instance in {var} ({env.get('DATABASE_URL', 'SQLite')})", flush=True)
        _run(env, "demo")
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
            _load(port, PAGES, 3)  # warm-up: every worker has loaded its code and the collation keys
            print(f"{CLIENTS} clients, {SECONDS:.0f} s each run, cores: {os.cpu_count()}")
            print(f"{'':<14}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'errors':>8}{'requests':>10}")
            pages = _load(port, PAGES, SECONDS)
            print(_row("pages + API", *pages), flush=True)
            static = _load(port, STATIC, SECONDS)
            print(_row("static file", *static), flush=True)
            ratio = (len(pages[0]) / pages[2]) / max(len(static[0]) / static[2], 1e-9)
            print(f"page throughput / static ceiling: {ratio:.2f} (target at least 0.33)")
            if pages[1] or static[1]:
                print("errors:", sorted(set(pages[1] + static[1]))[:10])
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
