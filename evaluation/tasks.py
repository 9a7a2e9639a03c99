from celery import shared_task

from .services.partner import partner_link_send


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_partner_link(link_id: int) -> int:
    return partner_link_send(link_id=link_id)
