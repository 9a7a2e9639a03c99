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
