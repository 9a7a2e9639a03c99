"""The three roles of DOMAIN.md, expressed as Django groups, and what each may see."""

from dataclasses import dataclass
from enum import StrEnum

from django.urls import NoReverseMatch, reverse


class Role(StrEnum):
    SECTION_STAFF = "Section staff"
    COORDINATOR = "Coordinators"
    LOCAL_GROUP = "Local groups"


def roles_of(user) -> set[Role]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_partnerdesk_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = {role for role in Role if role.value in names}
        user._partnerdesk_roles = cached
    return cached


def has_role(user, role: Role) -> bool:
    return user.is_superuser or role in roles_of(user)


def is_section_staff(user) -> bool:
    return has_role(user, Role.SECTION_STAFF)


def is_coordinator(user) -> bool:
    return has_role(user, Role.COORDINATOR)


def is_local_group(user) -> bool:
    # A superuser is not a local group: the group view is scoped to one group.
    return Role.LOCAL_GROUP in roles_of(user) and user.local_group_id is not None


def _reverse_or_none(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def landing_url(user) -> str:
    """Where a user lands after login: the page their role starts from."""
    if is_coordinator(user):
        return _reverse_or_none("admin:review_queue") or reverse("admin:index")
    if is_section_staff(user):
        return reverse("dashboard:home")
    if is_local_group(user):
        return _reverse_or_none("partnerships:my_requests") or reverse("accounts:profile")
    return reverse("accounts:profile")


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[Role]


# One list, so the navigation bar and the access rules cannot drift apart:
# later issues append their pages here.
NAVIGATION: list[NavItem] = [
    NavItem("Dashboard", "dashboard:home", frozenset({Role.SECTION_STAFF, Role.COORDINATOR})),
    NavItem("My requests", "partnerships:my_requests", frozenset({Role.LOCAL_GROUP})),
    NavItem("Administration", "admin:index", frozenset({Role.COORDINATOR, Role.SECTION_STAFF})),
    NavItem("Review queue", "admin:review_queue", frozenset({Role.COORDINATOR})),
]
# Issue 4: one entry for priorities, structures, publications and campaigns (a hub page).
NAVIGATION.append(
    NavItem("Outreach", "outreach:home", frozenset({Role.SECTION_STAFF, Role.COORDINATOR}))
)


NAVIGATION[1:1] = [
    NavItem("Partner registry", "partnerships:organisation_list", frozenset({Role.SECTION_STAFF, Role.COORDINATOR})),
    NavItem("Coalitions", "partnerships:coalition_list", frozenset({Role.SECTION_STAFF, Role.COORDINATOR})),
    NavItem("Support requests", "partnerships:support_list", frozenset({Role.SECTION_STAFF, Role.COORDINATOR})),
]  # fmt: skip
NAVIGATION.append(
    NavItem("Reminders", "dashboard:reminders", frozenset({Role.SECTION_STAFF, Role.COORDINATOR}))
)
NAVIGATION.append(
    NavItem("Urgent Actions", "outreach:ua_list", frozenset({Role.SECTION_STAFF, Role.COORDINATOR}))
)


def navigation_for(user) -> list[tuple[str, str]]:
    if not user.is_authenticated:
        return []
    items = []
    for item in NAVIGATION:
        allowed = any(has_role(user, role) for role in item.roles)
        if item.roles == {Role.LOCAL_GROUP}:
            allowed = is_local_group(user)
        url = _reverse_or_none(item.url_name) if allowed else None
        if url:
            items.append((item.label, url))
    return items


# Contacts, approaches and CSV import (issue 4).
_STAFF = frozenset({Role.SECTION_STAFF, Role.COORDINATOR})
# Before "Administration", which stays last.
NAVIGATION[-1:-1] = [
    NavItem("Contacts", "outreach:contact_list", _STAFF),
    NavItem("Approaches", "outreach:approach_list", _STAFF),
    NavItem("Import", "outreach:import", _STAFF),
]
