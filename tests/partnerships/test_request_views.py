import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from partnerships.models import Organisation, PartnershipRequest, RequestStatus
from partnerships.services import requests as services
from tests.factories import OrganisationFactory, PartnershipRequestFactory, UserFactory

pytestmark = pytest.mark.django_db
S = RequestStatus


@pytest.fixture
def group_user(role_user):
    return role_user(Role.LOCAL_GROUP)


@pytest.fixture
def group_client(client, group_user):
    client.force_login(group_user)
    return client


def own(group_user, **kwargs) -> PartnershipRequest:
    return PartnershipRequestFactory(
        local_group=group_user.local_group, created_by=group_user, **kwargs
    )


def form_data(**overrides) -> dict:
    return {
        "purposes": ["new_audiences", "visibility"],
        "methods": ["campaigning"],
        "activity_title": "Poetry evening for freedom of expression",
        "activity_description": "Readings of imprisoned writers' work.",
        "activity_starts_on": timezone.localdate().isoformat(),
        "activity_ends_on": "",
        "activity_place": "Public library",
        "expected_public": "About 40 people",
        "visibility": "co_branded",
        "partner_gains": "A new audience for their members.",
        "partner_demands": "The library room for one evening.",
        "submit": "1",
        **overrides,
    }


# --- The list ------------------------------------------------------------------------------


def test_the_list_shows_only_the_groups_own_requests_with_status_badges(group_client, group_user):
    own(group_user, activity_title="Our vigil", status=S.APPROVED)
    PartnershipRequestFactory(activity_title="Their fair")
    response = group_client.get(reverse("partnerships:my_requests"))
    content = response.content.decode()
    assert "Our vigil" in content
    assert "Their fair" not in content
    assert 'class="badge text-bg-success">Approved<' in content


def test_the_list_filters_by_status_and_ignores_unknown_statuses(group_client, group_user):
    own(group_user, activity_title="Approved one", status=S.APPROVED)
    own(group_user, activity_title="Draft one", status=S.DRAFT)
    url = reverse("partnerships:my_requests")
    content = group_client.get(url, {"status": "draft"}).content.decode()
    assert "Draft one" in content and "Approved one" not in content
    response = group_client.get(url, {"status": "<script>", "page": "1"})
    assert response.status_code == 200
    assert "Approved one" in response.content.decode()


def test_an_empty_list_invites_a_first_request(group_client):
    content = group_client.get(reverse("partnerships:my_requests")).content.decode()
    assert "No partnership requests yet." in content


def test_the_list_is_paginated(group_client, group_user):
    PartnershipRequestFactory.create_batch(
        25, local_group=group_user.local_group, created_by=group_user
    )
    response = group_client.get(reverse("partnerships:my_requests"), {"page": 2})
    assert len(response.context["partnership_requests"]) == 5
    beyond = group_client.get(reverse("partnerships:my_requests"), {"page": 99})
    assert beyond.status_code == 200
    assert beyond.context["page_obj"].number == 2


@pytest.mark.parametrize("rows", [10, 200])
def test_the_list_runs_the_same_queries_for_10_or_200_requests(
    group_client, group_user, rows, django_assert_max_num_queries
):
    organisation = OrganisationFactory()
    PartnershipRequestFactory.create_batch(
        rows, local_group=group_user.local_group, created_by=group_user, organisation=organisation
    )
    with django_assert_max_num_queries(8):
        response = group_client.get(reverse("partnerships:my_requests"))
    assert response.status_code == 200


@pytest.mark.parametrize("role", [Role.SECTION_STAFF, Role.COORDINATOR])
def test_staff_do_not_use_the_group_pages(client, role_user, role):
    client.force_login(role_user(role))
    assert client.get(reverse("partnerships:my_requests")).status_code == 403
    assert client.get(reverse("partnerships:request_create")).status_code == 403


