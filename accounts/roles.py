"""Who may do what: the three roles of DOMAIN.md, and every check built on them.

Roles are **group membership**, not Django permissions: a user is Section staff,
a coordinator or a local group because they belong to that Django group
(created by accounts/migrations/0002_role_groups.py). Every rule about who may
do something asks one predicate here: views (the mixins and decorators below),
services (which check again, whoever calls them), the admin, the navigation
bar and the API. Django model permissions are derived from the roles
(`accounts/permissions.py`) and only decide what the admin *shows*; a decision
is never "has the change permission" but "`is_coordinator(user)`" (see
`may_decide`). The one exception is seed 004's people at risk: seeing them is a
permission granted to named users, checked by `Contact.objects.visible_to()`.

Coordinators are Section staff who also decide, so `is_section_staff` is true
for them; a superuser counts as staff and coordinator, never as a local group.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import UserPassesTestMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.errors import NotPermitted
from config.reversing import reverse_name

if TYPE_CHECKING:  # a str or a lazily translated one (django-stubs' alias)
    from django.utils.functional import _StrOrPromise as StrOrPromise


class Role(StrEnum):
    SECTION_STAFF = "Section staff"
    COORDINATOR = "Coordinators"
    LOCAL_GROUP = "Local groups"


# Roles whose members work for the Section (and so count as its staff).
STAFF_ROLES = frozenset({Role.SECTION_STAFF, Role.COORDINATOR})


def roles_of(user) -> set[Role]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_partnerdesk_roles", None)
    if cached is None:
        load_roles_and_permissions(user)
        cached = user._partnerdesk_roles
    return cached


# A user's groups and permissions are also kept in the shared cache between requests
# (issue 15: the query and its ORM work were ~3.4 ms of every page). An entry carries
# the generation it was read in; any change to who belongs to a group, or to what a
# group or a user is granted, starts a new generation, so no process reads an entry
# older than the change. Changes made beside Django (raw SQL, bulk inserts into the
# membership tables) are not seen: they live until ACCESS_CACHE_SECONDS at most.
ACCESS_CACHE_SECONDS = 300
ACCESS_GENERATION_KEY = "accounts:access-generation"


def _access_key(user) -> str:
    # The join date too: a test database that hands a primary key out again (SQLite
    # after a rollback) must not find the previous user's entry.
    return f"accounts:access:{user.pk}:{user.date_joined.timestamp()}"


def access_changed(**kwargs) -> None:
    """Start a new generation, now and again after the commit: a request that read the
    data before the commit may have stored it under the generation started now."""
    from django.db import transaction

    if not kwargs.get("action", "post_").startswith("post_"):
        return  # m2m_changed says it twice: before and after the rows change
    new_access_generation()
    transaction.on_commit(new_access_generation)


def new_access_generation() -> None:
    from django.core.cache import cache

    cache.set(ACCESS_GENERATION_KEY, uuid.uuid4().hex, None)


def load_roles_and_permissions(user) -> None:
    """The user's groups and both kinds of permissions, kept on the user object for the
    request: every page asks for its roles (navigation, mixins) and most for a
    permission, and Django would spend two more queries on the permissions (issue 15).
    Fills the caches ModelBackend reads (`_user_perm_cache`, `_group_perm_cache`,
    `_perm_cache`), so `has_perm` asks nothing more. Read from the shared cache when
    this generation has the user's entry (one round trip), else in one query."""
    from django.core.cache import cache

    key = _access_key(user)
    found = cache.get_many([ACCESS_GENERATION_KEY, key])
    generation = found.get(ACCESS_GENERATION_KEY)
    entry = found.get(key)
    if generation is not None and entry is not None and entry[0] == generation:
        groups, user_perms, group_perms = entry[1]
    else:
        groups, user_perms, group_perms = _read_roles_and_permissions(user)
        if generation is None:  # never set, or evicted: a value no entry can carry
            generation = uuid.uuid4().hex
            if not cache.add(ACCESS_GENERATION_KEY, generation, None):
                generation = cache.get(ACCESS_GENERATION_KEY, generation)
        cache.set(key, (generation, (groups, user_perms, group_perms)), ACCESS_CACHE_SECONDS)
    user._partnerdesk_roles = {role for role in Role if role.value in groups}
    if not user.is_superuser:  # a superuser's permissions are all of them (ModelBackend)
        user._user_perm_cache = set(user_perms)
        user._group_perm_cache = set(group_perms)
        user._perm_cache = user._user_perm_cache | user._group_perm_cache


