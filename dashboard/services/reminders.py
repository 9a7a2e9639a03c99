"""Follow-up reminders: what each staff user has due, as a daily digest, an in-app
list and an iCalendar feed.

Each kind of item comes from one small source function; REMINDER_SOURCES lists
them, so a new kind (evaluations due, once the evaluation app has them) is one
function and one line. A source that can also list its items' due dates cheaply
(@windowed) builds only the items of the page shown (ReminderPages).
"""

import bisect
import datetime
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar, Event

from accounts.emails import MailServerRefusedLogin, absolute_url, send_templated_email
from accounts.models import User
from accounts.roles import is_coordinator, staff_users
from config.periods import Window, due_within
from dashboard.models import CalendarFeed, ReminderDigest
from evaluation.selectors import due_dates_for
from evaluation.selectors import due_for as evaluation_due_for
from outreach.models import Approach
from partnerships.models import Meeting, PartnershipRequest
from risk.models import RiskAssessment

logger = logging.getLogger(__name__)

AT_RISK_LABEL = gettext_lazy("a person at risk (details in Partnerdesk)")


@dataclass(frozen=True)
class ReminderItem:
    kind: str  # a short label: "Follow-up", "Request", "Meeting"
    title: str
    due: datetime.date
    url: str
    overdue: bool = False
    # The calendar event's stable UID; empty: derived from the URL (see _event_uid).
    uid: str = ""


def _approach_target(approach: Approach) -> str:
    # Nothing about a person at risk leaves the system by mail or calendar.
    if approach.contact_id and approach.contact.is_at_risk:
        if approach.organisation_id:
            return _("%(person)s at %(organisation)s") % {
                "person": AT_RISK_LABEL,
                "organisation": approach.organisation,
            }
        return str(AT_RISK_LABEL)
    return approach.target


def _user_follow_ups(user: User) -> QuerySet[Approach]:
    # Omitted, not described, for users who may not see the person (a link to a 404 and
    # "a person at risk" would confirm one exists).
    return (
        Approach.objects.visible_to(user)
        .open_follow_ups()
        .filter(follow_up_owner=user)
        .select_related("contact", "organisation")
        # Only what an item is written from: an owner's hundreds of follow-ups, each a
        # whole approach, contact and organisation, were most of the page's time.
        .only("follow_up_on", *Approach.TARGET_FIELDS)
        .order_by("follow_up_on", "pk")
    )


def _follow_up_item(approach: Approach, today: datetime.date) -> ReminderItem:
    # One shape for the digest, the reminders page and the calendar feed.
    return ReminderItem(
        kind=_("Follow-up"),
        title=_("Follow up with %(target)s") % {"target": _approach_target(approach)},
        due=approach.follow_up_on,
        url=absolute_url(approach.get_absolute_url()),
        overdue=approach.follow_up_on < today,
        uid=f"approach-{approach.pk}-follow-up",
    )


# ---------------------------------------------------------------------------
# Sources: (user, today) -> items


def windowed(due_dates: Callable[[User, datetime.date], list[datetime.date]]) -> Callable:
    """Marks a source that also takes window=(first, last day) and then builds only the
    items due within it; `due_dates(user, today)` gives the due date of every item the
    source would build, without building them (one query of dates)."""

    def mark(source: Callable) -> Callable:
        source.due_dates = due_dates  # type: ignore[attr-defined]
        return source

    return mark


def _follow_ups_due(user: User, today: datetime.date) -> QuerySet[Approach]:
    return _user_follow_ups(user).filter(follow_up_on__lte=today)


def _follow_up_dates(user: User, today: datetime.date) -> list[datetime.date]:
    return list(_follow_ups_due(user, today).values_list("follow_up_on", flat=True))


@windowed(_follow_up_dates)
def approach_follow_ups(
    user: User, today: datetime.date, window: Window = None
) -> list[ReminderItem]:
    """The user's approaches with a follow-up due today or overdue."""
    approaches = due_within(_follow_ups_due(user, today), "follow_up_on", window)
    return [_follow_up_item(approach, today) for approach in approaches]


