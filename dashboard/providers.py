"""The dashboard's own sections, each a thin read over the apps' QuerySets: at most
two queries apiece (a count and the first rows), whatever the amount of data."""

import datetime
from typing import cast
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, Count, Q, Sum, When, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.roles import is_section_staff
from outreach.models import Approach, Contact, SpectrumMove
from outreach.models.mailings import DeliveryStatus, Mailing, MailingStatus
from partnerships.models import Meeting, PartnershipRequest, RequestEvent

from .sections import DashboardFilters, Section, SectionRow, register_dashboard_section
from .services import reminders

ROWS = 8  # rows shown per section; the count links to the rest


def _url(name: str, params: dict | None = None, *args) -> str:
    url = reverse(name, args=args)
    params = {key: value for key, value in (params or {}).items() if value not in ("", None)}
    return f"{url}?{urlencode(params)}" if params else url


def _requests_in_scope(filters: DashboardFilters):
    requests = PartnershipRequest.objects.all()
    if filters.local_group_id:
        requests = requests.filter(local_group_id=filters.local_group_id)
    if filters.region:
        requests = requests.filter(
            Q(local_group__region=filters.region) | Q(organisation__region=filters.region)
        )
    return requests


def requests_waiting(user, filters: DashboardFilters) -> Section | None:
    """Requests waiting for a decision, the longest waiting first, with their age."""
    if not is_section_staff(user):
        return None
    # The total rides along on the first rows (a window count): one query.
    waiting = (
        _requests_in_scope(filters)
        .awaiting_decision()
        .select_related("organisation", "local_group")
        .annotate(total=Window(Count("pk")))
        .by_waiting_time()[:ROWS]
    )
    now = timezone.now()
    rows = [
        SectionRow(
            title=str(request),
            url=reverse("admin:partnerships_partnershiprequest_change", args=[request.pk]),
            detail=_("%(group)s · %(status)s · waiting %(age)s")
            % {
                "group": request.local_group,
                "status": request.get_status_display(),
                "age": timesince(request.submitted_at, now, depth=1)
                if request.submitted_at
                else "—",
            },
            when=request.submitted_at,
            overdue=bool(request.submitted_at)
            and (now - request.submitted_at).days >= settings.REMINDER_REQUEST_WAITING_DAYS,
        )
        for request in waiting
    ]
    return Section(
        key="requests",
        title=_("Requests waiting for a decision"),
        count=waiting[0].total if rows else 0,
        url=_url("admin:review_queue", {"local_group__id__exact": filters.local_group_id}),
        rows=rows,
        empty_text=_(
            "No request is waiting for a decision. New requests from local groups appear here."
        ),
        empty_action=(_("Open the review queue"), reverse("admin:review_queue")),
    )


def my_follow_ups(user, filters: DashboardFilters) -> Section | None:
    """The user's follow-ups due today or overdue, the oldest first."""
    today = filters.today
    mine = Approach.objects.visible_to(user).open_follow_ups().filter(follow_up_owner=user)
    if filters.region:
        mine = mine.filter(organisation__region=filters.region)
    overdue = Q(follow_up_on__lt=today)
    due = list(
        mine.filter(follow_up_on__lte=today)
        .select_related("contact", "organisation")
        .annotate(
            total=Window(Count("pk")),
            overdue_total=Window(Sum(Case(When(overdue, then=1), default=0))),
        )
        .order_by("follow_up_on", "pk")[:ROWS]
    )
    counts = (
        {"due": due[0].total, "overdue": due[0].overdue_total} if due else {"due": 0, "overdue": 0}
    )
    rows = [
        SectionRow(
            title=_("Follow up with %(target)s") % {"target": reminders._approach_target(approach)},
            url=approach.get_absolute_url(),
            detail=_("overdue") if approach.follow_up_on < today else _("due today"),
            when=approach.follow_up_on,
            overdue=approach.follow_up_on < today,
        )
        for approach in due
    ]
    title = _("My follow-ups due")
    if counts["overdue"]:
        title = ngettext(
            "My follow-ups due (%(count)d overdue)",
            "My follow-ups due (%(count)d overdue)",
            counts["overdue"],
        ) % {"count": counts["overdue"]}
    return Section(
        key="follow_ups",
        title=title,
        count=counts["due"],
        url=_url("outreach:approach_list", {"follow_up": "due", "mine": "on"}),
        overdue=counts["overdue"],
        overdue_url=_url("outreach:approach_list", {"follow_up": "overdue", "mine": "on"}),
        rows=rows,
        empty_text=_(
            "No follow-up is due. Record an approach and set a follow-up date to be reminded here."
        ),
        empty_action=(_("Record an approach"), reverse("outreach:approach_create")),
    )


