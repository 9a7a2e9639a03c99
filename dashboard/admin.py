"""The reminder digests sent (or refused by the mail server), read-only for everyone:
rows are written by the daily job only. A refused day is not sent again; the next
morning's digest lists what is still due (overdue items included)."""

from django.contrib import admin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.admin_mixins import RecordAdminMixin, StaffReadOnlyAdminMixin

from .models import ReminderDigest


class FailedFilter(admin.SimpleListFilter):
    title = _("sending")
    parameter_name = "failed"

    def lookups(self, request, model_admin):
        return [("yes", _("failed")), ("no", _("sent"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(error="")
        if self.value() == "no":
            return queryset.filter(error="")
        return queryset


@admin.register(ReminderDigest)
class ReminderDigestAdmin(RecordAdminMixin, StaffReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["date", "user", "item_count", "outcome"]
    list_filter = [FailedFilter, "date"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email"]
    fields = ("user", "date", "item_count", "sent_at", "outcome")
    readonly_fields = fields

    @admin.display(description=_("outcome"))
    def outcome(self, obj: ReminderDigest) -> str:
        if obj.failed:
            return gettext("failed: %(error)s") % {"error": obj.error}
        return gettext("sent")