# --- Another group's request is 404 --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("partnerships:request_detail", "get"),
        ("partnerships:request_edit", "get"),
        ("partnerships:request_edit", "post"),
        ("partnerships:request_withdraw", "get"),
        ("partnerships:request_withdraw", "post"),
        ("partnerships:request_submit", "post"),
        ("partnerships:request_answer", "post"),
    ],
)
def test_another_groups_request_is_not_found(group_client, name, method):
    theirs = PartnershipRequestFactory(status=S.NEEDS_INFORMATION)
    response = getattr(group_client, method)(reverse(name, args=[theirs.pk]), {"answer": "x"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == S.NEEDS_INFORMATION


# --- Creating ------------------------------------------------------------------------------


def test_choosing_a_registry_organisation_shows_the_existing_relationship(group_client, role_user):
    owner = role_user(Role.SECTION_STAFF, first_name="Ria", last_name="Jansen")
    organisation = OrganisationFactory(name="Human Rights Watch", relationship_owner=owner)
    twin = OrganisationFactory(name="The Human Rights Watch Inc.")
    response = group_client.get(
        reverse("partnerships:request_create"), {"organisation": organisation.pk}
    )
    content = response.content.decode()
    assert "Existing relationship" in content
    assert "Ria Jansen" in content
    assert "last activity" in content
    # The likely duplicate can be chosen instead, keeping the form.
    assert f'name="choose" value="{twin.pk}"' in content


def test_the_registry_search_finds_organisations_by_name_or_acronym(group_client):
    OrganisationFactory(name="Human Rights Watch", acronym="HRW")
    OrganisationFactory(name="Greenpeace")
    url = reverse("partnerships:request_pick_organisation")
    assert "Human Rights Watch" in group_client.get(url, {"q": "hrw"}).content.decode()
    content = group_client.get(url, {"q": "rights"}).content.decode()
    assert "Human Rights Watch" in content and "Greenpeace" not in content


@pytest.mark.parametrize("bad", ["abc", "999999", "-1"])
def test_a_bad_organisation_id_is_not_found(group_client, bad):
    response = group_client.get(reverse("partnerships:request_create"), {"organisation": bad})
    assert response.status_code == 404


def test_submitting_a_request_on_a_registry_organisation(group_client, group_user):
    organisation = OrganisationFactory()
    response = group_client.post(
        reverse("partnerships:request_create") + f"?organisation={organisation.pk}", form_data()
    )
    created = PartnershipRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("partnerships:request_detail", args=[created.pk])
    assert created.status == S.SUBMITTED
    assert created.organisation == organisation
    assert created.local_group == group_user.local_group


def test_saving_a_draft_does_not_submit(group_client):
    organisation = OrganisationFactory()
    data = form_data()
    del data["submit"]
    group_client.post(
        reverse("partnerships:request_create") + f"?organisation={organisation.pk}",
        {**data, "draft": "1"},
    )
    assert PartnershipRequest.objects.get().status == S.DRAFT


def test_an_invalid_request_form_shows_errors(group_client):
    organisation = OrganisationFactory()
    response = group_client.post(
        reverse("partnerships:request_create") + f"?organisation={organisation.pk}",
        form_data(methods=[], activity_ends_on="2000-01-01"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"methods", "activity_ends_on"}
    assert not PartnershipRequest.objects.exists()


def test_a_new_organisation_that_looks_known_must_be_confirmed(group_client):
    OrganisationFactory(name="Human Rights Watch", website="https://www.hrw.org")
    new = {
        "new-name": "Human Rights Watch Inc.",
        "new-kind": "human_rights",
        "new-website": "",
        "new-email": "",
        "new-acronym": "",
    }
    url = reverse("partnerships:request_create")
    response = group_client.post(url, form_data() | new)
    assert response.status_code == 200
    assert "Existing relationship" in response.content.decode()
    assert "confirm_new" in response.context["new_form"].errors
    assert not PartnershipRequest.objects.exists()

    response = group_client.post(url, form_data() | new | {"new-confirm_new": "on"})
    assert response.status_code == 302
    assert Organisation.objects.filter(name="Human Rights Watch Inc.").exists()


CONFIRM_LABEL = "None of the organisations listed above is the one I mean"


def test_the_confirmation_box_shows_only_with_matches(group_client):
    OrganisationFactory(name="Human Rights Watch")
    url = reverse("partnerships:request_create")
    assert CONFIRM_LABEL not in group_client.get(url).content.decode()
    new = {"new-name": "Fresh Start Collective", "new-kind": "community"}
    unknown = group_client.post(url, form_data(methods=[]) | new)
    assert unknown.status_code == 200 and CONFIRM_LABEL not in unknown.content.decode()
    known = group_client.post(url, form_data() | new | {"new-name": "Human Rigths Watch"})
    assert CONFIRM_LABEL in known.content.decode()


def test_choose_this_one_keeps_what_the_group_typed(group_client):
    hrw = OrganisationFactory(name="Human Rights Watch")
    typed = form_data(activity_title="Film night on refugee rights", submit="") | {
        "new-name": "Human Rigths Watch",
        "new-kind": "human_rights",
        "choose": str(hrw.pk),
    }
    response = group_client.post(reverse("partnerships:request_create"), typed)
    assert response.status_code == 200
    assert response.context["organisation"] == hrw
    assert response.context["new_form"] is None
    content = response.content.decode()
    assert 'value="Film night on refugee rights"' in content
    assert "A new audience for their members." in content
    assert f'action="{reverse("partnerships:request_create")}?organisation={hrw.pk}"' in content
    assert not response.context["form"].errors
    assert not PartnershipRequest.objects.exists()


# --- Detail, withdraw, answer ---------------------------------------------------------------


def test_the_detail_shows_the_decline_reason_and_never_the_internal_note(
    group_client, group_user, role_user
):
    request = own(group_user, status=S.IN_REVIEW)
    services.partnership_request_decline(
        partnership_request=request,
        user=role_user(Role.COORDINATOR),
        reason="We cannot co-brand with a party-political event.",
        internal_note="INTERNAL: the organiser is a party front.",
    )
    content = group_client.get(
        reverse("partnerships:request_detail", args=[request.pk])
    ).content.decode()
    assert "We cannot co-brand with a party-political event." in content
    assert "INTERNAL" not in content
    assert "Decision: declined" in content


def test_withdrawing_asks_for_confirmation_first(group_client, group_user):
    request = own(group_user, status=S.IN_REVIEW)
    url = reverse("partnerships:request_withdraw", args=[request.pk])
    response = group_client.get(url)
    assert "Yes, withdraw the request" in response.content.decode()
    request.refresh_from_db()
    assert request.status == S.IN_REVIEW
    response = group_client.post(url, {"comment": "The date moved."}, follow=True)
    request.refresh_from_db()
    assert request.status == S.WITHDRAWN
    assert "Your request is withdrawn." in response.content.decode()


def test_withdrawing_a_decided_request_gives_a_message_not_an_error(group_client, group_user):
    request = own(group_user, status=S.APPROVED)
    response = group_client.post(
        reverse("partnerships:request_withdraw", args=[request.pk]), follow=True
    )
    assert response.status_code == 200
    assert "cannot be withdrawn" in response.content.decode()


def test_answering_a_request_for_information(group_client, group_user, role_user):
    request = own(group_user, status=S.IN_REVIEW)
    services.partnership_request_ask_information(
        partnership_request=request, user=role_user(Role.COORDINATOR), question="Who speaks?"
    )
    detail = reverse("partnerships:request_detail", args=[request.pk])
    assert "Who speaks?" in group_client.get(detail).content.decode()
    url = reverse("partnerships:request_answer", args=[request.pk])
    group_client.post(url, {"answer": ""})
    request.refresh_from_db()
    assert request.status == S.NEEDS_INFORMATION
    group_client.post(url, {"answer": "Two councillors from different parties."})
    request.refresh_from_db()
    assert request.status == S.SUBMITTED


def test_submitting_a_draft_from_its_page_and_twice(group_client, group_user):
    request = own(group_user, status=S.DRAFT, methods=["provide_information"])
    url = reverse("partnerships:request_submit", args=[request.pk])
    response = group_client.post(url, follow=True)
    request.refresh_from_db()
    assert request.status == S.NOTED
    assert "noted" in response.content.decode()
    response = group_client.post(url, follow=True)
    assert response.status_code == 200
    assert "cannot be submitted" in response.content.decode()


def test_a_member_of_the_same_group_sees_the_groups_requests(client, group_user):
    request = own(group_user)
    colleague = UserFactory.with_role(Role.LOCAL_GROUP, local_group=group_user.local_group)
    client.force_login(colleague)
    assert client.get(reverse("partnerships:request_detail", args=[request.pk])).status_code == 200


def test_a_draft_can_be_edited_and_then_submitted(group_client, group_user):
    draft = own(group_user, status=S.DRAFT, activity_title="Old title")
    url = reverse("partnerships:request_edit", args=[draft.pk])
    assert "Old title" in group_client.get(url).content.decode()
    data = form_data(activity_title="New title")
    del data["submit"]
    group_client.post(url, {**data, "draft": "1"})
    draft.refresh_from_db()
    assert (draft.activity_title, draft.status) == ("New title", S.DRAFT)
    group_client.post(url, form_data(activity_title="Final title"))
    draft.refresh_from_db()
    assert (draft.activity_title, draft.status) == ("Final title", S.SUBMITTED)


def test_a_submitted_request_cannot_be_edited(group_client, group_user):
    submitted = own(group_user, status=S.SUBMITTED, activity_title="As submitted")
    response = group_client.post(
        reverse("partnerships:request_edit", args=[submitted.pk]),
        form_data(activity_title="Rewritten"),
        follow=True,
    )
    assert "cannot be changed" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.activity_title == "As submitted"


@pytest.mark.parametrize("events", [5, 100])
def test_the_detail_runs_the_same_queries_for_a_short_or_long_history(
    group_client, group_user, events, django_assert_max_num_queries
):
    from partnerships.models import RequestEvent

    request = own(group_user, status=S.SUBMITTED)
    RequestEvent.objects.bulk_create(
        RequestEvent(request=request, to_status=S.SUBMITTED, actor=group_user, comment=f"n{i}")
        for i in range(events)
    )
    with django_assert_max_num_queries(8):
        response = group_client.get(reverse("partnerships:request_detail", args=[request.pk]))
    assert response.status_code == 200
