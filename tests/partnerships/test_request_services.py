from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.roles import Role
from partnerships.models import ChecklistAnswer, Partnership, RequestEvent, RequestStatus
from partnerships.models.organisations import RelationshipStatus
from partnerships.selectors import request_timeline_entries
from partnerships.services import requests as services
from partnerships.services.requests import TRANSITIONS, TransitionNotAllowed
from partnerships.timeline import timeline_for
from tests.factories import (
    LocalGroupFactory,
    OrganisationFactory,
    PartnershipRequestFactory,
    UserFactory,
    assess_risk,
    complete_checklist,
)

pytestmark = pytest.mark.django_db
S = RequestStatus
ROLES = ["own_group", "other_group", "coordinator", "staff"]


@pytest.fixture
def people(role_user):
    group = LocalGroupFactory(name="Amsterdam group", contact_email="amsterdam@example.org")
    return {
        "own_group": role_user(Role.LOCAL_GROUP, local_group=group),
        "other_group": role_user(Role.LOCAL_GROUP),
        "coordinator": role_user(Role.COORDINATOR),
        "staff": role_user(Role.SECTION_STAFF),
    }


def perform(action: str, partnership_request, user, lead):
    """Each transition, called with the arguments it needs to succeed."""
    kw = {"partnership_request": partnership_request, "user": user}
    return {
        "submit": lambda: services.partnership_request_submit(**kw),
        "start_review": lambda: services.partnership_request_start_review(**kw),
        "ask_information": lambda: services.partnership_request_ask_information(
            **kw, question="Who else speaks?"
        ),
        "answer": lambda: services.partnership_request_answer(**kw, answer="Three councillors."),
        "approve": lambda: services.partnership_request_approve(
            **kw, lead=lead, starts_on=timezone.localdate()
        ),
        "decline": lambda: services.partnership_request_decline(**kw, reason="Not this time."),
        "escalate": lambda: services.partnership_request_escalate(**kw, comment="For the IS."),
        "withdraw": lambda: services.partnership_request_withdraw(**kw),
    }[action]()


# The rules of the issue, written out independently of the service's table:
# action → (who, from which states, to which state). A coordinator's decision on a
# submitted request first takes it into review.
OPEN = {S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.NEEDS_INFORMATION}
REVIEWABLE = {S.SUBMITTED, S.IN_REVIEW}
EXPECTED = {
    "submit": ("own_group", {S.DRAFT}, S.SUBMITTED),
    "start_review": ("coordinator", {S.SUBMITTED}, S.IN_REVIEW),
    "ask_information": ("coordinator", REVIEWABLE, S.NEEDS_INFORMATION),
    "answer": ("own_group", {S.NEEDS_INFORMATION}, S.SUBMITTED),
    "approve": ("coordinator", REVIEWABLE, S.APPROVED),
    "decline": ("coordinator", REVIEWABLE, S.DECLINED),
    "escalate": ("coordinator", REVIEWABLE, S.ESCALATED),
    "withdraw": ("own_group", OPEN, S.WITHDRAWN),
}


def test_the_expected_rules_cover_every_transition():
    assert set(EXPECTED) == set(TRANSITIONS)


def is_allowed(action: str, status: str, role: str) -> bool:
    who, sources, _ = EXPECTED[action]
    return role == who and status in sources


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", S.values)
@pytest.mark.parametrize("action", list(EXPECTED))
def test_every_transition_is_allowed_only_from_its_states_for_its_role(
    people, action, status, role
):
    user = people[role]
    request = PartnershipRequestFactory(local_group=people["own_group"].local_group, status=status)
    complete_checklist(request)
    assess_risk(request)
    events_before = RequestEvent.objects.count()
    if is_allowed(action, status, role):
        perform(action, request, user, lead=people["staff"])
        request.refresh_from_db()
        assert request.status == EXPECTED[action][2]
        last = request.events.last()
        assert last.actor == user
        assert last.to_status == EXPECTED[action][2]
        assert RequestEvent.objects.count() > events_before
    else:
        with pytest.raises(TransitionNotAllowed) as error:
            perform(action, request, user, lead=people["staff"])
        assert error.value.message
        request.refresh_from_db()
        assert request.status == status
        assert RequestEvent.objects.count() == events_before


