from celery import shared_task

from .services.requests import request_event_notify


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_request_update_email(event_id: int) -> int:
    return request_event_notify(event_id=event_id)
