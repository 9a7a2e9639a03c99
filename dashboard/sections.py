"""The dashboard's sections: "what needs me today?", one small provider per question.

Apps plug in from their AppConfig.ready() with `register_dashboard_section`, the
way they add timeline entries and review panels, so the dashboard never imports
an app that is not there yet (risk, evaluation). A provider runs a fixed number
of queries whatever the size of the data (the page's query count is tested), and
returns None when the section does not apply to the user.

What need not be live to the second is registered with `cache_seconds`: the section
is then built at most that often per user, filters and language, and says when it
was built ("Updated at 10:42"), and a user's own change (a follow-up done) makes
theirs new (user_sections_changed); only what must be live (requests waiting,
mailings in progress) is queried on every request (issue 15).
"""

import dataclasses
import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.roles import roles_of
from outreach.models.contacts import may_see_at_risk


@dataclass(frozen=True)
class DashboardFilters:
    """The filters in the dashboard's URL: `?period=30&region=North&local_group=3`."""

    period_days: int = 30
    region: str = ""
    local_group_id: int | None = None
    today: datetime.date = field(default_factory=timezone.localdate)

    @property
    def since(self) -> datetime.datetime:
        start = self.today - datetime.timedelta(days=self.period_days)
        return datetime.datetime.combine(
            start, datetime.time.min, tzinfo=timezone.get_current_timezone()
        )


@dataclass(frozen=True)
class SectionRow:
    title: str
    url: str
    detail: str = ""
    when: datetime.date | datetime.datetime | None = None
    overdue: bool = False
    # Anything a section's own template needs (a mailing's progress).
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Section:
    key: str  # the id of its HTML element and of its partial reload: ?section=<key>
    title: str
    count: int
    url: str  # the filtered list behind the count
    rows: list[SectionRow]
    empty_text: str  # what to do next when there is nothing
    empty_action: tuple[str, str] | None = None  # (label, url)
    template: str = "dashboard/_section.html"
    poll: bool = False  # htmx reloads it every few seconds (mailings in progress)
    overdue: int = 0
    overdue_url: str = ""
    # When the section was built, for one served from the cache (the page states it),
    # and its HTML, rendered once with it.
    updated_at: datetime.datetime | None = None
    html: str = ""

    @property
    def more(self) -> int:
        return max(self.count - len(self.rows), 0)


SectionProvider = Callable[..., Section | None]  # (user, filters) -> Section | None


@dataclass(frozen=True)
class _Registered:
    key: str
    provider: SectionProvider
    order: int
    cache_seconds: int | None = None


_sections: dict[str, _Registered] = {}


def register_dashboard_section(
    key: str, provider: SectionProvider, *, order: int = 100, cache_seconds: int | None = None
) -> None:
    """Add (or replace) a section; lower `order` comes first. With `cache_seconds`, the
    section is built at most that often for a user, filters and language (not live)."""
    _sections[key] = _Registered(key, provider, order, cache_seconds)


def registered_keys() -> list[str]:
    return [entry.key for entry in sorted(_sections.values(), key=lambda e: (e.order, e.key))]


# A user's sections built before their last own change (a follow-up done or planned)
# are not used again: the key carries this generation. Immediate in every process when
# the cache is shared (Redis, memcached); with the per-process default cache, in the
# process that saw the change and elsewhere within the section's timeout.
GENERATION_SECONDS = 24 * 60 * 60


def _generation_key(user_id: int) -> str:
    return f"dashboard:generation:{user_id}"


def user_sections_changed(user_id: int | None) -> None:
    """The user's cached sections are out of date: the next page builds them again."""
    if user_id is None:
        return
    key = _generation_key(user_id)
    cache.add(key, 0, GENERATION_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, GENERATION_SECONDS)


def section_cache_keys(keys: list[str], *, user, filters: DashboardFilters) -> dict[str, str]:
    """Each section's cache key: the user and what they may see, every filter, the day,
    the language and the time zone (a section's titles, rows and dates are translated
    and formatted, and who sees what, people at risk, depends on the user), and the
    user's generation, read once for all of them."""
    scope = "|".join(
        str(part)
        for part in (
            filters.period_days,
            filters.region,
            filters.local_group_id,
            filters.today.isoformat(),
            translation.get_language(),
            timezone.get_current_timezone_name(),
            # What the user may see: a role or the permission for people at risk
            # withdrawn shows at once (both loaded with the user's roles: no query).
            ",".join(sorted(roles_of(user))),
            may_see_at_risk(user),
        )
    )
    digest = hashlib.blake2b(scope.encode(), digest_size=12).hexdigest()  # any region name
    generation = cache.get(_generation_key(user.pk), 0)
    return {key: f"dashboard:section:{key}:{user.pk}:{generation}:{digest}" for key in keys}


def section_cache_key(key: str, *, user, filters: DashboardFilters) -> str:
    return section_cache_keys([key], user=user, filters=filters)[key]


def _built(entry: _Registered, user, filters: DashboardFilters) -> Section | None:
    section = entry.provider(user, filters)
    if section is None:
        return None
    section = dataclasses.replace(section, updated_at=timezone.now())
    # Rendered once too: a cached section costs the page no template work.
    return dataclasses.replace(
        section, html=render_to_string(section.template, {"section": section})
    )


def _cached(entry: _Registered, user, filters: DashboardFilters, found, key: str):
    # A section that does not apply (None) is cached too, as a marker.
    if found is None:
        found = _built(entry, user, filters) or _NOT_SHOWN
        cache.set(key, found, entry.cache_seconds)
    return None if isinstance(found, str) else found


def section_for(key: str, *, user, filters: DashboardFilters) -> Section | None:
    entry = _sections.get(key)
    if entry is None:
        return None
    if not entry.cache_seconds:
        return entry.provider(user, filters)
    cache_key = section_cache_key(key, user=user, filters=filters)
    return _cached(entry, user, filters, cache.get(cache_key), cache_key)


_NOT_SHOWN = "not shown"


def sections_for(*, user, filters: DashboardFilters) -> list[Section]:
    """Every section, the cached ones read in one round trip to the cache (they were
    two each: the dashboard spent a sixth of its time waiting on Redis)."""
    entries = [_sections[key] for key in registered_keys()]
    keys = section_cache_keys(
        [entry.key for entry in entries if entry.cache_seconds], user=user, filters=filters
    )
    found = cache.get_many(keys.values()) if keys else {}
    sections = [
        _cached(entry, user, filters, found.get(keys[entry.key]), keys[entry.key])
        if entry.cache_seconds
        else entry.provider(user, filters)
        for entry in entries
    ]
    return [section for section in sections if section is not None]
