"""The dashboard's figures at a glance: the registry's counts and the mailable
contacts in one cached query, and the counts the (live) sections computed already."""

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.core.cache import cache
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.queries import RowCount
from outreach.models import Contact
from partnerships.models import Organisation
from partnerships.models.organisations import RelationshipStatus

from .sections import Section

if TYPE_CHECKING:  # a str or a lazily translated one (django-stubs' alias)
    from django.utils.functional import _StrOrPromise as StrOrPromise


@dataclass(frozen=True)
class Figure:
    label: "StrOrPromise"
    value: int
    url: str
    # When a cached figure was counted (the page states it); None: live.
    updated_at: datetime.datetime | None = None


class _CountAlongside(RowCount):
    # A scalar subquery in the registry's aggregate query (allowed beside aggregates:
    # it refers to no row of the outer table), so aggregate() accepts it.
    contains_aggregate = True


# Counting 100,000 organisations and a million contacts is a scan however indexed, and
# these figures need not be live to the second: one query at most this often.
REGISTRY_FIGURES_CACHE_SECONDS = 120
REGISTRY_FIGURES_KEY = "dashboard:registry-figures"


def _registry_counts() -> dict:
    return Organisation.objects.aggregate(
        total=Count("pk"),
        active=Count("pk", filter=Q(relationship_status=RelationshipStatus.ACTIVE)),
        prospects=Count("pk", filter=Q(relationship_status=RelationshipStatus.PROSPECT)),
        mailable=_CountAlongside(Contact.objects.mailable()),
    ) | {"updated_at": timezone.now()}


def registry_figures() -> dict:
    """The registry's counts and the contacts who may be mailed, with when they were
    counted. `mailable()` never includes people at risk, so they are the same for
    every user (and hold numbers only: the same in every language). Counted here only
    when beat has not counted them ahead (registry_figures_refresh)."""
    return cast(
        dict,
        cache.get_or_set(REGISTRY_FIGURES_KEY, _registry_counts, REGISTRY_FIGURES_CACHE_SECONDS),
    )


def registry_figures_refresh() -> dict:
    """The figures counted again before they expire (dashboard.tasks, every minute): the
    count took 50 to 130 ms at the bench's size, in whichever dashboard request found
    them expired, every two minutes. It helps where the cache is shared (Redis); with
    `make run`'s memory cache the worker counts for itself, and each web process still
    counts when its own copy expires."""
    figures = _registry_counts()
    cache.set(REGISTRY_FIGURES_KEY, figures, REGISTRY_FIGURES_CACHE_SECONDS)
    return figures


def dashboard_figures(*, user, sections: list[Section]) -> list[Figure]:
    counts = registry_figures()
    registry = reverse("partnerships:organisation_list")
    at = counts["updated_at"]
    figures = [
        Figure(_("Organisations in the registry"), counts["total"], registry, at),
        Figure(_("Active relationships"), counts["active"], f"{registry}?relationship_status=active", at),
        Figure(_("Prospects"), counts["prospects"], f"{registry}?relationship_status=prospect", at),
        Figure(_("Contacts who may be mailed"), counts["mailable"], reverse("outreach:contact_list") + "?consent=yes&status=active", at),
    ]  # fmt: skip
    by_key = {section.key: section for section in sections}
    for key, label in [
        ("requests", _("Requests awaiting a decision")),
        ("follow_ups", _("My follow-ups due")),
        ("mailings", _("Mailings in progress")),
    ]:
        if key in by_key:
            figures.append(Figure(label, by_key[key].count, by_key[key].url))
    if "follow_ups" in by_key:
        section = by_key["follow_ups"]
        figures.insert(-1, Figure(_("Follow-ups overdue"), section.overdue, section.overdue_url))
    return figures
