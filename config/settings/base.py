"""Settings shared by every environment, read once from the environment.

Every value comes from django-environ so that a malformed value (a port that is
not a number, an unknown database scheme) stops the process at start-up instead
of surfacing later as a confusing runtime error.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "django_celery_beat",
    "django_countries",
    "import_export",
    "auditlog",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "accounts",
    "partnerships",
    "outreach",
    "risk",
    "evaluation",
    "dashboard",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.StripNullCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "accounts.middleware.SessionExpiryMiddleware",
    # Last, so that a lockout response is produced after authentication ran.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
            ],
            "libraries": {"partnerdesk": "config.template_filters"},
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL names another.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'partnerdesk.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes; IMMEDIATE avoids
    # the "database is locked" upgrade deadlock between those processes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.PartnerdeskModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "accounts:landing"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: five failures lock for an hour, counted per username (guessing one
# account from many addresses), per address (spraying many accounts from one) and per
# pair. The lockout is a page in the app's look (accounts/lockout.py).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address", ["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
# Behind a reverse proxy every client would share the proxy's address (and one lockout):
# the client is read from X-Forwarded-For, trusting this many proxies (0: none, the
# connection's address is the client's). Production sets 1 by default.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"

# Sessions of staff and coordinators end after this much idle time (activity renews
# it: accounts/middleware.py), and for coordinators when the browser closes if so set.
SESSION_IDLE_HOURS = env.float("SESSION_IDLE_HOURS", default=8)
SESSION_COOKIE_AGE = int(SESSION_IDLE_HOURS * 3600)
SESSION_COORDINATORS_EXPIRE_AT_BROWSER_CLOSE = env.bool(
    "SESSION_COORDINATORS_EXPIRE_AT_BROWSER_CLOSE", default=False
)

# English in the Section's (en-gb) formats; French and Spanish for the movement's
# other working languages. Formats come from config/formats/ (day before month,
# 24-hour clock), in the app and the admin alike.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: SMTP (or any backend) when EMAIL_URL is set; local settings default
# to files under var/ so nothing leaves a developer's machine.
# The Section's public name: contact-facing pages and the sender of every mail carry it.
SECTION_NAME = env.str("SECTION_NAME", default="Amnesty International Netherlands")
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default=f"{SECTION_NAME} <partnerships@amnesty.example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds one SMTP operation may block. Django's default is none at all: a hung server
# would hold a claim past its sweeper's timeout and the message would go out twice.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=60)
EMAIL_FILE_PATH = VAR_DIR / "mail"


def with_raw_smtp(config: dict) -> dict:
    """Django's SMTP backend becomes ours: the same, plus the public seam the UA fast
    path sends its prebuilt bytes through (accounts/emails.py)."""
    if config.get("EMAIL_BACKEND") == "django.core.mail.backends.smtp.EmailBackend":
        config["EMAIL_BACKEND"] = "accounts.emails.SMTPBackend"
    return config


if env.str("EMAIL_URL", default=""):
    vars().update(with_raw_smtp(env.email_url("EMAIL_URL")))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"

# Public address used in e-mail links (signed links, calendar feeds).
SITE_URL = env.url("SITE_URL", default="http://127.0.0.1:8000").geturl().rstrip("/")

# Celery. The broker is Redis when CELERY_BROKER_URL or REDIS_URL is set, and a
# filesystem queue under var/ otherwise, so `make run` needs no server.
_ALLOWED_BROKER_SCHEMES = {"redis", "rediss", "amqp", "pyamqp", "filesystem", "memory"}


def broker_url_from_env() -> str:
    url = env.str("CELERY_BROKER_URL", default="") or env.str("REDIS_URL", default="")
    if not url:
        return "filesystem://"
    scheme = urlsplit(url).scheme
    if scheme not in _ALLOWED_BROKER_SCHEMES:
        raise ImproperlyConfigured(
            f"CELERY_BROKER_URL/REDIS_URL has scheme {scheme!r}; expected one of "
            f"{', '.join(sorted(_ALLOWED_BROKER_SCHEMES))}."
        )
    if scheme.startswith("redis"):
        db = urlsplit(url).path.lstrip("/")
        if db and not db.isdigit():
            raise ImproperlyConfigured(f"Redis database in {url!r} must be a number.")
    return url


CELERY_BROKER_URL = broker_url_from_env()


def caches_from_env() -> dict:
    """One cache for every process where Redis is set (CACHE_URL, else REDIS_URL): the
    dashboard's cached sections, their invalidation after a user's own change, and API
    throttling must agree across gunicorn workers. Without Redis (`make run`'s embedded
    default) each process keeps its own memory cache."""
    url = env.str("CACHE_URL", default="") or env.str("REDIS_URL", default="")
    if urlsplit(url).scheme in ("redis", "rediss"):
        return {
            "default": {
                "BACKEND": "config.cache.RedisCache",
                "LOCATION": url,
                # The broker's Redis database may be the same one: the prefix keeps apart.
                "KEY_PREFIX": "partnerdesk",
            }
        }
    # Django's default holds 300 entries; the dashboard keeps several per user.
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }


CACHES = caches_from_env()
# Sessions read from the shared cache and written through to the database: one query
# less on every signed-in page (issue 15). Only with Redis: a memory cache per process
# would keep a session alive in one process after another had ended it (signing out).
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if CACHES["default"]["BACKEND"].endswith(".RedisCache")
    else "django.contrib.sessions.backends.db"
)
CELERY_TASK_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=900)


def filesystem_broker(root: Path) -> dict:
    """The settings of kombu's filesystem transport, with its queue and results under `root`."""
    queue = root / "queue"
    queue.mkdir(parents=True, exist_ok=True)
    (root / "results").mkdir(parents=True, exist_ok=True)
    return {
        "CELERY_BROKER_TRANSPORT_OPTIONS": {
            "data_folder_in": str(queue),
            "data_folder_out": str(queue),
            # Otherwise kombu writes its control exchange into the working directory.
            "control_folder": str(root / "control"),
        },
        "CELERY_RESULT_BACKEND": f"file://{root / 'results'}",
    }


