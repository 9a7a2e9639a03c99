"""The dashboard's sections: "what needs me today?", one small provider per question.

Apps plug in from their AppConfig.ready() with `register_dashboard_section`, the
way they add timeline entries and review panels, so the dashboard never imports
an app that is not there yet (risk, evaluation). A provider runs a fixed number
of queries whatever the size of the data (the page's query count is tested), and
returns None when the section does not apply to the user.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone


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

    @property
    def more(self) -> int:
        return max(self.count - len(self.rows), 0)


SectionProvider = Callable[..., Section | None]  # (user, filters) -> Section | None


@dataclass(frozen=True)
class _Registered:
    key: str
    provider: SectionProvider
    order: int


_sections: dict[str, _Registered] = {}


def register_dashboard_section(key: str, provider: SectionProvider, *, order: int = 100) -> None:
    """Add (or replace) a section; lower `order` comes first."""
    _sections[key] = _Registered(key, provider, order)


def registered_keys() -> list[str]:
    return [entry.key for entry in sorted(_sections.values(), key=lambda e: (e.order, e.key))]


def section_for(key: str, *, user, filters: DashboardFilters) -> Section | None:
    entry = _sections.get(key)
    return entry.provider(user, filters) if entry else None


def sections_for(*, user, filters: DashboardFilters) -> list[Section]:
    sections = (section_for(key, user=user, filters=filters) for key in registered_keys())
    return [section for section in sections if section is not None]
