"""All configuration comes from environment variables (FAZHI_*).

Safe defaults serve the embedded demo (SQLite under ./var/); production (FAZHI_ENV=production)
refuses to start with the demo secret key or with DEBUG on.
"""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("FAZHI_VAR_DIR", Path.cwd() / "var")).resolve()

# The SQLite file and uploads live here; a fresh checkout has no var/ yet.
VAR_DIR.mkdir(parents=True, exist_ok=True)

# Public on purpose: a production start refuses it (see the check below).
DEMO_SECRET_KEY = "fazhi-demo-secret-key-do-not-use-in-production"  # noqa: S105 - see the comment above


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, got {raw!r}")


def _int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = (os.environ.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {value}")
    return value


ENVIRONMENT = (os.environ.get("FAZHI_ENV") or ("test" if "pytest" in sys.modules else "demo")).strip().lower()
if ENVIRONMENT not in {"demo", "dev", "test", "production"}:
    raise ImproperlyConfigured(f"FAZHI_ENV must be demo, dev, test or production, got {ENVIRONMENT!r}")

# Off in the demo too: a visitor clicking through it sees the Chinese error pages a real office would, not Django's
# debug page. `dev` is for developers.
DEBUG = _bool("FAZHI_DEBUG", ENVIRONMENT == "dev")
SECRET_KEY = os.environ.get("FAZHI_SECRET_KEY", DEMO_SECRET_KEY)

# A production key must be long and random (Django's deploy check asks for 50+ characters; a key of few
# distinct characters, such as "a" * 60 or a repeated word, is refused too).
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_DISTINCT = 20


def _weak_secret_key(key: str) -> bool:
    return (
        key == DEMO_SECRET_KEY
        or key.startswith("django-insecure-")
        or len(key) < SECRET_KEY_MIN_LENGTH
        or len(set(key)) < SECRET_KEY_MIN_DISTINCT
    )


if ENVIRONMENT == "production":
    if _weak_secret_key(SECRET_KEY):
        raise ImproperlyConfigured(
            f"FAZHI_SECRET_KEY must be a random value of {SECRET_KEY_MIN_LENGTH}+ characters with at least "
            f"{SECRET_KEY_MIN_DISTINCT} different characters in production; generate one with "
            '`python -c "import secrets; print(secrets.token_urlsafe(50))"`'
        )
    if DEBUG:
        raise ImproperlyConfigured("FAZHI_DEBUG must be off in production")

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("FAZHI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("FAZHI_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "ninja",  # serves the API docs (Swagger UI) from its own static files, not a CDN
    "fazhi.core",
    "fazhi.law",
    "fazhi.reconsideration",
    "fazhi.litigation",
    "fazhi.legality",
    "fazhi.normative",
    "fazhi.decisions",
    "fazhi.enforcement",
    "fazhi.mediation",
    "fazhi.petitions",
    "fazhi.hotline",
    "fazhi.plans",
    "fazhi.supervision",
    "fazhi.education",
    "fazhi.publicity",
    "fazhi.proposals",
    "fazhi.disclosure",
    "fazhi.indicators",
    # 统计填报: after the domain apps, so a figure an app computes from its records is never taken over by a form
    "fazhi.collection",
    "fazhi.reports",
    "fazhi.reviewer",  # other jurisdictions' reports, and the office's own checked against its records
    "fazhi.portal",  # the public site: lays out the sections the domain apps declare (core/public.py)
    "fazhi.demo",  # the top floor: may import every app (DESIGN.md)
]

MIDDLEWARE = [
    "fazhi.core.observability.RequestIdMiddleware",
    "fazhi.core.middleware.DropNulMiddleware",
    "fazhi.core.health.HealthMiddleware",
    "fazhi.core.replica.ReplicaMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "fazhi.core.middleware.SessionRefreshMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "csp.middleware.CSPMiddleware",
    "fazhi.core.middleware.NoStoreMiddleware",
    "fazhi.core.middleware.PasswordPolicyMiddleware",
    "fazhi.core.middleware.ParamErrorMiddleware",
]

ROOT_URLCONF = "fazhi.urls"
WSGI_APPLICATION = "fazhi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fazhi.core.context_processors.navigation",
                "fazhi.core.context_processors.notices",
            ],
        },
    }
]

