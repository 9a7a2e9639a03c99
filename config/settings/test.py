"""Test settings: fast hashing, in-memory mail, eager tasks, a private Redis db."""

from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403
from .base import CELERY_BROKER_URL, DATABASES, VAR_DIR, env, filesystem_broker, with_raw_smtp

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production-" + "x" * 30
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)

# Unit tests run tasks inline; integration tests start real workers.
# Worker subprocesses turn it off: a task they enqueue must go through the broker.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_TASK_EAGER_PROPAGATES = True


def _private_redis_db(url: str, db: int) -> str:
    # A development worker on the default db must never pick up a test's task.
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{db}")) if parts.scheme.startswith("redis") else url


if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory, so worker subprocesses in integration tests share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}

TEST_REDIS_DB = env.int("TEST_REDIS_DB", default=15)
CELERY_BROKER_URL = _private_redis_db(CELERY_BROKER_URL, TEST_REDIS_DB)
if CELERY_BROKER_URL.startswith("redis"):
    CELERY_RESULT_BACKEND = CELERY_BROKER_URL
if CELERY_BROKER_URL == "filesystem://":
    vars().update(filesystem_broker(VAR_DIR / "test-celery"))

# Each test process its own cache, emptied around every test (tests/conftest.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Production's engine wherever Redis is set, here always (one process: its memory cache
# is the shared one), so that query counts do not depend on whether REDIS_URL is set.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Serve static files straight from the source folders: no collectstatic in tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Integration tests point worker subprocesses at a local SMTP sink.
if env.str("TEST_EMAIL_URL", default=""):
    vars().update(with_raw_smtp(env.email_url("TEST_EMAIL_URL")))

# API throttling is tested with its own low rates (tests/api/test_throttling.py);
# everywhere else, including the schemathesis run, it must not interfere.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
}
