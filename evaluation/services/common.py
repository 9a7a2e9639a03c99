from typing import TYPE_CHECKING

from accounts.models import User
from accounts.roles import is_local_group, is_section_staff
from partnerships.models import Coalition, Partnership, PartnershipStatus
from partnerships.services.requests import TransitionNotAllowed

if TYPE_CHECKING:
    from evaluation.models import JointActivity


class EvaluationRefused(TransitionNotAllowed):
    """A sentence for the person; a TransitionNotAllowed, so callers catch one type."""


def is_own_partnership(user: User, partnership: Partnership | None) -> bool:
    return (
        partnership is not None
        and is_local_group(user)
        and partnership.local_group_id == user.local_group_id
    )


def may_record_under(
    user: User, *, partnership: Partnership | None = None, coalition: Coalition | None = None
) -> bool:
    """Staff record anywhere; a local group only under its own active (approved) partnerships."""
    if is_section_staff(user):
        return True
    return (
        coalition is None
        and partnership is not None
        and is_own_partnership(user, partnership)
        and partnership.status == PartnershipStatus.ACTIVE
    )


def may_change(user: User, activity: "JointActivity") -> bool:
    """Staff change any activity; a local group those of its own partnerships."""
    return is_section_staff(user) or is_own_partnership(user, activity.partnership)
