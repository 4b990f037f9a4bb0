from typing import Any

from django.core.management.commands.runserver import Command as RunserverCommand


class Command(RunserverCommand):
    help = "Serve the site (default http://127.0.0.1:8000)."
    default_addr = "127.0.0.1"
    default_port = "8000"

    def handle(self, *args: Any, **options: Any) -> None:
        options.setdefault("use_reloader", False)
        super().handle(*args, **options)
