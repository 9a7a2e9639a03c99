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


def test_the_admin_list_names_each_country_without_flattening_every_country_per_row(
    client, role_user, monkeypatch
):
    # The admin's cell for a field with choices flattens its 250 countries on every row
    # (two thirds of the list's time at the bench); the list asks the country its name.
    from django_countries.fields import CountryField

    OrganisationFactory(name="Dutch", country="NL")
    OrganisationFactory(name="Nowhere", country="")
    OrganisationFactory.create_batch(8, country="BE")
    flattened = []
    original = CountryField.flatchoices
    monkeypatch.setattr(
        CountryField, "flatchoices", property(lambda f: flattened.append(1) or original.fget(f))
    )
    reader = role_user(Role.SECTION_STAFF)
    reader.language = "fr"  # the names in the reader's language
    reader.save()
    client.force_login(reader)
    response = client.get(reverse("admin:partnerships_organisation_changelist"))
    html = response.content.decode()
    cells = [cell.split("<")[0] for cell in html.split('class="field-country_name">')[1:]]
    assert sorted(cells) == ["-", *["Belgique"] * 8, "Pays-Bas"]
    assert len(flattened) <= 1  # the country filter's list, not one per row
