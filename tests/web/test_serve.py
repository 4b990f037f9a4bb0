"""`treatyreview serve` is gunicorn with several workers and no reloader; `--dev` is Django's server, one
process; killing the server leaves nothing serving."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

KEY = "serve-test-key-" + "s" * 50


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(line) for line in out.split()]


def _wait_until_serving(port: int, timeout: float = 60) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return urllib.request.urlopen(f"http://127.0.0.1:{port}/static/vendor/htmx.min.js", timeout=5)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def _serving(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _start(args: list[str], tmp_path: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TREATYREVIEW_"))}
    env.update(DJANGO_SECRET_KEY=KEY, TREATYREVIEW_VAR_DIR=str(tmp_path))
    return subprocess.Popen([sys.executable, "-m", "treatyreview", "serve", *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def test_serve_runs_gunicorn_with_workers_and_nothing_survives_a_kill(tmp_path: Path) -> None:
    port = _free_port()
    server = _start([f"127.0.0.1:{port}", "--workers", "2", "--threads", "2"], tmp_path)
    try:
        response = _wait_until_serving(port)
        assert response.headers["Server"] == "gunicorn"
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        deadline = time.monotonic() + 20
        while len(_children(server.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        workers = _children(server.pid)
        assert len(workers) == 2
        server.send_signal(signal.SIGKILL)  # the harshest stop: the workers notice and leave
        server.wait(timeout=10)
        deadline = time.monotonic() + 30
        while _serving(port) and time.monotonic() < deadline:
            time.sleep(0.3)
        assert not _serving(port)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def test_serve_dev_is_one_process_without_a_reloader(tmp_path: Path) -> None:
    port = _free_port()
    server = _start([f"127.0.0.1:{port}", "--dev"], tmp_path)
    try:
        response = _wait_until_serving(port)
        assert response.headers.get("Server", "").startswith("WSGIServer")
        assert _children(server.pid) == []  # the reloader would run the server in a child process
        server.terminate()
        server.wait(timeout=10)
        assert not _serving(port)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


@pytest.mark.parametrize("target", ["run"])
def test_make_run_uses_the_production_server_with_a_key_of_its_own(target: str) -> None:
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    recipe = makefile.split(f"\n{target}:", 1)[1].split("\n\n", 1)[0]
    assert "treatyreview serve 127.0.0.1:8000" in recipe and "--dev" not in recipe
    assert "DJANGO_SECRET_KEY_FILE=var/secret-key" in recipe
