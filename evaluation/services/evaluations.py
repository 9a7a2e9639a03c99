"""Our evaluation of an activity, and the next steps its recommendation sets."""

import datetime
from collections.abc import Mapping
from typing import TypeGuard

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import is_section_staff, require_staff
from evaluation.models import (
    Answer,
    Evaluation,
    EvaluationStatus,
    JointActivity,
    NextStep,
    NextStepKind,
    Recommendation,
    TargetStatus,
)
from evaluation.models.evaluations import QUESTION_FIELDS
from partnerships.models import Partnership, PartnershipStatus

from .common import EvaluationRefused, may_change

EDITABLE_FIELDS = (
    *QUESTION_FIELDS,
    *(f"{name}_note" for name in QUESTION_FIELDS),
    "overall_rating",
    "recommendation",
)


def targets_answer(activity: JointActivity) -> str:
    """ "Are targets being reached?" as the targets say: yes when all are, no when none
    moved, partly otherwise; blank while a result is missing or there are no targets."""
    statuses = {target.status for target in activity.targets.all()}
    if not statuses or TargetStatus.PENDING in statuses:
        return ""
    if statuses == {TargetStatus.REACHED}:
        return Answer.YES
    if statuses == {TargetStatus.NOT_REACHED}:
        return Answer.NO
    return Answer.PARTLY


def evaluation_initial(activity: JointActivity) -> dict:
    """The form's starting point: "targets reached?" pre-filled from the targets."""
    return {"targets_reached": targets_answer(activity)}


@transaction.atomic
def evaluation_save(
    *, activity: JointActivity, user: User, answers: Mapping, complete: bool = False
) -> Evaluation:
    """Save our answers as a draft, or complete the evaluation when all eight are in."""
    if not may_change(user, activity):
        raise EvaluationRefused("You may evaluate only the activities of your own group.")
    evaluation = Evaluation.objects.select_for_update().filter(activity=activity).first()
    if evaluation is None:
        evaluation = Evaluation(activity=activity, created_by=user)
    elif evaluation.is_complete:
        raise EvaluationRefused("This evaluation is complete and can no longer be changed.")
    for name in EDITABLE_FIELDS:
        if name in answers:
            setattr(evaluation, name, answers[name])
    if complete:
        if missing := evaluation.unanswered():
            raise EvaluationRefused(
                "Answer every question before completing the evaluation. Still open: "
                + "; ".join(missing)
            )
        evaluation.status = EvaluationStatus.COMPLETE
        evaluation.completed_at = timezone.now()
        evaluation.completed_by = user
    evaluation.save()
    if complete:
        _set_next_steps(evaluation)
    return evaluation


def _next_step_due() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=settings.EVALUATION_NEXT_STEP_DAYS)


def _set_next_steps(evaluation: Evaluation) -> None:
    """Seed 000's loop closed: the recommendation decides what happens to the relationship."""
    activity = evaluation.activity
    partnership = activity.partnership
    owner = partnership.lead if partnership else _staff_or_none(activity.created_by)
    if evaluation.recommendation == Recommendation.CONTINUE and _is_active(partnership):
        partnership.review_on = timezone.localdate() + datetime.timedelta(
            days=settings.EVALUATION_REVIEW_AFTER_DAYS
        )
        partnership.save(update_fields=["review_on", "updated_at"])
    elif evaluation.recommendation == Recommendation.ADJUST:
        _next_step(evaluation, NextStepKind.ADJUST, owner)
    elif evaluation.recommendation == Recommendation.CONCLUDE and _is_active(partnership):
        _next_step(evaluation, NextStepKind.CONCLUDE, owner)
    if evaluation.negative_effects == Answer.YES:
        risk_review_flag(activity=activity, evaluation=evaluation)


def _is_active(partnership: Partnership | None) -> TypeGuard[Partnership]:
    return partnership is not None and partnership.status == PartnershipStatus.ACTIVE


def _next_step(evaluation: Evaluation, kind: str, owner: User | None) -> NextStep:
    return NextStep.objects.create(
        activity=evaluation.activity, evaluation=evaluation, kind=kind, owner=owner,
        due_on=_next_step_due(),
    )  # fmt: skip


def _staff_or_none(user: User | None) -> User | None:
    return user if is_section_staff(user) else None


def risk_review_flag(
    *, activity: JointActivity, evaluation: Evaluation | None = None
) -> list[NextStep]:
    """Negative effects (ours or the partner's): each partner organisation goes on its
    owner's list for a risk review. A reminder item until the risk app's assessment
    can take it over; once per activity and organisation."""
    fallback = activity.partnership.lead if activity.partnership else None
    steps = []
    for organisation in activity.organisations.select_related("relationship_owner"):
        step, _ = NextStep.objects.get_or_create(
            activity=activity,
            kind=NextStepKind.RISK_REVIEW,
            organisation=organisation,
            defaults={
                "evaluation": evaluation,
                "owner": organisation.relationship_owner or fallback,
                "due_on": _next_step_due(),
            },
        )
        steps.append(step)
    return steps


@transaction.atomic
def next_step_done(*, step: NextStep, user: User) -> NextStep:
    require_staff(user, to="mark a next step done")
    if step.done_at is None:
        step.done_at = timezone.now()
        step.save(update_fields=["done_at"])
    return step


@transaction.atomic
def next_step_conclude_partnership(*, step: NextStep, user: User) -> NextStep:
    """The coordinator confirms the proposal: the existing conclude service decides."""
    from partnerships.services.requests import partnership_conclude

    partnership = step.activity.partnership
    if step.kind != NextStepKind.CONCLUDE or step.done_at is not None or partnership is None:
        raise EvaluationRefused("This proposal is no longer open.")
    partnership_conclude(partnership=partnership, user=user)
    return next_step_done(step=step, user=user)
