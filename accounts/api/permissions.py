"""The web pages' role rules for API views, from the predicates in accounts.roles.

Object rules (a group's own requests, contacts at risk) stay in the querysets the
views share with the web pages: an object outside them is 404, as on the pages.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from accounts.roles import is_coordinator, is_local_group, is_section_staff


class IsStaffMember(BasePermission):
    message = "Only Section staff and coordinators may use this."

    def has_permission(self, request, view) -> bool:
        return is_section_staff(request.user)


class IsCoordinator(BasePermission):
    message = "Only coordinators may do this."

    def has_permission(self, request, view) -> bool:
        return is_coordinator(request.user)


class IsLocalGroup(BasePermission):
    message = "Only a local group may do this."

    def has_permission(self, request, view) -> bool:
        return is_local_group(request.user)


class IsStaffMemberOrLocalGroupReading(BasePermission):
    """Staff read and write; a local group reads (what the request pages show it)."""

    message = "Only Section staff and coordinators may change this."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return is_section_staff(user) or (request.method in SAFE_METHODS and is_local_group(user))