def _read_roles_and_permissions(user) -> tuple[frozenset, frozenset, frozenset]:
    """(group names, the user's own permissions, their groups' permissions), one query."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models import F, Value

    def rows(queryset: QuerySet, kind: str, first: str, second: str | None) -> QuerySet:
        # No ordering: SQLite refuses ORDER BY inside a compound statement's parts.
        return (
            queryset.order_by()
            .annotate(
                access_kind=Value(kind),
                access_first=F(first),
                access_second=F(second) if second else Value(""),
            )
            .values_list("access_kind", "access_first", "access_second")
        )

    query = rows(Group.objects.filter(user=user), "group", "name", None).union(
        rows(Permission.objects.filter(user=user), "user", "content_type__app_label", "codename"),
        rows(
            Permission.objects.filter(group__user=user),
            "group_perm",
            "content_type__app_label",
            "codename",
        ),
        all=True,
    )
    found: dict[str, set[str]] = {"group": set(), "user": set(), "group_perm": set()}
    for kind, first, second in query:
        found[kind].add(f"{first}.{second}" if kind != "group" else first)
    return frozenset(found["group"]), frozenset(found["user"]), frozenset(found["group_perm"])


def has_role(user, role: Role) -> bool:
    return user.is_active and (user.is_superuser or role in roles_of(user))


# --- The predicates -----------------------------------------------------------------------


def is_section_staff(user) -> bool:
    """Works for the Section: Section staff and coordinators (the staff pages)."""
    return any(has_role(user, role) for role in STAFF_ROLES)


def is_coordinator(user) -> bool:
    """Entitled to authorise cooperation: decides requests, approves Urgent Actions."""
    return has_role(user, Role.COORDINATOR)


def is_local_group(user) -> bool:
    # A superuser is not a local group: the group view is scoped to one group.
    return (
        user.is_active
        and Role.LOCAL_GROUP in roles_of(user)
        and getattr(user, "local_group_id", None) is not None
    )


def is_staff_or_local_group(user) -> bool:
    """Anyone with a role: what local groups share with the staff (joint activities, the
    event advisor)."""
    return is_section_staff(user) or is_local_group(user)


def may_decide(user) -> bool:
    """Decide a partnership request, conclude a partnership, approve an Urgent Action.

    The admin asks this, not its "change" permission (see PartnershipRequestAdmin)."""
    return is_coordinator(user)


def staff_users() -> QuerySet:
    """The users `is_section_staff` is true for, as a query: owners, leads, digests."""
    names = [role.value for role in STAFF_ROLES]
    return (
        get_user_model()
        .objects.filter(Q(groups__name__in=names) | Q(is_superuser=True), is_active=True)
        .distinct()
        .order_by("username")
    )


# --- Services: the same predicates, raised as a refusal -------------------------------------


def require_staff(user, *, to: str) -> None:
    """In a service: refuse unless the user is Section staff ("Only Section staff may <to>.")."""
    if not is_section_staff(user):
        raise NotPermitted(_("Only Section staff may %(action)s.") % {"action": to})


def require_coordinator(user, *, to: str) -> None:
    if not is_coordinator(user):
        raise NotPermitted(_("Only coordinators may %(action)s.") % {"action": to})


# --- Views: one mixin and one decorator per predicate ----------------------------------------


def role_required(predicate: Callable[[Any], bool]) -> Callable:
    """A function-view decorator: 403 unless `predicate(request.user)`."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


staff_required = role_required(is_section_staff)
coordinator_required = role_required(is_coordinator)
local_group_required = role_required(is_local_group)


class RoleRequiredMixin(UserPassesTestMixin):
    """Class-based views: 403 unless `role_test(user)`."""

    raise_exception = True
    request: HttpRequest
    role_test: Callable[[Any], bool] = staticmethod(is_section_staff)

    def test_func(self) -> bool:
        return self.role_test(self.request.user)


