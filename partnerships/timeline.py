"""The organisation timeline: everything the Section did with an organisation.

Each app registers its sources (in its AppConfig.ready()), so partnerships never
imports the apps built on it. A `TimelineSource` names a queryset of one kind of
record for the organisation and the columns its entry needs; every source's rows are
read in one UNION query, newest first and cut to the page's limit in the database
(issue 15: one query for the whole timeline, instead of one per app, whatever the
number of apps or records). A plain provider (a callable returning entries) can
still be registered; it must run a fixed number of queries.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db import connection
from django.db.models import (
    DateField,
    DateTimeField,
    F,
    Func,
    IntegerField,
    Max,
    QuerySet,
    TextField,
)
from django.db.models import Value as V
from django.db.models.functions import Cast
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from config.queries import ReusableSQL, reusable_sql

from .models import Organisation


@dataclass(frozen=True)
class TimelineEntry:
    when: datetime
    kind: str  # a code ("request", "decision", "approach"...); its badge is kind_label
    title: str
    detail: str = ""
    url: str = ""
    actor: str = ""

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))


# The badges, in the reader's language.
KIND_LABELS = {
    "request": _("request"),
    "decision": _("decision"),
    "partnership": _("partnership"),
    "approach": _("approach"),
    "spectrum": _("spectrum"),
    "evaluation": _("evaluation"),
    "risk": _("risk"),
    "coalition": _("coalition"),
    "statement": _("statement"),
    "support request": _("support request"),
    "support decision": _("support decision"),
}


# The most values one source's entry needs (besides its date and the record's id).
COLUMNS = 10


@dataclass(frozen=True)
class TimelineSource:
    """One kind of entry. `rows(organisation)` is the queryset of its records; `when`
    (a field path or an expression) dates each, `day=True` when it is a date field;
    `columns` are up to COLUMNS field paths or expressions, read as text; `entry(when,
    pk, values, organisation)` builds the entry, `when` a date for a `day` source.

    Called alone, `source(organisation)` returns its own entries in one query.

    `rows` should depend on the organisation's id alone (no other field, no query of its
    own, no date): the UNION is then compiled once per process (_rows)."""

    rows: Callable[[Organisation], QuerySet]
    when: Any
    columns: Sequence[Any]
    entry: Callable[[Any, int, list, Organisation], TimelineEntry]
    day: bool = False

    def __call__(self, organisation: Organisation) -> list[TimelineEntry]:
        return timeline_of(organisation, [self])

    def branch(self, index: int, organisation: Organisation, *, top: int | None = None) -> QuerySet:
        """The source's rows as the UNION reads them; with `top`, only its newest `top`
        (in the UNION's order, by its own date field where it has one, so that an index
        in that order ends the read early)."""
        when = F(self.when) if isinstance(self.when, str) else self.when
        values = {
            f"tl_{n}": Cast(column, TextField()) if isinstance(column, str) else column
            for n, column in enumerate(self.columns)
        }
        values |= {f"tl_{n}": V("") for n in range(len(self.columns), COLUMNS)}
        # Every branch of the UNION must read the same types in the same order: a date
        # becomes midnight UTC here and a date again in _entries_from.
        rows = (
            self.rows(organisation)
            .annotate(
                tl_source=V(index, output_field=IntegerField()),
                tl_when=Cast(when, DateTimeField()) if self.day else when,
                tl_pk=F("pk"),
                **values,
            )
            .order_by()
            .values_list("tl_source", "tl_when", "tl_pk", *(f"tl_{n}" for n in range(COLUMNS)))
        )
        if top is None:
            return rows
        # A date orders as its midnight does, so the field's order is the UNION's.
        newest = F(self.when).desc() if isinstance(self.when, str) else F("tl_when").desc()
        return rows.order_by(newest, F("pk").desc())[:top]


def _union(
    sources: list[TimelineSource], organisation: Organisation, *, limit: int | None, offset: int
) -> QuerySet:
    # Each branch cut to the page's end first, where the database can cut a UNION's
    # branches (PostgreSQL): a busy organisation's 400 approaches and 350 assessments
    # were all read, joined and sorted for a page of 25.
    cut = connection.features.supports_slicing_ordering_in_compound
    top = offset + limit if limit and cut else None
    branches = [source.branch(n, organisation, top=top) for n, source in enumerate(sources)]
    query = branches[0].union(*branches[1:], all=True) if len(branches) > 1 else branches[0]
    # Ties (a day's approaches all sit at midnight) are broken by source and record, so
    # that pages cut by OFFSET neither repeat nor skip an entry.
    query = query.order_by("-tl_when", "-tl_source", "-tl_pk")
    return query[offset : offset + limit] if limit else query[offset:]


# The UNION's SQL per (sources, page, language), built once per process: building and
# compiling it cost more than PostgreSQL took to run it (config/queries.py). A source
# whose rows depend on more than the organisation's id is built on every call.
_reusable: dict[tuple, ReusableSQL | None] = {}
REUSABLE_MAX = 256


def _rows(
    sources: list[TimelineSource], organisation: Organisation, *, limit: int | None, offset: int
) -> Iterable:
    key = (tuple(map(id, sources)), limit, offset, translation.get_language())
    if key not in _reusable and len(_reusable) < REUSABLE_MAX:
        _reusable[key] = reusable_sql(
            Organisation, lambda probe: _union(sources, probe, limit=limit, offset=offset)
        )
    reusable = _reusable.get(key)
    if reusable is None:
        return _union(sources, organisation, limit=limit, offset=offset)
    return reusable.rows(organisation.pk)


def _entries_from(
    sources: list[TimelineSource],
    organisation: Organisation,
    *,
    limit: int | None,
    offset: int = 0,
) -> list[TimelineEntry]:
    if not sources:
        return []
    entries = []
    for index, when, pk, *values in _rows(sources, organisation, limit=limit, offset=offset):
        source = sources[index]
        if source.day and when is not None:
            when = when.astimezone(dt.UTC).date()
        entries.append(source.entry(when, pk, values, organisation))
    return entries


def timeline_of(
    organisation: Organisation, sources: list[TimelineSource], *, limit: int | None = None
) -> list[TimelineEntry]:
    """These sources' entries, newest first, in one query."""
    entries = _entries_from(sources, organisation, limit=limit)
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


