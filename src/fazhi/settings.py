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

DEMO_SECRET_KEY = "fazhi-demo-secret-key-do-not-use-in-production"


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


ENVIRONMENT = (os.environ.get("FAZHI_ENV") or ("test" if "pytest" in sys.modules else "demo")).strip().lower()
if ENVIRONMENT not in {"demo", "dev", "test", "production"}:
    raise ImproperlyConfigured(f"FAZHI_ENV must be demo, dev, test or production, got {ENVIRONMENT!r}")

DEBUG = _bool("FAZHI_DEBUG", ENVIRONMENT in {"demo", "dev"})
SECRET_KEY = os.environ.get("FAZHI_SECRET_KEY", DEMO_SECRET_KEY)

if ENVIRONMENT == "production":
    if SECRET_KEY == DEMO_SECRET_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured("FAZHI_SECRET_KEY must be set to a random value of 32+ characters in production")
    if DEBUG:
        raise ImproperlyConfigured("FAZHI_DEBUG must be off in production")

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("FAZHI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]
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
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "fazhi.core",
    "fazhi.law",
    "fazhi.reconsideration",
    "fazhi.litigation",
    "fazhi.indicators",
    "fazhi.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "fazhi.core.views.ParamErrorMiddleware",
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
if ENVIRONMENT == "test":
    # Tests create many users; a fast hasher keeps the suite within CI's time (never used outside tests).
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
]

# Lockout after repeated failures (django-axes), keyed on user name and address.
AXES_FAILURE_LIMIT = int(os.environ.get("FAZHI_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True

# Session timeout: idle sessions end after FAZHI_SESSION_MINUTES (default 30).
SESSION_COOKIE_AGE = int(os.environ.get("FAZHI_SESSION_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_SECURE = ENVIRONMENT == "production"
CSRF_COOKIE_SECURE = ENVIRONMENT == "production"

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
WHITENOISE_USE_FINDERS = True
# Static files are served from the app directories (finders); STATIC_ROOT exists only after collectstatic.
warnings.filterwarnings("ignore", message=r"No directory at: .*static", category=UserWarning)

# The annual report's Word template (an office's own 红头 format); empty = the built-in one.
FAZHI_REPORT_TEMPLATE = os.environ.get("FAZHI_REPORT_TEMPLATE", "")

# Uploads: imports larger than this are refused before parsing.
FAZHI_MAX_UPLOAD_BYTES = int(os.environ.get("FAZHI_MAX_UPLOAD_MB", "20")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = FAZHI_MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Background work through the Tasks API (DEP 14). Tests use the immediate backend.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "FAZHI_TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if ENVIRONMENT == "test"
            else "django_tasks_db.DatabaseBackend",
        )
    }
}

# Whether a 调休 make-up Saturday/Sunday counts as a working day in 工作日 periods (the statutes are silent).
FAZHI_MAKEUP_WORKDAYS_COUNT = _bool("FAZHI_MAKEUP_WORKDAYS_COUNT", True)

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False
SIMPLE_HISTORY_REVERT_DISABLED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("FAZHI_LOG_LEVEL", "WARNING")},
}
