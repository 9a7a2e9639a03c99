"""The organisation timeline: everything the Section did with an organisation.

Each app registers a provider (in its AppConfig.ready()) that returns entries
for one organisation, so partnerships never imports the apps built on it.
A provider must run a fixed number of queries, whatever the amount of data,
so the detail page's query count stays constant.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import DateField, DateTimeField, Func, Max, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from .models import Organisation


@dataclass(frozen=True)
class TimelineEntry:
    when: datetime
    kind: str  # short label shown as a badge: "request", "decision", "approach"...
    title: str
    detail: str = ""
    url: str = ""
    actor: str = ""


def day_start(day: date) -> datetime:
    """Where a dated event (an approach, a move, a start date) sits among timed ones: the
    start of its day, local time. The timeline, last activities and the dashboard all
    date events this way, so the same day orders the same everywhere."""
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


TimelineProvider = Callable[[Organisation], Iterable[TimelineEntry]]
_providers: list[TimelineProvider] = []


def register_timeline_provider(provider: TimelineProvider) -> TimelineProvider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def timeline_for(organisation: Organisation, *, limit: int | None = None) -> list[TimelineEntry]:
    entries = [entry for provider in _providers for entry in provider(organisation)]
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit] if limit else entries


def last_activity(organisation: Organisation) -> datetime | None:
    entries = timeline_for(organisation, limit=1)
    return entries[0].when if entries else None


# The existing-relationship check shows the last activity of up to eight organisations
# at once; asking every timeline provider per organisation would cost a query per
# candidate. Each app registers, next to its timeline provider, one that returns a
# queryset of (organisation id, latest datetime) rows for a list of organisations
# (built with `latest_per_organisation`); all of them run as one UNION query.
LastActivityProvider = Callable[[list[int]], QuerySet]
_last_activity_providers: list[LastActivityProvider] = []


def register_last_activity_provider(provider: LastActivityProvider) -> LastActivityProvider:
    if provider not in _last_activity_providers:
        _last_activity_providers.append(provider)
    return provider


def last_activities(organisations: Iterable[Organisation]) -> dict[int, datetime]:
    """The latest activity of each organisation, in one query whatever their number."""
    ids = [organisation.pk for organisation in organisations]
    latest: dict[int, datetime] = {}
    if not ids:  # building the providers' querysets alone costs milliseconds
        return latest
    querysets = [provider(ids) for provider in _last_activity_providers]
    if not querysets:
        return latest
    rows = querysets[0].union(*querysets[1:], all=True) if len(querysets) > 1 else querysets[0]
    for pk, when in rows:
        if isinstance(when, date) and not isinstance(when, datetime):
            when = day_start(when)
        if when is not None and (pk not in latest or when > latest[pk]):
            latest[pk] = when
    return latest


def latest_per_organisation(queryset, *, organisation: str, when, ids: list[int]) -> QuerySet:
    """(organisation id, latest `when`) rows, grouped in the database. Dates become
    datetimes (midnight), so that providers of either kind share one UNION."""
    latest: Func = Max(when)
    if isinstance(when, str) and _is_date_field(queryset.model, when):
        latest = Cast(latest, DateTimeField())
    return (
        queryset.filter(**{f"{organisation}__in": ids})
        .values(organisation)
        .annotate(latest=latest)
        .order_by()
        .values_list(organisation, "latest")
    )


def _is_date_field(model, path: str) -> bool:
    field = model._meta.get_field(path.split("__")[0])
    return isinstance(field, DateField) and not isinstance(field, DateTimeField)
