import json
from datetime import timedelta
from email import message_from_string, policy
from unittest import mock

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from kombu.exceptions import OperationalError

from accounts.roles import Role
from outreach.models import (
    Contact,
    ContactStatus,
    Delivery,
    DeliveryStatus,
    Mailing,
    MailingKind,
    MailingStatus,
    UrgentActionStatus,
)
from outreach.ratelimit import RateLimiter
from outreach.selectors.mailings import mailing_progress, urgent_action_audience
from outreach.services import mailing_messages
from outreach.services import mailings as services
from tests.factories import (
    ContactFactory,
    KeywordFactory,
    SectorFactory,
    UrgentActionFactory,
)

from . import fake_smtp

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(role_user):
    return role_user(Role.SECTION_STAFF)


@pytest.fixture
def coordinator(role_user):
    return role_user(Role.COORDINATOR)


@pytest.fixture
def fake_backend(settings):
    settings.EMAIL_BACKEND = "tests.outreach.fake_smtp.Backend"
    fake_smtp.reset()
    yield fake_smtp
    fake_smtp.reset()


def send(ua, user, capture, kind=MailingKind.ISSUED, note="") -> Mailing:
    with capture(execute=True):
        mailing = services.mailing_create(urgent_action=ua, user=user, kind=kind, note=note)
    mailing.refresh_from_db()
    return mailing


# --- audience -------------------------------------------------------------


def test_audience_matches_any_category_and_only_mailable_contacts():
    sector, keyword = SectorFactory(), KeywordFactory()
    ua = UrgentActionFactory(occupations="lawyer, judge", countries=["TR"])
    ua.sectors.add(sector)
    ua.keywords.add(keyword)
    by_occupation = ContactFactory(occupation="Lawyer")
    by_country = ContactFactory(country="TR")
    by_sector = ContactFactory()
    by_sector.sectors.add(sector)
    by_keyword = ContactFactory()
    by_keyword.keywords.add(keyword)
    ContactFactory(occupation="teacher", country="NL")  # matches nothing
    excluded = [
        ContactFactory(occupation="lawyer", mailing_consent=False),
        ContactFactory(occupation="lawyer", status=ContactStatus.UNSUBSCRIBED),
        ContactFactory(occupation="lawyer", status=ContactStatus.BOUNCED),
        ContactFactory(occupation="lawyer", is_at_risk=True),
        ContactFactory(occupation="lawyer", consent_withdrawn_at=timezone.now()),
        ContactFactory(occupation="lawyer", email=""),
    ]
    audience = set(urgent_action_audience(ua))
    assert audience == {by_occupation, by_country, by_sector, by_keyword}
    assert not audience & set(excluded)


def test_audience_of_a_ua_without_categories_is_empty():
    ContactFactory(occupation="lawyer")
    ua = UrgentActionFactory(occupations="")
    assert urgent_action_audience(ua).count() == 0


def test_a_contact_matching_several_categories_is_counted_once():
    sector = SectorFactory()
    ua = UrgentActionFactory(occupations="lawyer", countries=["TR"])
    ua.sectors.add(sector)
    contact = ContactFactory(occupation="lawyer", country="TR")
    contact.sectors.add(sector)
    assert urgent_action_audience(ua).count() == 1


# --- approval -------------------------------------------------------------


def test_only_a_coordinator_approves(staff, coordinator):
    ua = UrgentActionFactory()
    with pytest.raises(PermissionDenied):
        services.urgent_action_approve(urgent_action=ua, user=staff)
    services.urgent_action_approve(urgent_action=ua, user=coordinator)
    ua.refresh_from_db()
    assert ua.status == UrgentActionStatus.APPROVED
    assert ua.approved_by == coordinator


def test_approving_twice_is_rejected(coordinator):
    ua = UrgentActionFactory(approved=True)
    with pytest.raises(ValidationError):
        services.urgent_action_approve(urgent_action=ua, user=coordinator)


def test_a_draft_cannot_be_sent(staff, django_capture_on_commit_callbacks):
    ContactFactory(occupation="lawyer")
    ua = UrgentActionFactory()
    with pytest.raises(ValidationError):
        send(ua, staff, django_capture_on_commit_callbacks)
    assert not Mailing.objects.exists()


