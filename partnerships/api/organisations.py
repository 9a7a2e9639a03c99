"""The partner registry over the API: staff read and write through the page's form;
a local group finds an organisation for its request (what the pick page shows)."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_countries.serializers import CountryFieldMixin
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.api.forms import bound_form, form_serializer
from accounts.api.pagination import KeysetPagination
from accounts.api.permissions import IsStaffMemberOrLocalGroupReading
from accounts.api.schema import write_schemas
from accounts.api.viewsets import ReadWriteViewSet
from accounts.roles import is_section_staff
from partnerships.filters import OrganisationFilter
from partnerships.forms.organisations import OrganisationForm
from partnerships.models import Organisation
from partnerships.selectors import find_existing_relationships


class OrganisationSummarySerializer(CountryFieldMixin, serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "acronym", "kind", "scope", "country", "website"]


class OrganisationSerializer(CountryFieldMixin, serializers.ModelSerializer):
    relationship_owner = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Organisation
        fields = ["id", *OrganisationForm.Meta.fields, "created_at", "updated_at"]


class OrganisationForRoleSerializer(OrganisationSerializer):
    """The schema's answer for any role: staff get every field; a local group only the
    summary's, so the others are optional here (the schema must not depend on who
    fetched it)."""

    def get_fields(self):
        fields = super().get_fields()
        for name, field in fields.items():
            if name not in OrganisationSummarySerializer.Meta.fields:
                field.read_only, field.required = False, False
        return fields

    class Meta(OrganisationSerializer.Meta):
        ref_name = "OrganisationForRole"


# What the registry's form takes; its checks (existing relationship, unique
# identifier) then apply as on the page.
OrganisationInputSerializer = form_serializer(OrganisationForm, "OrganisationInputSerializer")


class MatchSerializer(serializers.Serializer):
    rank = serializers.IntegerField(help_text=_("1 is the likeliest twin."))
    organisation = OrganisationSummarySerializer()
    relationship_status = serializers.CharField()
    owner = serializers.CharField(allow_null=True, help_text=_("Who owns the relationship."))
    last_activity = serializers.DateTimeField(allow_null=True)
    reasons = serializers.ListField(child=serializers.CharField())


class OrganisationFilterSet(OrganisationFilter):
    sort = None  # ?ordering= instead: the keyset pagination orders the list


@extend_schema_view(
    list=extend_schema(
        summary=_("List organisations of the partner registry"),
        description=_(
            "A local group gets the summary fields (id, name, acronym, kind, scope, "
            "country, website); staff and coordinators every field."
        ),
        responses=OrganisationForRoleSerializer(many=True),
    ),
    retrieve=extend_schema(
        summary=_("Show one organisation"),
        description=_("A local group gets the summary fields; staff every field."),
        responses=OrganisationForRoleSerializer,
    ),
    **write_schemas(
        request=OrganisationInputSerializer,
        response=OrganisationSerializer,
        create=_("Register an organisation"),
        update=_("Replace an organisation's record"),
        partial_update=_("Change an organisation's record"),
    ),
)
class OrganisationViewSet(ReadWriteViewSet):
    queryset = Organisation.objects.all()
    permission_classes = [IsStaffMemberOrLocalGroupReading]
    pagination_class = KeysetPagination
    filterset_class = OrganisationFilterSet
    ordering_fields = ["name", "updated_at", "id"]
    ordering = ["name", "id"]

    def get_queryset(self):
        return Organisation.objects.select_related("relationship_owner")

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return OrganisationInputSerializer
        if self.request is not None and is_section_staff(self.request.user):
            return OrganisationSerializer
        return OrganisationSummarySerializer

    def create(self, request, *args, **kwargs):
        return self._save(request, None, status=201)

    def update(self, request, *args, **kwargs):
        return self._save(request, self.get_object(), partial=kwargs.get("partial", False))

    def _save(self, request, instance, *, status=200, partial=False):
        form = bound_form(
            OrganisationForm, OrganisationInputSerializer, request.data,
            instance=instance, partial=partial,
        )  # fmt: skip
        with transaction.atomic():
            organisation = form.save()
        return Response(OrganisationSerializer(organisation).data, status=status)

    @extend_schema(
        summary=_("The existing-relationship check: likely matches, ranked"),
        description=(
            _(
                "The Partnership Guide: check whether a relationship already exists before approaching a "
                "new partner. Each match names its owner, its last activity and why it matched."
            )
        ),
        parameters=[
            OpenApiParameter("name", str, description=_("At most 255 characters are used.")),
            OpenApiParameter("acronym", str, description=_("At most 50 characters are used.")),
            OpenApiParameter("website", str, description=_("At most 500 characters are used.")),
            OpenApiParameter("email", str, description=_("At most 254 characters are used.")),
        ],
        filters=False,
        responses={200: MatchSerializer(many=True)},
    )
    @action(detail=False, methods=["get"], pagination_class=None, filterset_class=None)
    def matches(self, request):
        params = {
            name: request.query_params.get(name, "")[:limit]
            for name, limit in (("name", 255), ("acronym", 50), ("website", 500), ("email", 254))
        }
        matches = find_existing_relationships(**params)
        rows = [
            {
                "rank": rank,
                "organisation": match.organisation,
                "relationship_status": match.organisation.relationship_status,
                "owner": _owner_name(match.organisation),
                "last_activity": match.last_activity,
                "reasons": list(match.reasons),
            }
            for rank, match in enumerate(matches, start=1)
        ]
        return Response(MatchSerializer(rows, many=True).data)


def _owner_name(organisation: Organisation) -> str | None:
    owner = organisation.relationship_owner
    return (owner.get_full_name() or owner.get_username()) if owner else None
