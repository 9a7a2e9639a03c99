"""Urgent Actions: approval, freezing the audience, and sending exactly once.

The database is the source of truth, not the broker. A Mailing and its
Delivery rows are written before any task is queued; a worker claims a batch of
deliveries with a conditional UPDATE (queued -> sending), sends it over one
SMTP connection and marks each message as it goes. A worker killed mid-batch
leaves its claim behind; the sweeper puts claims older than
MAILING_CLAIM_TIMEOUT back in the queue, so only the message in flight at the
kill can be sent twice, and then with the same Message-ID.
"""

import contextlib
import logging
import re
import smtplib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.emails import MailServerRefusedLogin, open_connection
from accounts.errors import NotPossible
from accounts.models import User
from outreach.models import (
    Contact,
    ContactStatus,
    Delivery,
    DeliveryStatus,
    Keyword,
    Mailing,
    MailingKind,
    MailingStatus,
    Sector,
    UrgentAction,
    UrgentActionStatus,
)
from outreach.ratelimit import RateLimiter, mail_rate_limiter
from outreach.selectors.mailings import urgent_action_audience
from outreach.services import contacts as contact_services
from outreach.services.mailing_messages import BatchMessages, MailingContent, mailing_content
from outreach.services.ua_states import check_urgent_action

logger = logging.getLogger(__name__)


BROKER_DOWN_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}


class TransientSendError(Exception):
    """The SMTP server could not be reached or dropped the connection: retry later."""


# ---------------------------------------------------------------------------
# Contacts: the consequences of a mailing for a contact


@transaction.atomic
def contact_unsubscribe_from_mailings(*, contact: Contact, user: User | None = None) -> None:
    """Any path (the signed link, a mail client's one-click POST, staff): unsubscribe
    through the consent service (which checks a staff user), and send nothing more from
    mailings under way."""
    contact_services.contact_unsubscribe(contact=contact, user=user)
    Delivery.objects.filter(contact=contact, status=DeliveryStatus.QUEUED).update(
        status=DeliveryStatus.FAILED, smtp_reply="not sent: the contact unsubscribed"
    )


contact_unsubscribe_by_link = contact_unsubscribe_from_mailings


def contact_bounce(*, contact_id: int, reply: str) -> None:
    """A mailbox that does not exist: no further mailing tries it."""
    contact = Contact.objects.filter(pk=contact_id, status=ContactStatus.ACTIVE).first()
    if contact is not None:
        contact_services.contact_mark_bounced(contact=contact)
        logger.info("contact %s marked bounced: %s", contact_id, reply)


@transaction.atomic
def contact_interests_update(
    *, contact: Contact, sectors: Iterable[Sector], keywords: Iterable[Keyword]
) -> None:
    contact.sectors.set(sectors)
    contact.keywords.set(keywords)
    Contact.objects.filter(pk=contact.pk).update(updated_at=timezone.now())


# ---------------------------------------------------------------------------
# Urgent Actions and mailings


@transaction.atomic
def urgent_action_approve(*, urgent_action: UrgentAction, user: User) -> UrgentAction:
    """Only coordinators approve; only a draft can be approved."""
    urgent_action = UrgentAction.objects.select_for_update().get(pk=urgent_action.pk)
    check_urgent_action(user, urgent_action, "approve")
    urgent_action.status = UrgentActionStatus.APPROVED
    urgent_action.approved_by = user
    urgent_action.approved_at = timezone.now()
    urgent_action.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    return urgent_action


@transaction.atomic
def urgent_action_cancel(*, urgent_action: UrgentAction, user: User) -> UrgentAction:
    """Section staff may cancel a draft or an approved UA that has not gone out."""
    urgent_action = UrgentAction.objects.select_for_update().get(pk=urgent_action.pk)
    check_urgent_action(user, urgent_action, "cancel")
    urgent_action.status = UrgentActionStatus.CANCELLED
    urgent_action.save(update_fields=["status", "updated_at"])
    return urgent_action


