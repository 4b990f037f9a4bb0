"""`flush` (erase every row of every table) also erases the append-only audit log.

Django's own command, with the audit triggers dropped for its duration and put back after: erasing the
whole database is an operator's act outside the application, and the triggers would otherwise stop it.
"""

from typing import Any

from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from treatyreview.audit import triggers


class Command(FlushCommand):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        with triggers.suspended(connection):
            super().handle(**options)
