"""Partnerships (read), and coalitions with their members, meetings and joint statements
over the API, for staff: writes through the coalition pages' forms, the members'
formset and the statement services, as on the pages."""

from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.api.filters import IdFilter
from accounts.api.forms import (
    bound_form,
    bound_formset,
    check_types,
    form_serializer,
    validated,
)
from accounts.api.permissions import IsStaffMember
from accounts.api.refusals import refusing
from accounts.api.schema import write_schemas
from accounts.api.viewsets import ReadWriteViewSet
from partnerships.forms.coalitions import (
    AgreementForm,
    CoalitionForm,
    MeetingForm,
    MembershipFormSet,
    StatementForm,
)
from partnerships.models import (
    Coalition,
    CoalitionMembership,
    JointStatement,
    Meeting,
    Organisation,
    Partnership,
    PartnershipStatus,
)
from partnerships.selectors import statement_missing_agreements
from partnerships.services.coalitions import (
    statement_agreement_record,
    statement_agreement_withdraw,
    statement_issue,
    statement_section_agree,
)


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
    organisation = IdFilter(field_name="organisations")

    class Meta:
        model = Partnership
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(summary=_("List partnerships")),
    retrieve=extend_schema(summary=_("Show one partnership")),
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
        help_text=_("Who has not agreed yet: a statement is issued only when every member agrees.")
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
    q = filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name"))

    class Meta:
        model = Coalition
        fields: list[str] = []


MEMBERS = "members"
MembershipInput = form_serializer(MembershipFormSet.form, "MembershipInputSerializer")


class CoalitionInput(form_serializer(CoalitionForm, "CoalitionFieldsSerializer")):  # type: ignore[misc]
    members = MembershipInput(
        many=True,
        required=False,
        help_text=_(
            "The memberships, as on the coalition's form: an item with the id of one "
            "changes it (set left_on when a member leaves), one without an id adds a member; "
            "on a full update (or a change that sends members) those not sent are removed."
        ),
    )


class MeetingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Meeting
        fields = ["id", "coalition", "date", "location", "agenda", "minutes"]
        read_only_fields = ["coalition"]


MeetingInput = form_serializer(MeetingForm, "MeetingInputSerializer")


class WithdrawAgreementInput(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), help_text=_("The member whose agreement is removed.")
    )


class SectionAgreementInput(serializers.Serializer):
    agreed = serializers.BooleanField(
        help_text=_("true records the Section's agreement, false withdraws it.")
    )


StatementInput = form_serializer(StatementForm, "StatementInputSerializer")
# The agreement form is built per statement; its shape, for the schema, from a stand-in.
AgreementInput = form_serializer(
    AgreementForm, "AgreementSerializer", statement=JointStatement(pk=0, coalition_id=0)
)


