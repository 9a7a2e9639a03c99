"""Follow-up reminders: what each staff user has due, as a daily digest, an in-app
list and an iCalendar feed.

Each kind of item comes from one small source function; REMINDER_SOURCES lists
them, so a new kind (evaluations due, once the evaluation app has them) is one
function and one line.
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from accounts.models import User
from accounts.roles import Role, is_coordinator
from dashboard.models import CalendarFeed, ReminderDigest
from outreach.models import Approach
from partnerships.emails import send_templated_email
from partnerships.models import Meeting, PartnershipRequest

logger = logging.getLogger(__name__)

AT_RISK_LABEL = "a person at risk (details in Partnerdesk)"


@dataclass(frozen=True)
class ReminderItem:
    kind: str  # a short label: "Follow-up", "Request", "Meeting"
    title: str
    due: datetime.date
    url: str
    overdue: bool = False


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _approach_target(approach: Approach) -> str:
    # Nothing about a person at risk leaves the system by mail or calendar.
    if approach.contact_id and approach.contact.is_at_risk:
        organisation = f" at {approach.organisation}" if approach.organisation_id else ""
        return AT_RISK_LABEL + organisation
    return approach.target


def _user_follow_ups(user: User) -> QuerySet[Approach]:
    # Omitted, not described, for users who may not see the person (a link to a 404 and
    # "a person at risk" would confirm one exists).
    return (
        Approach.objects.visible_to(user)
        .open_follow_ups()
        .filter(follow_up_owner=user)
        .select_related("contact", "organisation")
        .order_by("follow_up_on", "pk")
    )


# ---------------------------------------------------------------------------
# Sources: (user, today) -> items


def approach_follow_ups(user: User, today: datetime.date) -> list[ReminderItem]:
    """The user's approaches with a follow-up due today or overdue."""
    return [
        ReminderItem(
            kind="Follow-up",
            title=f"Follow up with {_approach_target(approach)}",
            due=approach.follow_up_on,
            url=_absolute(approach.get_absolute_url()),
            overdue=approach.follow_up_on < today,
        )
        for approach in _user_follow_ups(user).filter(follow_up_on__lte=today)
    ]


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
            kind="Request",
            title=f"{request} has waited since {timezone.localdate(request.submitted_at):%d %b %Y}",
            due=timezone.localdate(request.submitted_at) + datetime.timedelta(days=days),
            url=_absolute(
                reverse("admin:partnerships_partnershiprequest_change", args=[request.pk])
            ),
            overdue=True,
        )
        for request in waiting
    ]


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
            kind="Meeting",
            title=f"{meeting.coalition} meeting{f' at {meeting.location}' if meeting.location else ''}",
            due=meeting.date,
            url=_absolute(reverse("partnerships:coalition_detail", args=[meeting.coalition_id])),
        )
        for meeting in meetings
    ]


# Evaluations due: the evaluation app has no model yet; add its source here.
REMINDER_SOURCES: list[Callable[[User, datetime.date], list[ReminderItem]]] = [
    approach_follow_ups,
    requests_waiting_for_review,
    coalition_meetings_next_week,
]


def reminder_items(*, user: User, today: datetime.date | None = None) -> list[ReminderItem]:
    today = today or timezone.localdate()
    items = [item for source in REMINDER_SOURCES for item in source(user, today)]
    return sorted(items, key=lambda item: (item.due, item.kind, item.title))


# ---------------------------------------------------------------------------
# The daily digest


def staff_users() -> QuerySet[User]:
    groups = Group.objects.filter(name__in=[Role.SECTION_STAFF.value, Role.COORDINATOR.value])
    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__in=groups) | Q(is_superuser=True))
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def reminder_digest_send(*, user: User, today: datetime.date) -> ReminderDigest | None:
    """Send the user's digest for `today` unless it went out already or nothing is due.

    The row is written first and is unique per user and day, so two runs never
    both send; if sending fails the row is removed again, so the retry sends it."""
    items = reminder_items(user=user, today=today)
    if not items:
        return None
    try:
        with transaction.atomic():
            digest = ReminderDigest.objects.create(user=user, date=today, item_count=len(items))
    except IntegrityError:
        return None  # sent already today
    try:
        send_templated_email(
            template="reminder_digest",
            context={"user": user, "items": items, "today": today},
            to=[user.email],
        )
    except Exception:
        digest.delete()
        raise
    return digest


def reminder_digests_send(*, today: datetime.date | None = None) -> int:
    """The daily job: one digest per staff user with something due; returns how many."""
    today = today or timezone.localdate()
    return sum(reminder_digest_send(user=user, today=today) is not None for user in staff_users())


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


def calendar_feed_ical(*, user: User, now: datetime.datetime | None = None) -> bytes:
    """RFC 5545: one all-day event per open follow-up of the user."""
    now = now or timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//Partnerdesk//Follow-ups//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Partnerdesk follow-ups: {user.get_username()}")
    host = settings.SITE_URL.split("://", 1)[-1].split("/")[0].split(":")[0]
    for approach in _user_follow_ups(user):
        event = Event()
        event.add("uid", f"approach-{approach.pk}-follow-up@{host}")
        event.add("dtstamp", now)
        event.add("dtstart", approach.follow_up_on)
        if approach.follow_up_on < datetime.date.max:  # rows from before the date bounds
            event.add("dtend", approach.follow_up_on + datetime.timedelta(days=1))
        event.add("summary", f"Follow up with {_approach_target(approach)}")
        event.add("url", _absolute(approach.get_absolute_url()))
        calendar.add_component(event)
    return calendar.to_ical()
