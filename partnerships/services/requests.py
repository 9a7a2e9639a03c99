"""The life of a partnership request: who may move it where, and what each move leaves behind.

States: draft → submitted → in review → (needs information ↔ submitted) →
approved / declined / escalated / withdrawn; a request that uses only methods
needing no authorisation is noted at once. Every move is one call here, checks
who makes it, and leaves a `RequestEvent` (who, when, comment).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from accounts.emails import (
    MailServerRefusedLogin,
    message_id_domain,
    notifications_are_suppressed,
    send_templated_email,
)
from accounts.errors import NotPermitted, ServiceRefused
from accounts.models import User
from accounts.roles import is_local_group, is_section_staff, may_decide
from config.periods import ends_before_it_starts
from partnerships.gates import approval_refusals
from partnerships.models import (
    ChecklistAnswer,
    Organisation,
    Partnership,
    PartnershipRequest,
    PartnershipStatus,
    RequestEvent,
    RequestStatus,
)
from partnerships.models.organisations import RelationshipStatus
from partnerships.models.requests import (
    AWAITING_COORDINATOR_STATUSES,
    DECISION_STATUSES,
    NOTIFIED_STATUSES,
    REQUEST_DETAIL_FIELDS,
    UNDECIDED_STATUSES,
    ChecklistQuestion,
)
from partnerships.selectors import find_existing_relationships, group_email_recipients
from partnerships.services.relationships import (
    relationship_partnership_approved,
    relationship_partnership_concluded,
)


class TransitionNotAllowed(ServiceRefused):
    """A move the rules forbid; the message is written for the person who tried it."""


class RequestNotPermitted(TransitionNotAllowed, NotPermitted):
    """The user's role may not make this move at all (an API answers 403)."""


class Actor(StrEnum):
    GROUP = "the local group that made the request"
    COORDINATOR = "a coordinator"


@dataclass(frozen=True)
class Transition:
    verb: str  # "Only <actor> may <verb> this request."
    done: str  # "A request that is <status> cannot be <done>."
    sources: frozenset[str]
    target: RequestStatus | None  # None: an action that changes no status
    actor: Actor

    def reachable_from(self) -> frozenset[str]:
        # A coordinator who acts on a submitted request has started reviewing
        # it: the service records that step first (_take_into_review_first).
        if self.actor is Actor.COORDINATOR and S.IN_REVIEW in self.sources:
            return self.sources | {S.SUBMITTED}
        return self.sources


S = RequestStatus
_GROUP, _COORDINATOR = Actor.GROUP, Actor.COORDINATOR
TRANSITIONS: dict[str, Transition] = {
    "submit": Transition("submit", "submitted", frozenset({S.DRAFT}), S.SUBMITTED, _GROUP),
    "start_review": Transition(
        "take into review", "taken into review", frozenset({S.SUBMITTED}), S.IN_REVIEW, _COORDINATOR
    ),
    "ask_information": Transition(
        "ask for information about",
        "sent back for more information",
        frozenset({S.IN_REVIEW}),
        S.NEEDS_INFORMATION,
        _COORDINATOR,
    ),
    "answer": Transition(
        "answer", "answered", frozenset({S.NEEDS_INFORMATION}), S.SUBMITTED, _GROUP
    ),
    "approve": Transition(
        "approve", "approved", frozenset({S.IN_REVIEW}), S.APPROVED, _COORDINATOR
    ),
    "decline": Transition(
        "decline", "declined", frozenset({S.IN_REVIEW}), S.DECLINED, _COORDINATOR
    ),
    "escalate": Transition(
        "escalate", "escalated", frozenset({S.IN_REVIEW}), S.ESCALATED, _COORDINATOR
    ),
    "withdraw": Transition(
        "withdraw", "withdrawn", frozenset(UNDECIDED_STATUSES), S.WITHDRAWN, _GROUP
    ),
}
# Actions that change no status, asked the same way (pages offer them as buttons too).
OTHER_ACTIONS: dict[str, Transition] = {
    "edit": Transition("change", "changed", frozenset({S.DRAFT}), None, _GROUP),
    "record_checklist": Transition(
        "answer the decision checklist of",
        "checked against the decision checklist any more",
        frozenset(AWAITING_COORDINATOR_STATUSES),
        None,
        _COORDINATOR,
    ),
}
ACTIONS: dict[str, Transition] = {**TRANSITIONS, **OTHER_ACTIONS}


def may_act(user: User, partnership_request: PartnershipRequest, actor: Actor) -> bool:
    if actor is Actor.GROUP:
        return is_local_group(user) and user.local_group_id == partnership_request.local_group_id
    return may_decide(user)