def test_a_forbidden_role_is_told_who_may_act(people):
    request = PartnershipRequestFactory(local_group=people["own_group"].local_group)
    with pytest.raises(TransitionNotAllowed, match="Only a coordinator may approve"):
        perform("approve", request, people["own_group"], lead=people["staff"])


def test_an_illegal_state_is_explained_in_words(people):
    request = PartnershipRequestFactory(
        local_group=people["own_group"].local_group, status=S.APPROVED
    )
    with pytest.raises(
        TransitionNotAllowed, match="A request that is approved cannot be withdrawn"
    ):
        services.partnership_request_withdraw(partnership_request=request, user=people["own_group"])


def test_submit_with_only_methods_needing_no_authorisation_is_noted_at_once(people):
    request = PartnershipRequestFactory(
        local_group=people["own_group"].local_group,
        status=S.DRAFT,
        methods=["provide_information", "receive_information"],
    )
    services.partnership_request_submit(partnership_request=request, user=people["own_group"])
    request.refresh_from_db()
    assert request.status == S.NOTED
    assert [e.to_status for e in request.events.all()] == [S.SUBMITTED, S.NOTED]
    assert request.events.last().actor is None


def test_joining_a_coalition_goes_to_review_even_with_information_methods(people):
    request = PartnershipRequestFactory(
        local_group=people["own_group"].local_group,
        status=S.DRAFT,
        methods=["receive_information"],
        joins_coalition=True,
    )
    services.partnership_request_submit(partnership_request=request, user=people["own_group"])
    request.refresh_from_db()
    assert request.status == S.SUBMITTED


def test_a_coordinator_acting_on_a_submitted_request_records_the_review_step(people):
    request = PartnershipRequestFactory(local_group=people["own_group"].local_group)
    services.partnership_request_escalate(
        partnership_request=request, user=people["coordinator"], comment="A national crisis."
    )
    assert [e.to_status for e in request.events.all()] == [S.IN_REVIEW, S.ESCALATED]
    assert request.events.last().comment == "A national crisis."


def test_answering_sends_the_request_back_and_restarts_the_waiting_time(people):
    long_ago = timezone.now() - timedelta(days=9)
    request = PartnershipRequestFactory(
        local_group=people["own_group"].local_group,
        status=S.NEEDS_INFORMATION,
        submitted_at=long_ago,
    )
    services.partnership_request_answer(
        partnership_request=request, user=people["own_group"], answer="Every party is invited."
    )
    request.refresh_from_db()
    assert request.status == S.SUBMITTED
    assert request.submitted_at > long_ago
    assert request.events.last().comment == "Every party is invited."


def test_an_empty_answer_or_question_is_rejected(people):
    request = PartnershipRequestFactory(
        local_group=people["own_group"].local_group, status=S.NEEDS_INFORMATION
    )
    with pytest.raises(TransitionNotAllowed):
        services.partnership_request_answer(
            partnership_request=request, user=people["own_group"], answer="  "
        )
    request = PartnershipRequestFactory(local_group=people["own_group"].local_group)
    with pytest.raises(TransitionNotAllowed):
        services.partnership_request_ask_information(
            partnership_request=request, user=people["coordinator"], question=""
        )


# --- The checklist gate and approval -------------------------------------------------------


def test_approval_needs_every_checklist_question_answered(people):
    request = PartnershipRequestFactory(
        local_group=people["own_group"].local_group, status=S.IN_REVIEW
    )
    assess_risk(request)
    answers = {q: ("yes", "") for q in range(1, 6)}  # five of six
    services.decision_checklist_record(
        partnership_request=request, user=people["coordinator"], answers=answers
    )
    with pytest.raises(TransitionNotAllowed, match="all six questions"):
        perform("approve", request, people["coordinator"], lead=people["staff"])
    request.refresh_from_db()
    assert request.status == S.IN_REVIEW
    services.decision_checklist_record(
        partnership_request=request,
        user=people["coordinator"],
        answers={**answers, 6: ("unsure", "Logo use to be agreed in writing.")},
    )
    perform("approve", request, people["coordinator"], lead=people["staff"])
    request.refresh_from_db()
    assert request.status == S.APPROVED


