"""The evaluation records in the admin: for looking up and correcting, not for the workflow
(activities, evaluations and partner links are made on the app's pages, through services)."""

from django.contrib import admin

from .models import Evaluation, JointActivity, Lesson, NextStep, PartnerAnswer, PartnerLink, Target


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(JointActivity)
class JointActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "coalition", "kind", "starts_on", "ends_on", "run_by"]
    list_filter = ["kind", "run_by"]
    list_select_related = ["partnership", "coalition"]
    search_fields = ["title", "place"]
    raw_id_fields = ["partnership", "coalition", "created_by"]
    inlines = [TargetInline]


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["activity", "status", "overall_rating", "recommendation", "completed_at"]
    list_filter = ["status", "recommendation"]
    list_select_related = ["activity"]
    search_fields = ["activity__title"]
    # Completion and its next steps happen only through evaluation_save.
    readonly_fields = ["activity", "status", "completed_at", "completed_by", "created_by"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organisation", "organisation_kind", "sector", "method", "coalition"]
    list_filter = ["organisation_kind", "method"]
    list_select_related = ["organisation", "coalition"]
    search_fields = ["text"]
    raw_id_fields = ["evaluation", "organisation", "coalition", "created_by"]


@admin.register(PartnerLink)
class PartnerLinkAdmin(admin.ModelAdmin):
    list_display = ["activity", "email", "created_at", "sent_at", "used_at"]
    list_select_related = ["activity"]
    readonly_fields = ["activity", "email", "created_by", "sent_at", "used_at"]

    def has_add_permission(self, request) -> bool:
        return False  # a link is sent from the activity's page, so its e-mail goes out


@admin.register(PartnerAnswer)
class PartnerAnswerAdmin(admin.ModelAdmin):
    list_display = [
        "activity",
        "beneficial_to_both",
        "negative_effects",
        "work_again",
        "answered_at",
    ]
    list_select_related = ["activity"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # the partner's words stay as they wrote them


@admin.register(NextStep)
class NextStepAdmin(admin.ModelAdmin):
    list_display = ["kind", "activity", "organisation", "owner", "due_on", "done_at"]
    list_filter = ["kind"]
    list_select_related = ["activity", "organisation", "owner"]
    raw_id_fields = ["activity", "evaluation", "organisation", "owner"]
