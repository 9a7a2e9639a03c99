"""The web pages' role rules for API views, from the predicates in accounts.roles.

Object rules (a group's own requests, contacts at risk) stay in the querysets the
views share with the web pages: an object outside them is 404, as on the pages.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from accounts.roles import is_coordinator, is_local_group, is_section_staff, is_staff_or_local_group


class IsStaffMember(BasePermission):
    message = _("Only Section staff and coordinators may use this.")

    def has_permission(self, request, view) -> bool:
        return is_section_staff(request.user)


class IsCoordinator(BasePermission):
    message = _("Only coordinators may do this.")

    def has_permission(self, request, view) -> bool:
        return is_coordinator(request.user)


class IsLocalGroup(BasePermission):
    message = _("Only a local group may do this.")

    def has_permission(self, request, view) -> bool:
        return is_local_group(request.user)


class IsStaffMemberOrLocalGroup(BasePermission):
    """Section staff and local groups alike; which rows each sees is the queryset's rule."""

    message = _("Only Section staff, coordinators and local groups may use this.")

    def has_permission(self, request, view) -> bool:
        return is_staff_or_local_group(request.user)


class IsStaffMemberOrLocalGroupReading(BasePermission):
    """Staff read and write; a local group reads (what the request pages show it)."""

    message = _("Only Section staff and coordinators may change this.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        return is_section_staff(user) or (request.method in SAFE_METHODS and is_local_group(user))
