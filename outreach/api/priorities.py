"""Sectors and the outreach priorities (seed 001), read from the priorities page's
selector; a sector assessed through the page's form and `sector_assessment_record`."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.api.forms import check_types, form_serializer, validated
from accounts.api.permissions import IsStaffMember
from outreach import scoring
from outreach.forms.priorities import SectorAssessmentForm
from outreach.models import Sector, SectorAssessment
from outreach.selectors.priorities import sector_priorities
from outreach.services.priorities import (
    sector_assessment_record,
    sector_organisation_add,
    sector_organisation_remove,
)
from partnerships.models import Organisation

SectorAssessmentInput = form_serializer(SectorAssessmentForm, "SectorAssessmentInputSerializer")


class SectorOrganisationInput(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), help_text=_("An organisation of the registry.")
    )


class SectorSerializer(serializers.ModelSerializer):
    organisation_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Sector
        fields = ["id", "name", "slug", "description", "organisation_count"]


class AssessmentSerializer(serializers.ModelSerializer):
    domestic_score = serializers.FloatField(read_only=True)
    international_score = serializers.FloatField(read_only=True)
    is_priority = serializers.BooleanField(read_only=True)

    class Meta:
        model = SectorAssessment
        exclude = ["sector", "assessed_by"]


class PrioritySerializer(serializers.Serializer):
    rank = serializers.IntegerField(help_text=_("Priorities first, then nearest the quadrant."))
    sector = SectorSerializer()
    is_priority = serializers.BooleanField()
    domestic = serializers.FloatField(allow_null=True)
    international = serializers.FloatField(allow_null=True)
    latest = AssessmentSerializer(allow_null=True)


class SectorFilter(filters.FilterSet):
    q = filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name"))

    class Meta:
        model = Sector
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(summary=_("List outreach sectors")),
    retrieve=extend_schema(summary=_("Show one outreach sector")),
)
class SectorViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Sector.objects.all()
    serializer_class = SectorSerializer
    permission_classes = [IsStaffMember]
    filterset_class = SectorFilter
    ordering_fields = ["name", "id"]
    ordering = ["name", "id"]

    def get_queryset(self):
        return Sector.objects.with_organisation_count()

    @extend_schema(
        summary=_("Assess a sector's outreach priority (the Campaign Manual's outreach criteria)"),
        description=_(
            "Scores not sent keep the sector's latest assessment's, as the page "
            "starts from them; a second assessment on the same date replaces the first."
        ),
        request=SectorAssessmentInput,
        responses={201: AssessmentSerializer},
        filters=False,
    )
    @action(detail=True, methods=["post"])
    def assess(self, request, pk=None):
        sector = self.get_object()
        check_types(SectorAssessmentInput, request.data, partial=True)
        latest = sector.assessments.first()
        base = {**latest.scores, "aims": [aim.value for aim in latest.aims]} if latest else {}
        form = validated(SectorAssessmentForm(data={**base, **request.data}, latest=latest))
        data = form.cleaned_data
        assessment = sector_assessment_record(
            sector=sector,
            assessed_on=data["assessed_on"],
            scores={name: data[name] for name in scoring.ALL_CRITERIA},
            aims=data["aims"],
            notes=data["notes"],
            assessed_by=request.user,
        )
        return Response(AssessmentSerializer(assessment).data, status=201)

    def _organisation_move(self, request, move) -> Response:
        sector = self.get_object()
        organisation = check_types(SectorOrganisationInput, request.data)["organisation"]
        move(sector=sector, organisation=organisation)
        return Response(self.get_serializer(self.get_queryset().get(pk=sector.pk)).data)

    @extend_schema(
        summary=_("Count an organisation in a sector (its outreach target)"),
        request=SectorOrganisationInput,
        responses={200: SectorSerializer},
        filters=False,
    )
    @action(detail=True, methods=["post"], url_path="add-organisation")
    def add_organisation(self, request, pk=None):
        return self._organisation_move(request, sector_organisation_add)

    @extend_schema(
        summary=_("Take an organisation out of a sector"),
        request=SectorOrganisationInput,
        responses={200: SectorSerializer},
        filters=False,
    )
    @action(detail=True, methods=["post"], url_path="remove-organisation")
    def remove_organisation(self, request, pk=None):
        return self._organisation_move(request, sector_organisation_remove)

    @extend_schema(
        summary=_("The outreach priorities: every sector ranked by its latest assessment"),
        responses=PrioritySerializer(many=True),
        filters=False,
    )
    @action(detail=False, pagination_class=None, filterset_class=None)
    def priorities(self, request):
        rows = [
            {
                "rank": rank,
                "sector": row.sector,
                "is_priority": row.is_priority,
                "domestic": row.domestic,
                "international": row.international,
                "latest": row.latest,
            }
            for rank, row in enumerate(sector_priorities(), start=1)
        ]
        return Response(PrioritySerializer(rows, many=True).data)
