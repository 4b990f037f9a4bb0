"""gunicorn, started from inside `treatyreview serve` with the project's WSGI application."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gunicorn.app.base import BaseApplication


class Server(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from treatyreview.wsgi import application

        return application


def run(*, bind: str, workers: int, threads: int, timeout: int) -> None:
    options: dict[str, Any] = {
        "bind": bind,
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "timeout": timeout,
        "graceful_timeout": 20,
        "keepalive": 5,
        # A worker is replaced after this many requests (with jitter, so they are not replaced together).
        "max_requests": 2000,
        "max_requests_jitter": 200,
        "accesslog": "-",
        "errorlog": "-",
        "reload": False,
        "preload_app": True,
        "proc_name": "treatyreview",
    }
    if Path("/dev/shm").is_dir():
        options["worker_tmp_dir"] = "/dev/shm"
    Server(options).run()