_default_db = f"sqlite:///{VAR_DIR / 'fazhi.sqlite3'}"
DATABASE_URL = os.environ.get("FAZHI_DATABASE_URL") or _default_db
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
except Exception as exc:  # pragma: no cover - message names the variable
    raise ImproperlyConfigured(f"FAZHI_DATABASE_URL is not a valid database URL: {exc}") from exc
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# A read replica (fazhi.core.replica): the dashboard, exports and report rendering read from it when it is set,
# is reachable and is at most FAZHI_REPLICA_LAG_MAX seconds behind; nothing is written or migrated there.
REPLICA_URL = os.environ.get("FAZHI_DATABASE_REPLICA_URL", "").strip()
if REPLICA_URL:
    try:
        _replica = dj_database_url.parse(REPLICA_URL, conn_max_age=60)
    except Exception as exc:  # pragma: no cover - message names the variable
        raise ImproperlyConfigured(f"FAZHI_DATABASE_REPLICA_URL is not a valid database URL: {exc}") from exc
    if _replica["ENGINE"] != DATABASES["default"]["ENGINE"]:
        raise ImproperlyConfigured(
            "FAZHI_DATABASE_REPLICA_URL must name the same kind of database as the primary"
        )
    if _replica["ENGINE"] == "django.db.backends.sqlite3":
        _replica["CONN_MAX_AGE"] = 0
    else:
        # A replica that is down must not hold a page for long: the router then falls back to the primary.
        _replica["OPTIONS"] = {"connect_timeout": 3, **_replica.get("OPTIONS", {})}
    # Tests: the replica's test database is the primary's (streamed to it), never created on the replica itself.
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES["replica"] = _replica
DATABASE_ROUTERS = ["fazhi.core.replica.ReplicaRouter"]
FAZHI_REPLICA_LAG_WARN = _int("FAZHI_REPLICA_LAG_WARN", 30)  # seconds behind: the dashboard says so
FAZHI_REPLICA_LAG_MAX = _int(
    "FAZHI_REPLICA_LAG_MAX", 300, minimum=1
)  # seconds behind: reads go to the primary
FAZHI_REPLICA_CHECK_SECONDS = _int(
    "FAZHI_REPLICA_CHECK_SECONDS", 5
)  # the replica's state is measured this often

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
if ENVIRONMENT == "test":
    # Tests create many users; a fast hasher keeps the suite within CI's time (never used outside tests).
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# 等保 身份鉴别: Django's validators plus letters-and-digits composition (messages in Chinese).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "fazhi.core.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "fazhi.core.passwords.CompositionValidator"},
]
# A password set by an administrator (user created or reset in the admin) must be changed at the next login.
FAZHI_FORCE_PASSWORD_CHANGE = _bool("FAZHI_FORCE_PASSWORD_CHANGE", True)
# Passwords older than this many days must be changed (0 = never expire).
FAZHI_PASSWORD_MAX_AGE_DAYS = _int("FAZHI_PASSWORD_MAX_AGE_DAYS", 0)
# API tokens expire after this many days unless their creator picks another date.
FAZHI_API_TOKEN_DAYS = _int("FAZHI_API_TOKEN_DAYS", 90, minimum=1)

