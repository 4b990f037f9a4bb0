"""Django settings, read from environment variables with safe defaults for a local demo."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("TREATYREVIEW_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", False)


def _secret_key() -> str:
    """DJANGO_SECRET_KEY, or the content of the file DJANGO_SECRET_KEY_FILE names (e.g. a systemd credential)."""
    path = os.environ.get("DJANGO_SECRET_KEY_FILE", "")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return os.environ.get("DJANGO_SECRET_KEY", "")


# The fallback key is public (it is in this file): it serves tests and commands run on a developer's machine.
# `treatyreview serve` and the WSGI application refuse to start with it while DEBUG is off, and
# `check --deploy` reports it (treatyreview.security.startup_problem, treatyreview.web.checks).
DEMO_SECRET_KEY = "insecure-local-demo-key-set-DJANGO_SECRET_KEY-in-production"
SECRET_KEY = _secret_key() or DEMO_SECRET_KEY
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "treatyreview.accounts",
    "treatyreview.audit",
    "treatyreview.registry",
    "treatyreview.reviews",
    "treatyreview.questionnaires",
    "treatyreview.observations",
    "treatyreview.publishing",
    "treatyreview.stakeholders",
    "treatyreview.budget",
    "treatyreview.knowledge",
    "treatyreview.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Accounts: rate limits before anything else reads the request, the second factor before any signed-in page,
    # and django-axes last (it answers a locked-out sign-in with its own page).
    "treatyreview.accounts.middleware.RateLimitMiddleware",
    "treatyreview.accounts.middleware.SecondFactorMiddleware",
    "axes.middleware.AxesMiddleware",
    "treatyreview.web.middleware.DatabaseBusyMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out user name before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "treatyreview.urls"
WSGI_APPLICATION = "treatyreview.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "treatyreview.web.context_processors.platform",
            ],
        },
    },
]

VAR_DIR.mkdir(parents=True, exist_ok=True)
(VAR_DIR / "static").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'treatyreview.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one request writes; IMMEDIATE takes the write lock at the start of a
    # transaction so two writers queue instead of failing half-way.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        # Seconds a request waits for the write lock before it is answered 503 "try again" (never a 500).
        "timeout": int(os.environ.get("TREATYREVIEW_SQLITE_TIMEOUT", "20")),
    }

AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2id for new passwords (argon2-cffi); older hashes are still read and upgraded at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# Sessions end after SESSION_COOKIE_AGE seconds (8 hours unless set), and when the browser closes if asked.
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE", False)

# Activation links e-mailed to a new account (from a nomination) work once and expire after this many days.
TREATYREVIEW_ACTIVATION_DAYS = int(os.environ.get("TREATYREVIEW_ACTIVATION_DAYS", "10"))
PASSWORD_RESET_TIMEOUT = int(os.environ.get("DJANGO_PASSWORD_RESET_TIMEOUT", str(3 * 3600)))

# E-mail: printed to the console unless an SMTP server is named (see docs/operations.md).
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "treatyreview@localhost")
# The address of the site in e-mailed links (activation, password reset) when no request gives it.
TREATYREVIEW_SITE_URL = os.environ.get("TREATYREVIEW_SITE_URL", "http://127.0.0.1:8000")

# Two-factor authentication (django-otp): required for these roles, offered to everyone else.
TREATYREVIEW_SECOND_FACTOR_ROLES = ["secretariat", "focal_point"]
OTP_TOTP_ISSUER = "UNTOC Review Mechanism"

# Sign-in lockout (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user name from one address,
# that pair is locked for AXES_COOLOFF_TIME; every attempt is kept in the database, shared by all processes.
AXES_FAILURE_LIMIT = int(os.environ.get("TREATYREVIEW_SIGN_IN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("TREATYREVIEW_SIGN_IN_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "treatyreview.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "treatyreview.accounts.network.client_ip"
AXES_VERBOSE = False
# How many reverse proxies in front of the site append to X-Forwarded-For (0: the client is REMOTE_ADDR).
TREATYREVIEW_TRUSTED_PROXIES = int(os.environ.get("TREATYREVIEW_TRUSTED_PROXIES", "0"))

# Rate limits, counted in the database so that every process shares them: name -> (methods, path prefix,
# requests allowed, per seconds). A client over a limit gets 429 with Retry-After.
def rate(name: str, default: int) -> int:
    return int(os.environ.get(f"TREATYREVIEW_RATE_{name.upper()}", str(default)))


TREATYREVIEW_RATE_LIMITS = {
    "sign_in": (["POST"], "/accounts/login/", rate("sign_in", 30), 600),
    "two_factor": (["POST"], "/accounts/two-factor/verify/", rate("two_factor", 30), 600),
    "password_reset": (["POST"], "/accounts/password-reset/", rate("password_reset", 10), 3600),
    "activation": (["POST"], "/accounts/activate/", rate("activation", 30), 600),
    "api": (["GET", "POST", "PUT", "PATCH", "DELETE"], "/api/", rate("api", 1200), 60),
}
# The API's description and its documentation page are the same for everyone: not counted.
TREATYREVIEW_RATE_LIMIT_EXEMPT = ["/api/openapi.json", "/api/docs"]

# The six official languages of the United Nations; Arabic is written right to left.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Arabic dates as the UN writes them (ADR 0023); other languages use Django's formats.
FORMAT_MODULE_PATH = "treatyreview.formats"
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": VAR_DIR / "media"}},
    # WhiteNoise serves the files straight from each app's static/ folder (no collectstatic needed for
    # the demo); a deployment may run collectstatic and set TREATYREVIEW_STATIC_BACKEND to a manifest store.
    "staticfiles": {
        "BACKEND": os.environ.get(
            "TREATYREVIEW_STATIC_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = True

# Served over HTTPS (behind the reverse proxy that terminates TLS): DJANGO_HTTPS=true turns on the redirect
# to HTTPS, HSTS and secure cookies. DJANGO_SECURE_COOKIES=true alone still makes the cookies secure.
HTTPS = env_bool("DJANGO_HTTPS", False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS or env_bool("DJANGO_SECURE_COOKIES", False)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True  # pages send the token from the page itself (hx-headers, hidden fields)
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): scripts, styles, fonts and images from this site only; no inline
# script or style, no eval, no frames, no plugins. Bootstrap's CSS draws its icons from data: images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_refusals": {"()": "treatyreview.web.logging.OneLineRefusals"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["one_line_refusals"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("TREATYREVIEW_LOG_LEVEL", "WARNING")},
    # Django's request loggers keep their own handlers: refusals are one line there too.
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
# `treatyreview backup` writes JSON that keeps times to the microsecond (the audit hashes cover them).
SERIALIZATION_MODULES = {"treatyreview-json": "treatyreview.web.fulljson"}
TREATYREVIEW_RULES_PRESET = os.environ.get("TREATYREVIEW_RULES_PRESET", "UNTOC 2018")

# Reminders by e-mail: printed on the console in the demo; a deployment names an SMTP server (docs/operations.md).
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "treatyreview@localhost")
EMAIL_FILE_PATH = os.environ.get("DJANGO_EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
# The address of the site, for links in e-mails and calendar entries (a command has no request to read it from).
TREATYREVIEW_SITE_URL = os.environ.get("TREATYREVIEW_SITE_URL", "http://127.0.0.1:8000")
# Signed checkpoints of the audit chain (`treatyreview audit-checkpoint`): the Ed25519 private key's file
# (kept outside the database and the backups of it), and the public key checkpoints are checked with.
TREATYREVIEW_AUDIT_SIGNING_KEY_FILE = os.environ.get("TREATYREVIEW_AUDIT_SIGNING_KEY_FILE", "")
TREATYREVIEW_AUDIT_PUBLIC_KEY = os.environ.get("TREATYREVIEW_AUDIT_PUBLIC_KEY", "")
