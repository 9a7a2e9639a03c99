from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.admin_mixins import RecordAdminMixin, StaffReadOnlyAdminMixin
from accounts.roles import is_section_staff
from outreach.views.mixins import log_at_risk_shown
from partnerships.views.common import parse_id

from .models import (
    ActionReport,
    Campaign,
    Contact,
    Delivery,
    Mailing,
    NetworkMailing,
    OutreachStructure,
    Publication,
    SectorAssessment,
    SpectrumMove,
    SpectrumPlacement,
    StructureMember,
    UrgentAction,
    UrgentActionTranslation,
)
from .services.mailings import mailing_resume


class VisibleContactsAdminMixin:
    """For admins and inlines of rows that point at a contact: people at risk, and every
    row about them, exist only for holders of the permission (the model's queryset
    `visible_to`, the one rule), and a contact picker offers only visible contacts."""

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        self._log_object(request, object_id)
        return response

    # The history and delete pages name the row (and so the person) too.
    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        self._log_object(request, object_id)
        return response

    def delete_view(self, request, object_id, extra_context=None):
        response = super().delete_view(request, object_id, extra_context)
        if request.method == "GET":
            self._log_object(request, object_id)
        return response

    def _log_object(self, request, object_id) -> None:
        shown = self.get_queryset(request).filter(pk__in=[parse_id(str(object_id))])
        log_at_risk_shown(request, self._contacts(shown))

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            log_at_risk_shown(request, self._contacts(changelist.result_list))
        return response

    def _contacts(self, rows) -> list:
        path = self.model._default_manager.none().contact_path.split("__")
        contacts = []
        for row in rows:
            for name in path:
                row = getattr(row, name, None)
            contacts.append(row)
        return contacts

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Contact:
            kwargs["queryset"] = Contact.objects.visible_to(request.user)
        elif db_field.related_model is StructureMember:
            kwargs["queryset"] = StructureMember.objects.visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class LogsContactInlinesAdminMixin:
    """For admins whose change page holds inlines of rows about contacts (a structure's
    members): the people at risk those inlines show are logged like any other page."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        for inline in getattr(response, "context_data", {}).get("inline_admin_formsets", []):
            if isinstance(inline.opts, VisibleContactsAdminMixin):
                rows = [form.instance for form in inline.formset.initial_forms]
                log_at_risk_shown(request, inline.opts._contacts(rows))
        return response


# Issue 4 (priorities, structures, publications, campaigns): the outreach pages are where
# staff work; the admin lists the rows for coordinators and for corrections.


@admin.register(SectorAssessment)
class SectorAssessmentAdmin(StaffReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["sector", "assessed_on", "assessed_by"]
    list_filter = ["sector"]
    date_hierarchy = "assessed_on"
    autocomplete_fields = ["assessed_by"]


class StructureMemberInline(
    VisibleContactsAdminMixin, StaffReadOnlyAdminMixin, admin.TabularInline
):
    model = StructureMember
    raw_id_fields = ["user", "contact"]
    extra = 0


@admin.register(OutreachStructure)
class OutreachStructureAdmin(
    LogsContactInlinesAdminMixin, StaffReadOnlyAdminMixin, admin.ModelAdmin
):
    list_display = ["name", "kind", "level", "sector", "meeting_cadence"]
    list_filter = ["kind", "level", "sector"]
    search_fields = ["name"]
    autocomplete_fields = ["coordinator"]
    inlines = [StructureMemberInline]


@admin.register(NetworkMailing)
class NetworkMailingAdmin(StaffReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "structure", "sent_on"]


@admin.register(ActionReport)
class ActionReportAdmin(VisibleContactsAdminMixin, StaffReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["mailing", "member", "reported_on"]
    raw_id_fields = ["member"]


@admin.register(Publication)
class PublicationAdmin(StaffReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "reference", "published_on"]
    search_fields = ["title", "reference"]
    filter_horizontal = ["keywords"]


@admin.register(Campaign)
class CampaignAdmin(StaffReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "starts_on", "ends_on"]
    search_fields = ["name"]


@admin.register(SpectrumPlacement)
class SpectrumPlacementAdmin(StaffReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["campaign", "organisation", "position", "placed_on"]
    list_filter = ["campaign", "position"]
    raw_id_fields = ["organisation"]


@admin.register(SpectrumMove)
class SpectrumMoveAdmin(StaffReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["campaign", "organisation", "from_position", "position", "moved_on"]
    list_filter = ["campaign"]
    raw_id_fields = ["organisation", "moved_by"]


class ReadOnlyAdmin(RecordAdminMixin, StaffReadOnlyAdminMixin, admin.ModelAdmin):
    """Urgent Actions are written, approved and sent through their pages, whose services
    check the role and keep the audience frozen; the admin only shows the rows."""


@admin.register(UrgentAction)
class UrgentActionAdmin(ReadOnlyAdmin):
    list_display = ["reference", "title", "status", "urgency", "issued_on", "approved_by"]
    list_filter = ["status", "urgency"]
    search_fields = ["reference", "title"]
    list_select_related = ["approved_by"]


@admin.register(UrgentActionTranslation)
class UrgentActionTranslationAdmin(StaffReadOnlyAdminMixin, admin.ModelAdmin):
    """A UA's version in another language, mailed to contacts who chose it."""

    list_display = ["urgent_action", "language", "title"]
    list_filter = ["language"]
    list_select_related = ["urgent_action"]
    search_fields = ["urgent_action__reference", "title"]
    autocomplete_fields = ["urgent_action"]


@admin.register(Mailing)
class MailingAdmin(ReadOnlyAdmin):
    list_display = ["urgent_action", "kind", "status", "recipient_count", "created_at", "stop_reason"]  # fmt: skip
    list_filter = ["status", "kind"]
    list_select_related = ["urgent_action"]
    actions = ["resume_action"]

    def has_resume_permission(self, request) -> bool:
        return is_section_staff(request.user)

    @admin.action(description=_("Resume the selected stopped mailings"), permissions=["resume"])
    def resume_action(self, request, queryset):
        resumed = [m for m in queryset if mailing_resume(mailing_id=m.pk)]
        self.message_user(
            request,
            ngettext("%(count)d mailing resumed.", "%(count)d mailings resumed.", len(resumed))
            % {"count": len(resumed)},
        )


@admin.register(Delivery)
class DeliveryAdmin(VisibleContactsAdminMixin, ReadOnlyAdmin):
    list_display = ["mailing", "contact_id", "status", "attempts", "sent_at", "smtp_reply"]
    list_filter = ["status"]
    list_select_related = ["mailing__urgent_action"]
    # Recipients by number only: the delivery list is no back door to contact names.
    fields = ["mailing", "contact_id", "status", "attempts", "sent_at", "smtp_reply"]
    readonly_fields = fields