# Lockout after repeated failures (django-axes), keyed on user name and address.
AXES_FAILURE_LIMIT = int(os.environ.get("FAZHI_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# The client's address behind nginx (fazhi.core.clientip): X-Forwarded-For is believed only from these peers.
AXES_CLIENT_IP_CALLABLE = "fazhi.core.clientip.client_ip"

# Session timeout: idle sessions end after FAZHI_SESSION_MINUTES (default 30). The session is not saved on every
# request (a write per page view, which waits behind a long import on SQLite); SessionRefreshMiddleware saves it
# again when its last save is FAZHI_SESSION_REFRESH_SECONDS old, so it ends at most that much before the timeout.
SESSION_COOKIE_AGE = int(os.environ.get("FAZHI_SESSION_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = False
FAZHI_SESSION_REFRESH_SECONDS = int(os.environ.get("FAZHI_SESSION_REFRESH_SECONDS", "60"))
if not 0 <= FAZHI_SESSION_REFRESH_SECONDS < SESSION_COOKIE_AGE:
    raise ImproperlyConfigured(
        "FAZHI_SESSION_REFRESH_SECONDS must be from 0 to less than FAZHI_SESSION_MINUTES*60"
    )
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

# HTTPS: on by default in production (HSTS, redirect to https, secure cookies). An office serving the
# system over plain HTTP on its intranet sets FAZHI_HTTPS=false (then browsers must not be sent to https).
HTTPS = _bool("FAZHI_HTTPS", ENVIRONMENT == "production")
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = _int("FAZHI_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Behind nginx, which terminates TLS and sets X-Forwarded-Proto (docs/deploy); without a proxy, set false.
BEHIND_PROXY = _bool("FAZHI_BEHIND_PROXY", HTTPS)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Peers whose X-Forwarded-For names the client (the login lockout, the login log, the request log): addresses or
# networks, comma-separated. Unset or empty: this machine's loopback when behind a proxy (nginx on the same host),
# none otherwise (every request is then keyed on the address it came from).
FAZHI_TRUSTED_PROXIES = [
    p.strip()
    for p in (os.environ.get("FAZHI_TRUSTED_PROXIES") or ("127.0.0.1,::1" if BEHIND_PROXY else "")).split(",")
    if p.strip()
]
try:
    import ipaddress

    for _p in FAZHI_TRUSTED_PROXIES:
        ipaddress.ip_network(_p, strict=False)
except ValueError as exc:
    raise ImproperlyConfigured(f"FAZHI_TRUSTED_PROXIES: {exc}") from None
# Probes answer over plain http on the app server's own port (fazhi.core.health).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts and styles only from our own static files (the vendored
# Tabler, htmx, ECharts and tom-select), no inline <script>, no event-handler attributes, no eval.
# Inline style *attributes* (style="height:320px", ECharts' and tom-select's element styles) are allowed;
# <style> elements are not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-elem": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
# Demo, development and tests: static files are served from the app directories (finders); STATIC_ROOT exists
# only after collectstatic. Production serves only what `fazhi collectstatic` put in STATIC_ROOT (`fazhi serve
# --production` runs it), compressed once there (gzip) rather than on every request.
WHITENOISE_USE_FINDERS = ENVIRONMENT != "production"
if ENVIRONMENT == "production":
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    }
warnings.filterwarnings("ignore", message=r"No directory at: .*static", category=UserWarning)

# The annual report's Word template (an office's own 红头 format); empty = the built-in one.
FAZHI_REPORT_TEMPLATE = os.environ.get("FAZHI_REPORT_TEMPLATE", "")

# Uploads: imports larger than this are refused before parsing.
FAZHI_MAX_UPLOAD_BYTES = int(os.environ.get("FAZHI_MAX_UPLOAD_MB", "20")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = FAZHI_MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Zip-based uploads (.xlsx, .ods, .docx) are inspected before any reader opens them (fazhi.core.uploads).
# Unzipped total: a 100 000-row import file is 11.4 MB zipped and 144 MB unzipped (12:1, typical of xlsx), so
# a file at the 20 MB upload limit may hold ~240 MB; 300 MB lets every real file through and bounds the
# reader's memory to about 0.7 GB. Ratio: real sheets compress 10-20:1 (the most repetitive seen ~30:1); a
# bomb is 1000:1; checked on members of 1 MiB and more. Members: a workbook has 3 per sheet, a report a few
# per image; 1000 leaves room for both. PDF pages: an annual report has tens of pages.
FAZHI_UPLOAD_MAX_UNZIPPED_BYTES = int(os.environ.get("FAZHI_UPLOAD_MAX_UNZIPPED_MB", "300")) * 1024 * 1024
FAZHI_UPLOAD_MAX_RATIO = int(os.environ.get("FAZHI_UPLOAD_MAX_RATIO", "100"))
FAZHI_UPLOAD_MAX_MEMBERS = int(os.environ.get("FAZHI_UPLOAD_MAX_MEMBERS", "1000"))
FAZHI_UPLOAD_MAX_PDF_PAGES = int(os.environ.get("FAZHI_UPLOAD_MAX_PDF_PAGES", "400"))

# Background work through the Tasks API (DEP 14). Tests use the immediate backend. FAZHI_TASKS_BACKEND selects
# another: django_tasks_rq.RQBackend runs tasks on RQ workers (`fazhi worker`, on any machine) over the Redis
# server of FAZHI_REDIS_URL.
TASKS_BACKEND = os.environ.get(
    "FAZHI_TASKS_BACKEND",
    "django_tasks.backends.immediate.ImmediateBackend"
    if ENVIRONMENT == "test"
    else "django_tasks_db.DatabaseBackend",
).strip()
TASKS: dict[str, dict] = {"default": {"BACKEND": TASKS_BACKEND}}
RQ_BACKEND = TASKS_BACKEND.startswith("django_tasks_rq.")
if RQ_BACKEND:
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS["default"]["QUEUES"] = ["default"]
    # A job running longer than this is stopped by its worker (RQ's own default is 180 s, too short for a
    # large import or a report PDF).
    FAZHI_TASK_TIMEOUT_SECONDS = _int("FAZHI_TASK_TIMEOUT_SECONDS", 3600, minimum=60)
    RQ_QUEUES = {
        "default": {
            "URL": os.environ.get("FAZHI_REDIS_URL", "redis://127.0.0.1:6379/0"),
            "DEFAULT_TIMEOUT": FAZHI_TASK_TIMEOUT_SECONDS,
        }
    }

# A running import whose worker has given no sign of life (heartbeat) for this long is marked failed and its
# upload deleted; uploads and error reports of finished imports are deleted after FAZHI_IMPORT_RETENTION_DAYS.
FAZHI_JOB_STALE_SECONDS = int(os.environ.get("FAZHI_JOB_STALE_SECONDS", "120"))
FAZHI_IMPORT_RETENTION_DAYS = int(os.environ.get("FAZHI_IMPORT_RETENTION_DAYS", "7"))
if FAZHI_JOB_STALE_SECONDS < 10:
    raise ImproperlyConfigured("FAZHI_JOB_STALE_SECONDS must be at least 10")
if FAZHI_IMPORT_RETENTION_DAYS < 0:
    raise ImproperlyConfigured("FAZHI_IMPORT_RETENTION_DAYS must be 0 or more")


# E-mail of `fazhi remind`: FAZHI_EMAIL_URL = smtp://user:password@host:587 (STARTTLS) or smtps://…:465 (TLS);
# user and password percent-encoded. Unset: the console backend (mails printed) in demo/dev, locmem in tests, and
# no mail in production (reminders are then in-app notices only).
def _email_settings(url: str) -> dict:
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
        raise ImproperlyConfigured(
            f"FAZHI_EMAIL_URL must look like smtp://user:password@host:port, got scheme {parts.scheme!r}"
        )
    try:
        port = parts.port or (465 if parts.scheme == "smtps" else 587)
    except ValueError:
        raise ImproperlyConfigured("FAZHI_EMAIL_URL has an invalid port") from None
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        "EMAIL_USE_TLS": parts.scheme == "smtp" and port != 25,
    }


FAZHI_EMAIL_URL = os.environ.get("FAZHI_EMAIL_URL", "").strip()
if FAZHI_EMAIL_URL:
    globals().update(_email_settings(FAZHI_EMAIL_URL))
else:
    EMAIL_BACKEND = {
        "test": "django.core.mail.backends.locmem.EmailBackend",
        "production": "django.core.mail.backends.dummy.EmailBackend",
    }.get(ENVIRONMENT, "django.core.mail.backends.console.EmailBackend")
# Whether reminders are mailed at all (no sense printing to a console nobody reads in production).
FAZHI_EMAIL_ENABLED = bool(FAZHI_EMAIL_URL) or ENVIRONMENT != "production"
DEFAULT_FROM_EMAIL = os.environ.get("FAZHI_EMAIL_FROM", "fazhi@localhost")
# The site's address, put before a record's link in reminder e-mails (https://fazhi.example.gov.cn).
FAZHI_BASE_URL = os.environ.get("FAZHI_BASE_URL", "").strip().rstrip("/")

# Whether a 调休 make-up Saturday/Sunday counts as a working day in 工作日 periods (the statutes are silent).
FAZHI_MAKEUP_WORKDAYS_COUNT = _bool("FAZHI_MAKEUP_WORKDAYS_COUNT", True)

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False
SIMPLE_HISTORY_REVERT_DISABLED = True

# Prometheus at /metrics (fazhi.core.metrics): answered to requests straight from this machine, or to any that
# sends `Authorization: Bearer <this token>` (a Prometheus on another machine). Empty: loopback only.
FAZHI_METRICS_TOKEN = os.environ.get("FAZHI_METRICS_TOKEN", "").strip()
if FAZHI_METRICS_TOKEN and len(FAZHI_METRICS_TOKEN) < 32:
    raise ImproperlyConfigured("FAZHI_METRICS_TOKEN must be at least 32 characters (or empty)")

# Logs go to stderr (journald under systemd). FAZHI_LOG_FORMAT=json (the default in production): one JSON object
# per line (python-json-logger) with time, level, logger, message, request_id and the request's fields; `text`
# elsewhere. Each request is logged at INFO on `fazhi.request` (FAZHI_REQUEST_LOG=false turns that off).
LOG_FORMAT = (
    os.environ.get("FAZHI_LOG_FORMAT") or ("json" if ENVIRONMENT == "production" else "text")
).lower()
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"FAZHI_LOG_FORMAT must be json or text, got {LOG_FORMAT!r}")
LOG_LEVEL = os.environ.get("FAZHI_LOG_LEVEL", "WARNING").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "fazhi.core.observability.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s %(process)d",
            "rename_fields": {"levelname": "level", "name": "logger", "process": "pid"},
            "timestamp": "time",  # ISO 8601 in UTC
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "fazhi.request": {
            "level": "INFO" if _bool("FAZHI_REQUEST_LOG", ENVIRONMENT == "production") else "WARNING",
        },
    },
}
