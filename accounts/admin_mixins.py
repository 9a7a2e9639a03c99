"""The admin's one rule for Section staff: they read, they never write (README, "Roles").

Every ModelAdmin and inline of the project mixes in `StaffReadOnlyAdminMixin`
(tests/security/test_admin_read_only.py checks the whole registry), so a model
registered later cannot give staff an add, change or delete button, an
editable inline or a bulk action. Coordinators keep what their permissions
give them.
"""

from django.http import HttpRequest

from .roles import is_coordinator


def admin_is_read_only(request: HttpRequest) -> bool:
    """Only coordinators (and superusers) write in the admin; Section staff only read."""
    return not is_coordinator(request.user)


class StaffReadOnlyAdminMixin:
    """For ModelAdmin and InlineModelAdmin alike (inlines pass `obj` to add)."""

    def has_add_permission(self, request, *args, **kwargs) -> bool:
        return not admin_is_read_only(request) and super().has_add_permission(
            request, *args, **kwargs
        )

    def has_change_permission(self, request, obj=None) -> bool:
        return not admin_is_read_only(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not admin_is_read_only(request) and super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # Every action writes (delete, decisions, conclude): none for a read-only user.
        if admin_is_read_only(request):
            return {}
        return super().get_actions(request)
