"""A real `celery worker` subprocess against the test database and the configured broker."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def test_database_url() -> str:
    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def worker_env(**extra: str) -> dict[str, str]:
    from django.conf import settings

    env = dict(os.environ)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=test_database_url(),
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        PYTHONUNBUFFERED="1",
        CELERY_TASK_ALWAYS_EAGER="false",
        **extra,
    )
    return env


def start_worker(*args: str, new_session: bool = False, **extra_env: str) -> subprocess.Popen:
    # Prefork against SQLite locks the database: solo unless asked otherwise.
    command = [sys.executable, "-m", "celery", "-A", "config", "worker",
               "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
               *(args or ("--pool=solo",))]  # fmt: skip
    return subprocess.Popen(
        command, cwd=ROOT, env=worker_env(**extra_env),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=new_session,  # so a crash test can kill the whole process group
    )  # fmt: skip


def stop_worker(process: subprocess.Popen) -> str:
    process.terminate()
    try:
        output, _ = process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    return output or ""


@pytest.fixture
def live_tasks(settings):
    """Send tasks through the real broker instead of running them inline."""
    from config.celery import app

    app.conf.task_always_eager = False
    yield app
    app.conf.task_always_eager = True


@pytest.fixture
def celery_worker_process(live_tasks):
    process = start_worker()
    yield process
    output = stop_worker(process)
    if os.environ.get("SHOW_WORKER_LOG"):
        print(output)


def wait_until(predicate, timeout: float = 30, interval: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


def worker_pool_args() -> tuple[str, ...]:
    """Two processes on PostgreSQL (like production); one on SQLite, which a
    multi-process worker would lock."""
    if connection.vendor == "sqlite":
        return ("--pool=solo",)
    return ("--pool=prefork", "--concurrency=2")


@pytest.fixture
def smtp_sink():
    from .smtp_sink import SmtpSink

    sink = SmtpSink()
    sink.start()
    yield sink
    sink.stop()


def mail_worker_env(sink) -> dict[str, str]:
    """Settings for a worker that sends to the sink, with short backoffs for tests."""
    return {
        "TEST_EMAIL_URL": sink.url,
        "MAILING_RETRY_BASE_SECONDS": "0.2",
        "MAILING_RETRY_MAX_SECONDS": "1",
        "MAILING_BATCH_SIZE": "50",
    }


@pytest.fixture
def mail_worker(live_tasks, smtp_sink):
    """A real worker subprocess that sends through the sink."""
    process = start_worker(*worker_pool_args(), **mail_worker_env(smtp_sink))
    yield process
    output = stop_worker(process)
    if os.environ.get("SHOW_WORKER_LOG"):
        print(output)
