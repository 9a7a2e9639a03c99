"""accounts/emails.py builds every e-mail; sends that can be retried never send twice."""

import re
import smtplib
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.urls import reverse
from django.utils import timezone

from accounts.emails import MailServerRefusedLogin, SMTPBackend, render_email
from accounts.roles import Role
from outreach.models import DeliveryStatus, MailingStatus
from outreach.services import mailing_messages
from outreach.services import mailings as mailing_services
from partnerships.models import RequestEvent
from partnerships.services import requests as request_services
from partnerships.services.requests import request_emails_sweep
from partnerships.tasks import send_request_update_email, sweep_request_emails
from tests.factories import ContactFactory, PartnershipRequestFactory, UrgentActionFactory

pytestmark = pytest.mark.django_db
TEMPLATES = Path(django_settings.BASE_DIR) / "templates" / "emails"


class RefusingLoginBackend(LocmemBackend):
    def open(self):
        raise smtplib.SMTPAuthenticationError(535, b"5.7.8 Authentication credentials invalid")


class FailingOnceBackend(LocmemBackend):
    failures = [ConnectionResetError("dropped before the server accepted it")]

    def send_messages(self, messages):
        if self.failures:
            raise self.failures.pop()
        return super().send_messages(messages)


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.txt")), ids=lambda p: p.name)
def test_every_plain_text_template_turns_autoescape_off(path):
    text = re.sub(r"^\{% load [\w ]+ %\}", "", path.read_text().strip())  # a {% load %} may lead
    assert text.startswith("{% autoescape off %}") and text.endswith("{% endautoescape %}")


def test_a_subject_keeps_its_apostrophe():
    request = PartnershipRequestFactory(activity_title="Women's march")
    event = RequestEvent.objects.create(request=request, to_status="approved")
    rendered = render_email("request_update", {"event": event, "partnership_request": request})
    assert "Women's march" in rendered.subject and "&#x27;" not in rendered.subject


def _decision_event():
    request = PartnershipRequestFactory(status="approved")
    request.local_group.contact_email = "group@example.org"
    request.local_group.save()
    return RequestEvent.objects.create(request=request, to_status="approved", comment="Go ahead.")


def test_a_retried_request_email_is_sent_once():
    event = _decision_event()
    assert send_request_update_email(event.pk) == 1
    assert send_request_update_email(event.pk) == 0  # a retry or a redelivered task
    assert len(mail.outbox) == 1
    event.refresh_from_db()
    assert event.notified_at is not None


