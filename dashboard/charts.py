"""The dashboard's charts: the numbers behind each one, as JSON for Chart.js and as
the table printed under it (the same dict, so they cannot disagree).

Months of history need not be live: each chart is cached for CHART_CACHE_SECONDS
per filter combination, and each runs a fixed number of queries.
"""

import datetime
import hashlib
import statistics
from collections import Counter
from collections.abc import Callable
from typing import cast

from django.core.cache import cache
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from outreach.models import (
    Campaign,
    ContactStatus,
    SpectrumMove,
    SpectrumPlacement,
    SpectrumPosition,
    UrgentAction,
)
from outreach.models.mailings import DeliveryStatus
from outreach.selectors.priorities import scatter_chart_data, sector_priorities
from partnerships.models import Partnership, PartnershipRequest
from partnerships.models.requests import RequestStatus

from .sections import DashboardFilters

CHART_CACHE_SECONDS = 300
MONTHS = 12
QUARTERS = 8
OUTCOMES = [RequestStatus.APPROVED, RequestStatus.DECLINED, RequestStatus.ESCALATED, RequestStatus.NOTED, RequestStatus.WITHDRAWN]  # fmt: skip


def _month_ends(today: datetime.date, count: int) -> list[datetime.date]:
    """The last day of each of the `count` months up to today's (today for this month)."""
    ends, month = [], today.replace(day=1)
    for _i in range(count):
        following = (month + datetime.timedelta(days=32)).replace(day=1)
        ends.append(min(following - datetime.timedelta(days=1), today))
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return list(reversed(ends))