def test_the_checklist_is_kept_by_coordinators_only_and_starts_the_review(people):
    request = PartnershipRequestFactory(local_group=people["own_group"].local_group)
    answers = {1: ("no", "It would tie us to one party.")}
    for role in ("own_group", "staff"):
        with pytest.raises(TransitionNotAllowed):
            services.decision_checklist_record(
                partnership_request=request, user=people[role], answers=answers
            )
    services.decision_checklist_record(
        partnership_request=request, user=people["coordinator"], answers=answers
    )
    request.refresh_from_db()
    assert request.status == S.IN_REVIEW
    answer = ChecklistAnswer.objects.get(request=request)
    assert (answer.question, answer.answer, answer.note) == (
        1,
        "no",
        "It would tie us to one party.",
    )
    assert answer.answered_by == people["coordinator"]


def test_approval_creates_the_partnership(people):
    organisation = OrganisationFactory(relationship_status=RelationshipStatus.PROSPECT)
    request = PartnershipRequestFactory(
        local_group=people["own_group"].local_group,
        organisation=organisation,
        status=S.IN_REVIEW,
        methods=["campaigning", "publicity"],
        visibility="silent",
    )
    complete_checklist(request)
    assess_risk(request)
    today = timezone.localdate()
    partnership = services.partnership_request_approve(
        partnership_request=request,
        user=people["coordinator"],
        lead=people["staff"],
        starts_on=today,
        ends_on=today + timedelta(days=30),
    )
    assert partnership.originating_request == request
    assert list(partnership.organisations.all()) == [organisation]
    assert partnership.methods == ["campaigning", "publicity"]
    assert partnership.visibility == "silent"
    assert partnership.lead == people["staff"]
    assert partnership.status == "active"
    assert partnership.local_group == request.local_group
    organisation.refresh_from_db()
    assert organisation.relationship_status == RelationshipStatus.ACTIVE


def test_approving_an_activity_that_already_ended_records_a_concluded_partnership(people):
    request = PartnershipRequestFactory(
        local_group=people["own_group"].local_group, status=S.IN_REVIEW
    )
    complete_checklist(request)
    assess_risk(request)
    past = timezone.localdate() - timedelta(days=60)
    partnership = services.partnership_request_approve(
        partnership_request=request,
        user=people["coordinator"],
        lead=people["coordinator"],
        starts_on=past,
        ends_on=past + timedelta(days=2),
    )
    assert partnership.status == "concluded"


def test_the_partnership_lead_must_be_section_staff(people):
    request = PartnershipRequestFactory(
        local_group=people["own_group"].local_group, status=S.IN_REVIEW
    )
    complete_checklist(request)
    assess_risk(request)
    with pytest.raises(TransitionNotAllowed, match="lead"):
        perform("approve", request, people["coordinator"], lead=people["own_group"])
    assert not Partnership.objects.exists()


def test_a_partnership_cannot_end_before_it_starts(people):
    request = PartnershipRequestFactory(
        local_group=people["own_group"].local_group, status=S.IN_REVIEW
    )
    complete_checklist(request)
    assess_risk(request)
    today = timezone.localdate()
    with pytest.raises(TransitionNotAllowed, match="end before"):
        services.partnership_request_approve(
            partnership_request=request,
            user=people["coordinator"],
            lead=people["staff"],
            starts_on=today,
            ends_on=today - timedelta(days=1),
        )


# --- Declining ----------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   \n"])
def test_decline_without_reason_is_rejected(people, reason):
    request = PartnershipRequestFactory(
        local_group=people["own_group"].local_group, status=S.IN_REVIEW
    )
    with pytest.raises(TransitionNotAllowed, match="reason"):
        services.partnership_request_decline(
            partnership_request=request, user=people["coordinator"], reason=reason
        )
    request.refresh_from_db()
    assert request.status == S.IN_REVIEW


def test_decline_stores_the_reason_for_the_group_and_the_internal_note_apart(people):
    request = PartnershipRequestFactory(
        local_group=people["own_group"].local_group, status=S.IN_REVIEW
    )
    services.partnership_request_decline(
        partnership_request=request,
        user=people["coordinator"],
        reason="We keep our financial independence.",
        internal_note="The sponsor is under investigation.",
    )
    event = request.events.last()
    assert event.comment == "We keep our financial independence."
    assert event.internal_note == "The sponsor is under investigation."