def _freeze_audience(mailing: Mailing) -> int:
    """One Delivery row per recipient, in one INSERT ... SELECT (100,000 rows in well
    under a second, where bulk_create would build 100,000 objects in Python)."""
    audience = (
        urgent_action_audience(mailing.urgent_action)
        .order_by()
        .annotate(recipient=F("pk"))
        .values_list("recipient")
    )
    select_sql, params = audience.query.sql_with_params()
    table = Delivery._meta.db_table
    sql = (
        f"INSERT INTO {table} (mailing_id, contact_id, status, attempts, smtp_reply) "
        f"SELECT %s, audience.recipient, %s, 0, '' FROM ({select_sql}) audience"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (mailing.pk, DeliveryStatus.QUEUED, *params))
        return cursor.rowcount


@transaction.atomic
def mailing_create(
    *, urgent_action: UrgentAction, user: User, kind: str, note: str = ""
) -> Mailing:
    """Record a mailing with its frozen audience, then queue it after the commit.

    If the broker is down the mailing stays "queued" and the sweeper starts it."""
    urgent_action = UrgentAction.objects.select_for_update().get(pk=urgent_action.pk)
    check_urgent_action(user, urgent_action, "issue" if kind == MailingKind.ISSUED else "follow_up")
    mailing = Mailing.objects.create(
        urgent_action=urgent_action, kind=kind, note=note, created_by=user
    )
    mailing.recipient_count = _freeze_audience(mailing)
    if not mailing.recipient_count:
        # Rolls the empty mailing back: a mailing to nobody would read as sent.
        raise NotPossible(
            _(
                "No consenting contact matches this Urgent Action today, so there is nobody to "
                "send it to. Add sectors or keywords to reach its audience."
            )
        )
    mailing.save(update_fields=["recipient_count"])
    if kind == MailingKind.ISSUED:
        urgent_action.status = UrgentActionStatus.SENDING
        urgent_action.issued_on = urgent_action.issued_on or timezone.localdate()
        urgent_action.save(update_fields=["status", "issued_on", "updated_at"])
    # After the commit (mailing_enqueue is called from on_commit so that a broker
    # that is down is logged, not raised into the committed request).
    transaction.on_commit(lambda: mailing_enqueue(mailing_id=mailing.pk))
    return mailing


def mailing_enqueue(*, mailing_id: int) -> bool:
    """Hand the mailing to the broker; False (and a log line) when it is unreachable.

    Not atomic on purpose: it talks to the broker, not the database."""
    from outreach.tasks import start_mailing

    try:
        # One quick retry only: a web request must not hang on a broker that is down.
        start_mailing.apply_async((mailing_id,), retry_policy=BROKER_DOWN_RETRY_POLICY)
    except Exception:  # kombu raises OperationalError, redis its own ConnectionError
        logger.exception(
            "mailing %s recorded but not queued; the sweeper will start it", mailing_id
        )
        return False
    return True