def requests_waiting_for_review(user: User, today: datetime.date) -> list[ReminderItem]:
    """For coordinators: requests submitted more than REMINDER_REQUEST_WAITING_DAYS ago
    and still undecided."""
    if not is_coordinator(user):
        return []
    days = settings.REMINDER_REQUEST_WAITING_DAYS
    cutoff = datetime.datetime.combine(
        today - datetime.timedelta(days=days),
        datetime.time.min,
        tzinfo=timezone.get_current_timezone(),
    )
    waiting = (
        PartnershipRequest.objects.awaiting_decision()
        .filter(submitted_at__lt=cutoff)
        .select_related("organisation", "local_group")
        .by_waiting_time()
    )
    return [
        ReminderItem(
            kind=_("Request"),
            title=_("%(request)s has waited since %(date)s")
            % {"request": request, "date": date_format(timezone.localdate(request.submitted_at))},
            due=timezone.localdate(request.submitted_at) + datetime.timedelta(days=days),
            url=absolute_url(
                reverse("admin:partnerships_partnershiprequest_change", args=[request.pk])
            ),
            overdue=True,
        )
        for request in waiting
    ]


def same_for_every_user(source: Callable) -> Callable:
    """Marks a source whose items do not depend on the user: the digest run asks it once."""
    source.same_for_every_user = True  # type: ignore[attr-defined]
    return source


@same_for_every_user
def coalition_meetings_next_week(user: User, today: datetime.date) -> list[ReminderItem]:
    """Meetings in the coming seven days of coalitions the Section belongs to."""
    meetings = (
        Meeting.objects.filter(
            coalition__section_is_member=True,
            date__gte=today,
            date__lte=today + datetime.timedelta(days=7),
        )
        .select_related("coalition")
        .order_by("date", "pk")
    )
    return [
        ReminderItem(
            kind=_("Meeting"),
            title=(
                _("%(coalition)s meeting at %(place)s")
                % {"coalition": meeting.coalition, "place": meeting.location}
                if meeting.location
                else _("%(coalition)s meeting") % {"coalition": meeting.coalition}
            ),
            due=meeting.date,
            url=absolute_url(reverse("partnerships:coalition_detail", args=[meeting.coalition_id])),
        )
        for meeting in meetings
    ]


@windowed(due_dates_for)
def evaluation_items(user: User, today: datetime.date, window: Window = None) -> list[ReminderItem]:
    """Evaluations due, next steps evaluations set, and partnership reviews (evaluation app)."""
    return [
        ReminderItem(
            kind=item.kind, title=item.title, due=item.due, url=item.url, overdue=item.due < today
        )
        for item in evaluation_due_for(user, today, window)
    ]


def _user_risk_reviews(user: User) -> QuerySet[RiskAssessment]:
    return (
        RiskAssessment.objects.complete()
        .filter(assessor=user, review_on__isnull=False)
        .select_related("partnership_request__organisation", "partnership", "organisation")
        .order_by("review_on", "pk")
    )


def _risk_review_item(assessment: RiskAssessment, today: datetime.date) -> ReminderItem:
    assert assessment.review_on is not None  # _user_risk_reviews keeps only scheduled ones
    return ReminderItem(
        kind=_("Risk review"),
        title=_("Review %(assessment)s") % {"assessment": assessment},
        due=assessment.review_on,
        url=absolute_url(assessment.get_absolute_url()),
        overdue=assessment.review_on < today,
        uid=f"risk-assessment-{assessment.pk}-review",
    )


def _risk_reviews_due(user: User, today: datetime.date) -> QuerySet[RiskAssessment]:
    return _user_risk_reviews(user) & RiskAssessment.objects.due_for_review(today=today)


def _risk_review_dates(user: User, today: datetime.date) -> list[datetime.date]:
    return list(_risk_reviews_due(user, today).values_list("review_on", flat=True))


@windowed(_risk_review_dates)
def risk_reviews_due(user: User, today: datetime.date, window: Window = None) -> list[ReminderItem]:
    """The user's risk assessments whose review date is within RISK_REVIEW_NOTICE_DAYS, or past."""
    assessments = due_within(_risk_reviews_due(user, today), "review_on", window)
    return [_risk_review_item(assessment, today) for assessment in assessments]


