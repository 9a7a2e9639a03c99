"""Joint activities, evaluations and lessons over the API, with the pages' rules.

Staff see and change every activity; a local group only those of its own
partnerships (any other is 404) and records new ones only under its own active
partnerships. Writes go through the pages' forms and the services the pages call
(`activity_create`, `activity_update`, `evaluation_save`, `lesson_record`)."""

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.api.filters import IdFilter
from accounts.api.forms import bound_formset, check_types, form_data, form_serializer, validated
from accounts.api.permissions import IsStaffMember, IsStaffMemberOrLocalGroup
from accounts.api.schema import write_schemas
from accounts.api.viewsets import ReadWriteViewSet
from accounts.roles import is_section_staff
from evaluation import selectors
from evaluation.forms import (
    ActivityForm,
    EvaluationForm,
    LessonSearchForm,
    TargetForm,
    TargetFormSet,
)
from evaluation.models import (
    QUESTIONS,
    Evaluation,
    EvaluationStatus,
    JointActivity,
    Lesson,
    Recommendation,
    Target,
)
from evaluation.services.activities import activity_create, activity_update
from evaluation.services.common import may_change
from evaluation.services.evaluations import evaluation_save
from evaluation.services.lessons import lesson_record

TARGETS = "targets"


class TargetSerializer(serializers.ModelSerializer):
    status = serializers.ReadOnlyField(help_text=_("reached, partly, not_reached or pending."))

    class Meta:
        model = Target
        fields = ["id", "indicator", "unit", "baseline", "target", "actual", "status"]


class ActivitySerializer(serializers.ModelSerializer):
    targets = TargetSerializer(many=True, read_only=True)
    evaluation_status = serializers.SerializerMethodField(
        help_text=_("draft or complete; empty while nobody has evaluated the activity.")
    )
    may_change = serializers.SerializerMethodField(
        help_text=_("Whether you may change and evaluate it (the page's buttons).")
    )

    class Meta:
        model = JointActivity
        fields = [
            "id", "partnership", "coalition", "title", "kind", "starts_on", "ends_on", "place",
            "run_by", "staff_hours", "volunteer_hours", "money_spent", "in_kind",
            "public_reached", "description", "targets", "evaluation_status", "may_change",
            "created_at", "updated_at",
        ]  # fmt: skip

    def get_evaluation_status(self, activity: JointActivity) -> str:
        evaluation = getattr(activity, "evaluation", None)
        return evaluation.status if evaluation else ""

    def get_may_change(self, activity: JointActivity) -> bool:
        return may_change(self.context["request"].user, activity)


TargetInput = form_serializer(TargetForm, "TargetInputSerializer")


class ActivityInput(form_serializer(ActivityForm, "ActivityFieldsSerializer", user=AnonymousUser(), staff=True)):  # type: ignore[misc]  # fmt: skip
    targets = TargetInput(
        many=True,
        required=False,
        help_text=_(
            "The activity's targets: an item with the id of one of them changes it, "
            "one without an id adds a target; on a full update (or a change that sends "
            "targets) the targets not sent are removed."
        ),
    )


class ActivityFilter(filters.FilterSet):
    q = filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Title"))
    partnership = IdFilter(field_name="partnership_id")

    class Meta:
        model = JointActivity
        fields: list[str] = []


_ACTIVITY_FIELDS = [f for f in ActivityForm.Meta.fields if f not in ("partnership", "coalition")]


class EvaluationSerializer(serializers.ModelSerializer):
    lessons = serializers.SlugRelatedField(slug_field="text", many=True, read_only=True)
    unanswered = serializers.SerializerMethodField(
        help_text=_("The questions still open: a complete evaluation answers all eight.")
    )

    class Meta:
        model = Evaluation
        fields = [
            "id", "activity", "status",
            *(f for name, _q in QUESTIONS for f in (name, f"{name}_note")),
            "overall_rating", "recommendation", "completed_at", "created_at", "updated_at",
            "unanswered", "lessons",
        ]  # fmt: skip

    def get_unanswered(self, evaluation: Evaluation) -> list[str]:
        return evaluation.unanswered()


class EvaluationInput(form_serializer(EvaluationForm, "EvaluationFieldsSerializer")):  # type: ignore[misc]
    complete = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("Complete the evaluation (every question answered); it cannot change after."),
    )


