"""Evaluations on the organisation timeline (registered in EvaluationConfig.ready())."""

from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from config.queries import id_in
from config.reversing import reverse_id
from partnerships.models import Organisation
from partnerships.timeline import TimelineEntry, TimelineSource, choice_label

from .models import Evaluation, EvaluationStatus, JointActivity


def _evaluation_entry(when, pk: int, values: list, organisation: Organisation) -> TimelineEntry:
    title, status, rating, recommendation, completed_by, created_by, activity = values[:7]
    detail = _("Draft")
    if status == EvaluationStatus.COMPLETE:
        detail = _("Rated %(rating)s/5 · recommends %(recommendation)s") % {
            "rating": rating,
            "recommendation": choice_label(Evaluation, "recommendation", recommendation).lower(),
        }
    return TimelineEntry(
        when=when,
        kind="evaluation",
        title=_("Evaluation: %(title)s") % {"title": title},
        detail=detail,
        url=reverse_id("evaluation:activity_detail", int(activity)) + "#evaluation",
        actor=completed_by or created_by,
    )


def _evaluations_of(organisation: Organisation):
    # Through the activities' ids: a coalition member twice over is still one entry.
    # Each kind of activity by its own index, in a UNION: an OR across the two joins
    # made PostgreSQL join every activity (issue 15's bench: 46 ms of the page).
    activities = JointActivity.objects.order_by()
    ids = (
        activities.filter(partnership__organisations=organisation)
        .values("pk")
        .union(activities.filter(coalition__organisations=organisation).values("pk"))
    )
    # The activities' ids read first, then each evaluation through its index
    # (config/queries.py): as a join, PostgreSQL read every evaluation and activity.
    return Evaluation.objects.filter(id_in("activity", ids))


# Evaluations of activities under the organisation's partnerships or coalitions, drafts
# included (dated when started).
evaluation_entries = TimelineSource(
    rows=_evaluations_of,
    when=Coalesce("completed_at", "created_at"),
    columns=[
        "activity__title",
        "status",
        "overall_rating",
        "recommendation",
        "completed_by__username",
        "created_by__username",
        "activity_id",
    ],  # fmt: skip
    entry=_evaluation_entry,
)
