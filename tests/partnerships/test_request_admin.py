from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role, landing_url
from partnerships.models import Partnership, RequestStatus
from tests.factories import (
    OrganisationFactory,
    PartnershipRequestFactory,
    assess_risk,
    complete_checklist,
)

pytestmark = pytest.mark.django_db
S = RequestStatus
QUEUE = "admin:review_queue"


def decide_url(request, decision: str) -> str:
    return reverse("admin:partnerships_partnershiprequest_decide", args=[request.pk, decision])


def checklist_url(request) -> str:
    return reverse("admin:partnerships_partnershiprequest_checklist", args=[request.pk])


@pytest.fixture
def coordinator(role_user):
    return role_user(Role.COORDINATOR)


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def test_coordinators_land_on_the_review_queue(coordinator):
    assert landing_url(coordinator) == reverse(QUEUE)


def test_the_queue_lists_waiting_requests_longest_waiting_first_with_their_age(
    coordinator_client,
):
    now = timezone.now()
    PartnershipRequestFactory(
        activity_title="Recent", submitted_at=now - timedelta(hours=2, seconds=30)
    )
    PartnershipRequestFactory(
        activity_title="Oldest", status=S.IN_REVIEW, submitted_at=now - timedelta(days=12)
    )
    PartnershipRequestFactory(activity_title="Decided", status=S.APPROVED)
    response = coordinator_client.get(reverse(QUEUE))
    titles = [r.activity_title for r in response.context["cl"].result_list]
    assert titles == ["Oldest", "Recent"]
    content = response.content.decode().replace("\xa0", " ")  # timesince's spaces
    assert "1 week, 5 days" in content and "2 hours" in content


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "approved"}, {"Approved"}),
        ({"status": "all"}, {"Approved", "Campaign", "Training", "Union"}),
        ({"method": "training"}, {"Training"}),
        ({"organisation__kind__exact": "trade_union"}, {"Union"}),
        ({"status": "nonsense"}, set()),
        ({"method": "nonsense"}, {"Campaign", "Training", "Union"}),
    ],
)
def test_the_queue_filters_by_status_method_and_kind(coordinator_client, params, expected):
    PartnershipRequestFactory(activity_title="Approved", status=S.APPROVED)
    PartnershipRequestFactory(activity_title="Campaign")
    PartnershipRequestFactory(activity_title="Training", methods=["training"])
    PartnershipRequestFactory(
        activity_title="Union", organisation=OrganisationFactory(kind="trade_union")
    )
    response = coordinator_client.get(reverse(QUEUE), params)
    assert response.status_code == 200
    assert {r.activity_title for r in response.context["cl"].result_list} == expected


def test_the_queue_filters_by_group(coordinator_client):
    mine = PartnershipRequestFactory(activity_title="Mine")
    PartnershipRequestFactory(activity_title="Other")
    response = coordinator_client.get(
        reverse(QUEUE), {"local_group__id__exact": mine.local_group_id}
    )
    assert [r.activity_title for r in response.context["cl"].result_list] == ["Mine"]


@pytest.mark.parametrize("rows", [10, 200])
def test_the_queue_runs_the_same_queries_for_10_or_200_requests(
    coordinator_client, rows, django_assert_max_num_queries
):
    organisation = OrganisationFactory()
    request = PartnershipRequestFactory(organisation=organisation)
    PartnershipRequestFactory.create_batch(
        rows - 1,
        organisation=organisation,
        local_group=request.local_group,
        created_by=request.created_by,
    )
    with django_assert_max_num_queries(14):
        response = coordinator_client.get(reverse(QUEUE))
    assert response.status_code == 200


def test_approving_needs_the_checklist_then_creates_the_partnership(
    coordinator_client, coordinator
):
    request = PartnershipRequestFactory(activity_starts_on=timezone.localdate())
    approve = {
        "starts_on": request.activity_starts_on.isoformat(),
        "ends_on": "",
        "lead": coordinator.pk,
        "comment": "Enjoy the evening.",
    }
    response = coordinator_client.post(decide_url(request, "approve"), approve)
    assert response.status_code == 200
    assert "all six questions" in response.content.decode()
    request.refresh_from_db()
    assert request.status == S.SUBMITTED  # the refused approval left no trace
    answers = {}
    for question in range(1, 7):
        answers[f"q{question}"] = "yes"
        answers[f"q{question}_note"] = f"Checked {question}"
    response = coordinator_client.post(checklist_url(request), answers)
    assert response.status_code == 302
    assess_risk(request)  # approval also needs a complete risk assessment (tests/risk)
    response = coordinator_client.post(decide_url(request, "approve"), approve)
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == S.APPROVED
    partnership = Partnership.objects.get(originating_request=request)
    assert partnership.lead == coordinator


def test_the_approve_form_shows_the_checklist_answers(coordinator_client):
    request = PartnershipRequestFactory(status=S.IN_REVIEW)
    complete_checklist(request)
    content = coordinator_client.get(decide_url(request, "approve")).content.decode()
    assert "Will the action mobilise a wider public?" in content
    assert "Note 5" in content


