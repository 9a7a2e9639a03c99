"""Production settings as the bench serves them: plain HTTP on 127.0.0.1 (no SSL
redirect or HSTS), persistent connections, static files served without a manifest
(no collectstatic needed), and the baseline view's URL."""

import os

os.environ.setdefault("SECRET_KEY", "bench-" + "k" * 60)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
# wrk sends thousands of API requests a minute with one key: the bench measures the
# endpoints, not the per-user throttle (1,200/minute in production).
os.environ.setdefault("API_THROTTLE_USER", "100000000/minute")
# The cache production shares between its workers (Redis), in a database of its own.
os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/8")

from config.settings.production import *  # noqa: E402, F403
from config.settings.production import BASE_DIR, DATABASES, TEMPLATES  # noqa: E402

DATABASES["default"]["CONN_MAX_AGE"] = 600
# A page that runs away (a plan gone wrong at a million rows) fails in 30 s as a 500
# the table reports, instead of holding a worker, and the bench, for minutes.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c statement_timeout=30000"
ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
(BASE_DIR / "var" / "staticfiles").mkdir(parents=True, exist_ok=True)  # whitenoise warns without
