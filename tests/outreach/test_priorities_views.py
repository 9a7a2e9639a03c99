import datetime
import json

import pytest
from django.urls import reverse

from outreach import scoring
from outreach.models import SectorAssessment
from partnerships.models import Organisation
from tests.factories import OrganisationFactory, SectorAssessmentFactory, SectorFactory

pytestmark = pytest.mark.django_db


def _form_data(**overrides):
    return {
        "assessed_on": "2026-01-10",
        **dict.fromkeys(scoring.ALL_CRITERIA, "4"),
        "aims": ["action", "education"],
        "notes": "",
        **overrides,
    }


def _chart(response) -> dict:
    html = response.content.decode()
    start = html.index('<script id="priority-chart-data" type="application/json">')
    start = html.index(">", start) + 1
    return json.loads(html[start : html.index("</script>", start)])


@pytest.mark.parametrize(
    "name", ["outreach:home", "outreach:priorities", "outreach:keyword_autocomplete"]
)
def test_local_groups_may_not_open_outreach_pages(group_client, name):
    assert group_client.get(reverse(name)).status_code == 403


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(reverse("outreach:priorities"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_navigation_offers_outreach_to_staff(staff_client):
    html = staff_client.get(reverse("dashboard:home")).content.decode()
    assert f'href="{reverse("outreach:home")}"' in html


def test_priorities_page_gives_the_chart_its_data_and_an_accessible_table(staff_client):
    sector = SectorFactory(name="Medical sector")
    SectorAssessmentFactory(sector=sector, **dict.fromkeys(scoring.ALL_CRITERIA, 4))
    SectorFactory(name="Unassessed sector")

    response = staff_client.get(reverse("outreach:priorities"))

    chart = _chart(response)
    assert chart["threshold"] == scoring.PRIORITY_THRESHOLD
    assert chart["points"] == [
        {"label": "Medical sector", "slug": sector.slug, "x": 80.0, "y": 80.0, "priority": True}
    ]
    html = response.content.decode()
    assert 'id="priority-table"' in html and "80.0" in html
    assert "Not assessed yet" in html
    assert "<style" not in html and " style=" not in html


def test_staff_add_an_assessment_and_the_sector_moves(staff_client, django_user_model):
    sector = SectorFactory()
    SectorAssessmentFactory(sector=sector, assessed_on=datetime.date(2025, 1, 1))

    response = staff_client.post(
        reverse("outreach:sector_assess", args=[sector.slug]), _form_data()
    )

    assert response.status_code == 302 and response["Location"] == reverse("outreach:priorities")
    latest = sector.assessments.first()
    assert latest.assessed_on == datetime.date(2026, 1, 10)
    assert latest.assessed_by.groups.filter(name="Section staff").exists()
    chart = _chart(staff_client.get(reverse("outreach:priorities")))
    assert (chart["points"][0]["x"], chart["points"][0]["y"]) == (80.0, 80.0)
    # The move from the previous assessment (all 3s: 60, 60) is drawn as a trail.
    assert chart["trails"] == [
        {"label": sector.name, "from": {"x": 60.0, "y": 60.0}, "to": {"x": 80.0, "y": 80.0}}
    ]


def test_the_form_starts_from_the_latest_scores(staff_client):
    sector = SectorFactory()
    SectorAssessmentFactory(sector=sector, size=5)
    form = staff_client.get(reverse("outreach:sector_assess", args=[sector.slug])).context["form"]
    assert form.initial["size"] == 5


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"size": "6"}, "less than or equal to 5"),
        ({"size": "-1"}, "greater than or equal to 0"),
        ({"size": ""}, "This field is required"),
        ({"size": "abc"}, "Enter a whole number"),
        ({"assessed_on": "2999-01-01"}, "cannot be dated in the future"),
        ({"aims": ["world peace"]}, "Select a valid choice"),
    ],
)
def test_an_invalid_assessment_shows_the_error_and_saves_nothing(staff_client, overrides, message):
    sector = SectorFactory()
    response = staff_client.post(
        reverse("outreach:sector_assess", args=[sector.slug]), _form_data(**overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SectorAssessment.objects.exists()


def test_an_unknown_sector_is_not_found(staff_client):
    assert staff_client.get(reverse("outreach:sector_assess", args=["nope"])).status_code == 404
    assert staff_client.get(reverse("outreach:sector_detail", args=["nope"])).status_code == 404


def test_staff_assign_an_organisation_to_a_sector_and_remove_it(staff_client):
    sector, organisation = SectorFactory(), OrganisationFactory(name="Lawyers for Rights")
    page = staff_client.get(reverse("outreach:sector_detail", args=[sector.slug]), {"q": "lawyers"})
    assert "Lawyers for Rights" in page.content.decode()

    add = reverse("outreach:sector_organisation_add", args=[sector.slug, organisation.pk])
    assert staff_client.post(add).status_code == 302
    assert list(sector.organisations.all()) == [organisation]

    remove = reverse("outreach:sector_organisation_remove", args=[sector.slug, organisation.pk])
    staff_client.post(remove)
    assert not sector.organisations.exists()


def test_assigning_is_post_only(staff_client):
    sector, organisation = SectorFactory(), OrganisationFactory()
    url = reverse("outreach:sector_organisation_add", args=[sector.slug, organisation.pk])
    assert staff_client.get(url).status_code == 405


def test_sector_page_shows_the_history_chart_data_and_table(staff_client):
    sector = SectorFactory()
    SectorAssessmentFactory(sector=sector, assessed_on=datetime.date(2025, 1, 1))
    SectorAssessmentFactory(sector=sector, assessed_on=datetime.date(2026, 1, 1), size=5)
    html = staff_client.get(reverse("outreach:sector_detail", args=[sector.slug])).content.decode()
    assert 'id="history-chart-data"' in html and "2025-01-01" in html
    assert 'id="history-table"' in html


@pytest.mark.parametrize("count", [10, 200])
def test_priorities_page_runs_a_constant_number_of_queries(
    staff_client, django_assert_max_num_queries, count
):
    sectors = [SectorFactory() for _ in range(10)]
    for number in range(count):
        SectorAssessmentFactory(sector=sectors[number % 10])
    with django_assert_max_num_queries(8):
        assert staff_client.get(reverse("outreach:priorities")).status_code == 200


@pytest.mark.parametrize("count", [10, 200])
def test_sector_page_runs_a_constant_number_of_queries(
    staff_client, django_assert_max_num_queries, count
):
    sector = SectorFactory()
    for _ in range(count):
        SectorAssessmentFactory(sector=sector)
    sector.organisations.add(*[OrganisationFactory() for _ in range(count)])
    with django_assert_max_num_queries(10):
        assert (
            staff_client.get(reverse("outreach:sector_detail", args=[sector.slug]), {"q": "Org"})
        ).status_code == 200


def test_the_table_groups_a_sectors_organisation_count(staff_client):
    sector = SectorFactory()
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Organisation {n}") for n in range(1_200)
    )
    sector.organisations.add(*organisations)
    html = staff_client.get(reverse("outreach:priorities")).content.decode()
    assert '<td class="text-end">1,200</td>' in html
