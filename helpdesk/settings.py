"""Settings for Hỏi – Đáp, read from the environment.

With nothing set, the product runs embedded: SQLite (WAL) under ``HELPDESK_DATA_DIR``, an
in-memory channel layer, the local-memory cache, e-mail printed to the console. Production is
chosen by ``HELPDESK_PRODUCTION=1`` plus ``DATABASE_URL`` / ``REDIS_URL``; see README.md.

Every variable goes through a typed helper that fails loudly on a bad value: a typo in a
deployment must stop the server at start-up, not surface as odd behaviour weeks later.
"""

import os
import secrets
import sys
from datetime import date, timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no; got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer; got {raw!r}") from None


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number; got {raw!r}") from None


def env_trusted_proxies() -> int:
    """How many reverse proxies stand in front of the server (see questions.ratelimit)."""
    count = env_int("HELPDESK_TRUSTED_PROXIES", 0)
    if count < 0:
        raise ImproperlyConfigured(f"HELPDESK_TRUSTED_PROXIES must be 0 or more; got {count}")
    return count


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


PRODUCTION = env_bool("HELPDESK_PRODUCTION")
DEBUG = env_bool("HELPDESK_DEBUG", default=False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("HELPDESK_DEBUG cannot be on when HELPDESK_PRODUCTION is.")

DATA_DIR = Path(env_str("HELPDESK_DATA_DIR") or BASE_DIR / "var").resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    key = env_str("HELPDESK_SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("HELPDESK_SECRET_KEY must be set in production.")
    # Embedded mode: one random key per data directory, kept next to the database, so that
    # sessions survive restarts without anyone having to invent a secret.
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("HELPDESK_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("HELPDESK_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("HELPDESK_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # daphne makes `runserver` an ASGI server for Channels (it must precede staticfiles); only
    # there: installed everywhere, it loads Twisted and cryptography (~19 MB) into every gunicorn
    # and task worker, which never use it (docs/decisions/0019, "Memory").
    *(["daphne"] if sys.argv[1:2] == ["runserver"] else []),
    # django.contrib.admin with an admin site that asks for the second factor (decision 0011).
    "helpdesk.accounts.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",  # its system checks catch settings left in the pre-4.0 format
    "channels",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Django's Tasks API (backport) and its database backend: durable effects (decision 0016).
    "django_tasks",
    "django_tasks_db",
    "routing",
    "questions",
    "search",
    "helpdesk",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # CSP and no-store on private pages, before anything that may answer early (decision 0013).
    "csp.middleware.CSPMiddleware",
    "helpdesk.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # gzip for public pages only, after WhiteNoise's precompressed files (decision 0024).
    "helpdesk.middleware.PublicGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Vietnamese unless English was chosen with the switch, whatever Accept-Language says.
    "helpdesk.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "helpdesk.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "helpdesk.urls"
WSGI_APPLICATION = "helpdesk.wsgi.application"
ASGI_APPLICATION = "helpdesk.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "helpdesk" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "helpdesk.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------

DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "helpdesk.sqlite3",
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so two transitions on one question
                # queue up instead of both reading the old status (SQLite has no row locks and
                # ignores select_for_update). WAL lets readers go on while one writes.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
if PRODUCTION and DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    raise ImproperlyConfigured("Production needs DATABASE_URL pointing at PostgreSQL.")

# Archive search: "whoosh" (an index on this machine's disk, the default) or "postgres" (the
# index in the database, shared by every application node). Not switched on by itself in
# production: a new backend starts empty until rebuild_index (docs/decisions/0017).
HELPDESK_SEARCH_BACKEND = env_str("HELPDESK_SEARCH_BACKEND", "whoosh").lower()
if HELPDESK_SEARCH_BACKEND not in ("whoosh", "postgres"):
    raise ImproperlyConfigured(
        f"HELPDESK_SEARCH_BACKEND must be whoosh or postgres; got {HELPDESK_SEARCH_BACKEND!r}"
    )
if HELPDESK_SEARCH_BACKEND == "postgres" and "postgresql" not in DATABASES["default"]["ENGINE"]:
    raise ImproperlyConfigured("HELPDESK_SEARCH_BACKEND=postgres needs DATABASE_URL=postgres://…")

# The officer's desk flags a past answer to reuse as "check that this is still current" when
# it was answered, or cites a text dated, before this day (questions/desk.py); by default the
# day the two-tier local government and the merged departments took over.
HELPDESK_LEGAL_REVIEW_BEFORE = date.fromisoformat(
    env_str("HELPDESK_LEGAL_REVIEW_BEFORE", "2025-07-01")
)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The reports' covering index (questions.Question.Meta) is for PostgreSQL; on SQLite it is a
# plain index on received_at, which is what Django's warning says.
SILENCED_SYSTEM_CHECKS = ["models.W040", "axes.W002"]  # W002: see AXES_HANDLER below

# --- Cache and channel layer ---------------------------------------------------------------

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Auth --------------------------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "workspace:login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "questions:home"

# Staff accounts (helpdesk/accounts/, decision 0011). Every login path (workspace, admin, API
# tokens) goes through django-axes: after LOGIN_FAILURE_LIMIT failures for one account or from
# one address, logins are refused with HTTP 429 for LOGIN_COOLOFF_MINUTES after the last one.
AUTHENTICATION_BACKENDS = [
    "helpdesk.accounts.throttling.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("HELPDESK_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("HELPDESK_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = "helpdesk.accounts.throttling.lockout_parameters"
AXES_CLIENT_IP_CALLABLE = "questions.ratelimit.client_ip"
# Attempts are rows in the database (the default handler): the limit holds across processes
# without Redis. The login views set the 429 themselves; axes' middleware is left out because
# its async path (uvicorn, embedded) drops the page it should only re-status.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False  # no banner on every start; failures and lockouts are still logged
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token", "csrfmiddlewaretoken"]
# Two-factor authentication (django-otp, TOTP): required for the intake desk, unit heads,
# supervisors, administrators and Django admin accounts when on; officers may opt in.
HELPDESK_REQUIRE_2FA = env_bool("HELPDESK_REQUIRE_2FA", default=PRODUCTION)
OTP_TOTP_ISSUER = env_str("HELPDESK_OTP_ISSUER", "Hỏi – Đáp")
# A session lasts a working day, counted from login; staff sessions also end with the browser.
SESSION_COOKIE_AGE = env_int("HELPDESK_SESSION_HOURS", 8) * 3600

# --- Language and time ---------------------------------------------------------------------------

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["helpdesk.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ---------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# WhiteNoise serves from the finders when embedded, but warns about a missing STATIC_ROOT.
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_ROOT = DATA_DIR / "uploads"
S3_VARIABLES = (
    "HELPDESK_S3_ENDPOINT_URL",
    "HELPDESK_S3_REGION",
    "HELPDESK_S3_ACCESS_KEY_ID",
    "HELPDESK_S3_SECRET_ACCESS_KEY",
)


def env_uploads_storage() -> dict:
    """Where citizens' attachments live (decision 0018): ``MEDIA_ROOT`` on this machine, or a
    private S3-compatible bucket shared by every node when ``HELPDESK_S3_BUCKET`` is set."""
    bucket = env_str("HELPDESK_S3_BUCKET")
    if not bucket:
        stray = [name for name in S3_VARIABLES if env_str(name)]
        if stray:
            raise ImproperlyConfigured(
                f"{', '.join(stray)} set without HELPDESK_S3_BUCKET: attachments would quietly "
                "stay on this machine's disk. Set the bucket, or unset them."
            )
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    key_id = env_str("HELPDESK_S3_ACCESS_KEY_ID")
    secret = env_str("HELPDESK_S3_SECRET_ACCESS_KEY")
    if bool(key_id) != bool(secret):
        raise ImproperlyConfigured(
            "Set both HELPDESK_S3_ACCESS_KEY_ID and HELPDESK_S3_SECRET_ACCESS_KEY, or neither "
            "(then boto3 finds credentials itself: AWS_* variables, ~/.aws, an instance role)."
        )
    endpoint = env_str("HELPDESK_S3_ENDPOINT_URL") or None
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint,
            "region_name": env_str("HELPDESK_S3_REGION") or None,
            "access_key": key_id or None,
            "secret_key": secret or None,
            # Citizens' documents: private objects whatever the bucket's default. Our views
            # stream them after the access check; nothing links to the store itself, and a
            # signed URL, were one ever made, would expire within a minute.
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
            # As on the local disk, a save never replaces a stored file (one HEAD per upload).
            "file_overwrite": False,
            # A download is buffered before it is streamed: past 1 MB on disk, not in memory.
            "max_memory_size": 1024 * 1024,
            # MinIO, Ceph and most S3-compatible stores expect the bucket in the path.
            "addressing_style": "path" if endpoint else None,
        },
    }


# Uploads are citizens' private documents: there is deliberately no MEDIA_URL; files are
# served only through a view that checks access, and only through the storage API.
STORAGES = {
    "default": env_uploads_storage(),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
# One attachment may be 10 MB; a multipart form carries a few of them plus text.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- E-mail ----------------------------------------------------------------------------------

EMAIL_BACKEND = env_str("HELPDESK_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("HELPDESK_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("HELPDESK_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("HELPDESK_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("HELPDESK_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("HELPDESK_EMAIL_TLS")
# Seconds a mail server may take to answer one step of a send. Django's default is none at all:
# a server that accepts the connection and then says nothing held the task worker forever, and
# every receipt behind it. Past this the send fails and is retried later like any other failure.
EMAIL_TIMEOUT = env_int("HELPDESK_EMAIL_TIMEOUT", 30)
EMAIL_FILE_PATH = DATA_DIR / "mail"
DEFAULT_FROM_EMAIL = env_str("HELPDESK_FROM_EMAIL", "hoidap@example.gov.vn")
# E-mail intake (questions/mail_intake.py): the mailbox citizens write to. Replies to our mails
# come back to its plus-address (hoidap+<reply token>@…); fetch_mail polls it over IMAP.
HELPDESK_INTAKE_ADDRESS = env_str("HELPDESK_INTAKE_ADDRESS", DEFAULT_FROM_EMAIL)
HELPDESK_IMAP = {
    "HOST": env_str("HELPDESK_IMAP_HOST"),
    "PORT": env_int("HELPDESK_IMAP_PORT", 993),
    "USER": env_str("HELPDESK_IMAP_USER"),
    "PASSWORD": env_str("HELPDESK_IMAP_PASSWORD"),
    # "ssl" (IMAPS, 993), "starttls" (143 upgraded) or "none" (loopback tests only).
    "SECURITY": env_str("HELPDESK_IMAP_SECURITY", "ssl"),
    "FOLDER": env_str("HELPDESK_IMAP_FOLDER", "INBOX"),
    # Where processed mail is moved; empty: it is only flagged as seen.
    "DONE_FOLDER": env_str("HELPDESK_IMAP_DONE_FOLDER"),
}

# --- Outgoing channels: SMS, Zalo ZNS, webhooks (decision 0022, README "Configuration") ----------


def env_mapping(name: str) -> dict[str, str]:
    """``received:123,answered:124`` → {"received": "123", "answered": "124"}."""
    pairs = [item.partition(":") for item in env_list(name, [])]
    if any(not key.strip() or not value.strip() for key, _sep, value in pairs):
        raise ImproperlyConfigured(f"{name} must be name:value pairs separated by commas")
    return {key.strip(): value.strip() for key, _sep, value in pairs}


HELPDESK_SMS = {
    # Empty: SMS are printed to the console (embedded), or fail as unconfigured (production).
    "URL": env_str("HELPDESK_SMS_URL"),
    "METHOD": env_str("HELPDESK_SMS_METHOD", "POST").upper(),
    "AUTH_HEADER": env_str("HELPDESK_SMS_AUTH_HEADER"),
    "CONTENT_TYPE": env_str("HELPDESK_SMS_CONTENT_TYPE", "application/json"),
    "BODY_TEMPLATE": env_str(
        "HELPDESK_SMS_BODY_TEMPLATE",
        '{"to": "{phone}", "text": "{text}", "brandname": "{brandname}"}',
    ),
    "BRANDNAME": env_str("HELPDESK_SMS_BRANDNAME"),
    "PHONE_FORMAT": env_str("HELPDESK_SMS_PHONE_FORMAT", "e164"),
    "SUCCESS_FIELD": env_str("HELPDESK_SMS_SUCCESS_FIELD"),
    "SUCCESS_VALUES": env_list("HELPDESK_SMS_SUCCESS_VALUES", []),
    "ID_FIELD": env_str("HELPDESK_SMS_ID_FIELD"),
    "ASCII": env_bool("HELPDESK_SMS_ASCII", default=True),
    "TIMEOUT": env_float("HELPDESK_SMS_TIMEOUT", 10.0),
    # Replies forwarded by the gateway (the STOP rule, questions/channels/inbound.py): the shared
    # token of /sms/replies/ (empty: no such endpoint) and the gateway's field names.
    "INBOUND_TOKEN": env_str("HELPDESK_SMS_INBOUND_TOKEN"),
    "INBOUND_FROM_FIELD": env_str("HELPDESK_SMS_INBOUND_FROM_FIELD", "from"),
    "INBOUND_TEXT_FIELD": env_str("HELPDESK_SMS_INBOUND_TEXT_FIELD", "text"),
}
if HELPDESK_SMS["METHOD"] not in ("GET", "POST"):
    raise ImproperlyConfigured("HELPDESK_SMS_METHOD must be GET or POST")
if HELPDESK_SMS["PHONE_FORMAT"] not in ("e164", "84", "0"):
    raise ImproperlyConfigured("HELPDESK_SMS_PHONE_FORMAT must be e164, 84 or 0")
HELPDESK_ZNS = {
    "URL": env_str("HELPDESK_ZNS_URL", "https://business.openapi.zalo.me/message/template"),
    "ACCESS_TOKEN": env_str("HELPDESK_ZNS_ACCESS_TOKEN"),
    # Our message name → the ZNS template id Zalo approved for it.
    "TEMPLATES": env_mapping("HELPDESK_ZNS_TEMPLATES"),
    "TIMEOUT": env_float("HELPDESK_ZNS_TIMEOUT", 10.0),
}
# Open data (questions/opendata.py): the licence stated with the dataset.
HELPDESK_OPEN_DATA = {
    "LICENCE": env_str("HELPDESK_OPEN_DATA_LICENCE", "CC-BY-4.0"),
    "LICENCE_URL": env_str(
        "HELPDESK_OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
    ),
}
HELPDESK_WEBHOOKS = {
    # Hosts (names, addresses or networks) webhooks may reach even if private; empty: only
    # public addresses. With HELPDESK_WEBHOOK_ONLY_ALLOWED, no other host at all.
    "ALLOWED_HOSTS": env_list("HELPDESK_WEBHOOK_ALLOWED_HOSTS", []),
    "ONLY_ALLOWED": env_bool("HELPDESK_WEBHOOK_ONLY_ALLOWED", default=False),
    "TIMEOUT": env_float("HELPDESK_WEBHOOK_TIMEOUT", 10.0),
}

# --- Tasks ----------------------------------------------------------------------------------------

# Durable after-commit work (decision 0016): every e-mail, index update and automatic routing is a
# task of Django's Tasks API, stored by the database backend as a row written in the same
# transaction as the change it follows, and run by `manage.py db_worker` (started by `serve`).
TASKS = {
    "default": {
        "BACKEND": "helpdesk.task_backend.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# --- Client address ------------------------------------------------------------------------

# Reverse proxies in front of the server, each appending to X-Forwarded-For: the client is the
# N-th address from the right; 0 = no proxy, the peer address (questions.ratelimit.client_ip).
TRUSTED_PROXIES = env_trusted_proxies()

# --- REST API -----------------------------------------------------------------------------------

# The staff endpoints' authentication (questions/api_auth.py): the token first, so that a missing
# or wrong one is a 401 naming the scheme, then the browser session. Named here rather than
# imported by questions/, which sits below the accounts code (docs/architecture.md).
HELPDESK_STAFF_API_AUTHENTICATION = [
    "helpdesk.accounts.throttling.LockoutTokenAuthentication",
    "rest_framework.authentication.SessionAuthentication",
]
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        # DRF's TokenAuthentication, throttled per IP like a login (helpdesk/accounts/).
        "helpdesk.accounts.throttling.LockoutTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "helpdesk.api.exception_handler",
    # Throttles find the client the way questions.ratelimit.client_ip does.
    "NUM_PROXIES": TRUSTED_PROXIES,
}
SPECTACULAR_SETTINGS = {
    # Applies the views' annotations first: they are recorded at import (helpdesk/api_schema.py).
    "DEFAULT_GENERATOR_CLASS": "helpdesk.api_schema.SchemaGenerator",
    "TITLE": "Hỏi – Đáp API",
    "DESCRIPTION": "Citizen Q&A helpdesk: ask, track, and read the public archive.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No deep links: Swagger UI puts each one inside the operation's toggle button, a link in a
    # button that keyboard and screen-reader users cannot reach properly (axe: nested-interactive).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "REDOC_DIST": "SIDECAR",
    # Three choice sets share the field name "status": each gets its own schema name.
    "ENUM_NAME_OVERRIDES": {
        "QuestionStatusEnum": "questions.models.Status",
        "WebhookDeliveryStatusEnum": "questions.channels.models.WebhookDelivery.Status",
    },
}

# --- Product settings ----------------------------------------------------------------------------

HELPDESK = {
    # Days after an answer during which the citizen may say it did not help and reopen it.
    "REOPEN_WITHIN_DAYS": env_int("HELPDESK_REOPEN_WITHIN_DAYS", 30),
    # Anti-spam without third parties: submissions allowed per window, per IP and per contact.
    "RATE_LIMIT_PER_IP": env_int("HELPDESK_RATE_LIMIT_PER_IP", 10),
    "RATE_LIMIT_PER_CONTACT": env_int("HELPDESK_RATE_LIMIT_PER_CONTACT", 5),
    "RATE_LIMIT_WINDOW_SECONDS": env_int("HELPDESK_RATE_LIMIT_WINDOW_SECONDS", 3600),
    "TRUSTED_PROXIES": TRUSTED_PROXIES,
    # Ranking of units (helpdesk/ranking.py): weights add up to 1, shown on the pages.
    "RANKING_WEIGHTS": {
        "timely": env_float("HELPDESK_RANKING_WEIGHT_TIMELY", 0.6),
        "satisfaction": env_float("HELPDESK_RANKING_WEIGHT_SATISFACTION", 0.2),
        "volume": env_float("HELPDESK_RANKING_WEIGHT_VOLUME", 0.2),
    },
    "RANKING_MIN_VOLUME": env_int("HELPDESK_RANKING_MIN_VOLUME", 10),
    # Automatic routing (questions/autoroute.py): the model routes on its own at or above this
    # confidence when no rule applies; below it the question waits for the intake desk.
    "AUTOROUTE_THRESHOLD": env_float("HELPDESK_AUTOROUTE_THRESHOLD", 0.85),
    # Deadlines (questions/timeliness.py, questions/sweep.py), in working days.
    "DUE_SOON_WORKING_DAYS": env_int("HELPDESK_DUE_SOON_WORKING_DAYS", 2),
    "REMIND_BEFORE_WORKING_DAYS": env_int("HELPDESK_REMIND_BEFORE_WORKING_DAYS", 2),
    "MAX_ATTACHMENTS": 5,
    "MAX_ATTACHMENT_BYTES": 10 * 1024 * 1024,
    # Personal data retention (questions/privacy.py, `manage.py apply_retention`): the askers of
    # questions closed more than this many years ago are anonymised; 0 keeps them for ever.
    "RETENTION_YEARS": env_int("HELPDESK_RETENTION_YEARS", 5),
}

# --- Logging -------------------------------------------------------------------------------------

# Every line goes through one console handler whose filter masks private-link tokens, e-mails,
# ID numbers and phones (helpdesk/logging.py, decision 0014). The loggers that write URLs bring
# handlers of their own that would bypass it: Django's (django.request, django.server; the
# mail_admins handler would also mail a request's GET and POST data) and uvicorn's (its access
# log holds the query string). Listed with no handlers, they lose theirs and reach the root's.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"personal_data": {"()": "helpdesk.logging.PersonalDataFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["personal_data"]}},
    "root": {"handlers": ["console"], "level": env_str("HELPDESK_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        **{
            name: {"handlers": [], "propagate": True}
            for name in ("django", "django.server", "uvicorn", "uvicorn.access")
        },
    },
}

# --- Production hardening (what `manage.py check --deploy` asks for) ------------------------------

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("HELPDESK_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("HELPDESK_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4, docs/decisions/0013-web-hardening.md): everything is
# served from this site (no CDN, docs/architecture.md#interfaces), no inline script or style, no
# plugins, no framing, forms post only here, no <base> rewriting. The API docs page adds what
# Swagger UI needs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],  # fetch and the live-update WebSocket, same host
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# An expired or tokenless form post: the ask form comes back filled in (helpdesk/errors.py).
CSRF_FAILURE_VIEW = "helpdesk.errors.csrf_failure"
