"""The daily reminder job and the registry figures' refresh (scheduled by
dashboard/migrations: django-celery-beat)."""

import datetime

from celery import shared_task

from .selectors import registry_figures_refresh
from .services.reminders import reminder_digest_retry, reminder_digests_run

# A failed digest is retried alone, soon and then less often; well below the
# broker's visibility timeout (PITFALLS: no long countdowns with Redis).
DIGEST_RETRY = {
    "autoretry_for": (OSError,),
    "retry_backoff": 60,
    "retry_backoff_max": 600,
    "max_retries": 6,
}


@shared_task(name="dashboard.send_reminder_digests", acks_late=True, ignore_result=True)
def send_reminder_digests() -> int:
    # Safe to run twice: the unique digest row per user and day stops a second send.
    run = reminder_digests_run()
    for user_id in run.failed_user_ids:
        send_reminder_digest.apply_async((user_id, run.today.isoformat()), countdown=60)
    return run.sent


@shared_task(
    name="dashboard.send_reminder_digest", acks_late=True, ignore_result=True, **DIGEST_RETRY
)
def send_reminder_digest(user_id: int, day: str) -> bool:
    return reminder_digest_retry(user_id=user_id, today=datetime.date.fromisoformat(day))


@shared_task(name="dashboard.refresh_registry_figures", ignore_result=True)
def refresh_registry_figures() -> None:
    # Every minute, within the figures' two-minute life: no dashboard request counts.
    registry_figures_refresh()
