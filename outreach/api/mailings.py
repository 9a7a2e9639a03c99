"""Urgent Actions and their mailings over the API, through the pages' form and services.

Staff write drafts; approving is the coordinators' (the service refuses anyone
else); sending goes through `mailing_create`, which freezes the audience and queues
the mailing after the commit, as the page does.
"""

from django.db.models import Count
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.api.filters import IdFilter
from accounts.api.forms import bound_form, check_types, form_serializer, validated
from accounts.api.pagination import KeysetPagination
from accounts.api.permissions import IsCoordinator, IsStaffMember
from accounts.api.refusals import refusing
from accounts.api.schema import write_schemas
from accounts.api.viewsets import ReadWriteViewSet
from outreach.forms.mailings import FollowUpForm, UrgentActionForm
from outreach.models import (
    Contact,
    Delivery,
    DeliveryStatus,
    Mailing,
    MailingKind,
    UrgentAction,
    UrgentActionStatus,
)
from outreach.selectors.mailings import mailing_progress
from outreach.services import mailings as services
from outreach.services.ua_states import check_urgent_action


class UrgentActionSerializer(serializers.ModelSerializer):
    countries = serializers.ListField(child=serializers.CharField(), source="country_codes")
    mailing_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = UrgentAction
        fields = [
            "id", "reference", "title", "summary", "body", "urgency", "issued_on", "countries",
            "sectors", "occupations", "gender", "keywords", "status", "created_by",
            "approved_by", "approved_at", "created_at", "updated_at", "mailing_count",
        ]  # fmt: skip

    def to_representation(self, instance):
        instance.country_codes = [country.code for country in instance.countries]
        return super().to_representation(instance)


UrgentActionInput = form_serializer(UrgentActionForm, "UrgentActionInputSerializer")
SendInput = form_serializer(
    FollowUpForm, "SendInputSerializer"
)  # kind and note; an empty body issues the UA


class ProgressSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    sent = serializers.IntegerField()
    failed = serializers.IntegerField()
    remaining = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True, help_text=_("Messages a second, last minute."))
    seconds_left = serializers.FloatField(allow_null=True)
    percent_done = serializers.IntegerField()


class MailingSerializer(serializers.ModelSerializer):
    progress = serializers.SerializerMethodField(help_text=_("Live: counted when you ask."))

    class Meta:
        model = Mailing
        fields = [
            "id", "urgent_action", "kind", "note", "status", "recipient_count",
            "created_at", "started_at", "finished_at", "progress",
        ]  # fmt: skip

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, mailing: Mailing) -> dict:
        return mailing_progress(mailing).as_dict()


class DeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = Delivery
        fields = ["id", "mailing", "contact", "status", "attempts", "sent_at", "smtp_reply"]


class UrgentActionFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=UrgentActionStatus.choices)
    q = filters.CharFilter(method="search", label=gettext_lazy("Reference or title"))

    class Meta:
        model = UrgentAction
        fields: list[str] = []

    def search(self, queryset, name, value):
        return queryset.filter(reference__icontains=value) | queryset.filter(title__icontains=value)


