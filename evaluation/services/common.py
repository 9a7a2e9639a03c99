from accounts.roles import is_coordinator, is_local_group, is_section_staff
from partnerships.models import PartnershipStatus
from partnerships.services.requests import TransitionNotAllowed


class EvaluationRefused(TransitionNotAllowed):
    """A sentence for the person; a TransitionNotAllowed, so callers catch one type."""


def is_staff_user(user) -> bool:
    return is_section_staff(user) or is_coordinator(user)


def is_own_partnership(user, partnership) -> bool:
    return (
        partnership is not None
        and is_local_group(user)
        and partnership.local_group_id == user.local_group_id
    )


def may_record_under(user, *, partnership=None, coalition=None) -> bool:
    """Staff record anywhere; a local group only under its own active (approved) partnerships."""
    if is_staff_user(user):
        return True
    return (
        coalition is None
        and is_own_partnership(user, partnership)
        and (partnership.status == PartnershipStatus.ACTIVE)
    )


def may_change(user, activity) -> bool:
    """Staff change any activity; a local group those of its own partnerships."""
    return is_staff_user(user) or is_own_partnership(user, activity.partnership)