@extend_schema_view(
    list=extend_schema(summary=_("List coalitions with their members")),
    retrieve=extend_schema(summary=_("Show one coalition with its members")),
    **write_schemas(
        request=CoalitionInput,
        response=CoalitionSerializer,
        create=_("Record a coalition"),
        update=_("Replace a coalition's record"),
        partial_update=_("Change a coalition's record"),
    ),
)
class CoalitionViewSet(ReadWriteViewSet):
    queryset = Coalition.objects.all()
    serializer_class = CoalitionSerializer
    permission_classes = [IsStaffMember]
    filterset_class = CoalitionFilter
    ordering_fields = ["name", "id"]
    ordering = ["name", "id"]

    def get_queryset(self):
        memberships = CoalitionMembership.objects.select_related("organisation")
        return Coalition.objects.prefetch_related(Prefetch("memberships", queryset=memberships))

    def create(self, request, *args, **kwargs):
        return self._save(request, None, status=201)

    def update(self, request, *args, **kwargs):
        return self._save(request, self.get_object(), partial=kwargs.get("partial", False))

    def _save(self, request, instance, *, status=200, partial=False):
        check_types(CoalitionInput, request.data, partial=partial)
        fields = {k: v for k, v in request.data.items() if k != MEMBERS}
        form = bound_form(CoalitionForm, CoalitionInput, fields, instance=instance, partial=partial)
        formset = bound_formset(
            MembershipFormSet, request.data.get(MEMBERS, []), prefix=MEMBERS,
            instance=instance or Coalition(), replace=not partial or MEMBERS in request.data,
        )  # fmt: skip
        # As the page saves them: the coalition and its members together.
        with transaction.atomic():
            coalition = form.save()
            formset.instance = coalition
            formset.save()
        return Response(CoalitionSerializer(self.get_queryset().get(pk=coalition.pk)).data, status)

    @extend_schema(
        methods=["GET"],
        summary=_("List a coalition's meetings"),
        responses=MeetingSerializer(many=True),
        filters=False,
    )
    @extend_schema(
        methods=["POST"],
        summary=_("Record a meeting of a coalition"),
        request=MeetingInput,
        responses={201: MeetingSerializer},
        filters=False,
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def meetings(self, request, pk=None):
        coalition = self.get_object()
        if request.method == "POST":
            check_types(MeetingInput, request.data)
            form = validated(MeetingForm(data=request.data))
            form.instance.coalition = coalition
            return Response(MeetingSerializer(form.save()).data, status=201)
        return Response(MeetingSerializer(coalition.meetings.all(), many=True).data)

    @extend_schema(
        methods=["GET"],
        summary=_("List a coalition's joint statements and who has agreed"),
        responses=StatementSerializer(many=True),
        filters=False,
    )
    @extend_schema(
        methods=["POST"],
        summary=_("Draft a joint statement of a coalition"),
        request=StatementInput,
        responses={201: StatementSerializer},
        filters=False,
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def statements(self, request, pk=None):
        coalition = self.get_object()
        if request.method == "POST":
            check_types(StatementInput, request.data)
            form = validated(StatementForm(data=request.data))
            form.instance.coalition = coalition
            return Response(StatementSerializer(form.save()).data, status=201)
        statements = coalition.statements.prefetch_related("agreements")
        return Response(StatementSerializer(statements, many=True).data)


class MeetingFilter(filters.FilterSet):
    coalition = IdFilter(field_name="coalition_id")

    class Meta:
        model = Meeting
        fields: list[str] = []


_MEETING_WRITES = write_schemas(
    request=MeetingInput,
    response=MeetingSerializer,
    create="",
    update=_("Replace a meeting's record (agenda, minutes)"),
    partial_update=_("Change a meeting's record (agenda, minutes)"),
)
_MEETING_WRITES.pop("create")  # a meeting is recorded under its coalition


@extend_schema_view(
    list=extend_schema(summary=_("List meetings of coalitions")),
    retrieve=extend_schema(summary=_("Show one meeting of a coalition")),
    **_MEETING_WRITES,
)
@extend_schema(
    description=_(
        "A coalition's meeting (about six a year on the seed's platform), as on the "
        "meeting form: the minutes are written after it."
    )
)
class MeetingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    # Its description is the schema's (extend_schema above), in the reader's language.

    queryset = Meeting.objects.all()
    serializer_class = MeetingSerializer
    permission_classes = [IsStaffMember]
    filterset_class = MeetingFilter
    ordering_fields = ["date", "id"]
    ordering = ["-date", "-id"]

    def get_queryset(self):
        return Meeting.objects.all()

    def update(self, request, *args, **kwargs):
        meeting = self.get_object()
        form = bound_form(
            MeetingForm, MeetingInput, request.data, instance=meeting,
            partial=kwargs.get("partial", False),
        )  # fmt: skip
        return Response(MeetingSerializer(form.save()).data)


@extend_schema_view(retrieve=extend_schema(summary=_("Show one joint statement")))
@extend_schema(
    description=_(
        "A joint statement is issued in the coalition's name only when every member agrees."
    )
)
class StatementViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    # Its description is the schema's (extend_schema above), in the reader's language.

    queryset = JointStatement.objects.all()
    serializer_class = StatementSerializer
    permission_classes = [IsStaffMember]

    def get_queryset(self):
        return JointStatement.objects.select_related("coalition").prefetch_related("agreements")

    def _answer(self, statement: JointStatement) -> Response:
        return Response(StatementSerializer(self.get_queryset().get(pk=statement.pk)).data)

    @extend_schema(
        summary=_("Record a member's agreement to a joint statement"),
        request=AgreementInput,
        responses={200: StatementSerializer},
    )
    @action(detail=True, methods=["post"])
    def agree(self, request, pk=None):
        statement = self.get_object()
        check_types(AgreementInput, request.data)
        form = validated(AgreementForm(data=request.data, statement=statement))
        refusing(
            lambda: statement_agreement_record(
                statement=statement, by=request.user, **form.cleaned_data
            )
        )
        return self._answer(statement)

    @extend_schema(
        summary=_("Remove a member's agreement to a joint statement"),
        request=WithdrawAgreementInput,
        responses={200: StatementSerializer},
    )
    @action(detail=True, methods=["post"], url_path="withdraw-agreement")
    def withdraw_agreement(self, request, pk=None):
        statement = self.get_object()
        organisation = check_types(WithdrawAgreementInput, request.data)["organisation"]
        refusing(
            lambda: statement_agreement_withdraw(statement=statement, organisation=organisation)
        )
        return self._answer(statement)

    @extend_schema(
        summary=_("Record or withdraw the Section's own agreement to a joint statement"),
        request=SectionAgreementInput,
        responses={200: StatementSerializer},
    )
    @action(detail=True, methods=["post"], url_path="section-agreement")
    def section_agreement(self, request, pk=None):
        statement = self.get_object()
        agreed = check_types(SectionAgreementInput, request.data)["agreed"]
        refusing(lambda: statement_section_agree(statement=statement, agreed=agreed))
        return self._answer(statement)

    @extend_schema(
        summary=_("Issue a joint statement (every member has agreed)"),
        request=None,
        responses={200: StatementSerializer},
    )
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        statement = self.get_object()
        refusing(lambda: statement_issue(statement=statement, by=request.user))
        return self._answer(statement)
