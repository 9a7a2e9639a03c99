from django.contrib import admin

from accounts.admin_mixins import StaffReadOnlyAdminMixin
from partnerships.models import (
    Coalition,
    CoalitionMembership,
    JointStatement,
    Meeting,
    StatementAgreement,
)
from partnerships.services.coalitions import statement_text_locked


class MembershipInline(StaffReadOnlyAdminMixin, admin.TabularInline):
    model = CoalitionMembership
    autocomplete_fields = ["organisation"]
    extra = 0


class MeetingInline(StaffReadOnlyAdminMixin, admin.StackedInline):
    model = Meeting
    extra = 0


@admin.register(Coalition)
class CoalitionAdmin(StaffReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "scope", "section_is_member", "secretariat_term_months"]
    list_filter = ["scope", "section_is_member"]
    search_fields = ["name", "purpose"]
    inlines = [MembershipInline, MeetingInline]


class AgreementInline(StaffReadOnlyAdminMixin, admin.TabularInline):
    """Read-only: agreements are recorded on the staff pages, through the service."""

    model = StatementAgreement
    readonly_fields = ["organisation", "agreed_on", "recorded_by", "note"]
    can_delete = False
    extra = 0

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(JointStatement)
class JointStatementAdmin(StaffReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "coalition", "status", "issued_at"]
    list_filter = ["status", "coalition"]
    list_select_related = ["coalition"]
    search_fields = ["title", "text"]
    # Issuing goes through the service on the staff pages, which checks every agreement.
    readonly_fields = ["status", "issued_at", "issued_by", "section_agreed_at"]
    inlines = [AgreementInline]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and statement_text_locked(obj):
            fields += ["title", "text"]
        return fields

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and not (obj and obj.is_issued)