if CELERY_BROKER_URL == "filesystem://":
    vars().update(filesystem_broker(VAR_DIR / "celery"))
else:
    # Above the longest task, so a message is redelivered only when its worker died.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_VISIBILITY_TIMEOUT}
    CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL)
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# Content Security Policy: everything is served from our own origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="partnerdesk-demo")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Every login would otherwise log four lines.
    "loggers": {"axes": {"level": "WARNING"}},
}
AXES_VERBOSE = False

# CSV imports of more rows than this are checked and imported by a Celery job with a
# progress page (about 11 ms a row: a few hundred rows is what a request can wait for).
IMPORT_JOB_MIN_ROWS = env.int("IMPORT_JOB_MIN_ROWS", default=300)

# Urgent Action mailings (outreach/services/mailings.py).
MAILING_BATCH_SIZE = env.int("MAILING_BATCH_SIZE", default=250)
# Messages per second across all workers (0: no limit); see outreach/ratelimit.py.
MAILING_RATE_LIMIT = env.float("MAILING_RATE_LIMIT", default=0)
# A batch claimed longer ago than this is taken to be lost with its worker and is
# requeued by the sweeper: keep it above the time one batch takes to send.
MAILING_CLAIM_TIMEOUT = env.int("MAILING_CLAIM_TIMEOUT", default=300)
# The same for one request-update e-mail: above what one send can take
# (connect, login, one message: a few EMAIL_TIMEOUTs).
REQUEST_EMAIL_CLAIM_TIMEOUT = env.int("REQUEST_EMAIL_CLAIM_TIMEOUT", default=300)
# Transient SMTP failures back off exponentially from this many seconds, capped
# well below the broker's visibility timeout (celery#4766).
MAILING_RETRY_BASE_SECONDS = env.float("MAILING_RETRY_BASE_SECONDS", default=5)
MAILING_RETRY_MAX_SECONDS = env.float("MAILING_RETRY_MAX_SECONDS", default=300)
MAILING_MAX_ATTEMPTS = env.int("MAILING_MAX_ATTEMPTS", default=8)
# A mailing recorded this long ago and never started (broker down) is started by the sweeper.
MAILING_START_GRACE_SECONDS = env.int("MAILING_START_GRACE_SECONDS", default=60)
# Sent messages are recorded in groups of this many (one UPDATE per group): the
# most a killed worker can leave sent-but-unrecorded, i.e. resent once.
MAILING_MARK_EVERY = env.int("MAILING_MARK_EVERY", default=10)

