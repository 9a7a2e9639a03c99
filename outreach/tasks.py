"""Thin Celery tasks: they take ids and call the mailing services.

Every task is acknowledged late and rejected (requeued) if its worker dies;
the database claims make a redelivered task harmless."""

from celery import shared_task

from .services.imports import import_job_apply, import_job_check
from .services.mailings import (
    TransientSendError,
    mailing_enqueue,
    mailing_send_batch,
    mailing_start,
    mailings_sweep,
    retry_delay,
)

# Results live in the database (Delivery rows), so none go to the result
# backend: publishing then never waits on it when Redis is down.
RELIABLE = {"acks_late": True, "reject_on_worker_lost": True, "ignore_result": True}


@shared_task(name="outreach.start_mailing", **RELIABLE)
def start_mailing(mailing_id: int) -> int:
    """Fan a mailing out into batch tasks; each claims whichever batch is next."""
    batches = mailing_start(mailing_id=mailing_id)
    for _ in range(batches):
        send_mailing_batch.delay(mailing_id)
    return batches


@shared_task(name="outreach.send_mailing_batch", bind=True, max_retries=25, **RELIABLE)
def send_mailing_batch(self, mailing_id: int) -> dict:
    # A refused login (MailServerRefusedLogin) is not caught: the mailing is marked
    # stopped and the task fails at once, without retrying for hours.
    try:
        result = mailing_send_batch(mailing_id=mailing_id)
    except TransientSendError as error:
        raise self.retry(exc=error, countdown=retry_delay(self.request.retries + 1)) from error
    if result.deferred:
        # Recipients answered 4xx: come back when the earliest backoff ends.
        raise self.retry(countdown=result.retry_in)
    return {"sent": result.sent, "failed": result.failed}


@shared_task(name="outreach.sweep_mailings", **RELIABLE)
def sweep_mailings() -> dict:
    """Periodic (django-celery-beat, every minute): requeue stale claims, restart stalls."""
    result = mailings_sweep()
    started = [pk for pk in result.to_start if mailing_enqueue(mailing_id=pk)]
    return {"requeued": result.requeued, "started": started}


@shared_task(name="outreach.check_import_job", **RELIABLE)
def check_import_job(job_id: int) -> str:
    """The preview of a large CSV file (services.imports.import_job_check)."""
    job = import_job_check(job_id=job_id)
    return job.status if job else "nothing to do"


@shared_task(name="outreach.apply_import_job", **RELIABLE)
def apply_import_job(job_id: int) -> str:
    """Import a checked and confirmed file, whole or not at all."""
    job = import_job_apply(job_id=job_id)
    return job.status if job else "nothing to do"