def allowed_actions(user: User, partnership_request: PartnershipRequest) -> set[str]:
    """The moves this user could make now: what pages offer as buttons."""
    return {
        name
        for name, transition in ACTIONS.items()
        if partnership_request.status in transition.reachable_from()
        and may_act(user, partnership_request, transition.actor)
    }


def _lock(partnership_request: PartnershipRequest) -> PartnershipRequest:
    # Two coordinators deciding at once must not both succeed.
    return (
        PartnershipRequest.objects.select_for_update()
        .select_related("organisation", "local_group")
        .get(pk=partnership_request.pk)
    )


def _check(user: User, partnership_request: PartnershipRequest, action: str) -> Transition:
    transition = ACTIONS[action]
    if not may_act(user, partnership_request, transition.actor):
        raise RequestNotPermitted(f"Only {transition.actor} may {transition.verb} this request.")
    if partnership_request.status not in transition.sources:
        raise TransitionNotAllowed(
            f"A request that is {partnership_request.get_status_display().lower()} "
            f"cannot be {transition.done}."
        )
    return transition


def _move(
    partnership_request: PartnershipRequest,
    *,
    to: RequestStatus,
    user: User | None,
    comment: str = "",
    internal_note: str = "",
) -> RequestEvent:
    now = timezone.now()
    from_status = partnership_request.status
    partnership_request.status = to
    if to == S.SUBMITTED:
        partnership_request.submitted_at = now
    if to in DECISION_STATUSES or to == S.WITHDRAWN:
        partnership_request.decided_at = now
    partnership_request.save(update_fields=["status", "submitted_at", "decided_at", "updated_at"])
    event = RequestEvent.objects.create(
        request=partnership_request,
        from_status=from_status,
        to_status=to,
        actor=user,
        comment=comment.strip(),
        internal_note=internal_note.strip(),
    )
    if to in NOTIFIED_STATUSES and not notifications_are_suppressed():
        from partnerships.tasks import send_request_update_email  # tasks import this module

        send_request_update_email.delay(event.pk)  # after the commit
    return event


def _transition(
    partnership_request: PartnershipRequest,
    *,
    user: User,
    action: str,
    comment: str = "",
    internal_note: str = "",
) -> PartnershipRequest:
    locked = _lock(partnership_request)
    if TRANSITIONS[action].actor is Actor.COORDINATOR:
        _take_into_review_first(locked, user=user)
    transition = _check(user, locked, action)
    assert transition.target is not None  # _transition is for moves only
    _move(locked, to=transition.target, user=user, comment=comment, internal_note=internal_note)
    return locked


def _take_into_review_first(partnership_request: PartnershipRequest, *, user: User) -> None:
    # A coordinator who acts on a submitted request has started reviewing it;
    # recording that step keeps the history complete without an extra click.
    if partnership_request.status == S.SUBMITTED and may_act(
        user, partnership_request, Actor.COORDINATOR
    ):
        _move(partnership_request, to=S.IN_REVIEW, user=user)


def _request_details(details: Mapping[str, Any]) -> dict[str, Any]:
    """Only the fields a group writes: a status, an owner or a date never rides along."""
    unknown = set(details) - set(REQUEST_DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"Not a detail of a request: {', '.join(sorted(unknown))}")
    return {name: details[name] for name in REQUEST_DETAIL_FIELDS if name in details}


# --- The local group's moves ---------------------------------------------------------------


@transaction.atomic
def partnership_request_create(
    *,
    user: User,
    details: Mapping[str, Any],
    organisation: Organisation | None = None,
    new_organisation: Mapping[str, str] | None = None,
    submit: bool = False,
    confirmed_different: bool = False,
) -> PartnershipRequest:
    """A local group's new request, on a registry organisation or a newly described one
    (recorded in the registry as a prospect, so the Section sees every approach).

    Seed 002: check for an existing relationship before approaching a new partner. A new
    organisation that looks like one in the registry needs `confirmed_different`, so
    forms, the API and imports obey the same check; the matches are kept on the request
    for the coordinator."""
    if not is_local_group(user):
        raise RequestNotPermitted("Only a local group may make a partnership request.")
    if (organisation is None) == (new_organisation is None):
        raise TransitionNotAllowed(
            "Choose an organisation from the registry or describe a new one."
        )
    described = new_organisation or {
        key: getattr(organisation, key) for key in ("name", "acronym", "website", "email")
    }
    matches = find_existing_relationships(
        name=described.get("name") or "",
        acronym=described.get("acronym") or "",
        website=described.get("website") or "",
        email=described.get("email") or "",
        exclude_pk=organisation.pk if organisation else None,
    )
    if organisation is None and matches and not confirmed_different:
        names = ", ".join(str(match.organisation) for match in matches)
        raise TransitionNotAllowed(
            f"The registry may already hold this organisation ({names}): choose it, "
            "or confirm that it is a different one."
        )
    if organisation is None:
        assert new_organisation is not None
        organisation = Organisation.objects.create(
            **new_organisation, relationship_status=RelationshipStatus.PROSPECT
        )
    partnership_request = PartnershipRequest(
        local_group_id=user.local_group_id,  # type: ignore[misc]  # is_local_group checked it
        organisation=organisation,
        created_by=user,
        relationship_matches=[
            {"organisation": match.organisation.pk, "reasons": list(match.reasons)}
            for match in matches
        ],
        **_request_details(details),
    )
    partnership_request.full_clean()
    partnership_request.save()
    RequestEvent.objects.create(request=partnership_request, to_status=S.DRAFT, actor=user)
    if submit:
        partnership_request = partnership_request_submit(
            partnership_request=partnership_request, user=user
        )
    return partnership_request


