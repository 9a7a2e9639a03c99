"""Coordinator review in the admin: the queue, the checklist and the four decisions.

Coordinators act; Section staff see everything read-only (view permissions
only); local groups are not staff and never reach the admin.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.admin_mixins import StaffReadOnlyAdminMixin
from accounts.errors import ServiceRefused
from accounts.roles import may_decide
from partnerships.admin.review import review_context
from partnerships.decisions import DECISIONS
from partnerships.forms.decisions import ChecklistForm
from partnerships.models import (
    CooperationMethod,
    Partnership,
    PartnershipRequest,
    RequestStatus,
)
from partnerships.models.organisations import OrganisationKind
from partnerships.models.requests import WAITING_TIME_ORDER, ChecklistQuestion
from partnerships.panels import queue_columns, queue_filters, review_panels_for
from partnerships.services import requests as services
from partnerships.services.requests import allowed_actions

# The queue's filters sit in one row of closed menus above the table (not in a sidebar
# that squeezes it): a filter added to list_filter takes this template too.
QUEUE_FILTER_TEMPLATE = "admin/partnerships/partnershiprequest/queue_filter.html"


class StatusFilter(admin.SimpleListFilter):
    """Defaults to the requests that wait for the coordinators or the group."""

    title = _("status")
    parameter_name = "status"
    template = QUEUE_FILTER_TEMPLATE
    AWAITING, ALL = "awaiting", "all"

    def lookups(self, request, model_admin):
        return [
            (self.AWAITING, _("Awaiting a decision")),
            *RequestStatus.choices,
            (self.ALL, _("All")),
        ]

    def queryset(self, request, queryset):
        value = self.value() or self.AWAITING
        if value == self.ALL:
            return queryset
        if value == self.AWAITING:
            return queryset.awaiting_decision()
        return queryset.filter(status=value) if value in RequestStatus.values else queryset.none()

    def choices(self, changelist):
        current = self.value() or self.AWAITING
        for lookup, title in self.lookup_choices:
            yield {
                "selected": current == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class MethodFilter(admin.SimpleListFilter):
    title = _("method of cooperation")
    parameter_name = "method"
    template = QUEUE_FILTER_TEMPLATE

    def lookups(self, request, model_admin):
        return CooperationMethod.choices

    def queryset(self, request, queryset):
        if self.value() in CooperationMethod.values:
            return queryset.using_method(self.value())
        return queryset


class GroupFilter(admin.RelatedFieldListFilter):
    template = QUEUE_FILTER_TEMPLATE


class KindFilter(admin.ChoicesFieldListFilter):
    template = QUEUE_FILTER_TEMPLATE


# Short names for the queue's methods column; the review page shows the full ones.
METHOD_SHORT_LABELS = {
    CooperationMethod.PROVIDE_INFORMATION: _("Our information"),
    CooperationMethod.RECEIVE_INFORMATION: _("Their information"),
    CooperationMethod.CAMPAIGNING: _("Campaigning"),
    CooperationMethod.DEVELOPMENT: _("Development"),
    CooperationMethod.PROMOTION: _("Promotion"),
    CooperationMethod.PUBLICITY: _("Publicity"),
    CooperationMethod.LOBBYING: _("Lobbying"),
    CooperationMethod.CO_SPONSORING: _("Co-sponsoring"),
    CooperationMethod.RELIEF: _("Relief"),
    CooperationMethod.FUNDRAISING: _("Fundraising"),
    CooperationMethod.JOINT_PUBLICATION: _("Joint publication"),
    CooperationMethod.TRAINING: _("Training"),
    CooperationMethod.SHARED_SYSTEMS: _("Shared systems"),
    CooperationMethod.CRISIS_STRATEGY: _("Crisis strategy"),
    CooperationMethod.REFERRAL: _("Referral"),
}
METHODS_SHOWN = 2


@admin.register(PartnershipRequest)
class PartnershipRequestAdmin(StaffReadOnlyAdminMixin, admin.ModelAdmin):
    # One column per thing a coordinator sorts the queue by; another app's column (the
    # risk rating) is one more name here.
    list_display = [
        "activity_title",
        "waiting",
        "status_label",
        "local_group",
        "organisation",
        "organisation_kind",
        "method_summary",
    ]
    list_display_links = ["activity_title"]
    list_filter = [
        StatusFilter,
        ("local_group", GroupFilter),
        MethodFilter,
        ("organisation__kind", KindFilter),
    ]
    list_select_related = ["organisation", "local_group"]
    search_fields = ["activity_title", "organisation__name", "organisation__acronym"]
    ordering = list(WAITING_TIME_ORDER)
    list_per_page = 50
    actions = ["start_review_action", "approve_action", "decline_action", "ask_action", "escalate_action"]  # fmt: skip
    change_form_template = "admin/partnerships/partnershiprequest/change_form.html"
    fieldsets = [
        (None, {"fields": ["local_group", "organisation", "status", "submitted_at", "decided_at"]}),
        (_("Why and how"), {"fields": ["purpose_list", "method_list", "joins_coalition"]}),
        (
            _("The activity"),
            {
                "fields": [
                    "activity_title",
                    "activity_description",
                    ("activity_starts_on", "activity_ends_on"),
                    "activity_place",
                    "expected_public",
                    "visibility",
                ]
            },
        ),
        (_("For the partner"), {"fields": ["partner_gains", "partner_demands"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        # The group's words are theirs: coordinators act through the decisions only.
        return [
            field
            for fieldset in self.fieldsets
            for row in fieldset[1]["fields"]
            for field in (row if isinstance(row, tuple) else (row,))
        ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_decide_permission(self, request) -> bool:
        # The rule of accounts.roles, not the "change" model permission: a user
        # given that permission by hand still does not decide.
        return may_decide(request.user)

    def get_list_display(self, request):
        return [*super().get_list_display(request), *queue_columns()]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), *queue_filters()]

    @admin.display(description=_("waiting"), ordering="submitted_at")
    def waiting(self, obj: PartnershipRequest) -> str:
        if obj.submitted_at is None or not obj.is_undecided():
            return "—"
        return timesince(obj.submitted_at, timezone.now(), depth=2)

    # The enum's label directly: get_FOO_display() and the admin's own choice column hash
    # every lazy label of the field for each row, a tenth of the queue's time (issue 15).
    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj: PartnershipRequest) -> str:
        return str(RequestStatus(obj.status).label)

    @admin.display(description=_("kind"), ordering="organisation__kind")
    def organisation_kind(self, obj: PartnershipRequest) -> str:
        return str(OrganisationKind(obj.organisation.kind).label)

    @admin.display(description=_("methods"))
    def method_summary(self, obj: PartnershipRequest) -> str:
        short = [str(METHOD_SHORT_LABELS.get(method, method)) for method in obj.methods]
        more = len(short) - METHODS_SHOWN
        text = ", ".join(short[:METHODS_SHOWN]) + (f" +{more}" if more > 0 else "")
        full = "; ".join(label for label, _needed in obj.method_labels())
        return format_html('<span title="{}">{}</span>', full, text)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("organisation__relationship_owner", "local_group", "created_by")
        )

    @admin.display(description=_("purpose"))
    def purpose_list(self, obj: PartnershipRequest) -> str:
        return "; ".join(obj.purpose_labels())

    @admin.display(description=_("methods of cooperation"))
    def method_list(self, obj: PartnershipRequest) -> str:
        return "; ".join(
            f"{label} ({gettext('needs authorisation') if needed else gettext('no authorisation needed')})"
            for label, needed in obj.method_labels()
        )

    # --- URLs: the queue, the checklist, one page per decision ----------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("queue/", view(self.review_queue_view), name="review_queue"),
            path(
                "<int:object_id>/checklist/",
                view(self.checklist_view),
                name="partnerships_partnershiprequest_checklist",
            ),
            path(
                "<int:object_id>/decide/<slug:decision>/",
                view(self.decide_view),
                name="partnerships_partnershiprequest_decide",
            ),
            *super().get_urls(),
        ]

    def review_queue_view(self, request: HttpRequest) -> HttpResponse:
        return self.changelist_view(
            request, extra_context={"title": gettext("Review queue: the longest waiting first")}
        )

    def get_object(self, request, object_id, from_field=None):
        # The review page reads the request for its panels and the admin reads it again
        # for the form: once per GET is enough (issue 15's query budget).
        if request.method not in ("GET", "HEAD"):
            return super().get_object(request, object_id, from_field)
        read = request.__dict__.setdefault("_partnerdesk_requests_read", {})
        key = (str(object_id), from_field)
        if key not in read:
            read[key] = super().get_object(request, object_id, from_field)
        return read[key]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "title": gettext("Review a partnership request"),
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
            "decision_links": self._decision_links(request, obj) if obj else [],
            "review_panels": review_panels_for(obj, request.user) if obj else [],
            **(self._review_context(request, obj) if obj else {}),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def _review_context(self, request: HttpRequest, obj: PartnershipRequest) -> dict:
        answerable = self.has_change_permission(request, obj) and obj.status in (
            RequestStatus.SUBMITTED,
            RequestStatus.IN_REVIEW,
        )
        context = review_context(obj)
        initial = ChecklistForm.initial_from(context["checklist_answers"])
        return {
            **context,
            "checklist_form": ChecklistForm(initial=initial) if answerable else None,
            "checklist_url": self._url("checklist", obj.pk),
            "checklist_complete": len(
                {a.question for a in context["checklist_answers"] if a.answer}
            )
            == len(ChecklistQuestion),
        }

    def _decision_links(self, request: HttpRequest, obj: PartnershipRequest) -> list:
        if not self.has_decide_permission(request):
            return []
        possible = allowed_actions(request.user, obj)
        links = []
        if "record_checklist" in possible:
            links.append((gettext("Decision checklist"), self._url("checklist", obj.pk)))
        for name, decision in DECISIONS.items():
            if name in possible:
                links.append((decision.label, self._url("decide", obj.pk, name)))
        return links

    @staticmethod
    def _url(view: str, pk: int, *args) -> str:
        return reverse(f"admin:partnerships_partnershiprequest_{view}", args=[pk, *args])

    def _get_for_change(self, request: HttpRequest, object_id: int) -> PartnershipRequest:
        obj = self.get_object(request, str(object_id))
        if obj is None:
            raise Http404(_("No such partnership request."))
        if not self.has_decide_permission(request):
            raise PermissionDenied
        return obj

    def _render(self, request, obj, template: str, **context) -> TemplateResponse:
        return TemplateResponse(
            request,
            f"admin/partnerships/partnershiprequest/{template}",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": obj,
                "change_url": reverse(
                    "admin:partnerships_partnershiprequest_change", args=[obj.pk]
                ),
                **context,
            },
        )

    def checklist_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        obj = self._get_for_change(request, object_id)
        initial = ChecklistForm.initial_from(obj.checklist_answers.all())
        form = ChecklistForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                services.decision_checklist_record(
                    partnership_request=obj, user=request.user, answers=form.answers()
                )
            except ServiceRefused as error:
                self.message_user(request, error.message, messages.ERROR)
            else:
                self.message_user(
                    request, gettext("The decision checklist is saved."), messages.SUCCESS
                )
                if request.POST.get("return_to") == "review":
                    return redirect("admin:partnerships_partnershiprequest_change", obj.pk)
                return redirect(self._url("checklist", obj.pk))
        return self._render(
            request,
            obj,
            "checklist.html",
            title=gettext("Decision checklist"),
            form=form,
            complete=obj.checklist_is_complete(),
            decision_links=self._decision_links(request, obj),
        )

    def decide_view(self, request: HttpRequest, object_id: int, decision: str) -> HttpResponse:
        obj = self._get_for_change(request, object_id)
        spec = DECISIONS.get(decision)
        if spec is None:
            raise Http404(_("No such decision."))
        initial = {
            "starts_on": obj.activity_starts_on,
            "ends_on": obj.activity_ends_on,
            "lead": request.user,
        }
        form = spec.form(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                spec.service(partnership_request=obj, user=request.user, **form.cleaned_data)
            except ServiceRefused as error:
                self.message_user(request, error.message, messages.ERROR)
            else:
                self.message_user(request, spec.done, messages.SUCCESS)
                return redirect("admin:partnerships_partnershiprequest_change", obj.pk)
        return self._render(
            request,
            obj,
            "decide.html",
            title=spec.label,
            decision=spec,
            form=form,
            checklist=obj.checklist_answers.all() if decision == "approve" else None,
            complete=obj.checklist_is_complete(),
        )

    # --- Changelist actions lead to the same confirmation forms -----------------------------

    def _one_decision(
        self, request, queryset: QuerySet, decision: str
    ) -> HttpResponseRedirect | None:
        if queryset.count() != 1:
            self.message_user(
                request,
                gettext(
                    "Choose one request at a time: each decision has its own confirmation form."
                ),
                messages.WARNING,
            )
            return None
        return HttpResponseRedirect(self._url("decide", queryset.get().pk, decision))

    @admin.action(description=_("Take the selected request into review"), permissions=["decide"])
    def start_review_action(self, request, queryset):
        return self._one_decision(request, queryset, "start_review")

    @admin.action(description=_("Approve the selected request…"), permissions=["decide"])
    def approve_action(self, request, queryset):
        return self._one_decision(request, queryset, "approve")

    @admin.action(description=_("Decline the selected request…"), permissions=["decide"])
    def decline_action(self, request, queryset):
        return self._one_decision(request, queryset, "decline")

    @admin.action(description=_("Ask the group for information…"), permissions=["decide"])
    def ask_action(self, request, queryset):
        return self._one_decision(request, queryset, "ask_information")

    @admin.action(description=_("Escalate the selected request to the IS…"), permissions=["decide"])
    def escalate_action(self, request, queryset):
        return self._one_decision(request, queryset, "escalate")


@admin.register(Partnership)
class PartnershipAdmin(StaffReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "organisation_names", "local_group", "status", "starts_on", "ends_on", "lead"]  # fmt: skip
    list_filter = ["status", "visibility", "local_group"]
    list_select_related = ["local_group", "lead"]
    search_fields = ["title", "organisations__name"]
    # Status changes only through partnership_conclude (the action); dates and lead are corrections.
    readonly_fields = ["originating_request", "local_group", "methods", "status", "created_at"]
    raw_id_fields = ["organisations", "lead"]
    actions = ["conclude_action"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("organisations")

    def has_add_permission(self, request) -> bool:
        return False  # partnerships come from approved requests

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_decide_permission(self, request) -> bool:
        return may_decide(request.user)

    @admin.display(description=_("organisations"))
    def organisation_names(self, obj: Partnership) -> str:
        return ", ".join(o.name for o in obj.organisations.all())

    @admin.action(description=_("Mark the selected partnerships concluded"), permissions=["decide"])
    def conclude_action(self, request, queryset):
        for partnership in queryset:
            try:
                services.partnership_conclude(partnership=partnership, user=request.user)
            except ServiceRefused as error:
                self.message_user(request, error.message, messages.ERROR)
                return
        self.message_user(
            request, gettext("The selected partnerships are concluded."), messages.SUCCESS
        )
