"""Partnerships, coalitions, their members and joint statements over the API (staff read)."""

from django.db.models import Prefetch
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.api.permissions import IsStaffMember
from partnerships.models import (
    Coalition,
    CoalitionMembership,
    JointStatement,
    Partnership,
    PartnershipStatus,
)
from partnerships.selectors import statement_missing_agreements


class PartnershipSerializer(serializers.ModelSerializer):
    methods = serializers.ListField(child=serializers.CharField())
    local_group = serializers.StringRelatedField()

    class Meta:
        model = Partnership
        fields = [
            "id", "title", "organisations", "originating_request", "local_group", "methods",
            "visibility", "starts_on", "ends_on", "status", "lead", "created_at", "updated_at",
        ]  # fmt: skip


class PartnershipFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=PartnershipStatus.choices)
    organisation = filters.NumberFilter(field_name="organisations")

    class Meta:
        model = Partnership
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(summary="List partnerships"),
    retrieve=extend_schema(summary="Show one partnership"),
)
class PartnershipViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Partnership.objects.all()
    serializer_class = PartnershipSerializer
    permission_classes = [IsStaffMember]
    filterset_class = PartnershipFilter
    ordering_fields = ["starts_on", "created_at", "id"]
    ordering = ["-starts_on", "-id"]

    def get_queryset(self):
        return Partnership.objects.select_related("local_group").prefetch_related("organisations")


class MembershipSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = CoalitionMembership
        fields = ["id", "organisation", "organisation_name", "role", "joined_on", "left_on",
                  "secretariat_position"]  # fmt: skip


class StatementSerializer(serializers.ModelSerializer):
    agreed_by = serializers.SerializerMethodField()
    missing_agreements = serializers.SerializerMethodField(
        help_text="Who has not agreed yet: a statement is issued only when every member agrees."
    )

    class Meta:
        model = JointStatement
        fields = ["id", "title", "text", "status", "section_agreed_at", "issued_at",
                  "created_at", "agreed_by", "missing_agreements"]  # fmt: skip

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_agreed_by(self, statement: JointStatement) -> list[int]:
        return [agreement.organisation_id for agreement in statement.agreements.all()]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_missing_agreements(self, statement: JointStatement) -> list[str]:
        return statement_missing_agreements(statement)


class CoalitionSerializer(serializers.ModelSerializer):
    members = MembershipSerializer(source="memberships", many=True, read_only=True)

    class Meta:
        model = Coalition
        fields = ["id", "name", "purpose", "scope", "section_is_member",
                  "secretariat_rotation_start", "secretariat_term_months",
                  "section_secretariat_position", "members"]  # fmt: skip


class CoalitionFilter(filters.FilterSet):
    q = filters.CharFilter(field_name="name", lookup_expr="icontains", label="Name")

    class Meta:
        model = Coalition
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(summary="List coalitions with their members"),
    retrieve=extend_schema(summary="Show one coalition with its members"),
)
class CoalitionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Coalition.objects.all()
    serializer_class = CoalitionSerializer
    permission_classes = [IsStaffMember]
    filterset_class = CoalitionFilter
    ordering_fields = ["name", "id"]
    ordering = ["name", "id"]

    def get_queryset(self):
        memberships = CoalitionMembership.objects.select_related("organisation")
        return Coalition.objects.prefetch_related(Prefetch("memberships", queryset=memberships))

    @extend_schema(
        summary="List a coalition's joint statements and who has agreed",
        responses=StatementSerializer(many=True),
        filters=False,
    )
    @action(detail=True, pagination_class=None, filterset_class=None)
    def statements(self, request, pk=None):
        coalition = self.get_object()
        statements = coalition.statements.prefetch_related("agreements")
        return Response(StatementSerializer(statements, many=True).data)
