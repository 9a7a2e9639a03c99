"""Reads across relations: lessons for a request, chart data, due evaluations."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.emails import absolute_url
from accounts.roles import is_local_group, is_section_staff
from config.periods import Window, due_within
from config.queries import id_in
from partnerships.models import Organisation, Partnership
from partnerships.models.partnerships import PartnershipQuerySet

from .models import (
    Evaluation,
    EvaluationStatus,
    JointActivity,
    Lesson,
    NextStep,
    NextStepKind,
    PartnerAnswer,
    Target,
)

LESSONS_SHOWN = 5


def partnerships_visible_to(user) -> PartnershipQuerySet:
    if is_section_staff(user):
        return Partnership.objects.all()
    if is_local_group(user):
        return Partnership.objects.filter(local_group_id=user.local_group_id)
    return Partnership.objects.none()


# ---------------------------------------------------------------------------
# Lessons


def _sector_slugs(organisation: Organisation):
    """The organisation's sector slugs as a subquery (no query of its own), or None."""
    sectors = getattr(organisation, "sectors", None)  # outreach's relation, when installed
    return sectors.values("slug") if sectors is not None else None


def lessons_matching(
    *,
    organisation: Organisation | None,
    methods: list[str] | tuple[str, ...] = (),
    joins_coalition: bool = False,
) -> list[Lesson]:
    """At most five lessons, most relevant first: the same organisation; then one of the
    same kind or sector, or a coalition the organisation belongs to; then the same
    method of cooperation (or any coalition's lessons, for a group joining one).
    One query."""
    nothing = Q(pk__in=[])
    same_org, related, same_method = nothing, nothing, nothing
    if organisation is not None:
        related = Q(organisation_kind=organisation.kind)
        if organisation.pk:
            same_org = Q(organisation_id=organisation.pk)
            related |= Q(coalition__in=organisation.coalitions.values("pk"))
            if (slugs := _sector_slugs(organisation)) is not None:
                related |= Q(sector__in=slugs)
    if methods:
        same_method = Q(method__in=list(methods))
    if joins_coalition:
        same_method |= Q(coalition__isnull=False)
    if same_org is nothing and related is nothing and same_method is nothing:
        return []

    def flag(condition: Q) -> Case:
        return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())

    return list(
        Lesson.objects.filter(same_org | related | same_method)
        .annotate(
            org_match=flag(same_org), related_match=flag(related), method_match=flag(same_method)
        )
        .select_related("evaluation__activity__partnership", "organisation", "coalition")
        .order_by("-org_match", "-related_match", "-method_match", "-created_at", "-pk")[
            :LESSONS_SHOWN
        ]
    )


def lessons_for_request(partnership_request) -> list[Lesson]:
    return lessons_matching(
        organisation=partnership_request.organisation,
        methods=partnership_request.methods or [],
        joins_coalition=partnership_request.joins_coalition,
    )


def lesson_search(text: str) -> QuerySet[Lesson]:
    """Full-text search on PostgreSQL (ranked), a plain substring match elsewhere."""
    lessons = Lesson.objects.select_related("organisation", "coalition", "evaluation__activity")
    text = text.strip()
    if not text:
        return lessons
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("text", weight="A") + SearchVector(
            "evaluation__activity__title", weight="B"
        )
        query = SearchQuery(text, search_type="websearch", config="english")
        return (
            lessons.annotate(rank=SearchRank(vector, query))
            .filter(rank__gt=0)
            .order_by("-rank", "-created_at")
        )
    return lessons.filter(Q(text__icontains=text) | Q(evaluation__activity__title__icontains=text))


def open_risk_reviews(organisation_id: int) -> list[NextStep]:
    """Risk reviews evaluations asked for (negative effects) and nobody has done yet."""
    return list(
        NextStep.objects.filter(
            kind=NextStepKind.RISK_REVIEW, organisation_id=organisation_id, done_at__isnull=True
        ).select_related("activity", "owner")
    )


# ---------------------------------------------------------------------------
# Targets against actuals (the chart and its table)


def _number(value) -> float | None:
    return None if value is None else float(value)


def target_rows(targets) -> list[dict]:
    return [
        {
            "activity": target.activity.title,
            "indicator": target.indicator,
            "unit": target.unit,
            "baseline": _number(target.baseline),
            "target": _number(target.target),
            "actual": _number(target.actual),
            "status": target.status.value,
            "status_label": target.status.label,
        }
        for target in targets
    ]


def activity_chart(activity: JointActivity) -> dict:
    return {
        "title": activity.title,
        "rows": target_rows(activity.targets.select_related("activity")),
    }


def partnership_chart(partnership: Partnership) -> dict:
    targets = Target.objects.filter(activity__partnership=partnership).select_related("activity")
    ratings = [
        {
            "date": e.completed_at.date().isoformat(),  # type: ignore[union-attr]  # complete()
            "activity": e.activity.title,
            "rating": e.overall_rating,
        }
        for e in completed_evaluations(partnership)
    ]
    return {"title": partnership.title, "rows": target_rows(targets), "ratings": ratings}


