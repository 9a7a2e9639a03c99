"""Settings fail loudly on malformed values, and production passes the deploy check."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_django(args: list[str], settings: str, **env: str) -> subprocess.CompletedProcess:
    dropped = {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    clean.update(DJANGO_SETTINGS_MODULE=settings, **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DATABASE_URL", "nosuchdb://localhost/x", "nosuchdb"),
        ("REDIS_URL", "http://127.0.0.1:6379/0", "scheme 'http'"),
        ("REDIS_URL", "redis://127.0.0.1:6379/zero", "must be a number"),
        ("AXES_FAILURE_LIMIT", "five", "invalid literal for int"),
        ("CELERY_VISIBILITY_TIMEOUT", "15 minutes", "invalid literal for int"),
    ],
)
def test_malformed_setting_stops_start_up(variable, value, message):
    result = run_django(["check"], "config.settings.local", **{variable: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_production_requires_a_secret_key():
    result = run_django(["check"], "config.settings.production", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_rejects_a_short_or_insecure_secret_key():
    result = run_django(
        ["check"], "config.settings.production", SECRET_KEY="django-insecure-x", ALLOWED_HOSTS="a"
    )
    assert result.returncode != 0
    assert "at least 50 characters" in result.stderr


def test_production_passes_the_deploy_check_with_a_real_secret():
    result = run_django(
        ["check", "--deploy", "--fail-level", "WARNING"],
        "config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="partnerdesk.example.org",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_local_defaults_use_sqlite_and_the_filesystem_broker():
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL)"
    )
    result = run_django(["shell", "-c", code], "config.settings.local")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["django.db.backends.sqlite3", "filesystem://"]


def test_redis_url_selects_redis_as_broker():
    code = "from django.conf import settings as s; print(s.CELERY_BROKER_URL)"
    result = run_django(
        ["shell", "-c", code], "config.settings.local", REDIS_URL="redis://127.0.0.1:6379/3"
    )
    assert result.stdout.split()[-1] == "redis://127.0.0.1:6379/3"


@pytest.mark.parametrize(
    ("env", "backend"),
    [
        ({}, "django.core.cache.backends.locmem.LocMemCache"),
        ({"REDIS_URL": "redis://127.0.0.1:6379/3"}, "config.cache.RedisCache"),
        ({"CACHE_URL": "redis://127.0.0.1:6379/5"}, "config.cache.RedisCache"),
    ],
)
def test_every_process_shares_one_cache_where_redis_is_set(env, backend):
    # Cached dashboard sections, their invalidation and API throttling must agree
    # across gunicorn workers: a per-process cache would not.
    code = (
        "from django.core.cache import cache; cache.set('shared', 'yes', 30);"
        "from django.conf import settings as s; c = s.CACHES['default'];"
        "print(c['BACKEND'], c.get('LOCATION', '-'), cache.get('shared'))"
    )
    result = run_django(["shell", "-c", code], "config.settings.local", **env)
    assert result.returncode == 0, result.stderr
    location = env.get("CACHE_URL") or env.get("REDIS_URL") or "-"
    assert result.stdout.split()[-3:] == [backend, location, "yes"]


@pytest.mark.parametrize(
    ("env", "engine"),
    [
        ({}, "django.contrib.sessions.backends.db"),
        ({"REDIS_URL": "redis://127.0.0.1:6379/3"}, "django.contrib.sessions.backends.cached_db"),
    ],
)
def test_sessions_are_read_from_the_cache_only_where_every_process_shares_it(env, engine):
    # With one memory cache per process, a session ended in one would live on in another.
    code = "from django.conf import settings as s; print(s.SESSION_ENGINE)"
    result = run_django(["shell", "-c", code], "config.settings.local", **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == engine