def test_a_cancelled_ua_cannot_be_sent(staff, django_capture_on_commit_callbacks):
    ua = UrgentActionFactory(approved=True)
    services.urgent_action_cancel(urgent_action=ua, user=staff)
    with pytest.raises(ValidationError):
        send(ua, staff, django_capture_on_commit_callbacks)


# --- sending --------------------------------------------------------------


def test_sending_reaches_each_matching_contact_once_with_headers(
    staff, django_capture_on_commit_callbacks, settings
):
    settings.MAILING_BATCH_SIZE = 3
    contacts = ContactFactory.create_batch(7, occupation="lawyer", first_name="Zoë <b>")
    ContactFactory(occupation="lawyer", is_at_risk=True)
    ua = UrgentActionFactory(approved=True)
    mailing = send(ua, staff, django_capture_on_commit_callbacks)

    assert mailing.status == MailingStatus.DONE
    assert mailing.recipient_count == 7
    ua.refresh_from_db()
    assert ua.status == UrgentActionStatus.SENT
    assert sorted(m.to[0] for m in mail.outbox) == sorted(c.email for c in contacts)
    assert Delivery.objects.filter(status=DeliveryStatus.SENT, sent_at__isnull=False).count() == 7
    message = mail.outbox[0]
    parsed = message_from_string(message.message().as_string(), policy=policy.default)
    delivery = Delivery.objects.get(contact__email=message.to[0])
    assert parsed["Message-ID"] == mailing_messages.delivery_message_id(delivery, "127.0.0.1")
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        parsed["List-Unsubscribe"].strip()
        == f"<{mailing_messages.unsubscribe_url(delivery.contact_id)}>"
    )
    assert "Dear Zoë <b>," in message.body
    html = message.alternatives[0][0]
    assert "Dear Zoë &lt;b&gt;," in html
    assert "<strong>write</strong>" in html
    assert ua.reference in message.subject


def test_the_audience_is_frozen_at_send_time(staff, settings):
    ContactFactory.create_batch(3, occupation="lawyer")
    ua = UrgentActionFactory(approved=True)
    with mock.patch.object(services, "mailing_enqueue"):
        mailing = services.mailing_create(urgent_action=ua, user=staff, kind=MailingKind.ISSUED)
    ContactFactory(occupation="lawyer")  # joins later: not part of this mailing
    assert mailing.deliveries.count() == 3


def test_an_issued_ua_cannot_be_issued_again(staff, django_capture_on_commit_callbacks):
    ContactFactory(occupation="lawyer")
    ua = UrgentActionFactory(approved=True)
    send(ua, staff, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError):
        send(ua, staff, django_capture_on_commit_callbacks)


def test_a_follow_up_is_a_new_mailing_of_the_same_ua(staff, django_capture_on_commit_callbacks):
    ContactFactory(occupation="lawyer")
    ua = UrgentActionFactory(approved=True)
    first = send(ua, staff, django_capture_on_commit_callbacks)
    update = send(
        ua, staff, django_capture_on_commit_callbacks, MailingKind.UPDATED, "He was **released**."
    )
    assert update.pk != first.pk
    assert update.urgent_action == ua
    assert mail.outbox[-1].subject.startswith("Update:")
    assert "He was released." in mail.outbox[-1].body


def test_a_follow_up_before_issue_is_rejected(staff, django_capture_on_commit_callbacks):
    ua = UrgentActionFactory(approved=True)
    with pytest.raises(ValidationError):
        send(ua, staff, django_capture_on_commit_callbacks, MailingKind.CLOSED, "done")


