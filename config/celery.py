"""The Celery application, configured from Django settings (CELERY_ namespace)."""

import os
from functools import partial

from celery import Celery
from celery.contrib.django.task import DjangoTask
from django.db import transaction

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")


class TransactionAwareTask(DjangoTask):
    """Every task is enqueued after the commit (as pretix's TransactionAwareTask): a
    task sent from inside an atomic block waits for the commit, and is never sent if
    the block rolls back, so no worker runs before the rows it needs exist. Outside
    a transaction it is sent at once. `delay()`, `apply_async()` and the signature
    API all pass here: there is one style, plain `.delay()`."""

    def apply_async(self, args=None, kwargs=None, **options):
        if transaction.get_connection().in_atomic_block:
            # Returns None, like DjangoTask.delay_on_commit: there is no result yet.
            transaction.on_commit(partial(super().apply_async, args, kwargs, **options))
            return None
        return super().apply_async(args, kwargs, **options)


app = Celery("partnerdesk", task_cls=TransactionAwareTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="partnerdesk.ping")
def ping() -> str:
    """Proves the worker round trip (health checks, integration tests)."""
    return "pong"