class StaffRequiredMixin(RoleRequiredMixin):
    """Section staff and coordinators; everyone else gets 403."""

    role_test = staticmethod(is_section_staff)


class CoordinatorRequiredMixin(RoleRequiredMixin):
    role_test = staticmethod(is_coordinator)


class LocalGroupRequiredMixin(RoleRequiredMixin):
    """A user who belongs to a local group; querysets must still be scoped to it."""

    role_test = staticmethod(is_local_group)


# --- Where each role starts, and what the navigation offers ---------------------------------


def landing_url(user) -> str:
    """Where a user lands after login: the page their role starts from."""
    if is_coordinator(user):
        return reverse_name("admin:review_queue") or reverse("admin:index")
    if is_section_staff(user):
        return reverse("dashboard:home")
    if is_local_group(user):
        return reverse_name("partnerships:my_requests") or reverse("accounts:profile")
    return reverse("accounts:profile")


@dataclass(frozen=True)
class NavItem:
    label: "StrOrPromise"  # lazily translated
    url_name: str
    roles: frozenset[Role]
    menu: "StrOrPromise" = ""  # items sharing a menu label form one dropdown


_STAFF = STAFF_ROLES

# One list, so the navigation bar and the access rules cannot drift apart.
NAVIGATION: list[NavItem] = [
    NavItem(_("Dashboard"), "dashboard:home", _STAFF),
    NavItem(_("My requests"), "partnerships:my_requests", frozenset({Role.LOCAL_GROUP})),
    NavItem(_("Joint activities"), "evaluation:activity_list", _STAFF | {Role.LOCAL_GROUP}),
    NavItem(_("Partner registry"), "partnerships:organisation_list", _STAFF, menu=_("Registry")),
    NavItem(_("Coalitions"), "partnerships:coalition_list", _STAFF, menu=_("Registry")),
    NavItem(_("Support requests"), "partnerships:support_list", _STAFF, menu=_("Registry")),
    NavItem(_("Lessons learned"), "evaluation:lesson_list", _STAFF, menu=_("Registry")),
    NavItem(_("Outreach overview"), "outreach:home", _STAFF, menu=_("Outreach")),
    NavItem(_("Contacts"), "outreach:contact_list", _STAFF, menu=_("Outreach")),
    NavItem(_("Approaches"), "outreach:approach_list", _STAFF, menu=_("Outreach")),
    NavItem(_("Urgent Actions"), "outreach:ua_list", _STAFF, menu=_("Outreach")),
    NavItem(_("Import"), "outreach:import", _STAFF, menu=_("Outreach")),
    NavItem(_("Risk register"), "risk:register", _STAFF, menu=_("Risk")),
    NavItem(_("Event advisor"), "risk:advice", _STAFF, menu=_("Risk")),
    NavItem(_("Reminders"), "dashboard:reminders", _STAFF),
    NavItem(_("Review queue"), "admin:review_queue", frozenset({Role.COORDINATOR})),
    NavItem(_("Administration"), "admin:index", _STAFF),
]


def allowed_navigation(user) -> list[tuple[NavItem, str]]:
    """The NAVIGATION items this user may open, with their URLs (a name the URL
    configuration lacks is left out)."""
    if not user.is_authenticated:
        return []
    items = []
    for item in NAVIGATION:
        allowed = any(has_role(user, role) for role in item.roles)
        if item.roles == {Role.LOCAL_GROUP}:
            allowed = is_local_group(user)
        url = reverse_name(item.url_name) if allowed else None
        if url:
            items.append((item, url))
    return items


def navigation_for(user) -> list[tuple["StrOrPromise", str]]:
    return [(item.label, url) for item, url in allowed_navigation(user)]


def navigation_menus(
    items: list[tuple[NavItem, str]],
) -> list[tuple["StrOrPromise", list[tuple["StrOrPromise", str]]]]:
    """The navigation bar of these items: plain links (menu "") and dropdowns, in
    NAVIGATION's order."""
    menus: list[tuple[StrOrPromise, list[tuple[StrOrPromise, str]]]] = []
    for item, url in items:
        if item.menu and menus and menus[-1][0] == item.menu:
            menus[-1][1].append((item.label, url))
        else:
            menus.append((item.menu, [(item.label, url)]))
    return menus
