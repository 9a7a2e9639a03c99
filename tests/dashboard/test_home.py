import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def figures(response) -> dict[str, int]:
    return {figure.label: figure.value for figure in response.context["figures"]}


def test_dashboard_counts_the_registry_and_mailable_contacts(client, role_user):
    OrganisationFactory.create_batch(3, relationship_status="active")
    OrganisationFactory(relationship_status="prospect")
    ContactFactory.create_batch(2)
    ContactFactory(mailing_consent=False, consent_given_at=None)
    client.force_login(role_user(Role.SECTION_STAFF))
    shown = figures(client.get(reverse("dashboard:home")))
    assert shown["Organisations in the registry"] == 4
    assert shown["Active relationships"] == 3
    assert shown["Prospects"] == 1
    assert shown["Contacts who may be mailed"] == 2


def test_people_at_risk_are_not_counted_for_staff_without_the_permission(client, role_user):
    ContactFactory()
    ContactFactory(is_at_risk=True)
    client.force_login(role_user(Role.SECTION_STAFF))
    # Never mailable anyway; the count must not reveal them either way.
    assert figures(client.get(reverse("dashboard:home")))["Contacts who may be mailed"] == 1


@pytest.mark.parametrize("rows", [10, 200])
def test_dashboard_runs_a_constant_number_of_queries(
    client, role_user, rows, django_assert_max_num_queries
):
    OrganisationFactory.create_batch(rows)
    ContactFactory.create_batch(rows)
    client.force_login(role_user(Role.SECTION_STAFF))
    with django_assert_max_num_queries(13):
        assert client.get(reverse("dashboard:home")).status_code == 200


def test_local_groups_cannot_open_the_dashboard(client, role_user):
    client.force_login(role_user(Role.LOCAL_GROUP))
    assert client.get(reverse("dashboard:home")).status_code == 403
