import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import (
    CoalitionMembershipFactory,
    JointStatementFactory,
    OrganisationFactory,
    SupportRequestFactory,
)

pytestmark = pytest.mark.django_db

ADMIN_MODELS = ["organisation", "coalition", "jointstatement", "supportrequest"]


@pytest.mark.parametrize("role", [Role.SECTION_STAFF, Role.COORDINATOR])
@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_staff_and_coordinators_browse_the_registry_in_the_admin(client, role_user, role, model):
    membership = CoalitionMembershipFactory()
    JointStatementFactory(coalition=membership.coalition)
    SupportRequestFactory(organisation=membership.organisation)
    client.force_login(role_user(role))
    assert client.get(reverse(f"admin:partnerships_{model}_changelist")).status_code == 200


def test_local_groups_never_reach_the_admin(client, role_user):
    client.force_login(role_user(Role.LOCAL_GROUP))
    response = client.get(reverse("admin:partnerships_organisation_changelist"))
    assert response.status_code == 302


def test_staff_read_organisations_in_the_admin_and_coordinators_edit_them(client, role_user):
    organisation = OrganisationFactory()
    url = reverse("admin:partnerships_organisation_change", args=[organisation.pk])
    client.force_login(role_user(Role.SECTION_STAFF))
    response = client.get(url)
    assert response.status_code == 200 and b'name="name"' not in response.content
    client.force_login(role_user(Role.COORDINATOR))
    assert b'name="name"' in client.get(url).content