# --- Creating ------------------------------------------------------------------------------

DETAILS = {
    "purposes": ["visibility"],
    "methods": ["campaigning"],
    "activity_title": "Vigil",
    "activity_description": "A candlelight vigil.",
    "activity_starts_on": timezone.localdate(),
    "activity_ends_on": None,
    "activity_place": "Dam square",
    "expected_public": "200 passers-by",
    "visibility": "branded",
    "partner_gains": "Visibility.",
    "partner_demands": "Nothing.",
    "joins_coalition": False,
}


def test_a_group_describing_a_new_organisation_adds_it_as_a_prospect(people):
    request = services.partnership_request_create(
        user=people["own_group"],
        details=DETAILS,
        new_organisation={
            "name": "Vluchtelingenwerk Amsterdam",
            "acronym": "",
            "kind": "solidarity",
            "website": "https://vwa.example.org",
            "email": "",
        },
        submit=True,
    )
    assert request.status == S.SUBMITTED
    assert request.local_group == people["own_group"].local_group
    assert request.organisation.relationship_status == RelationshipStatus.PROSPECT
    assert request.organisation.website_domain == "vwa.example.org"
    assert [e.to_status for e in request.events.all()] == [S.DRAFT, S.SUBMITTED]


NEW_BRANCH = {
    "name": "Oxfam Novib",
    "acronym": "",
    "kind": "development",
    "website": "",
    "email": "",
}


def test_a_new_organisation_like_one_in_the_registry_needs_confirmation(people):
    from partnerships.models import Organisation

    oxfam = OrganisationFactory(name="Oxfam International")
    with pytest.raises(TransitionNotAllowed, match="Oxfam International"):
        services.partnership_request_create(
            user=people["own_group"], details=DETAILS, new_organisation=NEW_BRANCH
        )
    assert not Organisation.objects.filter(name="Oxfam Novib").exists()
    request = services.partnership_request_create(
        user=people["own_group"],
        details=DETAILS,
        new_organisation=NEW_BRANCH,
        confirmed_different=True,
    )
    # The coordinator sees what the group was shown.
    assert request.relationship_matches == [
        {"organisation": oxfam.pk, "reasons": ["branch or affiliate"]}
    ]


def test_a_request_on_a_registry_organisation_keeps_its_relatives_for_the_coordinator(people):
    oxfam = OrganisationFactory(name="Oxfam International")
    novib = OrganisationFactory(name="Oxfam Novib")
    request = services.partnership_request_create(
        user=people["own_group"], details=DETAILS, organisation=novib
    )
    assert [m["organisation"] for m in request.relationship_matches] == [oxfam.pk]


@pytest.mark.parametrize("role", ["coordinator", "staff"])
def test_only_a_local_group_makes_requests(people, role):
    with pytest.raises(TransitionNotAllowed):
        services.partnership_request_create(
            user=people[role], details=DETAILS, organisation=OrganisationFactory()
        )


def test_a_request_with_unknown_methods_is_invalid(people):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.partnership_request_create(
            user=people["own_group"],
            details={**DETAILS, "methods": ["bribery"]},
            organisation=OrganisationFactory(),
        )


# --- E-mail and timeline -------------------------------------------------------------------


