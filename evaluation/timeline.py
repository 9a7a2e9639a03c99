"""Evaluations on the organisation timeline (registered in EvaluationConfig.ready())."""

from django.db.models import Q

from partnerships.models import Organisation
from partnerships.timeline import TimelineEntry

from .models import Evaluation


def evaluation_entries(organisation: Organisation) -> list[TimelineEntry]:
    """One query: evaluations of activities under the organisation's partnerships or
    coalitions, drafts included (dated when started)."""
    evaluations = (
        Evaluation.objects.filter(
            Q(activity__partnership__organisations=organisation)
            | Q(activity__coalition__organisations=organisation)
        )
        .select_related("activity", "completed_by", "created_by")
        .distinct()
    )
    return [
        TimelineEntry(
            when=evaluation.completed_at or evaluation.created_at,
            kind="evaluation",
            title=f"Evaluation: {evaluation.activity.title}",
            detail=_detail(evaluation),
            url=evaluation.get_absolute_url(),
            actor=str(evaluation.completed_by or evaluation.created_by),
        )
        for evaluation in evaluations
    ]


def _detail(evaluation: Evaluation) -> str:
    if not evaluation.is_complete:
        return "Draft"
    return (
        f"Rated {evaluation.overall_rating}/5 · recommends "
        f"{evaluation.get_recommendation_display().lower()}"
    )
