"""OpenNRM settings: one module, configured from environment variables only.

Every variable is documented in docs/configuration.md.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", default=False)
# Production must set DJANGO_SECRET_KEY; the fallback only exists so that tests and a fresh
# checkout can run, and it is refused by `check --deploy` (it is short and marked insecure).
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "django-insecure-opennrm-development-only")
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "huey.contrib.djhuey",
    "opennrm.core",
    "opennrm.accounts",
    "opennrm.people",
    "opennrm.hotline",
    "opennrm.screening",
    "opennrm.cases",
    "opennrm.referrals",
    "opennrm.shelters",
    "opennrm.reintegration",
    "opennrm.justice",
    "opennrm.voice",
    "opennrm.stats",
    "opennrm.backups",
    "opennrm.matching",
    "opennrm.privacy",
    "opennrm.api",
    "opennrm.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "opennrm.core.audit.AuditOriginMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "opennrm.accounts.middleware.SessionActivityMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "opennrm.accounts.middleware.UserLanguageMiddleware",
    "opennrm.accounts.middleware.ActiveMembershipMiddleware",
    "opennrm.accounts.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
FORM_RENDERER = "opennrm.core.form_renderer.FormRenderer"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "opennrm" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "opennrm.accounts.context_processors.membership",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
# SQLite (WAL mode, see opennrm.core.apps) is the embedded default; production sets DATABASE_URL.
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'opennrm.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# --- Authentication -------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# OWASP ASVS 5.0 (V6.2): at least 12 characters, no composition rules, common-password check.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "opennrm.accounts.validators.MaximumLengthValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# django-axes: lock a username+address pair after repeated failures. Limits set explicitly.
AXES_FAILURE_LIMIT = int(os.environ.get("OPENNRM_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("OPENNRM_LOGIN_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_SENSITIVE_PARAMETERS = ["password", "username"]
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False

# Second factor (TOTP) for every role that sees victim data. OPENNRM_REQUIRE_MFA=false is meant
# for the local demo only (docs/configuration.md); `check --deploy` warns when it is off.
OPENNRM_REQUIRE_MFA = env_bool("OPENNRM_REQUIRE_MFA", default=True)
OTP_TOTP_ISSUER = "OpenNRM"
# One-time recovery codes per set (shown once, kept as keyed hashes).
OPENNRM_RECOVERY_CODES = int(os.environ.get("OPENNRM_RECOVERY_CODES", "10"))
# Step-up: how long a re-authentication (password and second factor) opens protected actions:
# revealing a protected address, exporting identifying data, changing roles or accounts.
OPENNRM_STEP_UP_SECONDS = int(os.environ.get("OPENNRM_STEP_UP_SECONDS", str(5 * 60)))
# WebAuthn security keys: the relying party's domain and the origins users reach it on. Empty:
# taken from each request (its host, already checked against ALLOWED_HOSTS, and its origin).
OPENNRM_WEBAUTHN_RP_ID = os.environ.get("OPENNRM_WEBAUTHN_RP_ID", "")
OPENNRM_WEBAUTHN_ORIGINS = [
    o.strip() for o in os.environ.get("OPENNRM_WEBAUTHN_ORIGINS", "").split(",") if o.strip()
]

# Idle timeout: the session expires after this many seconds without a request. Activity pushes
# the expiry back at most once per OPENNRM_SESSION_REFRESH_SECONDS (not on every request: that
# would write the session row on every page), so a session ends between AGE - REFRESH and AGE
# seconds after the last request.
SESSION_COOKIE_AGE = int(os.environ.get("OPENNRM_IDLE_TIMEOUT_SECONDS", str(15 * 60)))
OPENNRM_SESSION_REFRESH_SECONDS = int(os.environ.get("OPENNRM_SESSION_REFRESH_SECONDS", "60"))
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- HTTPS and headers ----------------------------------------------------------------------
SECURE_HTTPS = env_bool("OPENNRM_HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = SECURE_HTTPS and env_bool("OPENNRM_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 31_536_000 if SECURE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("OPENNRM_BEHIND_PROXY", False) else None
)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

# Content Security Policy: nothing inline, nothing from another origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# --- Languages ------------------------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("ar", _("Arabic")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "opennrm" / "locale"]
# One date format per language everywhere (config/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("OPENNRM_TIME_ZONE", "Africa/Casablanca")

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("OPENNRM_STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "opennrm" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Secrets kept outside the database ------------------------------------------------------
# Encryption keys, the blind-index key and the audit-chain key live in a JSON key file (or the
# OPENNRM_KEYS_JSON variable). See opennrm.core.keys and docs/security.md.
OPENNRM_KEY_FILE = Path(os.environ.get("OPENNRM_KEY_FILE", str(BASE_DIR / "var" / "keys.json")))
OPENNRM_KEYS_JSON = os.environ.get("OPENNRM_KEYS_JSON", "")

# Backups (opennrm.backups, docs/operations.md): encrypted under a backup key that is not a data
# key (OPENNRM_BACKUP_KEY, base64, or a file of its own), written to OPENNRM_BACKUP_DIR by the
# scheduler at OPENNRM_BACKUP_HOUR (UTC) and rotated: the newest of each of the last N days,
# weeks and months kept. Each new backup is restored into a scratch database and verified:
# OPENNRM_BACKUP_TEST_DATABASE_URL (default: a temporary SQLite file, or for PostgreSQL the
# database "<name>_restore_test" on the same server, created and dropped each time).
# The shared cache: rate limits of the anonymous pages and the national figures kept for a
# while. OPENNRM_CACHE_URL=redis://127.0.0.1:6379/2 in production, so that every process
# counts one limit; empty: each process's memory (the demo: one process). Login lockouts
# (django-axes) are in the database, shared already.
OPENNRM_CACHE_URL = os.environ.get("OPENNRM_CACHE_URL", "")
if OPENNRM_CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": OPENNRM_CACHE_URL,
            "KEY_PREFIX": os.environ.get("OPENNRM_CACHE_PREFIX", "opennrm"),
        }
    }
    # Sessions read from the shared cache, written through to the database: one statement
    # less on every page. Only with a shared cache: a per-process cache would keep a signed-out
    # session alive in the other processes.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Charts drawn from the same specification (same counts, labels and direction) are kept this
# long in the cache above, under a digest of the specification.
OPENNRM_CHART_CACHE_SECONDS = int(os.environ.get("OPENNRM_CHART_CACHE_SECONDS", str(24 * 3600)))

OPENNRM_BACKUP_KEY = os.environ.get("OPENNRM_BACKUP_KEY", "")
OPENNRM_BACKUP_KEY_FILE = Path(
    os.environ.get("OPENNRM_BACKUP_KEY_FILE", str(BASE_DIR / "var" / "backup-key.json"))
)
OPENNRM_BACKUP_DIR = Path(os.environ.get("OPENNRM_BACKUP_DIR", str(BASE_DIR / "var" / "backups")))
OPENNRM_BACKUP_HOUR = int(os.environ.get("OPENNRM_BACKUP_HOUR", "1"))
OPENNRM_BACKUP_KEEP_DAILY = int(os.environ.get("OPENNRM_BACKUP_KEEP_DAILY", "7"))
OPENNRM_BACKUP_KEEP_WEEKLY = int(os.environ.get("OPENNRM_BACKUP_KEEP_WEEKLY", "4"))
OPENNRM_BACKUP_KEEP_MONTHLY = int(os.environ.get("OPENNRM_BACKUP_KEEP_MONTHLY", "12"))
OPENNRM_BACKUP_TEST_DATABASE_URL = os.environ.get("OPENNRM_BACKUP_TEST_DATABASE_URL", "")
# Crypto-shredding (opennrm.core.subject_keys): each person's values are under a key of their
# own. Backup archives never hold these keys; the key escrow does, one file rewritten on every
# backup and every erasure (never versioned), so that a restored backup cannot read a person
# erased after it was made. Keep it beside the key file and copy it off the machine without
# history. The cache is how many unwrapped keys a process keeps in memory.
OPENNRM_SUBJECT_KEY_ESCROW = Path(
    os.environ.get("OPENNRM_SUBJECT_KEY_ESCROW", str(OPENNRM_BACKUP_DIR / "subject-keys.escrow"))
)
# Days (calendar) to answer a request of a person exercising a right under Law 09-08 (access,
# rectification, objection, erasure). [U]: the law's implementing texts were not retrieved.
OPENNRM_RIGHTS_REQUEST_DAYS = int(os.environ.get("OPENNRM_RIGHTS_REQUEST_DAYS", "30"))
# Hour (UTC) at which the retention rules are applied every day (opennrm.privacy).
OPENNRM_RETENTION_HOUR = int(os.environ.get("OPENNRM_RETENTION_HOUR", "2"))
OPENNRM_SUBJECT_KEY_CACHE = int(os.environ.get("OPENNRM_SUBJECT_KEY_CACHE", "200000"))

# --- Domain settings (may change with law or procedure: never literals in code) -------------
OPENNRM_DEFAULT_PHONE_REGION = os.environ.get("OPENNRM_DEFAULT_PHONE_REGION", "MA")
OPENNRM_DEPLOYMENT_COUNTRY = os.environ.get("OPENNRM_DEPLOYMENT_COUNTRY", "MA")
OPENNRM_EXTRA_LANGUAGES = os.environ.get(
    "OPENNRM_EXTRA_LANGUAGES", "ary,zgh,tzm,shi,rif,snk,dyu,men,tem,kri,pcm,ibo,yor,twi"
).split(",")
# Languages listed first in every language list, in this order (ISO 639-3).
OPENNRM_FIRST_LANGUAGES = [
    code.strip()
    for code in os.environ.get(
        "OPENNRM_FIRST_LANGUAGES", "ary,ara,zgh,shi,tzm,rif,fra,spa,eng"
    ).split(",")
    if code.strip()
]
OPENNRM_CASES_PER_PAGE = int(os.environ.get("OPENNRM_CASES_PER_PAGE", "25"))
# Working days: weekend (Monday = 0) and the country whose public holidays count.
OPENNRM_WEEKEND_DAYS = frozenset(
    int(d) for d in os.environ.get("OPENNRM_WEEKEND_DAYS", "5,6").split(",") if d.strip()
)
OPENNRM_HOLIDAY_COUNTRY = os.environ.get("OPENNRM_HOLIDAY_COUNTRY", "MA")
# How long a process keeps the public holidays it read (the administrator's changes reach the
# other processes within this time; the one that made them at once).
OPENNRM_HOLIDAY_CACHE_SECONDS = int(os.environ.get("OPENNRM_HOLIDAY_CACHE_SECONDS", "60"))
# NRM deadlines [U]: Morocco's SOP values are not known yet (domain.md 5.2); these follow the
# usual practice and are meant to be set by the deployment.
OPENNRM_PRELIMINARY_DECISION_WORKING_DAYS = int(
    os.environ.get("OPENNRM_PRELIMINARY_DECISION_WORKING_DAYS", "5")
)
OPENNRM_FINAL_DECISION_WORKING_DAYS = int(
    os.environ.get("OPENNRM_FINAL_DECISION_WORKING_DAYS", "30")
)
OPENNRM_RECOVERY_PERIOD_DAYS = int(os.environ.get("OPENNRM_RECOVERY_PERIOD_DAYS", "30"))
OPENNRM_DUE_SOON_WORKING_DAYS = int(os.environ.get("OPENNRM_DUE_SOON_WORKING_DAYS", "2"))
# Hearings: on the home pages of the victim's case manager and lawyer this many days ahead, and
# in the daily e-mail this many working days ahead.
# Statistics: national aggregates hide every count from fewer than OPENNRM_STATS_MIN_CELL
# persons; anything public uses OPENNRM_PUBLIC_MIN_CELL and rounds counts to the nearest
# OPENNRM_PUBLIC_ROUNDING (docs/statistics.md).
OPENNRM_STATS_MIN_CELL = int(os.environ.get("OPENNRM_STATS_MIN_CELL", "5"))
OPENNRM_PUBLIC_MIN_CELL = int(os.environ.get("OPENNRM_PUBLIC_MIN_CELL", "11"))
OPENNRM_PUBLIC_ROUNDING = int(os.environ.get("OPENNRM_PUBLIC_ROUNDING", "5"))
# National and public figures are computed for all their views at once and kept this long.
OPENNRM_STATS_CACHE_SECONDS = int(os.environ.get("OPENNRM_STATS_CACHE_SECONDS", "300"))
# Rows a spreadsheet export of a list holds at most (narrow the filters beyond).
OPENNRM_EXPORT_MAX_ROWS = int(os.environ.get("OPENNRM_EXPORT_MAX_ROWS", "50000"))
# Digits in Arabic reports: "latin" (0-9, as Morocco writes them) or "arabic-indic".
OPENNRM_ARABIC_DIGITS = os.environ.get("OPENNRM_ARABIC_DIGITS", "latin")
# Pages of the public statistics one address may open per OPENNRM_PUBLIC_REPORT_WINDOW_SECONDS.
OPENNRM_PUBLIC_STATISTICS_LIMIT = int(os.environ.get("OPENNRM_PUBLIC_STATISTICS_LIMIT", "300"))
# Survivor feedback: an organisation reads the answers about one of its services and a period
# only once there are this many (fewer could point at a person); a code is valid this long.
OPENNRM_FEEDBACK_MIN_ANSWERS = int(os.environ.get("OPENNRM_FEEDBACK_MIN_ANSWERS", "5"))
OPENNRM_FEEDBACK_CODE_DAYS = int(os.environ.get("OPENNRM_FEEDBACK_CODE_DAYS", "60"))
# Feedback codes by SMS: an HTTP gateway taking {"to", "text"} as JSON (none: SMS is refused).
OPENNRM_SMS_GATEWAY_URL = os.environ.get("OPENNRM_SMS_GATEWAY_URL", "")
OPENNRM_SMS_GATEWAY_TOKEN = os.environ.get("OPENNRM_SMS_GATEWAY_TOKEN", "")
# Tries of a feedback code (or a complaint's secret) per address and window, against guessing.
OPENNRM_FEEDBACK_ATTEMPT_LIMIT = int(os.environ.get("OPENNRM_FEEDBACK_ATTEMPT_LIMIT", "20"))
OPENNRM_HEARINGS_SHOWN_DAYS = int(os.environ.get("OPENNRM_HEARINGS_SHOWN_DAYS", "30"))
OPENNRM_HEARING_NOTICE_WORKING_DAYS = int(
    os.environ.get("OPENNRM_HEARING_NOTICE_WORKING_DAYS", "5")
)
# Public anonymous reports: which organisation receives them (short name; empty = the one whose
# hotline operator joined first) and the rate limit per address (kept only as a keyed hash in
# the cache for the window, then forgotten).
OPENNRM_PUBLIC_REPORTS_TO = os.environ.get("OPENNRM_PUBLIC_REPORTS_TO", "")
OPENNRM_PUBLIC_REPORT_LIMIT = int(os.environ.get("OPENNRM_PUBLIC_REPORT_LIMIT", "5"))
OPENNRM_PUBLIC_REPORT_WINDOW_SECONDS = int(
    os.environ.get("OPENNRM_PUBLIC_REPORT_WINDOW_SECONDS", "3600")
)
# Referrals: time to answer (working days, or hours when urgent), when an outcome is expected
# after acceptance, the age below which a guardian or competent authority consents, and the
# one-time links for recipients without an account.
OPENNRM_REFERRAL_RESPONSE_WORKING_DAYS = int(
    os.environ.get("OPENNRM_REFERRAL_RESPONSE_WORKING_DAYS", "2")
)
OPENNRM_REFERRAL_URGENT_RESPONSE_HOURS = int(
    os.environ.get("OPENNRM_REFERRAL_URGENT_RESPONSE_HOURS", "4")
)
OPENNRM_REFERRAL_OUTCOME_DAYS = int(os.environ.get("OPENNRM_REFERRAL_OUTCOME_DAYS", "30"))
OPENNRM_REFERRAL_EXPIRED_SHOWN_DAYS = int(
    os.environ.get("OPENNRM_REFERRAL_EXPIRED_SHOWN_DAYS", "7")
)
OPENNRM_AGE_OF_MAJORITY = int(os.environ.get("OPENNRM_AGE_OF_MAJORITY", "18"))
OPENNRM_REFERRAL_LINK_HOURS = int(os.environ.get("OPENNRM_REFERRAL_LINK_HOURS", "72"))
OPENNRM_REFERRAL_LINK_SESSION_MINUTES = int(
    os.environ.get("OPENNRM_REFERRAL_LINK_SESSION_MINUTES", "30")
)
OPENNRM_REFERRAL_LINK_MAX_ATTEMPTS = int(os.environ.get("OPENNRM_REFERRAL_LINK_MAX_ATTEMPTS", "5"))
# Follow-up visits after a return, in months after arrival.
# A follow-up visit can be recorded from this many days before its due date, not earlier (a
# 3-month visit is not done on the day of arrival).
OPENNRM_FOLLOW_UP_EARLIEST_DAYS = int(os.environ.get("OPENNRM_FOLLOW_UP_EARLIEST_DAYS", "14"))
OPENNRM_FOLLOW_UP_MONTHS = tuple(
    int(m) for m in os.environ.get("OPENNRM_FOLLOW_UP_MONTHS", "3,6,12").split(",") if m.strip()
)
# Duplicate detection: the match probability from which a person of one's own organisation
# is shown at intake, and from which a person held elsewhere raises an alert for the
# national commission's data protection officer.
OPENNRM_MATCH_SHOW_THRESHOLD = float(os.environ.get("OPENNRM_MATCH_SHOW_THRESHOLD", "0.5"))
OPENNRM_MATCH_ALERT_THRESHOLD = float(os.environ.get("OPENNRM_MATCH_ALERT_THRESHOLD", "0.9"))
# ...and from which two records of one organisation go to its review queue.
OPENNRM_MATCH_REVIEW_THRESHOLD = float(os.environ.get("OPENNRM_MATCH_REVIEW_THRESHOLD", "0.8"))
# Share of the records of one person that agree on the whole name and the full date of birth
# (the rest have a year only, another script, a slip...): batch linkage derives from it how
# often two records of a file are one person. [P] from synthetic data; to be measured on a
# labelled sample of real records.
OPENNRM_MATCH_SAME_NAME_AND_DATE_RECALL = float(
    os.environ.get("OPENNRM_MATCH_SAME_NAME_AND_DATE_RECALL", "0.6")
)
# Batch linkage: a record with a year of birth only, alone after the pairs above the threshold,
# joins the person (with a full date of birth) its pairs from this probability up lead to,
# unless another is about as likely. [P] chosen on synthetic data (1,000,000 records: F1 0.963
# at 0.5, 0.971 at 0.3, 0.972 at 0.15 with lower precision); lower keeps more pairs in memory.
OPENNRM_MATCH_SOLE_CANDIDATE_THRESHOLD = float(
    os.environ.get("OPENNRM_MATCH_SOLE_CANDIDATE_THRESHOLD", "0.3")
)
# The accuracy report of a batch linkage calls a group certain when every record in it scores
# at least this with another record of the group; the other groups are "likely". [P]
OPENNRM_MATCH_CERTAIN_PROBABILITY = float(
    os.environ.get("OPENNRM_MATCH_CERTAIN_PROBABILITY", "0.99")
)
# The batch page: the largest file it takes (larger files: `manage.py link_records` on the
# server), and how long a file's results are kept for its requester before they are deleted.
OPENNRM_LINKAGE_UPLOAD_MAX_MB = int(os.environ.get("OPENNRM_LINKAGE_UPLOAD_MAX_MB", "20"))
OPENNRM_LINKAGE_KEEP_DAYS = int(os.environ.get("OPENNRM_LINKAGE_KEEP_DAYS", "7"))
# Where users reach OpenNRM: used for links in e-mails.
OPENNRM_BASE_URL = os.environ.get("OPENNRM_BASE_URL", "http://localhost:8000")
# Lists count matching cases up to this number, then say "more than".
OPENNRM_LIST_COUNT_CAP = int(os.environ.get("OPENNRM_LIST_COUNT_CAP", "10000"))

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["opennrm.api.permissions.IsVerifiedMember"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "opennrm.api.errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "OpenNRM API",
    "DESCRIPTION": "The National Referral Mechanism register: cases, persons and decisions.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "opennrm.api.schema_hooks.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "TraffickingStatusEnum": "opennrm.cases.vocabularies.TraffickingStatus",
        "DecisionMakingBodyEnum": "opennrm.cases.vocabularies.DecisionMakingBody",
        "NRMStageEnum": "opennrm.cases.vocabularies.NRMStage",
        "ExploitationTypeEnum": "opennrm.cases.vocabularies.ExploitationType",
    },
}

# --- Logging: no personal data. Request paths carry only opaque identifiers. ----------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("OPENNRM_LOG_LEVEL", "WARNING")},
    "loggers": {
        # Django's request logger prints the POST body on some errors in DEBUG; keep it quiet.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# --- Scheduled jobs (huey) -------------------------------------------------------------------
# SQLite storage for one machine; production may use huey.RedisHuey or huey.PostgresHuey.
# Run the scheduler and workers with `manage.py run_huey` (make demo starts it).
HUEY = {
    "name": "opennrm",
    "huey_class": os.environ.get("OPENNRM_TASK_QUEUE_CLASS", "huey.SqliteHuey"),
    "immediate": env_bool("OPENNRM_TASKS_IMMEDIATE", default=False),
    "utc": True,
    "consumer": {"workers": 1, "worker_type": "thread"},
}
if HUEY["huey_class"] == "huey.SqliteHuey":
    HUEY["filename"] = os.environ.get(
        "OPENNRM_TASK_QUEUE_FILE", str(BASE_DIR / "var" / "tasks.sqlite3")
    )
    # huey opens its queue file as soon as Django loads: its folder must exist.
    Path(str(HUEY["filename"])).parent.mkdir(parents=True, exist_ok=True)
elif os.environ.get("OPENNRM_TASK_QUEUE_URL"):
    HUEY["url"] = os.environ["OPENNRM_TASK_QUEUE_URL"]
# Hour (UTC, as huey schedules) at which the daily deadline e-mail goes out: 6 = 7:00 in Morocco.
OPENNRM_DEADLINE_DIGEST_HOUR = int(os.environ.get("OPENNRM_DEADLINE_DIGEST_HOUR", "6"))

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "no-reply@opennrm.invalid")