REMINDER_SOURCES: list[Callable[[User, datetime.date], list[ReminderItem]]] = [
    approach_follow_ups,
    requests_waiting_for_review,
    coalition_meetings_next_week,
    evaluation_items,
    risk_reviews_due,
]
# Sources whose items are also events in the calendar feed, beside the follow-ups.
CALENDAR_SOURCES: list[Callable[[User, datetime.date], list[ReminderItem]]] = [evaluation_items]


# Keyed by source and language: the items' kinds and titles are translated, so a French
# digest must not reuse the items computed for an English one.
SharedItems = dict[tuple[Callable, str | None], list[ReminderItem]]


def reminder_items(
    *, user: User, today: datetime.date | None = None, shared: SharedItems | None = None
) -> list[ReminderItem]:
    """`shared`, when given, keeps the items of sources that are the same for everyone
    (once per language)."""
    today = today or timezone.localdate()
    items: list[ReminderItem] = []
    for source in REMINDER_SOURCES:
        if shared is not None and getattr(source, "same_for_every_user", False):
            key = (source, translation.get_language())
            if key not in shared:
                shared[key] = source(user, today)
            items.extend(shared[key])
        else:
            items.extend(source(user, today))
    return sorted(items, key=reminder_order)


def reminder_order(item: ReminderItem) -> tuple:
    """Soonest first; on one day by kind, then title (the digest, the page, "Also due")."""
    return (item.due, item.kind, item.title)


class ReminderPages:
    """reminder_items() in the same order, for a Paginator: its length is the number of
    due dates, and a slice builds only the items due between the slice's first and last
    date (a busy owner's hundreds of follow-ups were most of the reminders page's time).
    Sources that are not @windowed are built whole, as for the digest."""

    def __init__(
        self,
        *,
        user: User,
        today: datetime.date | None = None,
        sources: list[Callable] | None = None,
    ) -> None:
        self.user, self.today = user, today or timezone.localdate()
        self.built: list[ReminderItem] = []
        self.dates_of: list[tuple[Callable, list[datetime.date]]] = []
        for source in REMINDER_SOURCES if sources is None else sources:
            due_dates = getattr(source, "due_dates", None)
            if due_dates is None:
                self.built.extend(source(user, self.today))
            else:
                self.dates_of.append((source, sorted(due_dates(user, self.today))))
        self.dates = sorted(
            [item.due for item in self.built] + [day for _, days in self.dates_of for day in days]
        )

    def __len__(self) -> int:
        return len(self.dates)

    def __getitem__(self, page: slice) -> list[ReminderItem]:
        """Only slices, as a Paginator takes them."""
        start, stop, _ = page.indices(len(self))
        if start >= stop:
            return []
        first, last = self.dates[start], self.dates[stop - 1]
        items = [item for item in self.built if first <= item.due <= last]
        for source, days in self.dates_of:
            # A source with nothing due in the window is not asked at all.
            if bisect.bisect_right(days, last) > bisect.bisect_left(days, first):
                items.extend(source(self.user, self.today, window=(first, last)))
        items.sort(key=reminder_order)
        # Every item due within the window is built, so the ones before `start` are
        # exactly those due before `first`.
        before = bisect.bisect_left(self.dates, first)
        return items[start - before : stop - before]


# ---------------------------------------------------------------------------
# The daily digest


def reminder_digest_send(
    *, user: User, today: datetime.date, shared: SharedItems | None = None
) -> ReminderDigest | None:
    """Send the user's digest for `today` unless it went out already or nothing is due.

    The row is written first and is unique per user and day, so two runs never
    both send; if sending fails the row is removed again, so the retry sends it. A
    refused login is no passing fault: the row stays with the server's answer (the
    admin shows it) and MailServerRefusedLogin propagates, so nothing retries it."""
    # A task has no request: the digest is in the user's saved language.
    with translation.override(user.language or settings.LANGUAGE_CODE):
        items = reminder_items(user=user, today=today, shared=shared)
    if not items:
        return None
    try:
        with transaction.atomic():
            digest = ReminderDigest.objects.create(user=user, date=today, item_count=len(items))
    except IntegrityError:
        return None  # sent already today
    try:
        with translation.override(user.language or settings.LANGUAGE_CODE):
            send_templated_email(
                template="reminder_digest",
                context={"user": user, "items": items, "today": today},
                to=[user.email],
            )
    except MailServerRefusedLogin as error:
        digest.error = str(error)
        digest.save(update_fields=["error"])
        raise
    except Exception:
        digest.delete()
        raise
    return digest


