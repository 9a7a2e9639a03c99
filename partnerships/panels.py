"""Panels on the organisation detail page contributed by the apps built on partnerships.

Like the timeline, each app registers a provider in its AppConfig.ready(), so
partnerships never imports them. A provider gets the organisation and the
user (a panel may hold records not everyone may see) and returns a panel or
None; it must run a fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .models import Organisation, PartnershipRequest


@dataclass(frozen=True)
class OrganisationPanel:
    template: str
    context: dict = field(default_factory=dict)


PanelProvider = Callable[[Organisation, object], OrganisationPanel | None]
_providers: list[PanelProvider] = []


def register_organisation_panel(provider: PanelProvider) -> PanelProvider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def panels_for(organisation: Organisation, user) -> list[OrganisationPanel]:
    panels = (provider(organisation, user) for provider in _providers)
    return [panel for panel in panels if panel is not None]


# The coordinator's review page in the admin: apps built on partnerships (risk,
# evaluation) show what a coordinator must see before deciding, the same way.
# (the request, the user): the user is anything `accounts.roles` predicates take.
ReviewPanelProvider = Callable[["PartnershipRequest", Any], OrganisationPanel | None]
_review_providers: list[ReviewPanelProvider] = []


def register_review_panel(provider: ReviewPanelProvider) -> ReviewPanelProvider:
    """`provider(partnership_request, user)` returns a panel or None, in fixed queries."""
    if provider not in _review_providers:
        _review_providers.append(provider)
    return provider


def review_panels_for(partnership_request, user) -> list[OrganisationPanel]:
    panels = (provider(partnership_request, user) for provider in _review_providers)
    return [panel for panel in panels if panel is not None]


# The review queue in the admin: columns and list filters from the apps built on
# partnerships (risk shows each request's rating). Asked per request, because the
# admin is loaded before those apps' ready() runs.
_queue_columns: list[Callable] = []
_queue_filters: list[type] = []


def register_queue_column(column: Callable) -> Callable:
    """A list_display callable `column(partnership_request)`; it must not query per row."""
    if column not in _queue_columns:
        _queue_columns.append(column)
    return column


def register_queue_filter(list_filter: type) -> type:
    if list_filter not in _queue_filters:
        _queue_filters.append(list_filter)
    return list_filter


def queue_columns() -> list[Callable]:
    return list(_queue_columns)


def queue_filters() -> list[type]:
    return list(_queue_filters)