def test_the_decision_email_is_sent_after_commit(people, django_capture_on_commit_callbacks):
    UserFactory(local_group=people["own_group"].local_group, email="member@example.org")
    request = PartnershipRequestFactory(
        local_group=people["own_group"].local_group,
        created_by=people["own_group"],
        status=S.IN_REVIEW,
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.partnership_request_decline(
            partnership_request=request,
            user=people["coordinator"],
            reason="Not with a sponsor we cannot vet.",
            internal_note="Secret doubts about the sponsor.",
        )
        assert mail.outbox == []  # nothing leaves before the decision is committed
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {
        "amsterdam@example.org",
        people["own_group"].email,
        "member@example.org",
    }
    assert "declined" in message.subject
    assert "Not with a sponsor we cannot vet." in message.body
    assert "Secret doubts" not in message.body
    assert "Secret doubts" not in message.alternatives[0].content


def test_no_email_for_moves_that_are_not_decisions(people, django_capture_on_commit_callbacks):
    request = PartnershipRequestFactory(local_group=people["own_group"].local_group, status=S.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        services.partnership_request_submit(partnership_request=request, user=people["own_group"])
        services.partnership_request_start_review(
            partnership_request=request, user=people["coordinator"]
        )
    assert mail.outbox == []


def test_requests_decisions_and_partnerships_appear_on_the_organisation_timeline(people):
    organisation = OrganisationFactory()
    request = PartnershipRequestFactory(
        local_group=people["own_group"].local_group,
        organisation=organisation,
        status=S.IN_REVIEW,
    )
    complete_checklist(request)
    assess_risk(request)
    perform("approve", request, people["coordinator"], lead=people["staff"])
    kinds = [entry.kind for entry in timeline_for(organisation)]
    assert "decision" in kinds
    assert "partnership" in kinds


def test_the_timeline_never_carries_the_internal_note(people):
    request = PartnershipRequestFactory(
        local_group=people["own_group"].local_group, status=S.IN_REVIEW
    )
    services.partnership_request_decline(
        partnership_request=request,
        user=people["coordinator"],
        reason="Reason for the group.",
        internal_note="Internal only.",
    )
    entries = request_timeline_entries(request.organisation)
    assert any("Reason for the group." in entry.detail for entry in entries)
    assert not any("Internal only." in entry.detail for entry in entries)


def test_timeline_providers_run_a_fixed_number_of_queries(people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(number_of_requests: int) -> int:
        organisation = OrganisationFactory()
        for _ in range(number_of_requests):
            request = PartnershipRequestFactory(
                local_group=people["own_group"].local_group, organisation=organisation
            )
            services.partnership_request_escalate(
                partnership_request=request, user=people["coordinator"], comment="IS decides."
            )
        with CaptureQueriesContext(connection) as captured:
            entries = timeline_for(organisation)
        assert len(entries) >= number_of_requests  # one per request
        return len(captured)

    assert queries_for(1) == queries_for(6)


@pytest.mark.parametrize(
    ("role", "status", "allowed"),
    [
        ("own_group", S.DRAFT, True),
        ("own_group", S.SUBMITTED, False),
        ("other_group", S.DRAFT, False),
        ("coordinator", S.DRAFT, False),
        ("staff", S.DRAFT, False),
    ],
)
def test_only_the_group_changes_its_own_draft(people, role, status, allowed):
    request = PartnershipRequestFactory(
        local_group=people["own_group"].local_group, status=status, activity_title="Before"
    )
    change = {
        "partnership_request": request,
        "user": people[role],
        "details": {"activity_title": "After"},
    }
    if allowed:
        services.partnership_request_update(**change)
    else:
        with pytest.raises(TransitionNotAllowed):
            services.partnership_request_update(**change)
    request.refresh_from_db()
    assert request.activity_title == ("After" if allowed else "Before")


def test_the_timeline_has_one_entry_per_request_in_its_current_state_and_no_drafts(people):
    organisation = OrganisationFactory()
    group = people["own_group"]
    request = services.partnership_request_create(
        user=group, details=DETAILS, organisation=organisation, submit=True
    )
    services.partnership_request_start_review(
        partnership_request=request, user=people["coordinator"]
    )
    services.partnership_request_decline(
        partnership_request=request, user=people["coordinator"], reason="Not this year."
    )
    services.partnership_request_create(user=group, details=DETAILS, organisation=organisation)
    entries = request_timeline_entries(organisation)
    assert len(entries) == 1
    assert entries[0].title.endswith("declined")
    assert entries[0].detail == "Not this year."


def test_the_relationship_follows_approval_and_conclusion(people):
    organisation = OrganisationFactory(relationship_status=RelationshipStatus.PROSPECT)
    request = PartnershipRequestFactory(
        local_group=people["own_group"].local_group, organisation=organisation, status=S.IN_REVIEW
    )
    complete_checklist(request)
    assess_risk(request)
    perform("approve", request, people["coordinator"], lead=people["staff"])
    organisation.refresh_from_db()
    assert organisation.relationship_status == RelationshipStatus.ACTIVE
    partnership = organisation.partnerships.get()
    services.partnership_conclude(partnership=partnership, user=people["coordinator"])
    organisation.refresh_from_db()
    assert organisation.relationship_status == RelationshipStatus.ENDED