def mailings_in_progress(user, filters: DashboardFilters) -> Section | None:
    """Urgent Action mailings not finished yet, with their progress (one query)."""
    mailings = (
        Mailing.objects.exclude(status=MailingStatus.DONE)
        .select_related("urgent_action")
        .annotate(
            total=Count("deliveries"),
            sent=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.SENT)),
            failed=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.FAILED)),
            in_progress=Window(Count("pk")),
        )
        .order_by("created_at", "pk")
    )
    shown = list(mailings[:ROWS])
    rows = [
        SectionRow(
            title=str(mailing),
            url=reverse("outreach:mailing_detail", args=[mailing.pk]),
            detail=mailing.get_status_display(),
            when=mailing.created_at,
            extra={
                "total": mailing.total,
                "sent": mailing.sent,
                "failed": mailing.failed,
                "percent": round(100 * (mailing.sent + mailing.failed) / mailing.total)
                if mailing.total
                else 0,
            },
        )
        for mailing in shown
    ]
    return Section(
        key="mailings",
        title=_("Urgent Action mailings in progress"),
        count=len(shown)
        if len(shown) <= ROWS
        else Mailing.objects.exclude(status=MailingStatus.DONE).count(),
        url=reverse("outreach:ua_list"),
        rows=rows,
        empty_text=_(
            "No mailing is being sent. An approved Urgent Action can be sent from its page."
        ),
        empty_action=(_("Urgent Actions"), reverse("outreach:ua_list")),
        template="dashboard/_mailings_section.html",
        poll=bool(rows),
    )


def meetings_this_week(user, filters: DashboardFilters) -> Section | None:
    """Meetings in the next seven days of coalitions the Section belongs to."""
    week = (filters.today, filters.today + datetime.timedelta(days=7))
    meetings = list(
        Meeting.objects.filter(coalition__section_is_member=True, date__range=week)
        .select_related("coalition")
        .annotate(total=Window(Count("pk")))
        .order_by("date", "pk")[:ROWS]
    )
    rows = [
        SectionRow(
            title=str(meeting.coalition),
            url=reverse("partnerships:coalition_detail", args=[meeting.coalition_id]),
            detail=meeting.location,
            when=meeting.date,
        )
        for meeting in meetings
    ]
    return Section(
        key="meetings",
        title=_("Coalition meetings this week"),
        count=meetings[0].total if meetings else 0,
        url=reverse("partnerships:coalition_list"),
        rows=rows,
        empty_text=_(
            "No coalition meeting in the next seven days. Meetings are planned on each coalition's page."
        ),
        empty_action=(_("Coalitions"), reverse("partnerships:coalition_list")),
    )