_choice_labels: dict[tuple, str] = {}


def choice_label(model, field: str, value: str) -> str:
    """What `get_<field>_display()` shows, for a value read without its model.

    Remembered per language (a timeline asks for the same few labels on every row);
    a value that is not one of the choices is shown as it is and not remembered."""
    key = (model, field, value, translation.get_language())
    label = _choice_labels.get(key)
    if label is None:
        choices = dict(model._meta.get_field(field).flatchoices)
        if value not in choices:
            return str(value)
        label = _choice_labels[key] = str(choices[value])
    return label


def day_start(day: date) -> datetime:
    """Where a dated event (an approach, a move, a start date) sits among timed ones: the
    start of its day, local time. The timeline, last activities and the dashboard all
    date events this way, so the same day orders the same everywhere."""
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


TimelineProvider = Callable[[Organisation], Iterable[TimelineEntry]]
_providers: list[TimelineProvider] = []
_sources: list[TimelineSource] = []


def register_timeline_provider(provider: TimelineProvider) -> TimelineProvider:
    """A source (read with the others in one query) or a plain provider."""
    registry: list = _sources if isinstance(provider, TimelineSource) else _providers
    if provider not in registry:
        registry.append(provider)
    return provider


def timeline_for(
    organisation: Organisation, *, limit: int | None = None, offset: int = 0
) -> list[TimelineEntry]:
    """The newest `limit` entries after the first `offset` (all without a limit). The
    database orders the sources' rows by their SQL date (a date source's at midnight
    UTC) and cuts the page; the entries are sorted again by the time they show, which
    only moves entries within a day."""
    if _providers:  # merged in Python: every source's rows down to the page's end
        end = offset + limit if limit else None
        entries = _entries_from(_sources, organisation, limit=end)
        entries += [entry for provider in _providers for entry in provider(organisation)]
        entries.sort(key=lambda entry: entry.when, reverse=True)
        return entries[offset:end]
    entries = _entries_from(_sources, organisation, limit=limit, offset=offset)
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries


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
