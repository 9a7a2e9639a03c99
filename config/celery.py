"""The Celery application, configured from Django settings (CELERY_ namespace)."""

import os
from functools import partial

from celery import Celery
from celery.contrib.django.task import DjangoTask
from celery.signals import worker_init
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


@worker_init.connect
def warm_up(**kwargs) -> None:
    """Load, before the pool forks, what the first mailing batch of every process
    would otherwise load on the clock (issue 15's profile: about 0.3 s for the URL
    configuration that the signed links are reversed from, plus the e-mail templates).
    The forked processes share it; no database connection is opened here."""
    import django

    django.setup()  # idempotent; the Django fixup may not have run yet
    from django.template.loader import get_template
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports config.urls and every view)
    for part in ("subject.txt", "body.txt", "body.html"):
        get_template(f"emails/urgent_action_{part}")
