"""Urgent Action mailings through a real broker, a real `celery worker` and an SMTP sink."""

import os
import signal
import time

import pytest
from django.test import Client
from django.utils import timezone

from accounts.roles import Role
from outreach.models import (
    Contact,
    ContactStatus,
    Delivery,
    DeliveryStatus,
    Mailing,
    MailingKind,
    MailingStatus,
)
from outreach.services import mailing_messages
from outreach.services import mailings as services
from tests.factories import UrgentActionFactory, UserFactory

from .conftest import (
    mail_worker_env,
    start_worker,
    stop_worker,
    wait_until,
    worker_pool_args,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def make_contacts(count: int, prefix: str = "c", **fields) -> list[Contact]:
    now = timezone.now()
    defaults = {"occupation": "lawyer", "mailing_consent": True, "consent_given_at": now}
    Contact.objects.bulk_create(
        [
            Contact(
                first_name="Ada",
                last_name=f"{prefix}{n:05d}",
                email=f"{prefix}{n:05d}@sink.example.org",
                **{**defaults, **fields},
            )
            for n in range(count)
        ],
        batch_size=1000,
    )
    return list(
        Contact.objects.filter(email__startswith=prefix, email__endswith="@sink.example.org")
    )


def issue(kind=MailingKind.ISSUED, ua=None, note="") -> Mailing:
    user = UserFactory.with_role(Role.SECTION_STAFF)
    ua = ua or UrgentActionFactory(approved=True)
    # transaction=True: the on_commit hook really runs and enqueues through the broker.
    return services.mailing_create(urgent_action=ua, user=user, kind=kind, note=note)


def finished(mailing: Mailing) -> bool:
    return not mailing.deliveries.filter(
        status__in=[DeliveryStatus.QUEUED, DeliveryStatus.SENDING]
    ).exists()


def test_ua_to_500_contacts_arrives_exactly_once_with_headers_and_unsubscribe_stops_later_mail(
    mail_worker, smtp_sink
):
    audience = make_contacts(500)
    excluded = [
        *make_contacts(3, "noconsent", mailing_consent=False),
        *make_contacts(3, "unsub", status=ContactStatus.UNSUBSCRIBED),
        *make_contacts(3, "bounced", status=ContactStatus.BOUNCED),
        *make_contacts(3, "atrisk", is_at_risk=True),
    ]
    mailing = issue()
    assert mailing.recipient_count == 500
    assert wait_until(lambda: finished(mailing), timeout=90), "mailing did not finish"

    counts = smtp_sink.counts()
    assert counts == {contact.email: 1 for contact in audience}
    assert not set(counts) & {contact.email for contact in excluded}
    deliveries = {d.contact_id: d for d in mailing.deliveries.all()}
    for contact in audience[:25]:
        (received,) = [r for r in smtp_sink.received if r.recipient == contact.email]
        assert received.message_id == mailing_messages.delivery_message_id(
            deliveries[contact.pk], "127.0.0.1"
        )
        assert received.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert received.headers["List-Unsubscribe"] == (
            f"<{mailing_messages.unsubscribe_url(contact.pk)}>"
        )
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.DONE

    # One-click unsubscribe (RFC 8058): no session, no CSRF token.
    leaver = audience[0]
    url = mailing_messages.unsubscribe_url(leaver.pk).removeprefix("http://127.0.0.1:8000")
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200

    update = issue(MailingKind.UPDATED, ua=mailing.urgent_action, note="Released.")
    assert update.recipient_count == 499
    assert wait_until(lambda: finished(update), timeout=90)
    assert smtp_sink.counts()[leaver.email] == 1
    assert smtp_sink.counts()[audience[1].email] == 2


def test_a_killed_worker_loses_nothing_and_duplicates_only_what_was_in_flight(
    live_tasks, smtp_sink, settings
):
    audience = make_contacts(2000)
    env = mail_worker_env(smtp_sink)
    first = start_worker(*worker_pool_args(), new_session=True, **env)
    try:
        mailing = issue()
        sent = mailing.deliveries.filter(status=DeliveryStatus.SENT)
        assert wait_until(lambda: sent.count() >= 300, timeout=90), stop_worker(first)
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.communicate()
    time.sleep(0.2)  # let the sink finish reading what was already on the wire
    claimed = set(
        mailing.deliveries.filter(status=DeliveryStatus.SENDING).values_list(
            "contact__email", flat=True
        )
    )
    received_at_kill = set(smtp_sink.counts())
    in_flight = claimed & received_at_kill
    assert sent.count() < 2000, "the worker finished before the kill: nothing was tested"

    # The sweeper finds the dead worker's claims (the test does not wait out the timeout).
    settings.MAILING_CLAIM_TIMEOUT = 0
    sweep = services.mailings_sweep(now=timezone.now() + timezone.timedelta(seconds=1))
    assert sweep.requeued == len(claimed)
    second = start_worker(*worker_pool_args(), **env)
    try:
        for mailing_id in sweep.to_start:
            assert services.mailing_enqueue(mailing_id=mailing_id)
        assert wait_until(lambda: finished(mailing), timeout=120), stop_worker(second)
    finally:
        stop_worker(second)

    assert mailing.deliveries.filter(status=DeliveryStatus.SENT).count() == 2000
    assert Delivery.objects.filter(mailing=mailing).count() == 2000
    counts = smtp_sink.counts()
    assert set(counts) == {contact.email for contact in audience}
    duplicated = {email for email, n in counts.items() if n > 1}
    print(
        f"\ncrash test: {len(claimed)} claimed at the kill, {len(in_flight)} of them "
        f"already received (in flight), {len(duplicated)} duplicated"
    )
    assert duplicated <= in_flight
    assert all(counts[email] == 2 for email in duplicated)
    for email in duplicated:
        assert len(smtp_sink.message_ids(email)) == 1  # the same Message-ID twice


def test_an_smtp_outage_loses_nothing(mail_worker, smtp_sink):
    audience = make_contacts(120)
    smtp_sink.stop()  # connections refused
    mailing = issue()
    retrying = mailing.deliveries.filter(status=DeliveryStatus.QUEUED)
    time.sleep(2.5)
    assert retrying.count() == 120  # nothing lost, nothing failed, nothing claimed
    smtp_sink.start()
    assert wait_until(lambda: finished(mailing), timeout=60)
    assert smtp_sink.counts() == {contact.email: 1 for contact in audience}
    assert mailing.deliveries.filter(status=DeliveryStatus.SENT).count() == 120


def test_smtp_replies_defer_4xx_and_bounce_unknown_mailboxes(mail_worker, smtp_sink):
    audience = make_contacts(20)
    greylisted, unknown, rejected = audience[0], audience[1], audience[2]
    smtp_sink.replies[greylisted.email] = ["451 4.7.1 Greylisted, try again", 2]
    smtp_sink.replies[unknown.email] = ["550 5.1.1 Mailbox unknown", 99]
    smtp_sink.replies[rejected.email] = ["554 5.7.1 Rejected by policy", 99]
    mailing = issue()
    assert wait_until(lambda: finished(mailing), timeout=60)

    by_contact = {d.contact_id: d for d in mailing.deliveries.all()}
    assert by_contact[greylisted.pk].status == DeliveryStatus.SENT
    # Two deferrals and the accepted one: attempts count every attempt made.
    assert by_contact[greylisted.pk].attempts == 3
    assert by_contact[unknown.pk].status == DeliveryStatus.FAILED
    assert by_contact[unknown.pk].smtp_reply.startswith("550 5.1.1")
    assert by_contact[rejected.pk].status == DeliveryStatus.FAILED
    unknown.refresh_from_db()
    rejected.refresh_from_db()
    assert unknown.status == ContactStatus.BOUNCED
    assert rejected.status == ContactStatus.ACTIVE
    counts = smtp_sink.counts()
    assert counts[greylisted.email] == 1
    assert unknown.email not in counts
    assert sum(counts.values()) == 18
