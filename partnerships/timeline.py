"""The organisation timeline: everything the Section did with an organisation.

Each app registers a provider (in its AppConfig.ready()) that returns entries
for one organisation, so partnerships never imports the apps built on it.
A provider must run a fixed number of queries, whatever the amount of data,
so the detail page's query count stays constant.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, time

from django.db.models import Max
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
# candidate. Each app registers, next to its timeline provider, one that answers for a
# list of organisations in a single query (typically an aggregate grouped by organisation).
LastActivityProvider = Callable[[list[int]], dict[int, datetime]]
_last_activity_providers: list[LastActivityProvider] = []


def register_last_activity_provider(provider: LastActivityProvider) -> LastActivityProvider:
    if provider not in _last_activity_providers:
        _last_activity_providers.append(provider)
    return provider


def last_activities(organisations: Iterable[Organisation]) -> dict[int, datetime]:
    """The latest activity of each organisation: one query per provider, whatever the count."""
    ids = [organisation.pk for organisation in organisations]
    latest: dict[int, datetime] = {}
    if not ids:
        return latest
    for provider in _last_activity_providers:
        for pk, when in provider(ids).items():
            if when is not None and (pk not in latest or when > latest[pk]):
                latest[pk] = when
    return latest


def latest_per_organisation(
    queryset, *, organisation: str, when: str, ids: list[int], at: time = time.min
) -> dict[int, datetime]:
    """`{organisation id: latest when}` in one grouped query; dates become datetimes at `at`,
    as the timeline entries show them."""
    rows = (
        queryset.filter(**{f"{organisation}__in": ids})
        .values(organisation)
        .annotate(latest=Max(when))
        .order_by()
        .values_list(organisation, "latest")
    )
    zone = timezone.get_current_timezone()
    return {
        pk: latest if isinstance(latest, datetime) else datetime.combine(latest, at, tzinfo=zone)
        for pk, latest in rows
        if latest is not None
    }