def test_broker_down_records_the_mailing_as_queued_and_the_sweeper_starts_it(
    staff, django_capture_on_commit_callbacks, settings
):
    ContactFactory.create_batch(2, occupation="lawyer")
    ua = UrgentActionFactory(approved=True)
    with mock.patch(
        "outreach.tasks.start_mailing.apply_async",
        side_effect=OperationalError("Connection refused"),
    ):
        mailing = send(ua, staff, django_capture_on_commit_callbacks)
    assert mailing.status == MailingStatus.QUEUED
    assert mail.outbox == []
    later = timezone.now() + timedelta(seconds=settings.MAILING_START_GRACE_SECONDS + 1)
    assert services.mailings_sweep(now=later).to_start == [mailing.pk]
    assert services.mailings_sweep().to_start == []  # not before the grace period
    from outreach.tasks import sweep_mailings

    with (
        mock.patch.object(services.timezone, "now", return_value=later),
        django_capture_on_commit_callbacks(execute=True),  # the test's transaction
    ):
        sweep_mailings()
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.DONE
    assert len(mail.outbox) == 2


def _queued_mailing(staff, count: int) -> Mailing:
    ContactFactory.create_batch(count, occupation="lawyer")
    ua = UrgentActionFactory(approved=True)
    with mock.patch.object(services, "mailing_enqueue"):
        return services.mailing_create(urgent_action=ua, user=staff, kind=MailingKind.ISSUED)


def test_claims_are_disjoint(staff):
    mailing = _queued_mailing(staff, 5)
    _, first = services.deliveries_claim(mailing_id=mailing.pk, limit=3)
    _, second = services.deliveries_claim(mailing_id=mailing.pk, limit=3)
    assert len(first) == 3 and len(second) == 2
    assert not {d.pk for d in first} & {d.pk for d in second}
    assert all(d.status == DeliveryStatus.SENDING and d.claimed_at for d in first + second)


def test_unknown_mailbox_fails_the_delivery_and_marks_the_contact_bounced(staff, fake_backend):
    mailing = _queued_mailing(staff, 3)
    bad = mailing.deliveries.first().contact
    fake_backend.REPLIES[bad.email] = (550, b"5.1.1 Mailbox unknown")
    result = services.mailing_send_batch(mailing_id=mailing.pk)
    assert (result.sent, result.failed) == (2, 1)
    delivery = mailing.deliveries.get(contact=bad)
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.smtp_reply == "550 5.1.1 Mailbox unknown"
    bad.refresh_from_db()
    assert bad.status == ContactStatus.BOUNCED


def test_other_permanent_failure_does_not_bounce_the_contact(staff, fake_backend):
    mailing = _queued_mailing(staff, 1)
    contact = mailing.deliveries.get().contact
    fake_backend.REPLIES[contact.email] = (554, b"5.7.1 Message rejected")
    services.mailing_send_batch(mailing_id=mailing.pk)
    contact.refresh_from_db()
    assert contact.status == ContactStatus.ACTIVE
    assert mailing.deliveries.get().status == DeliveryStatus.FAILED


def test_a_4xx_reply_requeues_the_delivery_with_backoff(staff, fake_backend, settings):
    settings.MAILING_RETRY_BASE_SECONDS = 10
    mailing = _queued_mailing(staff, 2)
    greylisted = mailing.deliveries.first()
    fake_backend.REPLIES[greylisted.contact.email] = (451, b"4.7.1 Greylisted, try later")
    result = services.mailing_send_batch(mailing_id=mailing.pk)
    assert (result.sent, result.deferred, result.retry_in) == (1, 1, 10)
    greylisted.refresh_from_db()
    assert greylisted.status == DeliveryStatus.QUEUED
    assert greylisted.attempts == 1
    assert greylisted.next_attempt_at > timezone.now() + timedelta(seconds=9)
    # Not claimed again before its backoff ends; then it is sent.
    assert services.mailing_send_batch(mailing_id=mailing.pk).sent == 0
    del fake_backend.REPLIES[greylisted.contact.email]
    Delivery.objects.filter(pk=greylisted.pk).update(next_attempt_at=timezone.now())
    assert services.mailing_send_batch(mailing_id=mailing.pk).sent == 1
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.DONE


def test_4xx_too_many_times_fails_the_delivery(staff, fake_backend, settings):
    settings.MAILING_MAX_ATTEMPTS = 1
    mailing = _queued_mailing(staff, 1)
    fake_backend.REPLIES[mailing.deliveries.get().contact.email] = (452, b"mailbox full")
    services.mailing_send_batch(mailing_id=mailing.pk)
    assert mailing.deliveries.get().status == DeliveryStatus.FAILED


