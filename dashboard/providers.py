"""The dashboard's own sections, each a thin read over the apps' QuerySets: one query
apiece (the first rows, with their count), whatever the amount of data."""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any, cast
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection
from django.db.models import (
    CharField,
    Count,
    DateField,
    DateTimeField,
    F,
    Q,
    Value,
    Window,
)
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.roles import is_section_staff
from config.queries import RowCount
from outreach.models import Approach, Campaign, SpectrumMove
from outreach.models.mailings import DeliveryStatus, Mailing, MailingStatus
from partnerships.models import (
    Meeting,
    Organisation,
    PartnershipRequest,
    RequestEvent,
)

from .sections import DashboardFilters, Section, SectionRow, register_dashboard_section
from .services import reminders

ROWS = 8  # rows shown per section; the count links to the rest
# The columns a live section's rows show: a few, not the 80 of three joined tables.
REQUEST_ROW_FIELDS = [
    "status",
    "submitted_at",
    "activity_title",
    "organisation__name",
    "local_group__name",
]
FOLLOW_UP_ROW_FIELDS = ["follow_up_on", *Approach.TARGET_FIELDS]


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


def waiting_requests(filters: DashboardFilters):
    """The first requests waiting for a decision, each with the total (`total`)."""
    scope = _requests_in_scope(filters).awaiting_decision()
    return (
        scope.select_related("organisation", "local_group")
        .only(*REQUEST_ROW_FIELDS)
        .annotate(total=RowCount(scope))
        .by_waiting_time()[:ROWS]
    )


def requests_waiting(user, filters: DashboardFilters) -> Section | None:
    """Requests waiting for a decision, the longest waiting first, with their age.
    Live: one query, the first rows from the partial index of requests awaiting a
    decision (partnerships' request_awaiting_decision) and their total."""
    if not is_section_staff(user):
        return None
    waiting = list(waiting_requests(filters))
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
    # One query: the first rows and both counts from the partial index of open
    # follow-ups by owner (approach_open_follow_up_owner).
    mine = mine.filter(follow_up_on__lte=today)
    due = list(
        mine.select_related("contact", "organisation")
        .only(*FOLLOW_UP_ROW_FIELDS)
        .annotate(total=RowCount(mine), overdue_total=RowCount(mine.filter(follow_up_on__lt=today)))
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
        .only("kind", "status", "created_at", "urgent_action__reference")
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
        count=shown[0].in_progress if shown else 0,
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
    moves, approaches and spectrum moves, newest first. One query, a UNION of the
    newest few of each kind; cached (see register_builtin_sections)."""
    owned = Q(organisation__relationship_owner=user)
    request_owned = Q(request__organisation__relationship_owner=user)
    if filters.region:
        owned &= Q(organisation__region=filters.region)
        request_owned &= Q(request__organisation__region=filters.region)
    no_date = Cast(Value(None), DateField())
    events = (
        RequestEvent.objects.filter(request_owned, created_at__gte=filters.since)
        .exclude(to_status="draft")
        .order_by("-created_at", "-pk")
        .values(
            kind=Value("event"),
            link_id=F("request__organisation_id"),
            name=F("request__organisation__name"),
            acronym=F("request__organisation__acronym"),
            label=F("request__activity_title"),
            code=F("to_status"),
            at=F("created_at"),
            on=no_date,
        )[:ROWS]
    )
    approaches = (
        Approach.objects.visible_to(user)
        .filter(owned, approached_on__gte=filters.since.date())
        .order_by("-approached_on", "-pk")
        .values(
            kind=Value("approach"),
            link_id=F("pk"),
            name=F("organisation__name"),
            acronym=F("organisation__acronym"),
            label=Value(""),
            code=F("outcome"),
            at=Cast(Value(None), DateTimeField()),
            on=F("approached_on"),
        )[:ROWS]
    )
    moves = (
        SpectrumMove.objects.filter(owned, moved_on__gte=filters.since.date())
        .order_by("-moved_on", "-pk")
        .values(
            kind=Value("move"),
            link_id=F("campaign_id"),
            name=F("organisation__name"),
            acronym=F("organisation__acronym"),
            label=F("campaign__name"),
            code=Cast("position", CharField()),
            at=Cast(Value(None), DateTimeField()),
            on=F("moved_on"),
        )[:ROWS]
    )
    items: Iterable[Mapping[str, Any]]
    if connection.features.supports_slicing_ordering_in_compound:
        items = events.union(approaches, moves, all=True)
    else:  # SQLite (`make run`'s default) cannot cut a UNION's branches: a query each
        items = [item for branch in (events, approaches, moves) for item in branch]
    rows = [_activity_row(item) for item in items]
    rows.sort(key=lambda row: cast(datetime.datetime, row.when), reverse=True)  # all set
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


def _activity_row(item: Mapping[str, Any]) -> SectionRow:
    organisation = str(Organisation(name=item["name"], acronym=item["acronym"]))
    if item["kind"] == "event":
        return SectionRow(
            title=organisation,
            url=Organisation(pk=item["link_id"]).get_absolute_url(),
            detail=_("request “%(title)s”: %(status)s")
            % {
                "title": item["label"],
                "status": RequestEvent(to_status=item["code"]).get_to_status_display(),
            },
            when=item["at"],
        )
    if item["kind"] == "approach":
        return SectionRow(
            title=organisation,
            url=Approach(pk=item["link_id"]).get_absolute_url(),
            detail=_("approach: %(outcome)s")
            % {"outcome": Approach(outcome=item["code"]).get_outcome_display()},
            when=_midnight(item["on"]),
        )
    return SectionRow(
        title=organisation,
        url=Campaign(pk=item["link_id"], name=item["label"]).get_absolute_url(),
        detail=_("%(campaign)s: now %(position)s")
        % {
            "campaign": item["label"],
            "position": SpectrumMove(position=int(item["code"])).get_position_display(),
        },
        when=_midnight(item["on"]),
    )


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def other_reminders(user, filters: DashboardFilters) -> Section | None:
    """Items from reminder sources the dashboard has no section for (evaluations due,
    risk assessments to review, once their apps add a source to REMINDER_SOURCES)."""
    count, items = _also_due(user, filters.today)
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


def _also_due(user, today: datetime.date) -> tuple[int, list[reminders.ReminderItem]]:
    own = {
        reminders.approach_follow_ups,
        reminders.requests_waiting_for_review,
        reminders.coalition_meetings_next_week,
    }
    # Counted from the due dates; only the first ROWS items are built.
    due = reminders.ReminderPages(
        user=user, today=today, sources=[s for s in reminders.REMINDER_SOURCES if s not in own]
    )
    return len(due), list(due[:ROWS])


# What need not be live (issue 15): built at most this often per user, filters and
# language, and the page says when. Follow-ups and items due by the day (evaluations,
# risk reviews), meetings planned weeks ahead and the activity of the period change
# slowly, and a user's own change to a follow-up rebuilds theirs (dashboard.signals);
# a lead of thousands of partnerships has thousands of items due. Requests waiting
# for a decision and mailings in progress stay live.
SECTION_CACHE_SECONDS = 60


def register_builtin_sections() -> None:
    cached = {"cache_seconds": SECTION_CACHE_SECONDS}
    register_dashboard_section("requests", requests_waiting, order=10)
    register_dashboard_section("follow_ups", my_follow_ups, order=20, **cached)
    register_dashboard_section("mailings", mailings_in_progress, order=30)
    register_dashboard_section("meetings", meetings_this_week, order=40, **cached)
    register_dashboard_section("activity", recent_activity, order=50, **cached)
    register_dashboard_section("other", other_reminders, order=90, **cached)