def test_a_request_email_that_failed_before_sending_is_sent_by_the_retry(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingOnceBackend"
    FailingOnceBackend.failures = [ConnectionResetError("dropped")]
    event = _decision_event()
    with pytest.raises(ConnectionResetError):
        send_request_update_email.run(event.pk)
    assert send_request_update_email.run(event.pk) == 1
    assert len(mail.outbox) == 1


def test_every_message_comes_from_the_section_with_text_and_html(client, role_user):
    user = role_user(Role.SECTION_STAFF)
    client.post(reverse("password_reset"), {"email": user.email})
    (message,) = mail.outbox
    assert message.from_email == django_settings.DEFAULT_FROM_EMAIL
    assert message.alternatives and "password" in message.alternatives[0][0]
    assert "reset" in message.subject.lower()


def test_an_smtp_login_refused_at_open_stops_the_mailing_without_retrying(
    settings, role_user, django_capture_on_commit_callbacks
):
    ContactFactory(occupation="lawyer")
    ua = UrgentActionFactory(approved=True, occupations="lawyer")
    with django_capture_on_commit_callbacks(execute=False):
        mailing = mailing_services.mailing_create(
            urgent_action=ua, user=role_user(Role.SECTION_STAFF), kind="issued"
        )
    settings.EMAIL_BACKEND = f"{__name__}.RefusingLoginBackend"
    with pytest.raises(MailServerRefusedLogin):
        mailing_services.mailing_send_batch(mailing_id=mailing.pk)
    assert not isinstance(MailServerRefusedLogin("x"), OSError)  # no autoretry_for=(OSError,)
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.STOPPED
    assert "535" in mailing.stop_reason
    assert mailing.deliveries.get().status == DeliveryStatus.QUEUED  # nothing lost
    assert mailing.pk not in mailing_services.mailings_sweep().to_start


def test_the_ua_fast_path_sends_prebuilt_bytes_through_the_public_seam(
    role_user, django_capture_on_commit_callbacks
):
    contact = ContactFactory(occupation="lawyer", email="ana@example.org")
    ua = UrgentActionFactory(approved=True, occupations="lawyer")
    with django_capture_on_commit_callbacks(execute=False):
        mailing = mailing_services.mailing_create(
            urgent_action=ua, user=role_user(Role.SECTION_STAFF), kind="issued"
        )
    backend = SMTPBackend(host="127.0.0.1", port=1)
    sent = []
    backend.send_raw = lambda *, recipients, message: sent.append((recipients, message))
    batch = mailing_messages.BatchMessages(mailing_messages.mailing_content(mailing), backend)
    batch.send(mailing.deliveries.select_related("contact").get())
    ((recipients, raw),) = sent
    assert recipients == [contact.email]
    assert b"ana@example.org" in raw and b"%%PD-" not in raw


def test_a_stopped_mailing_says_so_on_its_page(
    client, role_user, django_capture_on_commit_callbacks
):
    staff = role_user(Role.SECTION_STAFF)
    ContactFactory(occupation="lawyer")  # a mailing to nobody is refused
    ua = UrgentActionFactory(approved=True)
    with django_capture_on_commit_callbacks(execute=False):
        mailing = mailing_services.mailing_create(urgent_action=ua, user=staff, kind="issued")
    mailing_services.mailing_stop(mailing_id=mailing.pk, reason="535 bad credentials")
    client.force_login(staff)
    page = client.get(reverse("outreach:mailing_detail", args=[mailing.pk])).content.decode()
    assert "535 bad credentials" in page and 'hx-trigger="every 2s"' not in page


def test_an_smtp_login_refused_for_a_request_email_is_recorded_and_not_retried(settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingLoginBackend"
    event = _decision_event()
    with pytest.raises(MailServerRefusedLogin):
        send_request_update_email.run(event.pk)
    assert not issubclass(MailServerRefusedLogin, send_request_update_email.autoretry_for)
    event.refresh_from_db()
    assert "535" in event.email_error and event.notified_at is None
    assert event.email_outcome().startswith("failed: ")
    # Neither a redelivered task nor the sweeper tries it again on its own.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_request_update_email.run(event.pk) == 0
    later = timezone.now() + timedelta(hours=1)
    assert request_emails_sweep(now=later) == []
    assert mail.outbox == []


def test_a_claim_whose_worker_died_is_sent_once_by_the_sweeper(settings, monkeypatch):
    event = _decision_event()
    # The worker claims, then dies before sending: its claim stays, nothing is sent.
    monkeypatch.setattr(
        request_services, "_request_event_send", lambda *a: (_ for _ in ()).throw(SystemExit)
    )
    with pytest.raises(SystemExit):
        send_request_update_email.run(event.pk)
    monkeypatch.undo()
    event.refresh_from_db()
    assert event.email_claimed_at and event.notified_at is None
    assert send_request_update_email.run(event.pk) == 0  # a redelivery respects the claim

    fresh = event.email_claimed_at + timedelta(seconds=settings.REQUEST_EMAIL_CLAIM_TIMEOUT - 1)
    assert request_emails_sweep(now=fresh) == []  # a live worker's claim is left alone
    stale = event.email_claimed_at + timedelta(seconds=settings.REQUEST_EMAIL_CLAIM_TIMEOUT + 1)
    queued = []
    monkeypatch.setattr(send_request_update_email, "delay", queued.append)
    monkeypatch.setattr(request_services.timezone, "now", lambda: stale)
    assert sweep_request_emails() == [event.pk]
    assert queued == [event.pk]
    assert sweep_request_emails() == []  # released once: a second sweep finds nothing
    monkeypatch.undo()

    assert send_request_update_email.run(event.pk) == 1
    assert send_request_update_email.run(event.pk) == 0
    assert request_emails_sweep(now=stale + timedelta(hours=1)) == []  # sent: never again
    (message,) = mail.outbox
    assert message.extra_headers["Message-ID"] == f"<request-event-{event.pk}@127.0.0.1>"


def test_the_request_email_sweeper_is_scheduled_every_minute():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="partnerships.sweep_request_emails")
    assert task.enabled and task.interval.every == 60


def test_the_review_page_shows_a_refused_request_email(settings, client, role_user):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingLoginBackend"
    event = _decision_event()
    with pytest.raises(MailServerRefusedLogin):
        send_request_update_email.run(event.pk)
    client.force_login(role_user(Role.COORDINATOR))
    page = client.get(
        reverse("admin:partnerships_partnershiprequest_change", args=[event.request_id])
    ).content.decode()
    assert "E-mail to the group: failed: " in page and "535" in page


def test_the_raw_seam_sends_from_the_section_as_configured_now(settings):
    """The envelope sender is parsed once per address, not per message, and still
    follows the setting."""
    from unittest import mock

    backend = SMTPBackend(host="127.0.0.1", port=1)
    backend.connection = mock.Mock()
    settings.DEFAULT_FROM_EMAIL = "Amnesty NL <ua@amnesty.example.org>"
    backend.send_raw(recipients=["ana@example.org"], message=b"one")
    backend.send_raw(recipients=["bo@example.org"], message=b"two")
    settings.DEFAULT_FROM_EMAIL = "Amnistía <ua@amnistia.example.org>"
    backend.send_raw(recipients=["ana@example.org"], message=b"three")
    senders = [call.args[0] for call in backend.connection.sendmail.call_args_list]
    assert senders == [
        "Amnesty NL <ua@amnesty.example.org>",
        "Amnesty NL <ua@amnesty.example.org>",
        "=?utf-8?b?QW1uaXN0w61h?= <ua@amnistia.example.org>",
    ]


def test_a_worker_loads_links_and_templates_before_it_forks(django_assert_num_queries):
    from celery.signals import worker_init

    from config.celery import warm_up

    assert warm_up in [receiver() for _, receiver in worker_init.receivers]
    with django_assert_num_queries(0):  # no connection to share with forked processes
        warm_up(sender=None)
