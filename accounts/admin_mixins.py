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
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .roles import is_coordinator

if TYPE_CHECKING:  # what the mixins are mixed into (ModelAdmin, or an inline for the second)
    _AdminBase = admin.ModelAdmin
else:
    _AdminBase = object


def admin_is_read_only(request: HttpRequest) -> bool:
    """Only coordinators (and superusers) write in the admin; Section staff only read."""
    return not is_coordinator(request.user)


class _ParsedChoicesMixin:
    """Django's autocomplete widget, redrawing a refused form, looks the submitted values
    up as they are: `?owner=²` raised ValueError (a 500). Values that are no key of the
    related model are dropped, as the form already refused them."""

    def optgroups(self, name, value, attr=None):
        field = self.choices.field
        key = field.to_field_name or "pk"
        model_field = self.choices.queryset.model._meta.get_field(
            key if key != "pk" else self.choices.queryset.model._meta.pk.name
        )
        parsed = []
        for item in value:
            try:
                model_field.run_validators(model_field.to_python(item))
            except (ValidationError, ValueError, TypeError):
                continue
            parsed.append(item)
        return super().optgroups(name, parsed, attr)


class SafeAutocompleteSelect(_ParsedChoicesMixin, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_ParsedChoicesMixin, AutocompleteSelectMultiple):
    pass


SAFE_WIDGETS = {
    AutocompleteSelect: SafeAutocompleteSelect,
    AutocompleteSelectMultiple: SafeAutocompleteSelectMultiple,
}


class MalformedInputAdminMixin(_AdminBase):
    """A changelist answers malformed input with the admin's own "bad filter" page or a
    message, never a 500: selected ids that are not ids, and filters whose range does
    not exist (`?assessed_on__year=9999`: the date hierarchy asks for year 10000).
    A refused add or change form redraws its autocomplete fields without a crash."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        # The widget itself, or inside the "add another" wrapper.
        for candidate in (widget, getattr(widget, "widget", None)):
            safe = SAFE_WIDGETS.get(type(candidate))
            if safe is not None:
                candidate.__class__ = safe  # the same widget, with the parsing step
        return formfield

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and not self._selected_ids_valid(request):
            messages.error(request, _("The selection was not understood: nothing was done."))
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


class ActionCheckboxAdminMixin(_AdminBase):
    """The changelist's row checkbox as one format_html call. Django renders a form widget
    through the template engine for each row: a sixth of the review queue's time at 50
    rows (issue 15). The HTML is the same byte for byte (tests/accounts/test_admin_mixins.py)."""

    def action_checkbox(self, obj):
        label = format_html(_("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )


class StaffReadOnlyAdminMixin(ActionCheckboxAdminMixin, MalformedInputAdminMixin):
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
