"""Partnership requests over the API, with the pages' rules and services.

A local group sees, makes and moves only its own requests (any other is 404);
Section staff read every request; only coordinators decide, and every move is
the service the web page calls, so the state machine, the decision checklist and
the approval gates apply unchanged. Input goes through the pages' forms.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.api.filters import IdFilter
from accounts.api.forms import bound_form, check_types, form_serializer, validated
from accounts.api.permissions import IsCoordinator, IsLocalGroup, IsStaffMemberOrLocalGroup
from accounts.api.schema import write_schemas
from accounts.api.viewsets import ReadWriteViewSet
from accounts.roles import is_local_group, is_section_staff
from partnerships.decisions import DECISIONS
from partnerships.forms.decisions import (
    ApproveForm,
    AskInformationForm,
    ChecklistForm,
    DeclineForm,
    EscalateForm,
    StartReviewForm,
)
from partnerships.forms.requests import (
    AnswerForm,
    NewOrganisationForm,
    PartnershipRequestForm,
    WithdrawForm,
)
from partnerships.models import Organisation, PartnershipRequest, RequestEvent, RequestStatus
from partnerships.models.requests import ChecklistAnswer, CooperationMethod, Purpose
from partnerships.services import requests as services

if TYPE_CHECKING:  # a str or a lazily translated one (django-stubs' alias)
    from django.utils.functional import _StrOrPromise as StrOrPromise

from .organisations import OrganisationSummarySerializer

DETAIL_FIELDS = PartnershipRequestForm.Meta.fields


class RequestEventSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()
    internal_note = serializers.SerializerMethodField(
        help_text=_("Empty unless you are Section staff or a coordinator.")
    )

    class Meta:
        model = RequestEvent
        fields = ["from_status", "to_status", "actor", "created_at", "comment", "internal_note"]

    def get_actor(self, event: RequestEvent) -> str:
        return event.actor.get_username() if event.actor else "Partnerdesk"

    def get_internal_note(self, event: RequestEvent) -> str:
        # Never shown to the local group, as on its page.
        return event.internal_note if is_section_staff(self.context["request"].user) else ""


class ChecklistAnswerSerializer(serializers.ModelSerializer):
    class Meta:
        model = ChecklistAnswer
        fields = ["question", "answer", "note", "answered_at"]


class PartnershipRequestSerializer(serializers.ModelSerializer):
    organisation = OrganisationSummarySerializer(read_only=True)
    local_group = serializers.StringRelatedField()
    methods = serializers.ListField(child=serializers.ChoiceField(CooperationMethod.choices))
    purposes = serializers.ListField(child=serializers.ChoiceField(Purpose.choices))
    allowed_actions = serializers.SerializerMethodField(
        help_text=_("The moves you may make now (the page's buttons).")
    )
    events = serializers.SerializerMethodField()
    checklist = serializers.SerializerMethodField(
        help_text=_("The coordinators' decision checklist; empty for a local group.")
    )

    class Meta:
        model = PartnershipRequest
        fields = [
            "id", "status", "organisation", "local_group", *DETAIL_FIELDS,
            "submitted_at", "decided_at", "created_at", "updated_at",
            "allowed_actions", "events", "checklist",
        ]  # fmt: skip

    def get_allowed_actions(self, obj: PartnershipRequest) -> list[str]:
        return sorted(services.allowed_actions(self.context["request"].user, obj))

    @extend_schema_field(RequestEventSerializer(many=True))
    def get_events(self, obj: PartnershipRequest) -> list:
        return RequestEventSerializer(obj.events.all(), many=True, context=self.context).data

    @extend_schema_field(ChecklistAnswerSerializer(many=True))
    def get_checklist(self, obj: PartnershipRequest) -> list:
        if not is_section_staff(self.context["request"].user):
            return []
        return ChecklistAnswerSerializer(obj.checklist_answers.all(), many=True).data


RequestDetailsInput = form_serializer(PartnershipRequestForm, "RequestDetailsInputSerializer")
NewOrganisationInput = form_serializer(NewOrganisationForm, "NewOrganisationInputSerializer")


# A base class made at import from the form's fields: mypy cannot see it as a type.
class RequestCreateSerializer(RequestDetailsInput):  # type: ignore[valid-type,misc]
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("A registry organisation; or describe a new one in new_organisation."),
    )
    new_organisation = NewOrganisationInput(
        required=False,
        allow_null=True,
        help_text=_(
            "An organisation not in the registry; the existing-relationship check "
            "applies (confirm_new when none of the matches is the one meant)."
        ),
    )
    submit = serializers.BooleanField(
        required=False, default=False, help_text=_("Submit at once instead of saving a draft.")
    )


class RequestFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=RequestStatus.choices)
    organisation = IdFilter(field_name="organisation_id")

    class Meta:
        model = PartnershipRequest
        fields: list[str] = []


class ReadsRequests(IsStaffMemberOrLocalGroup):
    message = gettext_lazy(
        "Only Section staff, coordinators and local groups see partnership requests."
    )


_GROUP_ACTIONS = {"create", "update", "partial_update", "submit", "answer", "withdraw"}
_COORDINATOR_ACTIONS = {
    "start_review", "ask_information", "checklist", "approve", "decline", "escalate",
}  # fmt: skip


def _input(form_class: type[forms.Form]) -> type[serializers.Serializer]:
    return form_serializer(form_class, f"{form_class.__name__.removesuffix('Form')}Serializer")


def _action_schema(
    summary: "StrOrPromise", form_class: type[forms.Form], description: "StrOrPromise" = ""
):
    return extend_schema(
        summary=summary,
        description=description,
        request=_input(form_class),
        responses={200: PartnershipRequestSerializer},
        filters=False,
    )


@extend_schema_view(
    list=extend_schema(summary=_("List partnership requests (a local group: its own)")),
    retrieve=extend_schema(summary=_("Show one partnership request")),
    **write_schemas(
        request=RequestDetailsInput,
        response=PartnershipRequestSerializer,
        create=_("Make a partnership request (local groups)"),
        update=_("Replace a draft request's details (its group)"),
        partial_update=_("Change a draft request's details (its group)"),
    )
    | {
        "create": extend_schema(
            summary=_("Make a partnership request (local groups)"),
            request=RequestCreateSerializer,
            responses={201: PartnershipRequestSerializer},
        )
    },
)
class PartnershipRequestViewSet(ReadWriteViewSet):
    queryset = PartnershipRequest.objects.all()
    serializer_class = PartnershipRequestSerializer
    filterset_class = RequestFilter
    ordering_fields = ["created_at", "updated_at", "submitted_at", "id"]
    ordering = ["-updated_at", "-id"]

    def get_permissions(self):
        if self.action in _GROUP_ACTIONS:
            return [IsLocalGroup()]
        if self.action in _COORDINATOR_ACTIONS:
            return [IsCoordinator()]
        return [ReadsRequests()]

    def get_queryset(self):
        queryset = PartnershipRequest.objects.select_related(
            "organisation", "local_group"
        ).prefetch_related("events__actor", "checklist_answers")
        user = self.request.user
        if is_local_group(user):
            # The group's own requests only: another group's is 404, as on the pages.
            return queryset.for_group(user.local_group_id)
        return queryset if is_section_staff(user) else queryset.none()

    def _respond(self, partnership_request: PartnershipRequest, status: int = 200) -> Response:
        fresh = self.get_queryset().get(pk=partnership_request.pk)
        return Response(self.get_serializer(fresh).data, status=status)

    def create(self, request, *args, **kwargs):
        data = check_types(RequestCreateSerializer, request.data)
        form = validated(PartnershipRequestForm(data=request.data))
        new_form = None
        if data.get("organisation") is None and data.get("new_organisation") is not None:
            new_form = NewOrganisationForm(data=request.data["new_organisation"])
            validated(new_form, under="new_organisation")
        created = services.partnership_request_create(
            user=request.user,
            details=form.details(),
            organisation=data.get("organisation"),
            new_organisation=new_form.description() if new_form else None,
            submit=data["submit"],
            # The form has already asked for the confirmation when the check matched.
            confirmed_different=bool(new_form and new_form.cleaned_data.get("confirm_new")),
        )
        return self._respond(created, status=201)

    def update(self, request, *args, **kwargs):
        partial = kwargs.get("partial", False)
        partnership_request = self.get_object()
        form = bound_form(
            PartnershipRequestForm, RequestDetailsInput, request.data,
            instance=partnership_request, partial=partial,
        )  # fmt: skip
        updated = services.partnership_request_update(
            partnership_request=partnership_request, user=request.user, details=form.details()
        )
        return self._respond(updated)

    def _act(self, request, form_class: type[forms.Form], perform: Callable) -> Response:
        """One move through its service: the form validates the input, the service the move."""
        partnership_request = self.get_object()
        check_types(_input(form_class), request.data)
        form = validated(form_class(data=request.data))
        perform(partnership_request, form.cleaned_data, form)
        return self._respond(partnership_request)

    def _decide(self, request, name: str) -> Response:
        """A coordinator's decision, as partnerships.decisions maps its form to its service."""
        decision = DECISIONS[name]
        return self._act(
            request,
            decision.form,
            lambda obj, data, _form: decision.service(
                partnership_request=obj, user=request.user, **data
            ),
        )

    # --- The local group's moves -----------------------------------------------------

    @_action_schema(_("Submit a draft request (its group)"), StartReviewForm)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._act(
            request,
            StartReviewForm,
            lambda obj, data, _form: services.partnership_request_submit(
                partnership_request=obj, user=request.user, comment=data["comment"]
            ),
        )

    @_action_schema(_("Answer the coordinators' question (its group)"), AnswerForm)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        return self._act(
            request,
            AnswerForm,
            lambda obj, data, _form: services.partnership_request_answer(
                partnership_request=obj, user=request.user, answer=data["answer"]
            ),
        )

    @_action_schema(_("Withdraw a request (its group)"), WithdrawForm)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._act(
            request,
            WithdrawForm,
            lambda obj, data, _form: services.partnership_request_withdraw(
                partnership_request=obj, user=request.user, comment=data["comment"]
            ),
        )

    # --- The coordinators' moves -----------------------------------------------------

    @_action_schema(_("Take a request into review (coordinators)"), StartReviewForm)
    @action(detail=True, methods=["post"], url_path="start-review")
    def start_review(self, request, pk=None):
        return self._decide(request, "start_review")

    @_action_schema(_("Ask the group for information (coordinators)"), AskInformationForm)
    @action(detail=True, methods=["post"], url_path="ask-information")
    def ask_information(self, request, pk=None):
        return self._decide(request, "ask_information")

    @_action_schema(
        _("Answer the decision checklist (coordinators)"),
        ChecklistForm,
        _(
            "The Campaign Manual's six decision questions, q1 to q6 (yes / no / unsure, or empty "
            "to clear), each with a note. Replaces the answers given so far."
        ),
    )
    @action(detail=True, methods=["post"])
    def checklist(self, request, pk=None):
        return self._act(
            request,
            ChecklistForm,
            lambda obj, _data, form: services.decision_checklist_record(
                partnership_request=obj, user=request.user, answers=form.answers()
            ),
        )

    @_action_schema(
        _("Approve a request and set up the partnership (coordinators)"),
        ApproveForm,
        _(
            "Refused (409) until the decision checklist is complete, or when an approval "
            "gate (such as the risk assessment) objects."
        ),
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, "approve")

    @_action_schema(_("Decline a request, with a reason for the group (coordinators)"), DeclineForm)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._decide(request, "decline")

    @_action_schema(_("Escalate a request to the International Secretariat"), EscalateForm)
    @action(detail=True, methods=["post"])
    def escalate(self, request, pk=None):
        return self._decide(request, "escalate")
