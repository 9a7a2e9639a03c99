import pytest

from tests.factories import CoalitionMembershipFactory, JointStatementFactory

pytestmark = pytest.mark.django_db


def test_a_statement_is_issued_only_once_every_member_agreed(api_client_for, staff):
    membership = CoalitionMembershipFactory()
    statement = JointStatementFactory(coalition=membership.coalition)
    client = api_client_for(staff)
    refused = client.post(f"/api/statements/{statement.pk}/issue/")
    assert refused.status_code == 409
    assert "every member agrees" in refused.json()["detail"]
    agreed = client.post(
        f"/api/statements/{statement.pk}/agree/",
        {"organisation": membership.organisation_id, "agreed_on": "2026-11-02"},
    )
    assert agreed.json()["missing_agreements"] == []
    issued = client.post(f"/api/statements/{statement.pk}/issue/")
    assert issued.status_code == 200 and issued.json()["status"] == "issued"


def test_only_a_current_member_can_agree(api_client_for, staff):
    statement = JointStatementFactory()
    outsider = CoalitionMembershipFactory().organisation
    response = api_client_for(staff).post(
        f"/api/statements/{statement.pk}/agree/",
        {"organisation": outsider.pk, "agreed_on": "2026-11-02"},
    )
    assert response.status_code == 400 and "organisation" in response.json()


def test_members_are_written_with_the_coalition_as_on_its_form(api_client_for, staff):
    from tests.factories import OrganisationFactory

    first, second = OrganisationFactory(), OrganisationFactory()
    client = api_client_for(staff)
    created = client.post(
        "/api/coalitions/",
        {"name": "Platform", "purpose": "Exchange.", "scope": "national",
         "secretariat_term_months": 12,
         "members": [{"organisation": first.pk, "role": "founding", "joined_on": "2025-01-01"},
                     {"organisation": second.pk, "role": "member", "joined_on": "2025-02-01"}]},
    )  # fmt: skip
    assert created.status_code == 201, created.json()
    members = created.json()["members"]
    assert {m["organisation"] for m in members} == {first.pk, second.pk}
    leaving = next(m for m in members if m["organisation"] == second.pk)
    url = f"/api/coalitions/{created.json()['id']}/"
    # A change that does not send members leaves them.
    assert len(client.patch(url, {"purpose": "Act."}).json()["members"]) == 2
    changed = client.patch(url, {"members": [{"id": leaving["id"], "left_on": "2026-06-01"}]})
    assert changed.status_code == 200, changed.json()
    # Sending the list replaces it: the first member, not sent, is removed.
    assert [(m["organisation"], m["left_on"]) for m in changed.json()["members"]] == [
        (second.pk, "2026-06-01")
    ]


def test_a_member_row_of_another_coalition_cannot_be_changed(api_client_for, staff):
    from tests.factories import CoalitionFactory

    elsewhere = CoalitionMembershipFactory()
    coalition = CoalitionFactory()
    response = api_client_for(staff).patch(
        f"/api/coalitions/{coalition.pk}/",
        {"members": [{"id": elsewhere.pk, "left_on": "2026-06-01"}]},
    )
    assert response.status_code == 400
    assert "members" in response.json()
    elsewhere.refresh_from_db()
    assert elsewhere.left_on is None


def test_a_meeting_is_recorded_under_its_coalition_and_its_minutes_written_later(
    api_client_for, staff
):
    membership = CoalitionMembershipFactory()
    client = api_client_for(staff)
    created = client.post(
        f"/api/coalitions/{membership.coalition_id}/meetings/",
        {"date": "2026-12-01", "agenda": "The spring campaign"},
    )
    assert created.status_code == 201, created.json()
    meeting = created.json()
    assert meeting["coalition"] == membership.coalition_id
    minutes = client.patch(f"/api/meetings/{meeting['id']}/", {"minutes": "Agreed to act."})
    assert minutes.status_code == 200 and minutes.json()["agenda"] == "The spring campaign"
    listed = client.get(f"/api/meetings/?coalition={membership.coalition_id}").json()
    assert [m["id"] for m in listed["results"]] == [meeting["id"]]
    assert (
        client.post(
            f"/api/coalitions/{membership.coalition_id}/meetings/", {"date": "x"}
        ).status_code
        == 400
    )


def test_an_agreement_is_withdrawn_and_the_sections_own_recorded(api_client_for, staff):
    from tests.factories import CoalitionFactory

    coalition = CoalitionFactory(section_is_member=True)
    membership = CoalitionMembershipFactory(coalition=coalition)
    statement = JointStatementFactory(coalition=coalition)
    client = api_client_for(staff)
    client.post(
        f"/api/statements/{statement.pk}/agree/",
        {"organisation": membership.organisation_id, "agreed_on": "2026-11-02"},
    )
    withdrawn = client.post(
        f"/api/statements/{statement.pk}/withdraw-agreement/",
        {"organisation": membership.organisation_id},
    )
    assert withdrawn.status_code == 200 and withdrawn.json()["agreed_by"] == []
    section = client.post(f"/api/statements/{statement.pk}/section-agreement/", {"agreed": True})
    assert section.status_code == 200 and section.json()["section_agreed_at"]
    assert client.post(f"/api/statements/{statement.pk}/section-agreement/", {}).status_code == 400


def test_the_section_cannot_agree_where_it_is_no_member(api_client_for, staff):
    statement = JointStatementFactory()
    response = api_client_for(staff).post(
        f"/api/statements/{statement.pk}/section-agreement/", {"agreed": True}
    )
    assert response.status_code == 409
    assert "not a member" in response.json()["detail"]


def test_staff_cancel_a_draft_urgent_action_once(api_client_for, staff, group_user):
    from tests.factories import UrgentActionFactory

    urgent_action = UrgentActionFactory(created_by=staff)
    client = api_client_for(staff)
    url = f"/api/urgent-actions/{urgent_action.pk}/cancel/"
    assert api_client_for(group_user).post(url).status_code == 403
    cancelled = client.post(url)
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    again = client.post(url)
    assert again.status_code == 409
    assert "can be cancelled" in again.json()["detail"]
