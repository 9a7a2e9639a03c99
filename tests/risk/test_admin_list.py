"""The admin's list of risk assessments at scale: no DISTINCT over the whole table, and
the risk type filter by the lines' ids (issue 15's bench: 245 ms, then 41)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from risk.models import RiskLine
from tests.factories import OrganisationFactory, assess_risk

pytestmark = pytest.mark.django_db
LIST = "/admin/risk/riskassessment/"


@pytest.fixture
def coordinator_client(client, role_user):
    client.force_login(role_user(Role.COORDINATOR))
    return client


def _titles(response) -> list[str]:
    return [assessment.title for assessment in response.context["cl"].result_list]


@pytest.mark.parametrize(
    ("params", "expected"),
    [({}, ["Both", "Legal only", "Neither"]), ({"risk_type": "legal"}, ["Both", "Legal only"]),
     ({"risk_type": "political"}, ["Both"]), ({"risk_type": "nonsense"}, ["Both", "Legal only", "Neither"])],
)  # fmt: skip
def test_the_risk_type_filter_lists_each_assessment_with_such_a_line_once(
    coordinator_client, params, expected
):
    for title in ("Both", "Legal only", "Neither"):
        assess_risk(OrganisationFactory(), title=title)
    RiskLine.objects.filter(assessment__title="Legal only", risk_type="political").delete()
    RiskLine.objects.filter(assessment__title="Neither", risk_type__in=["legal", "political"]).delete()  # fmt: skip
    with CaptureQueriesContext(connection) as ran:
        response = coordinator_client.get(LIST, params)
    assert response.status_code == 200
    assert sorted(_titles(response)) == expected
    listed = [q["sql"] for q in ran.captured_queries if 'FROM "risk_riskassessment"' in q["sql"]]
    assert listed and not any("DISTINCT" in sql for sql in listed)
