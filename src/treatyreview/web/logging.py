"""Log filters: a refused request (403, 404, any 4xx) is one line in the log, not a traceback."""

from __future__ import annotations

import logging


class OneLineRefusals(logging.Filter):
    """Drop the traceback Django attaches to a 4xx it logs (PermissionDenied, Http404): a refusal is an
    expected answer, and a traceback per refused request would bury the real errors (5xx keep theirs)."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