def completed_evaluations(partnership: Partnership) -> list[Evaluation]:
    return list(
        Evaluation.objects.filter(
            activity__partnership=partnership, status=EvaluationStatus.COMPLETE
        )
        .select_related("activity")
        .order_by("completed_at", "pk")
    )


# ---------------------------------------------------------------------------
# A partnership's evaluation page


@dataclass(frozen=True)
class ActivityOverview:
    activity: JointActivity
    evaluation: Evaluation | None
    partner_answers: list[PartnerAnswer]


def partnership_activities(partnership: Partnership) -> list[ActivityOverview]:
    activities = (
        JointActivity.objects.filter(partnership=partnership)
        .select_related("evaluation")
        .prefetch_related("targets", "partner_answers")
    )
    return [
        ActivityOverview(
            activity=activity,
            evaluation=getattr(activity, "evaluation", None),
            partner_answers=list(activity.partner_answers.all()),
        )
        for activity in activities
    ]


# ---------------------------------------------------------------------------
# What is due (the dashboard's reminders, digest and calendar feed)


@dataclass(frozen=True)
class DueItem:
    kind: str
    title: str
    due: datetime.date
    url: str


def _evaluation_delay() -> datetime.timedelta:
    return datetime.timedelta(days=settings.EVALUATION_DUE_AFTER_DAYS)


def _activities_to_evaluate(user, today: datetime.date) -> QuerySet[JointActivity]:
    """Activities ended EVALUATION_DUE_AFTER_DAYS ago or more without a complete
    evaluation: for the partnership's lead, or the staff member who recorded a
    coalition's activity. An evaluation is due that long after the activity ended."""
    return (
        JointActivity.objects.ended_before(today - _evaluation_delay() + datetime.timedelta(days=1))
        .without_complete_evaluation()
        # The lead's partnerships read first (config/queries.py): as a join, the OR with
        # the coalition branch made PostgreSQL scan every activity and partnership
        # (issue 15's bench: 5.2 ms, 1.0 ms like this).
        .filter(
            id_in("partnership", Partnership.objects.filter(lead=user).values("pk"))
            | Q(coalition__isnull=False, created_by=user)
        )
    )


def _open_next_steps(user) -> QuerySet[NextStep]:
    return NextStep.objects.filter(owner=user, done_at__isnull=True)


def _partnerships_to_review(user, today: datetime.date) -> PartnershipQuerySet:
    return Partnership.objects.active().filter(lead=user, review_on__lte=today)


def evaluations_due_for(user, today: datetime.date, window: Window = None) -> list[DueItem]:
    delay = _evaluation_delay()
    activities = due_within(
        _activities_to_evaluate(user, today).order_by("ends_on", "pk"),
        "ends_on",
        window,
        due_after=delay,
    )
    return [
        DueItem(
            kind=_("Evaluation"),
            title=_("Evaluate %(activity)s") % {"activity": activity.title},
            due=activity.ends_on + delay,
            url=absolute_url(activity.get_absolute_url()),
        )
        for activity in activities
    ]


def next_steps_due_for(user, today: datetime.date, window: Window = None) -> list[DueItem]:
    steps = due_within(
        _open_next_steps(user).select_related("activity", "organisation"), "due_on", window
    )
    return [
        DueItem(
            kind=_("Next step"),
            title=_("%(step)s: %(subject)s")
            % {
                "step": step.get_kind_display(),
                "subject": step.organisation if step.organisation_id else step.activity,
            },
            due=step.due_on,
            url=absolute_url(reverse("evaluation:next_step", args=[step.pk])),
        )
        for step in steps
    ]


def partnership_reviews_due_for(user, today: datetime.date, window: Window = None) -> list[DueItem]:
    partnerships = due_within(_partnerships_to_review(user, today), "review_on", window)
    return [
        DueItem(
            kind=_("Review"),
            title=_("Review the partnership %(partnership)s") % {"partnership": partnership},
            due=partnership.review_on,
            url=absolute_url(reverse("evaluation:partnership", args=[partnership.pk])),
        )
        for partnership in partnerships.order_by("review_on", "pk")
    ]


def due_for(user, today: datetime.date | None = None, window: Window = None) -> list[DueItem]:
    today = today or timezone.localdate()
    return [
        *evaluations_due_for(user, today, window),
        *next_steps_due_for(user, today, window),
        *partnership_reviews_due_for(user, today, window),
    ]


def due_dates_for(user, today: datetime.date) -> list[datetime.date]:
    """The due date of every item due_for(user, today) returns, in one query and
    without building the items."""
    days = Value(_evaluation_delay().days, output_field=IntegerField())
    none = Value(0, output_field=IntegerField())
    dates = (_activities_to_evaluate(user, today).order_by().values_list("ends_on", days)).union(
        _open_next_steps(user).order_by().values_list("due_on", none),
        _partnerships_to_review(user, today).order_by().values_list("review_on", none),
        all=True,
    )
    return [day + datetime.timedelta(days=shift) for day, shift in dates]
