"""WSGI entry point for gunicorn or any WSGI server; refuses to start without a secret key of its own."""

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "treatyreview.settings")
application = get_wsgi_application()

from treatyreview.security import startup_problem  # noqa: E402  (needs the settings loaded above)

_problem = startup_problem()
if _problem:
    raise ImproperlyConfigured(_problem)