@transaction.atomic
def partnership_request_update(
    *, partnership_request: PartnershipRequest, user: User, details: Mapping[str, Any]
) -> PartnershipRequest:
    """A draft stays the group's to change; once submitted, its words are what was decided on."""
    locked = _lock(partnership_request)
    _check(user, locked, "edit")
    named = _request_details(details)
    for name, value in named.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save(update_fields=[*named, "updated_at"])
    return locked


@transaction.atomic
def partnership_request_submit(
    *, partnership_request: PartnershipRequest, user: User, comment: str = ""
) -> PartnershipRequest:
    locked = _lock(partnership_request)
    _check(user, locked, "submit")
    if not locked.methods:
        raise TransitionNotAllowed("Choose at least one method of cooperation before submitting.")
    _move(locked, to=S.SUBMITTED, user=user, comment=comment)
    if not locked.needs_review():
        _move(
            locked,
            to=S.NOTED,
            user=None,
            comment="Noted: every method in this request can be used without authorisation.",
        )
    return locked


@transaction.atomic
def partnership_request_answer(
    *, partnership_request: PartnershipRequest, user: User, answer: str
) -> PartnershipRequest:
    if not answer.strip():
        raise TransitionNotAllowed("Write the information the coordinators asked for.")
    return _transition(partnership_request, user=user, action="answer", comment=answer)


@transaction.atomic
def partnership_request_withdraw(
    *, partnership_request: PartnershipRequest, user: User, comment: str = ""
) -> PartnershipRequest:
    return _transition(partnership_request, user=user, action="withdraw", comment=comment)


# --- The coordinators' moves ---------------------------------------------------------------


@transaction.atomic
def partnership_request_start_review(
    *, partnership_request: PartnershipRequest, user: User, comment: str = ""
) -> PartnershipRequest:
    locked = _lock(partnership_request)
    _check(user, locked, "start_review")
    _move(locked, to=S.IN_REVIEW, user=user, comment=comment)
    return locked


@transaction.atomic
def partnership_request_ask_information(
    *, partnership_request: PartnershipRequest, user: User, question: str
) -> PartnershipRequest:
    if not question.strip():
        raise TransitionNotAllowed("Write what the group should tell you.")
    return _transition(partnership_request, user=user, action="ask_information", comment=question)


@transaction.atomic
def partnership_request_escalate(
    *, partnership_request: PartnershipRequest, user: User, comment: str
) -> PartnershipRequest:
    if not comment.strip():
        raise TransitionNotAllowed(
            "Explain to the group why the International Secretariat decides."
        )
    return _transition(partnership_request, user=user, action="escalate", comment=comment)


@transaction.atomic
def partnership_request_decline(
    *, partnership_request: PartnershipRequest, user: User, reason: str, internal_note: str = ""
) -> PartnershipRequest:
    """DOMAIN.md "Declining": the group always gets a reason; the note stays internal."""
    if not reason.strip():
        raise TransitionNotAllowed("A decline needs a reason written for the group.")
    return _transition(
        partnership_request,
        user=user,
        action="decline",
        comment=reason,
        internal_note=internal_note,
    )


@transaction.atomic
def partnership_request_approve(
    *,
    partnership_request: PartnershipRequest,
    user: User,
    lead: User,
    starts_on: date,
    ends_on: date | None = None,
    comment: str = "",
) -> Partnership:
    """Approval needs the whole decision checklist answered, and sets up the partnership."""
    locked = _lock(partnership_request)
    _take_into_review_first(locked, user=user)
    _check(user, locked, "approve")
    if not locked.checklist_is_complete():
        raise TransitionNotAllowed(
            "Answer all six questions of the decision checklist before approving."
        )
    if refusals := approval_refusals(locked):
        raise TransitionNotAllowed(" ".join(refusals))
    if not is_section_staff(lead):
        raise TransitionNotAllowed("The partnership's lead must be a member of the Section staff.")
    if ends_before_it_starts(starts_on, ends_on):
        raise TransitionNotAllowed("The partnership cannot end before it starts.")
    _move(locked, to=S.APPROVED, user=user, comment=comment)
    partnership = Partnership.objects.create(
        title=locked.activity_title,
        originating_request=locked,
        local_group=locked.local_group,
        methods=locked.methods,
        visibility=locked.visibility,
        starts_on=starts_on,
        ends_on=ends_on,
        status=PartnershipStatus.CONCLUDED
        if ends_on and ends_on < timezone.localdate()
        else PartnershipStatus.ACTIVE,
        lead=lead,
    )
    partnership.organisations.add(locked.organisation)
    relationship_partnership_approved(partnership=partnership)
    return partnership