@extend_schema_view(
    list=extend_schema(summary=_("List Urgent Actions")),
    retrieve=extend_schema(summary=_("Show one Urgent Action")),
    **write_schemas(
        request=UrgentActionInput,
        response=UrgentActionSerializer,
        create=_("Write a draft Urgent Action (staff)"),
        update=_("Replace a draft Urgent Action's text"),
        partial_update=_("Change a draft Urgent Action's text"),
    ),
)
class UrgentActionViewSet(ReadWriteViewSet):
    queryset = UrgentAction.objects.all()
    serializer_class = UrgentActionSerializer
    filterset_class = UrgentActionFilter
    ordering_fields = ["created_at", "reference", "id"]
    ordering = ["-created_at", "-id"]

    def get_permissions(self):
        return [IsCoordinator()] if self.action == "approve" else [IsStaffMember()]

    def get_queryset(self):
        return UrgentAction.objects.annotate(mailing_count=Count("mailings")).prefetch_related(
            "sectors", "keywords"
        )

    def create(self, request, *args, **kwargs):
        check_types(UrgentActionInput, request.data)
        form = validated(UrgentActionForm(data=request.data))
        form.instance.created_by = request.user
        urgent_action = form.save()
        return Response(self._data(urgent_action), status=201)

    def update(self, request, *args, **kwargs):
        partial = kwargs.get("partial", False)
        urgent_action = self.get_object()
        check_urgent_action(request.user, urgent_action, "edit")
        data = dict(request.data)
        if partial and "countries" not in data:
            data["countries"] = [country.code for country in urgent_action.countries]
        form = bound_form(
            UrgentActionForm, UrgentActionInput, data, instance=urgent_action, partial=partial
        )
        return Response(self._data(form.save()))

    def _data(self, urgent_action: UrgentAction) -> dict:
        return self.get_serializer(self.get_queryset().get(pk=urgent_action.pk)).data

    @extend_schema(
        summary=_("Approve a draft Urgent Action (coordinators)"),
        request=None,
        responses={200: UrgentActionSerializer},
        filters=False,
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        urgent_action = self.get_object()
        refusing(
            lambda: services.urgent_action_approve(urgent_action=urgent_action, user=request.user)
        )
        return Response(self._data(urgent_action))

    @extend_schema(
        summary=_("Cancel a draft or approved Urgent Action that has not gone out (staff)"),
        request=None,
        responses={200: UrgentActionSerializer},
        filters=False,
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        urgent_action = self.get_object()
        refusing(
            lambda: services.urgent_action_cancel(urgent_action=urgent_action, user=request.user)
        )
        return Response(self._data(urgent_action))

    @extend_schema(
        summary=_("Send an approved Urgent Action, or a follow-up"),
        description=_(
            "Without a body the approved UA is issued to its audience; with kind "
            "(updated / closed) and note, a follow-up goes to the same categories."
        ),
        request=SendInput,
        responses={201: MailingSerializer},
        filters=False,
    )
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        urgent_action = self.get_object()
        kind, note = MailingKind.ISSUED, ""
        if request.data:
            check_types(SendInput, request.data)
            form = validated(FollowUpForm(data=request.data))
            kind, note = form.cleaned_data["kind"], form.cleaned_data["note"]
        mailing = refusing(
            lambda: services.mailing_create(
                urgent_action=urgent_action, user=request.user, kind=kind, note=note
            )
        )
        return Response(MailingSerializer(mailing).data, status=201)


class MailingFilter(filters.FilterSet):
    urgent_action = IdFilter(field_name="urgent_action_id")

    class Meta:
        model = Mailing
        fields: list[str] = []


class DeliveryFilter(filters.FilterSet):
    mailing = IdFilter(field_name="mailing_id")
    status = filters.ChoiceFilter(choices=DeliveryStatus.choices)

    class Meta:
        model = Delivery
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(summary=_("List mailings, with their live progress")),
    retrieve=extend_schema(
        summary=_("Show one mailing and its progress (sent, failed, remaining)")
    ),
)
class MailingViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Mailing.objects.all()
    serializer_class = MailingSerializer
    permission_classes = [IsStaffMember]
    filterset_class = MailingFilter
    ordering_fields = ["created_at", "id"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self):
        return Mailing.objects.select_related("urgent_action")


@extend_schema_view(
    list=extend_schema(summary=_("List deliveries (one per recipient of a mailing)")),
    retrieve=extend_schema(summary=_("Show one delivery")),
)
class DeliveryViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Delivery.objects.all()
    serializer_class = DeliverySerializer
    permission_classes = [IsStaffMember]
    pagination_class = KeysetPagination
    filterset_class = DeliveryFilter
    ordering_fields = ["id"]
    ordering = ["id"]

    def get_queryset(self):
        # A delivery names its contact: one at risk stays hidden without the permission.
        visible = Contact.objects.visible_to(self.request.user).values("pk")
        return Delivery.objects.filter(contact__in=visible)
