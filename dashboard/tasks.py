"""The daily reminder job (scheduled by dashboard/migrations: django-celery-beat)."""

from celery import shared_task

from .services.reminders import reminder_digests_send


@shared_task(name="dashboard.send_reminder_digests", acks_late=True, ignore_result=True)
def send_reminder_digests() -> int:
    # Safe to run twice: the unique digest row per user and day stops a second send.
    return reminder_digests_send()