@transaction.atomic
def decision_checklist_record(
    *,
    partnership_request: PartnershipRequest,
    user: User,
    answers: Mapping[int, tuple[str, str]],
) -> PartnershipRequest:
    """Store the coordinator's answers (question → (yes/no/unsure or "", note))."""
    locked = _lock(partnership_request)
    _check(user, locked, "record_checklist")
    _take_into_review_first(locked, user=user)
    for question in ChecklistQuestion.values:
        answer, note = answers.get(question, ("", ""))
        if answer:
            ChecklistAnswer.objects.update_or_create(
                request=locked,
                question=question,
                defaults={"answer": answer, "note": note.strip(), "answered_by": user},
            )
        else:
            ChecklistAnswer.objects.filter(request=locked, question=question).delete()
    return locked


@transaction.atomic
def partnership_conclude(*, partnership: Partnership, user: User) -> Partnership:
    if not may_decide(user):
        raise RequestNotPermitted("Only a coordinator may conclude a partnership.")
    partnership.status = PartnershipStatus.CONCLUDED
    partnership.ends_on = partnership.ends_on or max(timezone.localdate(), partnership.starts_on)
    partnership.save(update_fields=["status", "ends_on", "updated_at"])
    relationship_partnership_concluded(partnership=partnership)
    return partnership


# --- Telling the group ---------------------------------------------------------------------


def request_event_notify(*, event_id: int) -> int:
    """E-mail the group about a decision or a question, once; returns the messages sent.

    The event is claimed with a conditional UPDATE before sending (as mailings claim
    deliveries), so a retry or a redelivered task finds it claimed and sends nothing;
    it is marked sent as soon as the server accepted the message. A send that fails
    before that releases the claim, so the retry sends it. A worker killed between
    claim and mark leaves a stale claim, which `request_emails_sweep` releases and
    requeues. A refused login is recorded on the event (the admin shows it) and not
    retried: MailServerRefusedLogin is no OSError."""
    claimed = RequestEvent.objects.filter(
        pk=event_id, notified_at__isnull=True, email_claimed_at__isnull=True, email_error=""
    ).update(email_claimed_at=timezone.now())
    if not claimed:
        return 0
    event = RequestEvent.objects.select_related(
        "request__organisation", "request__local_group", "request__created_by"
    ).get(pk=event_id)
    recipients = group_email_recipients(event.request.local_group)
    sent = 0
    if recipients:
        sent = _request_event_send(event, recipients)
    RequestEvent.objects.filter(pk=event_id).update(notified_at=timezone.now())
    return sent


def _request_event_send(event: RequestEvent, recipients: list[str]) -> int:
    # In the language the group chose on its login (the one that made the request).
    language = event.request.created_by.language or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            return send_templated_email(
                template="request_update",
                context={"event": event, "partnership_request": event.request},
                to=recipients,
                # The same Message-ID on a resend after a crash lets mail clients fold it.
                headers={"Message-ID": f"<request-event-{event.pk}@{message_id_domain()}>"},
            )
    except MailServerRefusedLogin as error:
        RequestEvent.objects.filter(pk=event.pk).update(
            email_claimed_at=None, email_error=str(error)
        )
        raise
    except Exception:
        RequestEvent.objects.filter(pk=event.pk).update(email_claimed_at=None)
        raise


def request_emails_sweep(*, now: datetime | None = None) -> list[int]:
    """Release the claims older than REQUEST_EMAIL_CLAIM_TIMEOUT that were never marked
    sent (their worker died in between); returns the events to send again.

    Each release is its own conditional UPDATE, so two sweepers (or a worker that
    finishes late) never both win one event: the timeout is above the longest a live
    send can take (EMAIL_TIMEOUT bounds each SMTP step)."""
    now = now or timezone.now()
    stale = RequestEvent.objects.filter(
        notified_at__isnull=True,
        email_error="",
        email_claimed_at__lt=now - timedelta(seconds=settings.REQUEST_EMAIL_CLAIM_TIMEOUT),
    )
    return [
        pk
        for pk, claimed_at in stale.values_list("pk", "email_claimed_at")
        if stale.filter(pk=pk, email_claimed_at=claimed_at).update(email_claimed_at=None)
    ]
