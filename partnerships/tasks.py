"""Thin tasks: they take ids and call the request services."""

from celery import shared_task

from .services.requests import request_emails_sweep, request_event_notify


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_request_update_email(event_id: int) -> int:
    # A refused login (MailServerRefusedLogin, no OSError) fails at once: recorded on
    # the event for the admin, not retried for hours.
    return request_event_notify(event_id=event_id)


@shared_task(name="partnerships.sweep_request_emails", ignore_result=True)
def sweep_request_emails() -> list[int]:
    """Periodic (django-celery-beat, every minute): send again the e-mails whose claim
    outlived its worker."""
    released = request_emails_sweep()
    for event_id in released:
        send_request_update_email.delay(event_id)
    return released