def _quarter(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _quarters(today: datetime.date, count: int) -> list[tuple[int, int]]:
    year, quarter = _quarter(today)
    result = []
    for _i in range(count):
        result.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return list(reversed(result))


def _table(columns: list[str], rows: list[list]) -> dict:
    return {"columns": columns, "rows": rows}


def partnerships_by_status(filters: DashboardFilters) -> dict:
    """Partnerships active and concluded at the end of each of the last twelve months:
    one query of filtered counts."""
    partnerships = Partnership.objects.all()
    if filters.local_group_id:
        partnerships = partnerships.filter(local_group_id=filters.local_group_id)
    if filters.region:
        partnerships = partnerships.filter(local_group__region=filters.region)
    ends = _month_ends(filters.today, MONTHS)
    counts = partnerships.aggregate(
        **{
            f"active_{i}": Count(
                "pk", filter=Q(starts_on__lte=end) & (Q(ends_on__isnull=True) | Q(ends_on__gt=end))
            )
            for i, end in enumerate(ends)
        },
        **{f"ended_{i}": Count("pk", filter=Q(ends_on__lte=end)) for i, end in enumerate(ends)},
    )
    labels = [formats.date_format(end, "YEAR_MONTH_FORMAT") for end in ends]
    active = [counts[f"active_{i}"] for i in range(len(ends))]
    ended = [counts[f"ended_{i}"] for i in range(len(ends))]
    return {
        "type": "line",
        "title": _("Partnerships by status over time"),
        "labels": labels,
        "datasets": [{"label": _("Active"), "data": active}, {"label": _("Concluded"), "data": ended}],
        "table": _table([_("Month"), _("Active"), _("Concluded")], [list(r) for r in zip(labels, active, ended, strict=True)]),
        "link": {"label": _("Partner registry"), "url": reverse("partnerships:organisation_list") + "?has_active_partnership=true"},
    }  # fmt: skip


def requests_by_outcome(filters: DashboardFilters) -> dict:
    """Decisions per quarter by outcome, and the median days from submission to decision."""
    quarters = _quarters(filters.today, QUARTERS)
    first = datetime.date(quarters[0][0], 3 * quarters[0][1] - 2, 1)
    requests = PartnershipRequest.objects.filter(status__in=OUTCOMES, decided_at__date__gte=first)
    if filters.local_group_id:
        requests = requests.filter(local_group_id=filters.local_group_id)
    if filters.region:
        requests = requests.filter(
            Q(local_group__region=filters.region) | Q(organisation__region=filters.region)
        )
    by_quarter: dict[tuple[int, int], Counter] = {q: Counter() for q in quarters}
    waits: dict[tuple[int, int], list[float]] = {q: [] for q in quarters}
    for status, decided_at, submitted_at in requests.values_list(
        "status", "decided_at", "submitted_at"
    ):
        assert decided_at is not None  # decided_at__date__gte keeps decided requests only
        quarter = _quarter(timezone.localdate(decided_at))
        if quarter in by_quarter:
            by_quarter[quarter][status] += 1
            if submitted_at and status != RequestStatus.WITHDRAWN:
                waits[quarter].append((decided_at - submitted_at).total_seconds() / 86400)
    labels = [f"{year} Q{quarter}" for year, quarter in quarters]
    medians = [round(statistics.median(waits[q]), 1) if waits[q] else None for q in quarters]
    datasets = [
        {
            "label": str(RequestStatus(outcome).label),
            "data": [by_quarter[q][outcome] for q in quarters],
            "stack": "outcomes",
        }
        for outcome in OUTCOMES
    ]
    datasets.append(
        {"label": _("Median days to decision"), "data": medians, "type": "line", "yAxisID": "days"}
    )
    rows = [
        [label, *(by_quarter[q][o] for o in OUTCOMES), medians[i]]
        for i, (label, q) in enumerate(zip(labels, quarters, strict=True))
    ]
    return {
        "type": "bar",
        "title": _("Requests by outcome and median time to decision, per quarter"),
        "labels": labels,
        "datasets": datasets,
        "table": _table([_("Quarter"), *(str(RequestStatus(o).label) for o in OUTCOMES), _("Median days to decision")], rows),
        "link": {"label": _("Review queue"), "url": reverse("admin:review_queue") + "?status=all"},
    }  # fmt: skip


def _campaign(filters: DashboardFilters, campaign_id: int | None) -> Campaign | None:
    campaigns = Campaign.objects.order_by("-starts_on", "name")
    return (campaigns.filter(pk=campaign_id).first() if campaign_id else None) or campaigns.first()


def spectrum_of_allies(filters: DashboardFilters, campaign_id: int | None = None) -> dict:
    """Organisations in each position of a campaign's spectrum, now and three months ago
    (the last move on or before that day; an organisation not yet placed is left out)."""
    campaign = _campaign(filters, campaign_id)
    positions = list(reversed(SpectrumPosition))
    labels = [str(position.label) for position in positions]
    if campaign is None:
        now, before = Counter[int](), Counter[int]()
    else:
        now = Counter(
            SpectrumPlacement.objects.filter(campaign=campaign).values_list("position", flat=True)
        )
        cutoff = filters.today - datetime.timedelta(days=91)
        latest: dict[int, int] = {}
        moves = SpectrumMove.objects.filter(campaign=campaign, moved_on__lte=cutoff).order_by(
            "organisation_id", "moved_on", "pk"
        )
        for organisation_id, position in moves.values_list("organisation_id", "position"):
            latest[organisation_id] = position  # the last one wins
        before = Counter(latest.values())
    rows = [[label, before[p], now[p]] for label, p in zip(labels, positions, strict=True)]
    return {
        "type": "bar",
        "title": _("Spectrum of allies: %(campaign)s") % {"campaign": campaign or _("no campaign yet")},
        "labels": labels,
        "datasets": [
            {"label": _("3 months ago"), "data": [before[p] for p in positions]},
            {"label": _("Now"), "data": [now[p] for p in positions]},
        ],
        "table": _table([_("Position"), _("3 months ago"), _("Now")], rows),
        "link": {"label": _("The campaign"), "url": campaign.get_absolute_url()} if campaign else
                {"label": _("Campaigns"), "url": reverse("outreach:campaign_list")},
        "campaign": campaign.pk if campaign else None,
    }  # fmt: skip


def sector_priority_matrix(filters: DashboardFilters) -> dict:
    """The outreach priorities' scatter: domestic against international impact."""
    rows = sector_priorities()
    data = scatter_chart_data(rows)
    points = data["points"]
    return {
        "type": "scatter",
        "title": _("Sector priority matrix"),
        "labels": [point["label"] for point in points],
        "datasets": [{"label": _("Sectors"), "data": [{"x": p["x"], "y": p["y"], "label": p["label"]} for p in points]}],
        "threshold": data["threshold"],
        "axes": {"x": _("Domestic impact"), "y": _("International impact")},
        "table": _table(
            [_("Sector"), _("Domestic impact"), _("International impact"), _("Priority")],
            [[p["label"], p["x"], p["y"], _("yes") if p["priority"] else _("no")] for p in points],
        ),
        "link": {"label": _("Outreach priorities"), "url": reverse("outreach:priorities")},
    }  # fmt: skip


def mailing_reach(filters: DashboardFilters) -> dict:
    """Per Urgent Action (the ten most recent with mailings): messages sent, bounced
    (failed deliveries) and recipients who unsubscribed after receiving it."""
    unsubscribed = Q(
        mailings__deliveries__contact__status=ContactStatus.UNSUBSCRIBED,
        mailings__deliveries__contact__consent_withdrawn_at__gte=F("mailings__deliveries__sent_at"),
    )
    actions = list(
        UrgentAction.objects.filter(mailings__isnull=False)
        .annotate(
            sent=Count(
                "mailings__deliveries", filter=Q(mailings__deliveries__status=DeliveryStatus.SENT)
            ),
            bounced=Count(
                "mailings__deliveries", filter=Q(mailings__deliveries__status=DeliveryStatus.FAILED)
            ),
            unsubscribed=Count("mailings__deliveries__contact", filter=unsubscribed, distinct=True),
        )
        .order_by("-created_at", "-pk")[:10]
    )
    actions.reverse()
    labels = [action.reference for action in actions]
    return {
        "type": "bar",
        "title": _("Mailing reach per Urgent Action"),
        "labels": labels,
        "datasets": [
            {"label": _("Sent"), "data": [a.sent for a in actions]},
            {"label": _("Bounced"), "data": [a.bounced for a in actions]},
            {"label": _("Unsubscribed"), "data": [a.unsubscribed for a in actions]},
        ],
        "table": _table([_("Urgent Action"), _("Sent"), _("Bounced"), _("Unsubscribed")], [[a.reference, a.sent, a.bounced, a.unsubscribed] for a in actions]),
        "link": {"label": _("Urgent Actions"), "url": reverse("outreach:ua_list")},
    }  # fmt: skip


CHARTS: dict[str, Callable[..., dict]] = {
    "partnerships": partnerships_by_status,
    "requests": requests_by_outcome,
    "spectrum": spectrum_of_allies,
    "priorities": sector_priority_matrix,
    "reach": mailing_reach,
}


def register_chart(name: str, chart: Callable[..., dict]) -> None:
    """Another app's chart (the risk heatmap, once the risk app lands), from its
    AppConfig.ready(): a function of the filters returning the same dict shape
    (type, title, labels, datasets, table, link). It gets an endpoint and a table."""
    CHARTS[name] = chart


def chart_data(name: str, filters: DashboardFilters, **options) -> dict:
    """One chart's numbers, cached briefly per filters, options and language."""
    parts = [
        name,
        get_language(),
        filters.today,
        filters.region,
        filters.local_group_id,
        *sorted(options.items()),
    ]
    key = "dashboard-chart:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    return cast(
        dict, cache.get_or_set(key, lambda: CHARTS[name](filters, **options), CHART_CACHE_SECONDS)
    )