def mailing_start(*, mailing_id: int) -> int:
    """Mark the mailing started; returns how many batch tasks to queue."""
    now = timezone.now()
    Mailing.objects.filter(pk=mailing_id, started_at__isnull=True).update(started_at=now)
    Mailing.objects.filter(pk=mailing_id, status=MailingStatus.QUEUED).update(
        status=MailingStatus.SENDING
    )
    ready = Delivery.objects.filter(mailing_id=mailing_id).ready(now).count()
    if not ready:
        mailing_finish_if_done(mailing_id=mailing_id)
    return -(-ready // settings.MAILING_BATCH_SIZE)


def mailing_stop(*, mailing_id: int, reason: str) -> None:
    """The mail server refused our login: stop, visibly (admin, mailing page), instead
    of retrying for hours. The sweeper leaves a stopped mailing alone."""
    logger.error("mailing %s stopped: the mail server refused the login (%s)", mailing_id, reason)
    Mailing.objects.filter(pk=mailing_id).exclude(status=MailingStatus.DONE).update(
        status=MailingStatus.STOPPED, stop_reason=reason[:500]
    )


def mailing_resume(*, mailing_id: int) -> bool:
    """After the login is fixed: send the rest (the admin's "resume" action)."""
    resumed = Mailing.objects.filter(pk=mailing_id, status=MailingStatus.STOPPED).update(
        status=MailingStatus.SENDING, stop_reason=""
    )
    return bool(resumed) and mailing_enqueue(mailing_id=mailing_id)


def mailing_finish_if_done(*, mailing_id: int) -> bool:
    pending = Delivery.objects.filter(
        mailing_id=mailing_id, status__in=[DeliveryStatus.QUEUED, DeliveryStatus.SENDING]
    )
    if pending.exists():
        return False
    with transaction.atomic():
        finished = Mailing.objects.filter(pk=mailing_id).exclude(status=MailingStatus.DONE)
        if finished.update(status=MailingStatus.DONE, finished_at=timezone.now()):
            UrgentAction.objects.filter(
                mailings__pk=mailing_id, status=UrgentActionStatus.SENDING
            ).update(status=UrgentActionStatus.SENT)
    return True


# ---------------------------------------------------------------------------
# Sending


# What sending a claimed delivery reads: its message (mailing_content, BatchMessages)
# and its failure handling (_record_failure). Loading only these makes a batch's 250
# deliveries and contacts cheaper to build.
SEND_FIELDS = (
    "mailing_id",
    "contact_id",
    "attempts",
    "contact__first_name",
    "contact__last_name",
    "contact__email",
    "contact__language",
)


@transaction.atomic
def deliveries_claim(*, mailing_id: int, limit: int) -> tuple[uuid.UUID, list[Delivery]]:
    """Take up to `limit` ready deliveries for this worker (queued -> sending).

    The UPDATE repeats `status = queued`, so two workers never claim the same
    row; on PostgreSQL SKIP LOCKED lets them pick disjoint rows without waiting."""
    now = timezone.now()
    candidates = Delivery.objects.filter(mailing_id=mailing_id).ready(now).order_by("pk")
    if connection.features.has_select_for_update_skip_locked:
        candidates = candidates.select_for_update(skip_locked=True)
    ids = list(candidates.values_list("pk", flat=True)[:limit])
    token = uuid.uuid4()
    Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.QUEUED).update(
        status=DeliveryStatus.SENDING, claim_token=token, claimed_at=now
    )
    # The audience was frozen when the mailing was recorded; whoever withdrew consent,
    # unsubscribed, bounced or was marked at risk since must not get later batches.
    # Asked in the same query as the claimed rows, with the one rule, mailable().
    still_mailable = Contact.objects.mailable().filter(pk=OuterRef("contact_id"))
    # By primary key (and the token, for the rows this claim won): claim_token has no
    # index, and a filter on it alone scanned every delivery of every mailing per batch
    # (105 ms at 400,000 rows, and growing with each mailing sent).
    claimed = (
        Delivery.objects.filter(pk__in=ids, claim_token=token)
        .select_related("contact")
        .only(*SEND_FIELDS)
        .annotate(still_mailable=Exists(still_mailable))
        .order_by("pk")
    )
    return token, list(claimed)


def _withhold_unmailable(deliveries: list[Delivery], token: uuid.UUID) -> list[Delivery]:
    """Fail the claimed deliveries whose contact may no longer be mailed (one UPDATE);
    return the rest, to send."""
    withheld = [d.pk for d in deliveries if not getattr(d, "still_mailable", True)]
    if withheld:
        Delivery.objects.filter(pk__in=withheld, claim_token=token).update(
            status=DeliveryStatus.FAILED,
            claim_token=None,
            smtp_reply="not sent: no longer mailable at sending time (consent, address or risk)",
        )
    return [d for d in deliveries if getattr(d, "still_mailable", True)]


def deliveries_release(*, deliveries: list[Delivery], token: uuid.UUID, delay: float = 0) -> int:
    """Put claimed deliveries back in the queue (the connection failed before them)."""
    return Delivery.objects.filter(
        pk__in=[d.pk for d in deliveries], claim_token=token, status=DeliveryStatus.SENDING
    ).update(
        status=DeliveryStatus.QUEUED,
        claim_token=None,
        next_attempt_at=timezone.now() + timedelta(seconds=delay) if delay else None,
    )


