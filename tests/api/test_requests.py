import pytest

from partnerships import gates
from partnerships.models import Organisation, Partnership, RequestStatus
from tests.api.conftest import REQUEST_DETAILS as DETAILS
from tests.factories import (
    OrganisationFactory,
    PartnershipRequestFactory,
    assess_risk,
    complete_checklist,
)

pytestmark = pytest.mark.django_db


def _approve(client, pk, lead):
    return client.post(
        f"/api/requests/{pk}/approve/", {"starts_on": "2027-03-01", "lead": lead.pk}, format="json"
    )


@pytest.fixture
def submitted(group_user):
    return PartnershipRequestFactory(local_group=group_user.local_group, created_by=group_user)


def test_group_submits_a_request_that_coordinators_then_see(
    api_client_for, group_user, coordinator
):
    organisation = OrganisationFactory()
    response = api_client_for(group_user).post(
        "/api/requests/", {**DETAILS, "organisation": organisation.pk, "submit": True}
    )
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == RequestStatus.SUBMITTED
    listed = api_client_for(coordinator).get("/api/requests/").json()["results"]
    assert [row["id"] for row in listed] == [response.json()["id"]]


def test_approval_is_refused_until_the_checklist_is_answered(
    api_client_for, coordinator, submitted
):
    client = api_client_for(coordinator)
    assess_risk(submitted)  # the risk gate is met: the checklist is what is missing
    refused = _approve(client, submitted.pk, coordinator)
    assert refused.status_code == 409
    assert refused.json()["detail"] == (
        "Answer all six questions of the decision checklist before approving."
    )
    assert not Partnership.objects.exists()
    answers = {f"q{n}": "yes" for n in range(1, 7)} | {"q3_note": "Long track record."}
    checklist = client.post(f"/api/requests/{submitted.pk}/checklist/", answers)
    assert checklist.status_code == 200
    assert len(checklist.json()["checklist"]) == 6
    approved = _approve(client, submitted.pk, coordinator)
    assert approved.status_code == 200, approved.json()
    assert approved.json()["status"] == RequestStatus.APPROVED
    assert Partnership.objects.get().originating_request_id == submitted.pk


def test_an_approval_gate_refuses_through_the_api_with_its_sentence(
    api_client_for, coordinator, submitted, monkeypatch
):
    complete_checklist(submitted)
    monkeypatch.setattr(gates, "_gates", [lambda request: "The risk assessment is missing."])
    response = _approve(api_client_for(coordinator), submitted.pk, coordinator)
    assert response.status_code == 409
    assert response.json()["detail"] == "The risk assessment is missing."


def test_staff_cannot_decide(api_client_for, staff, submitted):
    complete_checklist(submitted)
    response = _approve(api_client_for(staff), submitted.pk, staff)
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == RequestStatus.SUBMITTED


def test_another_groups_request_is_404_and_unchanged(api_client_for, role_user, submitted):
    from accounts.roles import Role

    other = api_client_for(role_user(Role.LOCAL_GROUP))
    assert other.get(f"/api/requests/{submitted.pk}/").status_code == 404
    assert other.post(f"/api/requests/{submitted.pk}/withdraw/", {}).status_code == 404
    assert other.get("/api/requests/").json()["results"] == []
    submitted.refresh_from_db()
    assert submitted.status == RequestStatus.SUBMITTED


def test_the_group_never_sees_internal_notes(api_client_for, group_user, coordinator, submitted):
    api_client_for(coordinator).post(
        f"/api/requests/{submitted.pk}/decline/",
        {"reason": "Not this year.", "internal_note": "Their director worries us."},
    )
    mine = api_client_for(group_user).get(f"/api/requests/{submitted.pk}/").json()
    assert mine["status"] == RequestStatus.DECLINED
    assert "Not this year." in [event["comment"] for event in mine["events"]]
    assert all(event["internal_note"] == "" for event in mine["events"])
    assert mine["checklist"] == []


def test_an_illegal_move_is_409_with_the_pages_sentence(api_client_for, group_user, submitted):
    response = api_client_for(group_user).post(f"/api/requests/{submitted.pk}/submit/", {})
    assert response.status_code == 409
    assert response.json()["detail"] == "A request that is submitted cannot be submitted."


def test_new_organisation_goes_through_the_existing_relationship_check(api_client_for, group_user):
    OrganisationFactory(name="Film House Foundation", website="https://filmhouse.example")
    client = api_client_for(group_user)
    new = {"name": "Film House", "kind": "media", "website": "filmhouse.example"}
    refused = client.post("/api/requests/", {**DETAILS, "new_organisation": new})
    assert refused.status_code == 400
    assert "confirm_new" in refused.json()["new_organisation"]
    accepted = client.post(
        "/api/requests/", {**DETAILS, "new_organisation": {**new, "confirm_new": True}}
    )
    assert accepted.status_code == 201
    assert Organisation.objects.filter(name="Film House", relationship_status="prospect").exists()


@pytest.mark.parametrize(
    "junk",
    [
        {"activity_starts_on": {"a": 1}},
        {"methods": "campaigning"},
        {"organisation": "x"},
        {"organisation": 10**12},
        {"activity_title": ["a"]},
        {"new_organisation": "Film House"},
        {"submit": {"yes": True}},
    ],
)
def test_wrongly_typed_input_is_400_never_500(api_client_for, group_user, junk):
    response = api_client_for(group_user).post("/api/requests/", {**DETAILS, **junk})
    assert response.status_code == 400


def test_a_non_object_body_is_400(api_client_for, group_user):
    response = api_client_for(group_user).post("/api/requests/", [1, 2], format="json")
    assert response.status_code == 400
