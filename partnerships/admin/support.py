from django.contrib import admin

from accounts.admin_mixins import StaffReadOnlyAdminMixin
from partnerships.models import SupportRequest


@admin.register(SupportRequest)
class SupportRequestAdmin(StaffReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["subject", "organisation", "received_on", "decision"]
    list_filter = ["decision"]
    list_select_related = ["organisation"]
    search_fields = ["subject", "organisation__name", "requested_by"]
    autocomplete_fields = ["organisation"]
    # Decisions go through the service on the staff page, which enforces the reply.
    readonly_fields = ["decision", "reply", "decided_at", "decided_by"]
