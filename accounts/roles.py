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
    menu: str = ""  # items sharing a menu label form one dropdown


_STAFF = frozenset({Role.SECTION_STAFF, Role.COORDINATOR})

# One list, so the navigation bar and the access rules cannot drift apart.
NAVIGATION: list[NavItem] = [
    NavItem("Dashboard", "dashboard:home", _STAFF),
    NavItem("My requests", "partnerships:my_requests", frozenset({Role.LOCAL_GROUP})),
    NavItem("Partner registry", "partnerships:organisation_list", _STAFF, menu="Registry"),
    NavItem("Coalitions", "partnerships:coalition_list", _STAFF, menu="Registry"),
    NavItem("Support requests", "partnerships:support_list", _STAFF, menu="Registry"),
    NavItem("Outreach overview", "outreach:home", _STAFF, menu="Outreach"),
    NavItem("Contacts", "outreach:contact_list", _STAFF, menu="Outreach"),
    NavItem("Approaches", "outreach:approach_list", _STAFF, menu="Outreach"),
    NavItem("Urgent Actions", "outreach:ua_list", _STAFF, menu="Outreach"),
    NavItem("Import", "outreach:import", _STAFF, menu="Outreach"),
    NavItem("Risk register", "risk:register", _STAFF, menu="Risk"),
    NavItem("Event advisor", "risk:advice", _STAFF, menu="Risk"),
    NavItem("Reminders", "dashboard:reminders", _STAFF),
    NavItem("Review queue", "admin:review_queue", frozenset({Role.COORDINATOR})),
    NavItem("Administration", "admin:index", _STAFF),
]


def _allowed_items(user) -> list[tuple[NavItem, str]]:
    if not user.is_authenticated:
        return []
    items = []
    for item in NAVIGATION:
        allowed = any(has_role(user, role) for role in item.roles)
        if item.roles == {Role.LOCAL_GROUP}:
            allowed = is_local_group(user)
        url = _reverse_or_none(item.url_name) if allowed else None
        if url:
            items.append((item, url))
    return items


def navigation_for(user) -> list[tuple[str, str]]:
    return [(item.label, url) for item, url in _allowed_items(user)]


def navigation_menus_for(user) -> list[tuple[str, list[tuple[str, str]]]]:
    """The navigation bar: plain links (menu "") and dropdowns, in NAVIGATION's order."""
    menus: list[tuple[str, list[tuple[str, str]]]] = []
    for item, url in _allowed_items(user):
        if item.menu and menus and menus[-1][0] == item.menu:
            menus[-1][1].append((item.label, url))
        else:
            menus.append((item.menu, [(item.label, url)]))
    return menus