def _mark(delivery: Delivery, token: uuid.UUID, **values: object) -> bool:
    # The claim token in the WHERE: if the sweeper took the batch back meanwhile,
    # this worker learns it lost the claim and stops.
    return bool(
        Delivery.objects.filter(pk=delivery.pk, claim_token=token).update(
            claim_token=None, **values
        )
    )


_UNKNOWN_MAILBOX = re.compile(r"\b5\.1\.1\b|unknown|no such|does not exist", re.IGNORECASE)


def is_mailbox_unknown(code: int, reply: str) -> bool:
    return (code == 550 and bool(_UNKNOWN_MAILBOX.search(reply))) or "5.1.1" in reply


def retry_delay(attempt: int) -> float:
    """Exponential backoff, capped below the broker's visibility timeout."""
    base = settings.MAILING_RETRY_BASE_SECONDS
    return min(base * 2 ** max(attempt - 1, 0), settings.MAILING_RETRY_MAX_SECONDS)


def _smtp_reply(error: OSError) -> tuple[int, str]:
    raw: bytes | str
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, raw = next(iter(error.recipients.values()))
    elif isinstance(error, smtplib.SMTPResponseException):
        code, raw = error.smtp_code, error.smtp_error
    else:
        return 0, str(error)
    reply = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    return code, f"{code} {reply}"[:500]


@dataclass
class BatchResult:
    sent: int = 0
    failed: int = 0
    deferred: int = 0
    retry_in: float | None = None
    lost_claim: bool = False
    failures: list[str] = field(default_factory=list)


def _record_failure(
    delivery: Delivery, token: uuid.UUID, error: OSError, result: BatchResult
) -> None:
    code, reply = _smtp_reply(error)
    attempts = delivery.attempts + 1
    if 400 <= code < 500 and attempts < settings.MAILING_MAX_ATTEMPTS:
        delay = retry_delay(attempts)
        _mark(
            delivery,
            token,
            status=DeliveryStatus.QUEUED,
            attempts=attempts,
            smtp_reply=reply,
            next_attempt_at=timezone.now() + timedelta(seconds=delay),
        )
        result.deferred += 1
        result.retry_in = min(result.retry_in or delay, delay)
        return
    _mark(delivery, token, status=DeliveryStatus.FAILED, attempts=attempts, smtp_reply=reply)
    result.failed += 1
    result.failures.append(reply)
    if is_mailbox_unknown(code, reply):
        contact_bounce(contact_id=delivery.contact_id, reply=reply)


# Errors that concern the connection, not one recipient: the rest of the batch
# goes back to the queue and the task retries with backoff. (SMTPException is
# itself an OSError, hence the explicit test.)
CONNECTION_ERRORS = (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, OSError)


def is_connection_error(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError):
        return True
    return isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException)