@extend_schema_view(
    list=extend_schema(summary=_("List joint activities (a local group: its own)")),
    retrieve=extend_schema(summary=_("Show one joint activity with its targets")),
    **write_schemas(
        request=ActivityInput,
        response=ActivitySerializer,
        create=_("Record a joint activity"),
        update=_("Replace a joint activity's record"),
        partial_update=_("Change a joint activity's record"),
        description=_(
            "Under exactly one partnership or coalition; a local group records "
            "only under its own active partnerships, and only staff under a coalition. An "
            "activity stays where it was recorded."
        ),
    ),
)
class ActivityViewSet(ReadWriteViewSet):
    queryset = JointActivity.objects.all()
    serializer_class = ActivitySerializer
    permission_classes = [IsStaffMemberOrLocalGroup]
    filterset_class = ActivityFilter
    ordering_fields = ["starts_on", "ends_on", "id"]
    ordering = ["-ends_on", "-id"]

    def get_queryset(self):
        return (
            JointActivity.objects.visible_to(self.request.user)
            .select_related("partnership", "coalition", "evaluation")
            .prefetch_related("targets")
        )

    def _form(self, request, activity: JointActivity | None, partial: bool) -> ActivityForm:
        check_types(ActivityInput, request.data, partial=partial)
        fields = {k: v for k, v in request.data.items() if k != TARGETS}
        data = form_data(fields, instance=activity if partial else None, fields=_ACTIVITY_FIELDS)
        staff = is_section_staff(request.user)
        return validated(ActivityForm(data=data, instance=activity, user=request.user, staff=staff))

    def _respond(self, activity: JointActivity, status: int = 200) -> Response:
        fresh = self.get_queryset().get(pk=activity.pk)
        return Response(self.get_serializer(fresh).data, status=status)

    def create(self, request, *args, **kwargs):
        user = request.user
        # The page's rule: a group without any partnership has nothing to record under.
        if not (is_section_staff(user) or selectors.partnerships_visible_to(user).exists()):
            raise exceptions.PermissionDenied(
                gettext("You have no partnership to record activities of.")
            )
        form = self._form(request, None, partial=False)
        formset = bound_formset(
            TargetFormSet, request.data.get(TARGETS, []), instance=JointActivity(), prefix=TARGETS
        )
        with transaction.atomic():
            activity = activity_create(
                user=user,
                details=form.details(),
                partnership=form.cleaned_data.get("partnership"),
                coalition=form.cleaned_data.get("coalition"),
            )
            formset.instance = activity
            formset.save()
        return self._respond(activity, status=201)

    def update(self, request, *args, **kwargs):
        partial = kwargs.get("partial", False)
        activity = self.get_object()
        if not may_change(request.user, activity):
            raise exceptions.PermissionDenied(
                gettext("You may change only your own group's activities.")
            )
        form = self._form(request, activity, partial=partial)
        formset = bound_formset(
            TargetFormSet, request.data.get(TARGETS, []), instance=activity, prefix=TARGETS,
            replace=not partial or TARGETS in request.data,
        )  # fmt: skip
        with transaction.atomic():
            activity = activity_update(
                activity=JointActivity.objects.get(pk=activity.pk),
                user=request.user,
                details=form.details(),
            )
            formset.instance = activity
            formset.save()
        return self._respond(activity)

    @extend_schema(
        summary=_("Evaluate a joint activity: save a draft, or complete it"),
        description=_(
            "The Campaign Manual's eight questions (yes / partly / no, each with a note), an "
            "overall rating (1 to 5) and a recommendation. The fields not sent keep their "
            "saved values; `complete` completes the evaluation when every question is "
            "answered (refused, 409, otherwise, and once complete it cannot change). A "
            "`lesson` is added to the lessons learned."
        ),
        request=EvaluationInput,
        responses={200: EvaluationSerializer},
        filters=False,
    )
    @action(detail=True, methods=["post"])
    def evaluate(self, request, pk=None):
        activity = self.get_object()
        if not may_change(request.user, activity):
            raise exceptions.PermissionDenied(
                gettext("You may evaluate only your own group's activities.")
            )
        check_types(EvaluationInput, request.data, partial=True)
        evaluation = Evaluation.objects.filter(activity=activity).first()
        fields = {k: v for k, v in request.data.items() if k != "complete"}
        data = form_data(fields, instance=evaluation, fields=EvaluationForm.Meta.fields)
        form = validated(EvaluationForm(data=data, instance=evaluation))
        with transaction.atomic():
            saved = evaluation_save(
                activity=activity,
                user=request.user,
                answers=form.answers(),
                complete=bool(request.data.get("complete")),
            )
            if form.cleaned_data["lesson"].strip():
                lesson_record(evaluation=saved, user=request.user, text=form.cleaned_data["lesson"])
        fresh = Evaluation.objects.prefetch_related("lessons").get(pk=saved.pk)
        return Response(EvaluationSerializer(fresh).data)


class EvaluationFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=EvaluationStatus.choices)
    recommendation = filters.ChoiceFilter(choices=Recommendation.choices)
    activity = IdFilter(field_name="activity_id")

    class Meta:
        model = Evaluation
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(summary=_("List evaluations of joint activities (a local group: its own)")),
    retrieve=extend_schema(summary=_("Show one evaluation")),
)
class EvaluationViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Evaluation.objects.all()
    serializer_class = EvaluationSerializer
    permission_classes = [IsStaffMemberOrLocalGroup]
    filterset_class = EvaluationFilter
    ordering_fields = ["completed_at", "updated_at", "id"]
    ordering = ["-updated_at", "-id"]

    def get_queryset(self):
        # Visible exactly when its activity is.
        return Evaluation.objects.visible_to(self.request.user).prefetch_related("lessons")


class LessonSerializer(serializers.ModelSerializer):
    activity = serializers.IntegerField(source="evaluation.activity_id", read_only=True)

    class Meta:
        model = Lesson
        fields = [
            "id", "text", "evaluation", "activity", "organisation", "organisation_kind",
            "sector", "method", "coalition", "created_at",
        ]  # fmt: skip


@extend_schema_view(
    list=extend_schema(
        summary=_("List or search lessons learned (staff and coordinators)"),
        description=_(
            "`q` searches the lessons and their activities' titles (full text, "
            "ranked); without `ordering` the best matches come first."
        ),
        parameters=[OpenApiParameter("q", OpenApiTypes.STR, description=_("Search text."))],
    ),
    retrieve=extend_schema(summary=_("Show one lesson learned")),
)
class LessonViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Lesson.objects.all()
    serializer_class = LessonSerializer
    permission_classes = [IsStaffMember]
    ordering_fields = ["created_at", "id"]
    ordering = None  # the search's rank, or the newest first

    def get_queryset(self):
        if self.action != "list":
            return selectors.lesson_search("")
        form = validated(LessonSearchForm(data=self.request.query_params))
        return selectors.lesson_search(form.cleaned_data["q"])
