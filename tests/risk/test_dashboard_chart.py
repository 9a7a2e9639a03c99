"""The risk heatmap on the dashboard: its JSON against known data, its filters, its table,
and nothing in it that names an assessment, an organisation or a person."""

import json

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from dashboard import charts
from dashboard.sections import DashboardFilters
from tests.factories import (
    LocalGroupFactory,
    OrganisationFactory,
    PartnershipRequestFactory,
    assess_risk,
)

pytestmark = pytest.mark.django_db
URL = reverse("dashboard:chart_json", args=["risk"])


@pytest.fixture(autouse=True)
def _no_cached_charts():
    cache.clear()
    yield
    cache.clear()


def _points(data) -> dict[str, dict[tuple[int, int], int]]:
    return {
        dataset["label"]: {(p["x"], p["y"]): p["count"] for p in dataset["data"]}
        for dataset in data["datasets"]
    }


def test_the_risk_app_registers_its_heatmap_with_the_dashboard():
    assert charts.CHARTS["risk"].__module__ == "risk.charts"


def test_the_heatmap_counts_residual_lines_per_cell_in_their_rating_band(client, role_user):
    assess_risk(OrganisationFactory(), residual=(1, 2))  # six lines at 1×2 (low)
    assess_risk(OrganisationFactory(), residual=(2, 3), blocking="legal")  # five at 2×3, one 5×5
    client.force_login(role_user(Role.SECTION_STAFF))
    data = client.get(URL).json()
    assert data["type"] == "bubble"
    assert _points(data) == {
        "Low": {(1, 2): 6},
        "Medium": {(2, 3): 5},
        "High": {},
        "Severe": {(5, 5): 1},
    }
    severe = data["datasets"][3]["data"][0]
    assert severe["label"] == "Likelihood 5, impact 5: 1 risk"
    table = data["table"]
    assert table["columns"] == ["Impact \\ likelihood", *(f"Likelihood {n}" for n in range(1, 6))]
    assert table["rows"][0] == ["Impact 5", 0, 0, 0, 0, 1]  # impact 5 at the top
    assert table["rows"][2] == ["Impact 3", 0, 5, 0, 0, 0]
    assert table["rows"][3] == ["Impact 2", 6, 0, 0, 0, 0]
    assert sum(sum(row[1:]) for row in table["rows"]) == 12
    assert data == charts.CHARTS["risk"](DashboardFilters())  # the endpoint serves the chart


def test_the_table_sits_under_the_chart_on_the_charts_page(client, role_user):
    assess_risk(OrganisationFactory(), residual=(2, 3))
    client.force_login(role_user(Role.SECTION_STAFF))
    page = client.get(reverse("dashboard:charts")).content.decode()
    section = page[page.index('id="chart-risk"') :]
    section = section[: section.index("</section>")]
    assert f'data-chart-url="{URL}?' in section
    assert section.index("<canvas") < section.index("<table")
    assert '<th scope="row">Impact 3</th><td>0</td><td>6</td>' in section


def test_the_heatmap_follows_the_local_group_and_region_filters():
    north = LocalGroupFactory(name="North group", region="North")
    assess_risk(PartnershipRequestFactory(local_group=north), residual=(3, 3))
    assess_risk(PartnershipRequestFactory(local_group=LocalGroupFactory(region="South")))
    assess_risk(OrganisationFactory(region="North"), residual=(4, 1))
    by_group = _points(charts.CHARTS["risk"](DashboardFilters(local_group_id=north.pk)))
    assert by_group["Medium"] == {(3, 3): 6} and not by_group["Low"]
    by_region = _points(charts.CHARTS["risk"](DashboardFilters(region="North")))
    assert by_region["Medium"] == {(3, 3): 6} and by_region["Low"] == {(4, 1): 6}


def test_no_name_or_text_of_an_assessment_reaches_the_json(client, role_user):
    # An assessment may name a person at risk (a speaker, a host): only counts leave.
    organisation = OrganisationFactory(name="Defenders of Zamunda")
    assess_risk(organisation, title="Vigil with Ayo Secretname", residual=(2, 2))
    organisation.risk_assessments.get().lines.update(description="Ayo Secretname is watched")
    client.force_login(role_user(Role.SECTION_STAFF))
    body = client.get(URL).content.decode()
    for secret in ["Zamunda", "Secretname", "Vigil", "watched"]:
        assert secret not in body
    assert json.loads(body)["datasets"][0]["data"][0]["count"] == 6  # 2×2 is low


def test_local_groups_cannot_read_the_heatmap(client, role_user):
    client.force_login(role_user(Role.LOCAL_GROUP))
    assert client.get(URL).status_code == 403


def test_the_heatmap_speaks_french(client, role_user):
    assess_risk(OrganisationFactory(), residual=(5, 5))
    with translation.override("fr"):
        data = charts.CHARTS["risk"](DashboardFilters())
    assert data["axes"] == {"x": "Probabilité", "y": "Impact"}
    assert data["datasets"][3]["data"][0]["label"] == "Probabilité 5, impact 5 : 6 risques"
    assert data["table"]["rows"][0][0] == "Impact 5"
