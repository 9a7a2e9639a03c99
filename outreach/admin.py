from django.contrib import admin

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

# Issue 4 (priorities, structures, publications, campaigns): the outreach pages are where
# staff work; the admin lists the rows for coordinators and for corrections.


@admin.register(SectorAssessment)
class SectorAssessmentAdmin(admin.ModelAdmin):
    list_display = ["sector", "assessed_on", "assessed_by"]
    list_filter = ["sector"]
    date_hierarchy = "assessed_on"


class StructureMemberInline(admin.TabularInline):
    model = StructureMember
    raw_id_fields = ["user", "contact"]
    extra = 0

    def get_queryset(self, request):
        # Members at risk stay hidden from those without the permission, here as everywhere.
        visible = Contact.objects.visible_to(request.user)
        return (
            super()
            .get_queryset(request)
            .exclude(contact__isnull=False, contact__in=Contact.objects.exclude(pk__in=visible))
        )


@admin.register(OutreachStructure)
class OutreachStructureAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "level", "sector", "meeting_cadence"]
    list_filter = ["kind", "level", "sector"]
    search_fields = ["name"]
    inlines = [StructureMemberInline]


@admin.register(NetworkMailing)
class NetworkMailingAdmin(admin.ModelAdmin):
    list_display = ["title", "structure", "sent_on"]


@admin.register(ActionReport)
class ActionReportAdmin(admin.ModelAdmin):
    list_display = ["mailing", "member", "reported_on"]
    raw_id_fields = ["member"]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["title", "reference", "published_on"]
    search_fields = ["title", "reference"]
    filter_horizontal = ["keywords"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_on", "ends_on"]
    search_fields = ["name"]


@admin.register(SpectrumPlacement)
class SpectrumPlacementAdmin(admin.ModelAdmin):
    list_display = ["campaign", "organisation", "position", "placed_on"]
    list_filter = ["campaign", "position"]
    raw_id_fields = ["organisation"]


@admin.register(SpectrumMove)
class SpectrumMoveAdmin(admin.ModelAdmin):
    list_display = ["campaign", "organisation", "from_position", "position", "moved_on"]
    list_filter = ["campaign"]
    raw_id_fields = ["organisation"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Urgent Actions are written, approved and sent through their pages, whose services
    check the role and keep the audience frozen; the admin only shows the rows."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(UrgentAction)
class UrgentActionAdmin(ReadOnlyAdmin):
    list_display = ["reference", "title", "status", "urgency", "issued_on", "approved_by"]
    list_filter = ["status", "urgency"]
    search_fields = ["reference", "title"]
    list_select_related = ["approved_by"]


@admin.register(UrgentActionTranslation)
class UrgentActionTranslationAdmin(admin.ModelAdmin):
    """A UA's version in another language, mailed to contacts who chose it."""

    list_display = ["urgent_action", "language", "title"]
    list_filter = ["language"]
    list_select_related = ["urgent_action"]
    search_fields = ["urgent_action__reference", "title"]
    autocomplete_fields = ["urgent_action"]


@admin.register(Mailing)
class MailingAdmin(ReadOnlyAdmin):
    list_display = ["urgent_action", "kind", "status", "recipient_count", "created_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["urgent_action"]


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ["mailing", "contact_id", "status", "attempts", "sent_at", "smtp_reply"]
    list_filter = ["status"]
    list_select_related = ["mailing__urgent_action"]
    # Recipients by number only: the delivery list is no back door to contact names.
    fields = ["mailing", "contact_id", "status", "attempts", "sent_at", "smtp_reply"]
    readonly_fields = fields
