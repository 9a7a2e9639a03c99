"""The Celery application, configured from Django settings (CELERY_ namespace)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

# DjangoTask adds delay_on_commit(), so a task never runs before its rows exist.
app = Celery("partnerdesk", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="partnerdesk.ping")
def ping() -> str:
    """Proves the worker round trip (health checks, integration tests)."""
    return "pong"
