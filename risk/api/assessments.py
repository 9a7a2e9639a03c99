"""Risk assessments over the API: the register's list with its filters, and writes
through the pages' form, line formset and `risk_assessment_save`, so the completion
rule, the derived rating and who may assess hold as on the pages (staff and
coordinators; a local group is refused, as by the register's pages)."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers
from rest_framework.response import Response

from accounts.api.filters import IdFilter
from accounts.api.forms import bound_formset, check_types, form_data, form_serializer, validated
from accounts.api.permissions import IsStaffMember
from accounts.api.schema import write_schemas
from accounts.api.viewsets import ReadWriteViewSet
from risk import selectors
from risk.filters import RiskAssessmentFilter
from risk.forms import RiskAssessmentForm, RiskLineForm, RiskLineFormSet
from risk.models import Check, Rating, RiskAssessment, RiskLine
from risk.services import risk_assessment_save

LINES = "lines"


class RiskLineSerializer(serializers.ModelSerializer):
    score = serializers.IntegerField(read_only=True, help_text=_("Likelihood × impact."))
    residual_score = serializers.IntegerField(read_only=True, help_text=_("After mitigation."))

    class Meta:
        model = RiskLine
        fields = ["id", *RiskLineForm.Meta.fields, "score", "residual_score"]


class CheckSerializer(serializers.Serializer):
    check = serializers.ChoiceField(choices=Check.choices)
    label = serializers.CharField()
    ticked = serializers.BooleanField()
    note = serializers.CharField()


class RiskAssessmentSerializer(serializers.ModelSerializer):
    assessor = serializers.StringRelatedField()
    target = serializers.SerializerMethodField(help_text=_("What is assessed, in words."))
    lines = RiskLineSerializer(many=True, read_only=True)
    checks = serializers.SerializerMethodField(
        help_text=_("The Partnership Guide's checks, in order.")
    )
    # Not editable on the model, so DRF would leave out that it can be empty.
    rating = serializers.ChoiceField(
        choices=Rating.choices, allow_blank=True, read_only=True,
        help_text=_("Derived from the lines: empty until there is one."),
    )  # fmt: skip

    class Meta:
        model = RiskAssessment
        fields = [
            "id", "partnership_request", "partnership", "organisation", "target", "title",
            "assessor", "assessed_on", "review_on", "status", "rating", "checks", "lines",
            "created_at", "updated_at",
        ]  # fmt: skip

    def get_target(self, assessment: RiskAssessment) -> str:
        return str(assessment.target)

    @extend_schema_field(CheckSerializer(many=True))
    def get_checks(self, assessment: RiskAssessment) -> list[dict]:
        return [
            {"check": check.value, "label": check.label, "ticked": ticked, "note": note}
            for check, (_label, ticked, note) in zip(Check, assessment.checks(), strict=True)
        ]


RiskLineInput = form_serializer(RiskLineForm, "RiskLineInputSerializer")


class RiskAssessmentInput(form_serializer(RiskAssessmentForm, "RiskAssessmentFieldsSerializer")):  # type: ignore[misc]
    lines = RiskLineInput(
        many=True,
        required=False,
        help_text=_(
            "One line per type of risk, matched by risk_type: a type already assessed "
            "is changed, a new one added; on a full update (or a change that sends lines) the "
            "types not sent are removed. A complete assessment needs all six."
        ),
    )

    class Meta:
        ref_name = "RiskAssessmentInput"


class RiskAssessmentFilterSet(RiskAssessmentFilter):
    """The register's filters, with the organisation by id."""

    organisation = IdFilter(method="filter_organisation_id", label=_("Organisation"))

    def filter_organisation_id(self, queryset, name: str, value):
        from partnerships.models import Organisation

        organisation = Organisation.objects.filter(pk=value).first()
        return queryset.concerning(organisation) if organisation else queryset.none()


_FIELDS = RiskAssessmentForm.Meta.fields


@extend_schema_view(
    list=extend_schema(summary=_("List risk assessments (the register: open ones first)")),
    retrieve=extend_schema(summary=_("Show one risk assessment with its lines and checks")),
    **write_schemas(
        request=RiskAssessmentInput,
        response=RiskAssessmentSerializer,
        create=_("Make a risk assessment (staff and coordinators)"),
        update=_("Replace a risk assessment and its lines"),
        partial_update=_("Change a risk assessment or its lines"),
        description=_(
            "Exactly one of partnership_request, partnership and organisation. A "
            "complete assessment needs a line for every type of risk, every check ticked "
            "with a note and a review date; the rating is derived from the lines."
        ),
    ),
)
class RiskAssessmentViewSet(ReadWriteViewSet):
    queryset = RiskAssessment.objects.all()
    serializer_class = RiskAssessmentSerializer
    permission_classes = [IsStaffMember]
    filterset_class = RiskAssessmentFilterSet
    ordering_fields = ["assessed_on", "review_on", "status", "rating", "id"]
    ordering = list(selectors.REGISTER_ORDER)

    def get_queryset(self):
        # No DISTINCT: the register's filters keep to ids (with_line_of, concerning),
        # and DISTINCT sorted all 20,000 assessments for each page (the bench: 185 ms).
        return selectors.register_assessments().prefetch_related("lines")

    def create(self, request, *args, **kwargs):
        return self._save(request, RiskAssessment(), status=201)

    def update(self, request, *args, **kwargs):
        return self._save(request, self.get_object(), partial=kwargs.get("partial", False))

    def _save(self, request, assessment: RiskAssessment, *, status=200, partial=False):
        check_types(RiskAssessmentInput, request.data, partial=partial)
        fields = {k: v for k, v in request.data.items() if k != LINES}
        data = form_data(fields, instance=assessment if partial else None, fields=_FIELDS)
        form = validated(RiskAssessmentForm(data=data, instance=assessment))
        lines = request.data.get(LINES, [])
        formset = bound_formset(
            RiskLineFormSet, lines, instance=form.instance, prefix=LINES, key="risk_type",
            replace=not partial or LINES in request.data,
        )  # fmt: skip
        with transaction.atomic():
            saved = risk_assessment_save(
                user=request.user,
                assessment=form.save(commit=False),
                lines=formset.save(commit=False),
                delete_lines=formset.deleted_objects,
            )
        fresh = self.get_queryset().get(pk=saved.pk)
        return Response(RiskAssessmentSerializer(fresh).data, status=status)