def test_decline_needs_a_reason_and_shows_the_guidance(coordinator_client):
    request = PartnershipRequestFactory(status=S.IN_REVIEW)
    url = decide_url(request, "decline")
    content = coordinator_client.get(url).content.decode()
    assert "not a judgement of the other organisation" in content
    response = coordinator_client.post(url, {"reason": "", "internal_note": "Only internal"})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    request.refresh_from_db()
    assert request.status == S.IN_REVIEW
    response = coordinator_client.post(url, {"reason": "Not now.", "internal_note": "Internal"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == S.DECLINED


@pytest.mark.parametrize("decision", ["approve", "decline", "ask_information", "escalate"])
def test_a_decision_on_a_decided_request_is_a_message_not_an_error(coordinator_client, decision):
    request = PartnershipRequestFactory(status=S.WITHDRAWN)
    complete_checklist(request)
    data = {
        "reason": "x",
        "question": "x",
        "comment": "x",
        "starts_on": "2030-01-01",
        "lead": "",
    }
    response = coordinator_client.post(decide_url(request, decision), data)
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.status == S.WITHDRAWN


def test_unknown_decisions_and_requests_are_not_found(coordinator_client):
    request = PartnershipRequestFactory()
    assert coordinator_client.get(decide_url(request, "bless")).status_code == 404
    missing = reverse("admin:partnerships_partnershiprequest_decide", args=[999999, "approve"])
    assert coordinator_client.get(missing).status_code == 404


def test_ask_information_and_escalate_from_the_admin(coordinator_client):
    asked = PartnershipRequestFactory()
    coordinator_client.post(decide_url(asked, "ask_information"), {"question": "Speakers?"})
    asked.refresh_from_db()
    assert asked.status == S.NEEDS_INFORMATION
    escalated = PartnershipRequestFactory(status=S.IN_REVIEW)
    coordinator_client.post(decide_url(escalated, "escalate"), {"comment": "National crisis."})
    escalated.refresh_from_db()
    assert escalated.status == S.ESCALATED


def test_changelist_actions_open_the_confirmation_form_for_one_request(coordinator_client):
    first, second = PartnershipRequestFactory(), PartnershipRequestFactory()
    url = reverse(QUEUE)
    response = coordinator_client.post(
        url, {"action": "decline_action", "_selected_action": [first.pk]}
    )
    assert response.status_code == 302
    assert response["Location"] == decide_url(first, "decline")
    response = coordinator_client.post(
        url, {"action": "decline_action", "_selected_action": [first.pk, second.pk]}, follow=True
    )
    assert "one request at a time" in response.content.decode()


def test_the_change_page_offers_the_possible_decisions(coordinator_client):
    request = PartnershipRequestFactory(status=S.IN_REVIEW)
    url = reverse("admin:partnerships_partnershiprequest_change", args=[request.pk])
    content = coordinator_client.get(url).content.decode()
    for label in ("Decision checklist", "Approve", "Decline", "Ask for information", "Escalate"):
        assert label in content
    assert 'name="_save"' not in content


def test_section_staff_see_requests_read_only(client, role_user):
    client.force_login(role_user(Role.SECTION_STAFF))
    request = PartnershipRequestFactory(status=S.IN_REVIEW)
    assert client.get(reverse(QUEUE)).status_code == 200
    change = reverse("admin:partnerships_partnershiprequest_change", args=[request.pk])
    content = client.get(change).content.decode()
    assert "Decline" not in content
    assert client.get(decide_url(request, "decline")).status_code == 403
    assert client.post(decide_url(request, "decline"), {"reason": "x"}).status_code == 403
    assert client.get(checklist_url(request)).status_code == 403
    request.refresh_from_db()
    assert request.status == S.IN_REVIEW


def test_local_groups_never_reach_the_admin(client, role_user):
    client.force_login(role_user(Role.LOCAL_GROUP))
    request = PartnershipRequestFactory()
    for url in (reverse(QUEUE), decide_url(request, "approve"), checklist_url(request)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_coordinators_find_the_review_queue_in_the_navigation(coordinator, role_user):
    from accounts.roles import navigation_for

    assert ("Review queue", reverse(QUEUE)) in navigation_for(coordinator)
    labels = [label for label, _ in navigation_for(role_user(Role.SECTION_STAFF))]
    assert "Review queue" not in labels


@pytest.mark.parametrize("events", [3, 60])
def test_the_review_page_runs_the_same_queries_for_a_short_or_long_history(
    coordinator_client, coordinator, events, django_assert_max_num_queries
):
    from partnerships.models import RequestEvent

    request = PartnershipRequestFactory(status=S.IN_REVIEW)
    complete_checklist(request)
    RequestEvent.objects.bulk_create(
        RequestEvent(request=request, to_status=S.IN_REVIEW, actor=coordinator)
        for _ in range(events)
    )
    url = reverse("admin:partnerships_partnershiprequest_change", args=[request.pk])
    # The risk and evaluation panels' fixed queries included (issue 15).
    with django_assert_max_num_queries(15):
        response = coordinator_client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("role", "may_change"), [(Role.SECTION_STAFF, False), (Role.COORDINATOR, True)]
)
def test_role_permissions_on_requests(role, may_change):
    from django.contrib.auth.models import Group

    codenames = set(
        Group.objects.get(name=role.value).permissions.values_list("codename", flat=True)
    )
    assert {"view_partnershiprequest", "view_partnership", "view_requestevent"} <= codenames
    assert ("change_partnershiprequest" in codenames) is may_change
    assert "delete_partnershiprequest" not in codenames
    assert not Group.objects.get(name=Role.LOCAL_GROUP.value).permissions.exists()


def test_the_partnership_form_cannot_change_its_status(coordinator_client, coordinator):
    organisation = OrganisationFactory()
    partnership = Partnership.objects.create(
        title="Joint vigil", visibility="co_branded", starts_on="2026-01-01", lead=coordinator
    )
    partnership.organisations.add(organisation)
    url = reverse("admin:partnerships_partnership_change", args=[partnership.pk])
    response = coordinator_client.post(
        url,
        {
            "title": "Joint vigil (corrected)",
            "organisations": str(organisation.pk),
            "visibility": "co_branded",
            "starts_on": "2026-01-01",
            "status": "concluded",
            "lead": coordinator.pk,
        },
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.title == "Joint vigil (corrected)"
    assert partnership.status == "active"  # only the conclude action changes it


def _review_page(client, request):
    return client.get(reverse("admin:partnerships_partnershiprequest_change", args=[request.pk]))


def test_the_review_page_shows_the_organisation_the_matches_seen_and_past_decisions(
    coordinator_client, coordinator, role_user
):
    from partnerships.models import RequestEvent

    owner = role_user(Role.SECTION_STAFF, first_name="Noor", last_name="Visser")
    oxfam = OrganisationFactory(name="Oxfam International", relationship_owner=owner)
    novib = OrganisationFactory(name="Oxfam Novib", relationship_status="active")
    earlier = PartnershipRequestFactory(
        organisation=novib, status=S.DECLINED, activity_title="Gala"
    )
    RequestEvent.objects.create(request=earlier, to_status=S.DECLINED, comment="Not this year.")
    PartnershipRequestFactory(organisation=novib, status=S.DRAFT, activity_title="Secret draft")
    request = PartnershipRequestFactory(
        organisation=novib,
        status=S.SUBMITTED,
        relationship_matches=[{"organisation": oxfam.pk, "reasons": ["branch or affiliate"]}],
    )
    content = _review_page(coordinator_client, request).content.decode()
    assert "Existing relationships the group saw" in content
    assert "Oxfam International" in content and "branch or affiliate" in content
    assert "Noor Visser" in content  # the match's owner
    assert "Gala" in content and "Not this year." in content
    assert "Secret draft" not in content  # drafts are the group's own business
    assert 'name="q1"' in content  # the checklist, inline


def test_the_inline_checklist_saves_and_returns_to_the_review_page(coordinator_client):
    request = PartnershipRequestFactory(status=S.IN_REVIEW)
    data = {"return_to": "review", "q1": "yes", "q1_note": "Fits our mandate."}
    response = coordinator_client.post(checklist_url(request), data)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:partnerships_partnershiprequest_change", args=[request.pk]
    )
    assert request.checklist_answers.get(question=1).note == "Fits our mandate."


@pytest.mark.parametrize("matches", [1, 8])
def test_the_review_page_runs_the_same_queries_for_few_or_many_matches_and_past_requests(
    coordinator_client, matches, django_assert_max_num_queries
):
    novib = OrganisationFactory(name="Oxfam Novib")
    relatives = [OrganisationFactory(name=f"Oxfam Chapter {n}") for n in range(matches)]
    PartnershipRequestFactory.create_batch(matches, organisation=novib, status=S.APPROVED)
    request = PartnershipRequestFactory(
        organisation=novib,
        status=S.SUBMITTED,
        relationship_matches=[
            {"organisation": o.pk, "reasons": ["branch or affiliate"]} for o in relatives
        ],
    )
    # The risk and evaluation panels' fixed queries included (issue 15).
    with django_assert_max_num_queries(15):
        response = _review_page(coordinator_client, request)
    assert response.content.decode().count("Oxfam Chapter") == matches


def test_each_queue_row_has_a_checkbox_for_the_bulk_decisions(coordinator_client):
    waiting = PartnershipRequestFactory(submitted_at=timezone.now())
    page = coordinator_client.get(reverse(QUEUE)).content.decode()
    assert (
        f'<input type="checkbox" name="_selected_action" value="{waiting.pk}" class="action-select"'
        in page
    )
