"""Row locks for services that read, check and then change a row: `locked(Model.objects).get(pk=...)`.

Only the model's own rows are locked (`FOR UPDATE OF` the model's table). PostgreSQL refuses a plain
`FOR UPDATE` when `select_related` joins a nullable key (the nullable side of an outer join), and locking the
joined review, phase or State as well would make two unrelated edits of one review wait for each other. SQLite
has no row locks; there the whole write transaction is serialised and this changes nothing.
"""

from __future__ import annotations

from typing import TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def locked(rows: models.Manager[M] | models.QuerySet[M]) -> models.QuerySet[M]:
    """The rows of `rows`' own model, locked until the current transaction ends."""
    return rows.all().select_for_update(of=("self",))
