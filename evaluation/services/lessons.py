"""Lessons learned, tagged from the activity they come from."""

from typing import Any

from django.db import transaction

from accounts.models import User
from evaluation.models import Evaluation, Lesson

from .common import EvaluationRefused, may_change


def lesson_tags(evaluation: Evaluation) -> dict:
    """Organisation, its kind and first sector, the method, the coalition: what a
    later request is matched on."""
    activity = evaluation.activity
    organisations = list(activity.partnership.organisations.all()) if activity.partnership else []
    organisation = organisations[0] if len(organisations) == 1 else None
    sectors = getattr(organisation, "sectors", None)  # outreach's relation, when installed
    sector = sectors.values_list("slug", flat=True).first() if sectors is not None else None
    return {
        "organisation": organisation,
        "organisation_kind": organisation.kind if organisation else "",
        "sector": sector or "",
        "method": activity.kind,
        "coalition": activity.coalition,
    }


@transaction.atomic
def lesson_record(*, evaluation: Evaluation, user: User, text: str, **tags: Any) -> Lesson:
    if not may_change(user, evaluation.activity):
        raise EvaluationRefused("You may add lessons only to your own group's evaluations.")
    text = text.strip()
    if not text:
        raise EvaluationRefused("Write the lesson first.")
    return Lesson.objects.create(
        evaluation=evaluation, text=text, created_by=user, **{**lesson_tags(evaluation), **tags}
    )
