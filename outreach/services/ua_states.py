"""Who may do what to an Urgent Action and its mailings, in which state: one table.

draft → approved (a coordinator) → sending (issued) → sent; a draft or an
approved UA not yet sent can be cancelled. Follow-ups go out once it was
issued. Pages, the admin and the services ask `urgent_action_allowed_actions()`
and `mailing_allowed_actions()`; the services refuse with `check_urgent_action`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy

from accounts.errors import NotPermitted, NotPossible
from accounts.models import User
from accounts.roles import is_coordinator, is_section_staff
from outreach.models import Mailing, MailingStatus, UrgentAction, UrgentActionStatus

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

U = UrgentActionStatus


@dataclass(frozen=True)
class UrgentActionRule:
    sources: frozenset[str]
    who: Callable[[Any], bool]
    # Lazy sentences, in the reader's language.
    refused: "str | _StrPromise"  # for a user who may not
    not_now: "str | _StrPromise"  # shown when the state forbids it


URGENT_ACTION_RULES: dict[str, UrgentActionRule] = {
    "edit": UrgentActionRule(
        frozenset({U.DRAFT}),
        is_section_staff,
        gettext_lazy("Only Section staff may edit Urgent Actions."),
        gettext_lazy(
            "Only a draft can be edited: an approved text is what the coordinator approved."
        ),
    ),
    "approve": UrgentActionRule(
        frozenset({U.DRAFT}),
        is_coordinator,
        gettext_lazy("Only coordinators approve Urgent Actions."),
        gettext_lazy("{reference} is {status}, not a draft: it cannot be approved again."),
    ),
    "cancel": UrgentActionRule(
        frozenset({U.DRAFT, U.APPROVED}),
        is_section_staff,
        gettext_lazy("Only Section staff may cancel an Urgent Action."),
        gettext_lazy("Only a draft or an approved Urgent Action not yet sent can be cancelled."),
    ),
    "issue": UrgentActionRule(
        frozenset({U.APPROVED}),
        is_section_staff,
        gettext_lazy("Only Section staff may send an Urgent Action."),
        gettext_lazy("Only an approved Urgent Action that has not been sent yet can be issued."),
    ),
    "follow_up": UrgentActionRule(
        frozenset({U.SENDING, U.SENT}),
        is_section_staff,
        gettext_lazy("Only Section staff may send a follow-up."),
        gettext_lazy("A follow-up can only be sent once the Urgent Action was issued."),
    ),
}


def urgent_action_allowed_actions(user: User, urgent_action: UrgentAction) -> set[str]:
    """The actions this user could take now: what the pages offer as buttons."""
    return {
        name
        for name, rule in URGENT_ACTION_RULES.items()
        if urgent_action.status in rule.sources and rule.who(user)
    }


def urgent_action_awaits_approval(urgent_action: UrgentAction) -> bool:
    """Whoever looks: it cannot go out before a coordinator approves it."""
    return urgent_action.status in URGENT_ACTION_RULES["approve"].sources


def check_urgent_action(user: User, urgent_action: UrgentAction, action: str) -> None:
    """Refuse the action unless the table allows it (the user first, then the state)."""
    rule = URGENT_ACTION_RULES[action]
    if not rule.who(user):
        raise NotPermitted(str(rule.refused))
    if urgent_action.status not in rule.sources:
        raise NotPossible(
            str(rule.not_now).format(
                reference=urgent_action.reference,
                status=urgent_action.get_status_display().lower(),
            )
        )


# A mailing moves by itself (queued → sending → done); people only watch it.
MAILING_RULES: dict[str, tuple[frozenset[str], Callable[[Any], bool]]] = {
    "watch_progress": (frozenset({MailingStatus.QUEUED, MailingStatus.SENDING}), is_section_staff),
}


def mailing_allowed_actions(user: User, mailing: Mailing) -> set[str]:
    return {
        name
        for name, (sources, who) in MAILING_RULES.items()
        if mailing.status in sources and who(user)
    }