# Follow-up reminders (dashboard/services/reminders.py): partnership requests
# waiting for a coordinator longer than this appear in coordinators' digests.
REMINDER_REQUEST_WAITING_DAYS = env.int("REMINDER_REQUEST_WAITING_DAYS", default=7)

# An organisation with nothing on its timeline for this many days is suggested as
# dormant on its page; a person confirms (partnerships/services/relationships.py).
RELATIONSHIP_DORMANT_AFTER_DAYS = env.int("RELATIONSHIP_DORMANT_AFTER_DAYS", default=365)

# Evaluation of joint activities (evaluation/).
# An activity without a complete evaluation this many days after it ended is due.
EVALUATION_DUE_AFTER_DAYS = env.int("EVALUATION_DUE_AFTER_DAYS", default=30)
# How long the signed link sent to a partner's contact stays valid, in seconds.
EVALUATION_PARTNER_LINK_MAX_AGE = env.int("EVALUATION_PARTNER_LINK_MAX_AGE", default=30 * 86400)
# "Continue" sets the partnership's next review this many days ahead.
EVALUATION_REVIEW_AFTER_DAYS = env.int("EVALUATION_REVIEW_AFTER_DAYS", default=180)
# "Adjust", "conclude" and a risk review are due this many days after the evaluation.
EVALUATION_NEXT_STEP_DAYS = env.int("EVALUATION_NEXT_STEP_DAYS", default=14)
# The REST API (/api/, config/api.py): session (with CSRF) or token authentication,
# the web pages' rules through accounts.api.permissions, errors as JSON.
API_THROTTLE_ANON = env.str("API_THROTTLE_ANON", default="60/minute")
API_THROTTLE_USER = env.str("API_THROTTLE_USER", default="1200/minute")
# Wrong or revoked keys a client address may send in a minute before it must wait.
API_TOKEN_FAILURES_PER_MINUTE = env.int("API_TOKEN_FAILURES_PER_MINUTE", default=20)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so an anonymous client is told 401 with WWW-Authenticate: Token.
        "accounts.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": API_THROTTLE_ANON, "user": API_THROTTLE_USER},
    "DEFAULT_PAGINATION_CLASS": "accounts.api.pagination.PagePagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "accounts.api.schema.PartnerdeskAutoSchema",
    "EXCEPTION_HANDLER": "config.api_errors.api_exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Partnerdesk API",
    # Lazy: the schema is served in the reader's language (or ?lang=fr).
    "DESCRIPTION": _(
        "The partner registry, partnership requests, outreach and Urgent Actions, with the "
        "same rules as the web pages. Authenticate with a session (and its CSRF token) or "
        "with `Authorization: Token <key>`; create keys on your profile page."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and the docs need a session or a token, like every other endpoint.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ChecklistAnswerEnum": "partnerships.models.requests.ChecklistAnswerChoice",
        "RequestStatusEnum": "partnerships.models.requests.RequestStatus",
        "CooperationMethodEnum": "partnerships.models.requests.CooperationMethod",
        "CooperationMethodInputEnum": "partnerships.forms.requests.method_choices",
        "OrganisationKindEnum": "partnerships.models.organisations.OrganisationKind",
        "MailingKindEnum": "outreach.models.MailingKind",
        "FollowUpKindEnum": [("updated", "Update"), ("closed", "Closed")],
        "CountryEnum": "django_countries.countries",
        # Risk assessments and evaluations share draft / complete.
        "DraftOrCompleteEnum": "risk.models.AssessmentStatus",
        "EvaluationAnswerEnum": "evaluation.models.Answer",
    },
    "SCHEMA_PATH_PREFIX": "/api/",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "accounts.api.schema.add_links",  # what to do next with a created object
    ],
}
# Risk assessments (risk/): a complete assessment is due for review this many days
# before its review date, in the register and the reminders.
RISK_REVIEW_NOTICE_DAYS = env.int("RISK_REVIEW_NOTICE_DAYS", default=14)
