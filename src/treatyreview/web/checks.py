"""Deployment checks (`treatyreview check --deploy`) beyond Django's own."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks
from django.core.checks import Tags, register


@register(Tags.security, deploy=True)
def check_secret_key(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    if settings.SECRET_KEY == settings.DEMO_SECRET_KEY:
        return [checks.Error(
            "SECRET_KEY is the public fallback key printed in treatyreview/settings.py.",
            hint="Set DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE) to a long random string.",
            id="treatyreview.E001",
        )]
    return []