def test_an_unreachable_server_claims_nothing(staff, fake_backend):
    mailing = _queued_mailing(staff, 2)
    fake_backend.REFUSE_CONNECTIONS[0] = True
    with pytest.raises(services.TransientSendError):
        services.mailing_send_batch(mailing_id=mailing.pk)
    assert set(mailing.deliveries.values_list("status", flat=True)) == {DeliveryStatus.QUEUED}


def test_the_task_retries_with_backoff_after_a_refused_connection(
    staff, fake_backend, settings, django_capture_on_commit_callbacks
):
    from outreach.tasks import send_mailing_batch

    settings.MAILING_RETRY_BASE_SECONDS = 7
    mailing = _queued_mailing(staff, 2)
    fake_backend.REFUSE_CONNECTIONS[0] = True
    with pytest.raises(Retry) as retry, django_capture_on_commit_callbacks(execute=True):
        send_mailing_batch.delay(mailing.pk)
    assert retry.value.when == 7
    assert mailing.deliveries.filter(status=DeliveryStatus.QUEUED).count() == 2


def test_the_sweeper_requeues_stale_claims_only(staff, settings):
    settings.MAILING_CLAIM_TIMEOUT = 60
    mailing = _queued_mailing(staff, 4)
    services.mailing_start(mailing_id=mailing.pk)
    _, stale = services.deliveries_claim(mailing_id=mailing.pk, limit=2)
    Delivery.objects.filter(pk__in=[d.pk for d in stale]).update(
        claimed_at=timezone.now() - timedelta(seconds=61)
    )
    _, fresh = services.deliveries_claim(mailing_id=mailing.pk, limit=1)
    result = services.mailings_sweep()
    assert result.requeued == 2
    assert result.to_start == [mailing.pk]
    statuses = dict(mailing.deliveries.values_list("pk", "status"))
    assert all(statuses[d.pk] == DeliveryStatus.QUEUED for d in stale)
    assert statuses[fresh[0].pk] == DeliveryStatus.SENDING


def test_a_worker_that_lost_its_claim_stops_sending(staff, settings):
    settings.MAILING_MARK_EVERY = 1
    mailing = _queued_mailing(staff, 3)
    token, claimed = services.deliveries_claim(mailing_id=mailing.pk, limit=3)
    Delivery.objects.update(claim_token=None, status=DeliveryStatus.QUEUED)  # the sweeper
    result = services.BatchResult()
    content = mailing_messages.mailing_content(mailing)
    from django.core.mail import get_connection

    services._send_claimed(claimed, token, content, get_connection(), RateLimiter(0), result)
    assert result.lost_claim
    assert result.sent == 1
    assert len(mail.outbox) == 1


def test_a_contact_who_unsubscribed_meanwhile_is_skipped(staff):
    mailing = _queued_mailing(staff, 2)
    gone = mailing.deliveries.first().contact
    Contact.objects.filter(pk=gone.pk).update(status=ContactStatus.UNSUBSCRIBED)
    services.mailing_send_batch(mailing_id=mailing.pk)
    assert [m.to[0] for m in mail.outbox] != [gone.email]
    assert mailing.deliveries.get(contact=gone).status == DeliveryStatus.FAILED


def test_unsubscribing_fails_queued_deliveries_and_stops_later_mailings(
    staff, django_capture_on_commit_callbacks
):
    mailing = _queued_mailing(staff, 2)
    contact = mailing.deliveries.first().contact
    services.contact_unsubscribe_by_link(contact=contact)
    contact.refresh_from_db()
    assert contact.status == ContactStatus.UNSUBSCRIBED
    assert contact.consent_withdrawn_at is not None
    assert mailing.deliveries.get(contact=contact).status == DeliveryStatus.FAILED
    assert contact not in urgent_action_audience(mailing.urgent_action)


