"""Recording joint activities and their targets."""

from collections.abc import Mapping

from django.db import transaction

from accounts.models import User
from config.periods import ends_before_it_starts
from evaluation.models import JointActivity
from partnerships.models import Coalition, Partnership

from .common import EvaluationRefused, may_change, may_record_under

ACTIVITY_FIELDS = (
    "title", "kind", "starts_on", "ends_on", "place", "run_by", "staff_hours",
    "volunteer_hours", "money_spent", "in_kind", "public_reached", "description",
)  # fmt: skip


def _check_dates(details: Mapping) -> None:
    if ends_before_it_starts(details.get("starts_on"), details.get("ends_on")):
        raise EvaluationRefused("An activity cannot end before it starts.")


@transaction.atomic
def activity_create(
    *,
    user: User,
    details: Mapping,
    partnership: Partnership | None = None,
    coalition: Coalition | None = None,
) -> JointActivity:
    """A new activity under exactly one partnership or coalition the user may record under."""
    if (partnership is None) == (coalition is None):
        raise EvaluationRefused("Choose either a partnership or a coalition.")
    if not may_record_under(user, partnership=partnership, coalition=coalition):
        raise EvaluationRefused("You may record activities only of your own group's partnerships.")
    _check_dates(details)
    return JointActivity.objects.create(
        partnership=partnership,
        coalition=coalition,
        created_by=user,
        **{name: details[name] for name in ACTIVITY_FIELDS if name in details},
    )


@transaction.atomic
def activity_update(*, activity: JointActivity, user: User, details: Mapping) -> JointActivity:
    if not may_change(user, activity):
        raise EvaluationRefused("You may change activities only of your own group's partnerships.")
    _check_dates(details)
    for name in ACTIVITY_FIELDS:
        if name in details:
            setattr(activity, name, details[name])
    activity.save()
    return activity
