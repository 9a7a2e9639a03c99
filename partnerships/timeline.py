"""The organisation timeline: everything the Section did with an organisation.

Each app registers a provider (in its AppConfig.ready()) that returns entries
for one organisation, so partnerships never imports the apps built on it.
A provider must run a fixed number of queries, whatever the amount of data,
so the detail page's query count stays constant.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

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