def test_progress_counts_and_rate(staff):
    mailing = _queued_mailing(staff, 4)
    now = timezone.now()
    deliveries = list(mailing.deliveries.all())
    for offset, delivery in enumerate(deliveries[:3]):
        Delivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.SENT, sent_at=now - timedelta(seconds=10 - offset * 5)
        )
    progress = mailing_progress(mailing)
    assert (progress.sent, progress.failed, progress.remaining) == (3, 0, 1)
    assert progress.rate == 0.3
    assert progress.seconds_left == 3


def test_markdown_is_cleaned_and_has_a_text_form():
    source = "Hello <script>alert(1)</script> [site](https://example.org)\n\n- one\n- two"
    html = mailing_messages.markdown_to_html(source)
    assert "<script>" not in html
    assert '<a href="https://example.org"' in html
    text = mailing_messages.markdown_to_text(source)
    assert "site (https://example.org)" in text
    assert "- one\n- two" in text
    assert "<" not in text


def test_signed_tokens_round_trip_and_reject_tampering():
    contact = ContactFactory()
    token = mailing_messages.contact_token(contact.pk)
    assert mailing_messages.contact_from_token(token) == contact
    assert mailing_messages.contact_from_token(token[:-2] + "xx") is None
    assert mailing_messages.contact_from_token(f"{contact.pk}") is None


def test_the_local_rate_limiter_paces_messages():
    import time

    limiter = RateLimiter(50)
    start = time.monotonic()
    for _ in range(6):
        limiter.acquire()
    assert time.monotonic() - start >= 0.09


def test_retry_delay_grows_exponentially_and_is_capped(settings):
    settings.MAILING_RETRY_BASE_SECONDS = 5
    settings.MAILING_RETRY_MAX_SECONDS = 300
    assert [services.retry_delay(n) for n in (1, 2, 3, 10)] == [5, 10, 20, 300]


class _FakeRedis:
    """INCR/EXPIRE in a pipeline, shared like a Redis server between limiters."""

    def __init__(self):
        self.counts: dict[str, int] = {}

    def pipeline(self):
        redis, ops = self, []

        class Pipe:
            def incr(self, key):
                ops.append(key)

            def expire(self, key, seconds):
                pass

            def execute(self):
                (key,) = ops
                redis.counts[key] = redis.counts.get(key, 0) + 1
                return [redis.counts[key], True]

        return Pipe()


def test_the_redis_rate_limit_is_shared_by_all_processes(monkeypatch):
    import outreach.ratelimit as ratelimit

    clock = {"now": 1000.2}
    slept: list[float] = []

    def sleep(seconds):
        slept.append(seconds)
        clock["now"] += seconds

    monkeypatch.setattr(ratelimit.time, "time", lambda: clock["now"])
    monkeypatch.setattr(ratelimit.time, "sleep", sleep)
    server = _FakeRedis()
    workers = [RateLimiter(3), RateLimiter(3)]
    for limiter in workers:
        limiter._redis = server
    for _ in range(2):
        workers[0].acquire()
        workers[1].acquire()
    # Four messages at 3 per second: the fourth waits for the next second.
    assert slept == [pytest.approx(0.8)]
    assert server.counts == {"partnerdesk:mail-rate:1000": 4, "partnerdesk:mail-rate:1001": 1}


def test_a_sent_delivery_counts_its_attempt(staff, django_capture_on_commit_callbacks):
    ContactFactory.create_batch(2, occupation="lawyer")
    ua = UrgentActionFactory(approved=True)
    mailing = send(ua, staff, django_capture_on_commit_callbacks)
    assert list(mailing.deliveries.values_list("status", "attempts")) == [
        (DeliveryStatus.SENT, 1),
        (DeliveryStatus.SENT, 1),
    ]


def test_a_follow_up_to_nobody_is_refused_and_leaves_no_mailing(
    staff, django_capture_on_commit_callbacks
):
    lawyer = ContactFactory(occupation="lawyer")
    ua = UrgentActionFactory(approved=True)
    send(ua, staff, django_capture_on_commit_callbacks)
    services.contact_unsubscribe_by_link(contact=lawyer)
    with pytest.raises(ValidationError, match="nobody to send it to"):
        send(ua, staff, django_capture_on_commit_callbacks, MailingKind.UPDATED, "News")
    assert ua.mailings.count() == 1