@dataclass
class DigestRun:
    today: datetime.date
    sent: int = 0
    failed_user_ids: list[int] = field(default_factory=list)


def reminder_digests_run(*, today: datetime.date | None = None) -> DigestRun:
    """The daily job: one digest per staff user with something due, each claimed and
    sent on its own. A digest that fails (the server dropped, a mailbox refused) is
    left unclaimed and named in `failed_user_ids`, for the task to retry it alone
    with backoff; the others still go out. A refused SMTP login stops the run at once,
    not retried: it would fail for everyone. The log says to check EMAIL_URL, and the
    digest row it refused records the server's answer for the admin."""
    run = DigestRun(today=today or timezone.localdate())
    shared: SharedItems = {}  # the coalition meetings: one query per language, not per user
    for user in staff_users().exclude(email="").order_by("pk"):
        try:
            digest = reminder_digest_send(user=user, today=run.today, shared=shared)
        except OSError:
            logger.warning(
                "reminder digest for user %s failed; retried alone", user.pk, exc_info=True
            )
            run.failed_user_ids.append(user.pk)
            continue
        run.sent += digest is not None
    return run


def reminder_digests_send(*, today: datetime.date | None = None) -> int:
    """How many digests the daily job sent (see reminder_digests_run)."""
    return reminder_digests_run(today=today).sent


def reminder_digest_retry(*, user_id: int, today: datetime.date) -> bool:
    """One user's digest again (the retry task); raises when sending fails again."""
    user = staff_users().filter(pk=user_id).exclude(email="").first()
    return user is not None and reminder_digest_send(user=user, today=today) is not None


# ---------------------------------------------------------------------------
# The calendar feed


@transaction.atomic
def calendar_feed_reset(*, user: User) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    CalendarFeed.objects.filter(user=user).delete()
    return CalendarFeed.objects.create(user=user)


@transaction.atomic
def calendar_feed_revoke(*, user: User) -> None:
    CalendarFeed.objects.filter(user=user).delete()


def _event_uid(item: ReminderItem, host: str) -> str:
    # Stable across runs, so a calendar updates the event instead of adding another.
    if item.uid:
        return f"{item.uid}@{host}"
    # Not from the kind: it is translated, and the feed is read in the user's language.
    # The date tells apart two items behind one page (a coalition's meetings).
    key = f"{item.url}|{item.due.isoformat()}"
    digest = hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:16]
    return f"item-{digest}@{host}"


def calendar_feed_items(*, user: User, today: datetime.date) -> list[ReminderItem]:
    """Every open follow-up and scheduled risk review of the user (due or not), and the
    items of CALENDAR_SOURCES: the feed's events, one ReminderItem each."""
    return [
        *(_follow_up_item(approach, today) for approach in _user_follow_ups(user)),
        *(_risk_review_item(assessment, today) for assessment in _user_risk_reviews(user)),
        *(item for source in CALENDAR_SOURCES for item in source(user, today)),
    ]


def calendar_feed_ical(*, user: User, now: datetime.datetime | None = None) -> bytes:
    """RFC 5545: one all-day event per item of calendar_feed_items."""
    now = now or timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//Partnerdesk//Follow-ups//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Partnerdesk follow-ups: {user.get_username()}")
    host = settings.SITE_URL.split("://", 1)[-1].split("/")[0].split(":")[0]
    for item in calendar_feed_items(user=user, today=timezone.localdate(now)):
        event = Event()
        event.add("uid", _event_uid(item, host))
        event.add("dtstamp", now)
        event.add("dtstart", item.due)
        if item.due < datetime.date.max:  # rows from before the date bounds
            event.add("dtend", item.due + datetime.timedelta(days=1))
        event.add("summary", item.title)
        event.add("url", item.url)
        calendar.add_component(event)
    return calendar.to_ical()
