"""The outreach panel of an organisation's registry page: sectors, contacts, a way to approach it."""

import pytest

from tests.factories import (
    ContactFactory,
    EmploymentFactory,
    OrganisationFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    organisation = OrganisationFactory(name="Lawyers for Rights")
    SectorFactory(name="The legal network", slug="the-legal-network").organisations.add(
        organisation
    )
    EmploymentFactory(
        organisation=organisation,
        role="Human rights officer",
        contact=ContactFactory(first_name="Ana", last_name="Visible"),
    )
    EmploymentFactory(
        organisation=organisation,
        contact=ContactFactory(first_name="Selma", last_name="Defender", is_at_risk=True),
    )
    return organisation


def test_organisation_page_shows_its_sectors_and_contacts(staff_client, organisation):
    page = staff_client.get(organisation.get_absolute_url()).content.decode()
    assert "The legal network" in page
    assert "Ana Visible" in page and "Human rights officer" in page


def test_organisation_page_hides_contacts_at_risk_without_the_permission(
    client, staff, coordinator, organisation
):
    client.force_login(staff)
    assert "Defender" not in client.get(organisation.get_absolute_url()).content.decode()
    client.force_login(coordinator)
    assert "Selma Defender" in client.get(organisation.get_absolute_url()).content.decode()


def test_organisation_page_links_to_recording_an_approach_to_it(staff_client, organisation):
    page = staff_client.get(organisation.get_absolute_url()).content.decode()
    url = f"/outreach/approaches/new/?organisation={organisation.pk}"
    assert f'href="{url}"' in page
    form = staff_client.get(url)
    assert form.context["form"].initial["organisation"] == organisation


@pytest.mark.parametrize("rows", [10, 200])
def test_organisation_page_query_count_does_not_grow_with_contacts(
    staff_client, django_assert_max_num_queries, rows
):
    organisation = OrganisationFactory()
    EmploymentFactory.create_batch(rows, organisation=organisation)
    for sector in SectorFactory.create_batch(rows // 10):
        sector.organisations.add(organisation)
    # The timeline in one query, every panel's fixed queries (issue 15).
    with django_assert_max_num_queries(15):
        response = staff_client.get(organisation.get_absolute_url())
    panel = response.context["panels"][0].context
    assert panel["employment_count"] == rows and len(panel["employments"]) == min(rows, 25)