def test_the_ua_subject_separates_reference_and_title(staff, django_capture_on_commit_callbacks):
    ContactFactory(occupation="lawyer")
    ua = UrgentActionFactory(approved=True, title="Women defenders detained")
    send(ua, staff, django_capture_on_commit_callbacks)
    assert f"{ua.reference} · Women defenders detained" in mail.outbox[-1].subject


@pytest.mark.parametrize(
    ("code", "reply", "unknown"),
    [
        (550, "5.1.1 <ana@example.org>: Recipient address rejected: User unknown", True),
        (550, "No such user here", True),
        (550, "5.7.1 Message rejected as spam", False),  # a refusal, not a missing mailbox
        (553, "5.1.1 bad destination mailbox address", True),  # the enhanced code says so
        (552, "Mailbox unknown... over quota", False),  # "unknown" counts only with a 550
    ],
)
def test_a_mailbox_is_unknown_on_550_with_its_words_or_on_5_1_1(code, reply, unknown):
    assert services.is_mailbox_unknown(code, reply) is unknown


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL query plans")
def test_claiming_a_batch_never_scans_every_delivery(staff):
    """The claimed rows are read back by primary key: claim_token has no index, and a
    filter on it alone scanned the deliveries of every mailing ever sent, per batch."""
    # The table as it is in use: earlier mailings' deliveries, sent. With only this
    # batch's three rows, walking a whole index is the planner's cheapest plan and
    # proves nothing (it chose that in one test order of four).
    earlier = _queued_mailing(staff, 40)
    sent = [Delivery(mailing_id=earlier.pk, contact_id=d.contact_id, status=DeliveryStatus.SENT)
            for d in earlier.deliveries.all()]  # fmt: skip
    for _ in range(49):
        twin = Mailing.objects.get(pk=earlier.pk)
        twin.pk = None
        twin.save()
        Delivery.objects.bulk_create(
            Delivery(mailing_id=twin.pk, contact_id=d.contact_id, status=d.status) for d in sent
        )
    Delivery.objects.filter(mailing=earlier).update(status=DeliveryStatus.SENT)
    mailing = _queued_mailing(staff, 3)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE outreach_delivery")
        cursor.execute("SET LOCAL enable_seqscan = off")  # any usable index is taken
    with CaptureQueriesContext(connection) as queries:
        _, claimed = services.deliveries_claim(mailing_id=mailing.pk, limit=3)
    assert len(claimed) == 3
    scans = []
    for query in queries.captured_queries:
        if not query["sql"].lstrip().upper().startswith(("SELECT", "UPDATE")):
            continue  # savepoints
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {query['sql']}")
            plan = cursor.fetchone()[0]
        nodes = [(json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]]
        while nodes:
            node = nodes.pop()
            nodes.extend(node.get("Plans", []))
            if node.get("Relation Name") == "outreach_delivery" and "Scan" in node["Node Type"]:
                scans.append(node)
    assert len(scans) == 3  # the candidates, the claim, the claimed rows
    by_token = [node for node in scans if "claim_token" in node.get("Filter", "")]
    assert by_token  # the claim's own rows: the token guards them ...
    # ... but never selects them alone: a sequential scan, or a walk of a whole index
    # filtering every row, reads every delivery there is.
    assert all("Index Cond" in node or "Recheck Cond" in node for node in by_token), by_token


def test_a_batch_costs_the_same_queries_whatever_its_size(staff):
    """Sending reads only some fields of a delivery and its contact: none is loaded
    lazily per recipient."""

    def queries_to_send(mailing: Mailing) -> int:
        with CaptureQueriesContext(connection) as queries:
            result = services.mailing_send_batch(mailing_id=mailing.pk)
        assert result.sent == mailing.recipient_count
        return len(queries.captured_queries)

    small = queries_to_send(_queued_mailing(staff, 2))
    larger = queries_to_send(_queued_mailing(staff, 4))  # the first 2 and 4 more: 6
    assert small == larger
    assert {tuple(m.to) for m in mail.outbox[2:]} >= {(c.email,) for c in Contact.objects.all()}
