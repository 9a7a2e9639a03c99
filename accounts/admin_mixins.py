"""The admin's one rule for Section staff: they read, they never write (README, "Roles").

Every ModelAdmin and inline of the project mixes in `StaffReadOnlyAdminMixin`
(tests/security/test_admin_read_only.py checks the whole registry), so a model
registered later cannot give staff an add, change or delete button, an
editable inline or a bulk action. Coordinators keep what their permissions
give them.
"""

from typing import TYPE_CHECKING

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseRedirect

from .roles import is_coordinator

if TYPE_CHECKING:  # what the mixins are mixed into (ModelAdmin, or an inline for the second)
    _AdminBase = admin.ModelAdmin
else:
    _AdminBase = object


def admin_is_read_only(request: HttpRequest) -> bool:
    """Only coordinators (and superusers) write in the admin; Section staff only read."""
    return not is_coordinator(request.user)


class MalformedInputAdminMixin(_AdminBase):
    """A changelist answers malformed input with the admin's own "bad filter" page or a
    message, never a 500: selected ids that are not ids, and filters whose range does
    not exist (`?assessed_on__year=9999`: the date hierarchy asks for year 10000)."""

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and not self._selected_ids_valid(request):
            messages.error(request, "The selection was not understood: nothing was done.")
            return HttpResponseRedirect(request.get_full_path())
        try:
            return super().changelist_view(request, extra_context)
        except (ValueError, OverflowError):
            return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")

    def _selected_ids_valid(self, request) -> bool:
        pk_field = self.model._meta.pk
        try:
            for value in request.POST.getlist(ACTION_CHECKBOX_NAME):
                pk_field.run_validators(pk_field.to_python(value))
        except (ValidationError, ValueError, TypeError):
            return False
        return True


class RecordAdminMixin(_AdminBase):
    """For rows only the app writes (sends, logs, advice as given, Urgent Actions written
    through their pages): the admin shows them to whoever may view, and nobody, a
    superuser included, adds, changes or deletes one there."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class StaffReadOnlyAdminMixin(MalformedInputAdminMixin):
    """For ModelAdmin and InlineModelAdmin alike (inlines pass `obj` to add). Every project
    admin mixes it in, so each also answers malformed changelist input cleanly."""

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
