"""Risk assessments in the admin: coordinators keep them, Section staff read them
(accounts/permissions.py). The rating is derived, so it is never a form field."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin_mixins import RecordAdminMixin, StaffReadOnlyAdminMixin

from .forms import CHECK_FIELDS, RiskLineForm, RiskLineFormSetBase
from .models import RequestAdvice, RiskAssessment, RiskLine, RiskType
from .services import risk_assessment_rating_refresh


class RiskLineInline(admin.TabularInline):
    model = RiskLine
    form = RiskLineForm
    formset = RiskLineFormSetBase
    extra = 0
    max_num = 6
    fields = [*RiskLineForm.Meta.fields, "score", "residual_score"]
    readonly_fields = ["score", "residual_score"]

    @admin.display(description=_("score"))
    def score(self, obj: RiskLine) -> int | str:
        return obj.score if obj.pk else "—"

    @admin.display(description=_("residual score"))
    def residual_score(self, obj: RiskLine) -> str:
        return f"{obj.residual_score} ({obj.residual_rating().label.lower()})" if obj.pk else "—"


class RiskTypeFilter(admin.SimpleListFilter):
    """Assessments with a line of this type (with_line_of): the admin's own filter
    across the lines adds DISTINCT (100 ms a page at the bench)."""

    title = _("risk type")
    parameter_name = "risk_type"

    def lookups(self, request, model_admin):
        return RiskType.choices

    def queryset(self, request, queryset):
        if self.value() not in RiskType.values:
            return queryset
        return queryset.with_line_of(self.value())


@admin.register(RiskAssessment)
class RiskAssessmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "rating", "status", "assessor", "assessed_on", "review_on"]
    list_filter = ["rating", "status", RiskTypeFilter]
    list_select_related = ["assessor", "partnership_request__organisation", "partnership", "organisation"]  # fmt: skip
    search_fields = ["title", "organisation__name", "partnership_request__activity_title", "partnership__title"]  # fmt: skip
    raw_id_fields = ["partnership_request", "partnership", "organisation", "assessor"]
    readonly_fields = ["rating", "created_at", "updated_at"]
    inlines = [RiskLineInline]
    fieldsets = [
        (None, {"fields": ["partnership_request", "partnership", "organisation", "title"]}),
        (None, {"fields": ["assessor", "assessed_on", "status", "review_on", "rating"]}),
        (_("Checks (the Partnership Guide)"), {"fields": tuple(CHECK_FIELDS)}),
        (None, {"fields": ["created_at", "updated_at"]}),
    ]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # an assessment is part of the decision file

    def get_changeform_initial_data(self, request) -> dict:
        return {"assessor": request.user.pk, **super().get_changeform_initial_data(request)}

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        risk_assessment_rating_refresh(assessment=form.instance)


@admin.register(RequestAdvice)
class RequestAdviceAdmin(RecordAdminMixin, StaffReadOnlyAdminMixin, admin.ModelAdmin):
    """The advice as the group was given it: a record, never edited."""

    list_display = ["partnership_request", "recommendation", "visibility", "updated_at"]
    list_filter = ["recommendation", "visibility"]
    readonly_fields = ["partnership_request", "token", "asked_by", "event", "advice", "recommendation", "visibility"]  # fmt: skip