def recent_activity(user, filters: DashboardFilters) -> Section | None:
    """What happened in the period on the organisations the user owns: request
    moves, approaches and spectrum moves (three queries, newest first)."""
    owned = Q(organisation__relationship_owner=user)
    if filters.region:
        owned &= Q(organisation__region=filters.region)
    request_owned = Q(request__organisation__relationship_owner=user)
    if filters.region:
        request_owned &= Q(request__organisation__region=filters.region)
    events = (
        RequestEvent.objects.filter(request_owned, created_at__gte=filters.since)
        .exclude(to_status="draft")
        .select_related("request__organisation")
        .order_by("-created_at")[:ROWS]
    )
    approaches = (
        Approach.objects.visible_to(user)
        .filter(owned, approached_on__gte=filters.since.date())
        .select_related("organisation", "contact")
        .order_by("-approached_on", "-pk")[:ROWS]
    )
    moves = (
        SpectrumMove.objects.filter(owned, moved_on__gte=filters.since.date())
        .select_related("organisation", "campaign")
        .order_by("-moved_on", "-pk")[:ROWS]
    )
    rows = [
        SectionRow(
            title=str(event.request.organisation),
            url=event.request.organisation.get_absolute_url(),
            detail=_("request “%(title)s”: %(status)s")
            % {"title": event.request.activity_title, "status": event.get_to_status_display()},
            when=event.created_at,
        )
        for event in events
    ]
    rows += [
        SectionRow(
            title=str(approach.organisation),
            url=approach.get_absolute_url(),
            detail=_("approach: %(outcome)s") % {"outcome": approach.get_outcome_display()},
            when=_midnight(approach.approached_on),
        )
        for approach in approaches
    ]
    rows += [
        SectionRow(
            title=str(move.organisation),
            url=move.campaign.get_absolute_url(),
            detail=_("%(campaign)s: now %(position)s")
            % {"campaign": move.campaign, "position": move.get_position_display()},
            when=_midnight(move.moved_on),
        )
        for move in moves
    ]
    rows.sort(key=lambda row: cast(datetime.datetime, row.when), reverse=True)  # all set above
    return Section(
        key="activity",
        title=_("Recent activity on organisations I own"),
        count=len(rows[:ROWS]),
        url=_url("partnerships:organisation_list", {"relationship_owner": user.pk}),
        rows=rows[:ROWS],
        empty_text=_(
            "Nothing happened on your organisations in this period. Take over a relationship from an "
            "organisation's page to follow it here."
        ),
        empty_action=(_("Partner registry"), reverse("partnerships:organisation_list")),
    )


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def other_reminders(user, filters: DashboardFilters) -> Section | None:
    """Items from reminder sources the dashboard has no section for (evaluations due,
    risk assessments to review, once their apps add a source to REMINDER_SOURCES)."""
    count, items = cast(
        tuple[int, list[reminders.ReminderItem]],
        cache.get_or_set(
            f"dashboard:also-due:{user.pk}:{filters.today.isoformat()}",
            lambda: _also_due(user, filters.today),
            ALSO_DUE_CACHE_SECONDS,
        ),
    )
    if not count:
        return None
    return Section(
        key="other",
        title=_("Also due"),
        count=count,
        url=reverse("dashboard:reminders"),
        rows=[
            SectionRow(
                title=item.title,
                url=item.url,
                detail=item.kind,
                when=item.due,
                overdue=item.overdue,
            )
            for item in items
        ],
        empty_text="",
    )


# Items due by the day (evaluations, risk reviews) need not be live to the second, and a
# lead of thousands of partnerships has thousands of them: built at most this often per
# user and day (issue 15), while requests waiting and mailings stay live.
ALSO_DUE_CACHE_SECONDS = 120


def _also_due(user, today: datetime.date) -> tuple[int, list[reminders.ReminderItem]]:
    own = {
        reminders.approach_follow_ups,
        reminders.requests_waiting_for_review,
        reminders.coalition_meetings_next_week,
    }
    items = [
        item
        for source in reminders.REMINDER_SOURCES
        if source not in own
        for item in source(user, today)
    ]
    items.sort(key=lambda item: (item.due, item.kind, item.title))
    return len(items), items[:ROWS]


def mailable_contacts_count() -> int:
    """Cached: a live count over a million contacts is a full scan, and this figure
    need not be to the second. `mailable()` never includes people at risk, so the
    number is the same for every user."""
    return cast(
        int,
        cache.get_or_set(
            "dashboard:mailable-contacts", lambda: Contact.objects.mailable().count(), 300
        ),
    )


def register_builtin_sections() -> None:
    register_dashboard_section("requests", requests_waiting, order=10)
    register_dashboard_section("follow_ups", my_follow_ups, order=20)
    register_dashboard_section("mailings", mailings_in_progress, order=30)
    register_dashboard_section("meetings", meetings_this_week, order=40)
    register_dashboard_section("activity", recent_activity, order=50)
    register_dashboard_section("other", other_reminders, order=90)