def _relax_commit_durability() -> None:
    """Each sent message is marked in its own commit; waiting for PostgreSQL to
    flush every one of them to disk would cost more than the SMTP exchange.
    With synchronous_commit off a killed worker loses nothing (the server holds
    the commit); only a crash of PostgreSQL itself can lose the last fraction of
    a second of marks, and those messages are then resent with the same
    Message-ID. Scoped to this worker's connection."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")


def mailing_send_batch(
    *, mailing_id: int, limit: int | None = None, limiter: RateLimiter | None = None
) -> BatchResult:
    """Claim one batch and send it over one SMTP connection.

    Raises TransientSendError when the server cannot be reached; nothing is
    then left claimed. Not atomic: each message is marked as soon as it is sent."""
    mailing = Mailing.objects.filter(pk=mailing_id).first()
    result = BatchResult()
    if mailing is None or mailing.status == MailingStatus.DONE:
        return result
    content = mailing_content(mailing)
    limiter = limiter or mail_rate_limiter()
    _relax_commit_durability()
    smtp = get_connection(fail_silently=False)
    try:
        open_connection(smtp)  # before claiming: an unreachable server leaves the queue untouched
    except MailServerRefusedLogin as error:
        mailing_stop(mailing_id=mailing_id, reason=str(error))
        raise
    except CONNECTION_ERRORS as error:
        raise TransientSendError(str(error)) from error
    try:
        token, deliveries = deliveries_claim(
            mailing_id=mailing_id, limit=limit or settings.MAILING_BATCH_SIZE
        )
        _send_claimed(deliveries, token, content, smtp, limiter, result)
    finally:
        with contextlib.suppress(*CONNECTION_ERRORS):
            smtp.close()
    mailing_finish_if_done(mailing_id=mailing_id)
    return result


class _SentMarks:
    """Records sent messages in small groups: one UPDATE per group instead of one
    per message, stamped with the time the group's last message was accepted
    (a few milliseconds after the first). A message sent but not yet recorded
    when its worker dies is sent again by the next claimant, with the same
    Message-ID; MAILING_MARK_EVERY bounds that window."""

    def __init__(self, token: uuid.UUID) -> None:
        self.token = token
        self.pending: list[int] = []

    def add(self, delivery: Delivery) -> bool:
        self.pending.append(delivery.pk)
        return len(self.pending) < settings.MAILING_MARK_EVERY or self.flush()

    def flush(self) -> bool:
        """False if the sweeper took some of these back meanwhile (the claim was lost)."""
        if not self.pending:
            return True
        ids, self.pending = self.pending, []
        updated = Delivery.objects.filter(pk__in=ids, claim_token=self.token).update(
            status=DeliveryStatus.SENT,
            sent_at=timezone.now(),
            claim_token=None,
            attempts=F("attempts") + 1,  # the successful attempt counts too
        )
        return updated == len(ids)


def _send_claimed(
    deliveries: list[Delivery],
    token: uuid.UUID,
    content: MailingContent,
    smtp: BaseEmailBackend,
    limiter: RateLimiter,
    result: BatchResult,
) -> None:
    messages, marks = BatchMessages(content, smtp), _SentMarks(token)
    sendable = _withhold_unmailable(deliveries, token)
    result.failed += len(deliveries) - len(sendable)
    deliveries = sendable
    try:
        for index, delivery in enumerate(deliveries):
            limiter.acquire()
            try:
                messages.send(delivery)
            except OSError as error:
                if is_connection_error(error):
                    marks.flush()
                    deliveries_release(deliveries=deliveries[index:], token=token)
                    raise TransientSendError(str(error)) from error
                _record_failure(delivery, token, error, result)
                continue
            result.sent += 1
            if not marks.add(delivery):
                # The sweeper requeued this batch: another worker owns the rest now.
                result.lost_claim = True
                break
    finally:
        if not marks.flush():
            result.lost_claim = True


# ---------------------------------------------------------------------------
# The sweeper


@dataclass
class SweepResult:
    requeued: int
    to_start: list[int]


def mailings_sweep(*, now: datetime | None = None) -> SweepResult:
    """Requeue stale claims, and name the mailings that need (re)starting: never
    started (broker down at send time), or with ready deliveries that nobody has
    claimed within the claim timeout (their tasks were lost with a worker)."""
    now = now or timezone.now()
    stale_before = now - timedelta(seconds=settings.MAILING_CLAIM_TIMEOUT)
    stale = Delivery.objects.filter(status=DeliveryStatus.SENDING, claimed_at__lt=stale_before)
    requeued_in = set(stale.values_list("mailing_id", flat=True).distinct())
    requeued = stale.update(status=DeliveryStatus.QUEUED, claim_token=None)
    never_started = Q(
        status=MailingStatus.QUEUED,
        created_at__lt=now - timedelta(seconds=settings.MAILING_START_GRACE_SECONDS),
    )
    recent_claims = Delivery.objects.filter(mailing=OuterRef("pk"), claimed_at__gte=stale_before)
    ready = Delivery.objects.filter(mailing=OuterRef("pk")).ready(now)
    stalled = Q(status=MailingStatus.SENDING) & Q(Exists(ready)) & ~Q(Exists(recent_claims))
    restart = never_started | stalled | Q(pk__in=requeued_in)
    to_start = list(Mailing.objects.filter(restart).values_list("pk", flat=True))
    if requeued:
        logger.warning("sweeper requeued %s stale claimed deliveries", requeued)
    return SweepResult(requeued=requeued, to_start=to_start)
