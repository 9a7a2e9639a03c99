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
    # Constant in the data. On this first request (cold caches): the session, the user
    # and their roles, the groups of the filter, one query per section, one per reminder
    # source of the risk and evaluation apps, and the registry's figures: 14. Once the
    # caches are warm, only what is live: 5 (tests/dashboard/test_cache.py).
    with django_assert_max_num_queries(14):
        assert client.get(reverse("dashboard:home")).status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get(reverse("dashboard:home")).status_code == 200


def test_a_local_group_opening_the_home_address_lands_on_its_requests(client, role_user):
    client.force_login(role_user(Role.LOCAL_GROUP))
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("partnerships:my_requests")


def test_a_user_without_a_role_opening_the_home_address_lands_on_the_profile(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")


def test_dashboard_lists_the_users_overdue_follow_up_and_counts_it(client, role_user):
    import datetime

    from django.utils import timezone

    from tests.factories import ApproachFactory

    staff = role_user(Role.SECTION_STAFF)
    ApproachFactory(
        follow_up_owner=staff,
        follow_up_on=timezone.localdate() - datetime.timedelta(days=2),
        contact=ContactFactory(first_name="Ola", last_name="Overdue"),
    )
    client.force_login(staff)
    response = client.get(reverse("dashboard:home"))
    assert figures(response)["Follow-ups overdue"] == 1
    assert "Ola Overdue" in response.content.decode()
    assert "overdue" in response.content.decode()
