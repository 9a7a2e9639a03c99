"""The search-as-you-type pickers: small answers, staff only, the chosen row shown."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from outreach.forms.contacts import EmploymentForm
from partnerships.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations():
    return Organisation.objects.bulk_create(
        Organisation(name=f"Amnesty friends {n:02d}", name_key=f"amnesty friends {n:02d}")
        for n in range(30)
    )


def test_organisation_picker_answers_at_most_twenty_matches(client, role_user, organisations):
    client.force_login(role_user(Role.SECTION_STAFF))
    response = client.get(reverse("partnerships:organisation_picker"), {"q": "friends"})
    assert response.status_code == 200
    assert response.content.decode().count("data-picker-option=") == 20
    assert "Amnesty friends 00" in response.content.decode()


def test_organisation_picker_needs_two_characters(client, role_user, organisations):
    client.force_login(role_user(Role.SECTION_STAFF))
    response = client.get(reverse("partnerships:organisation_picker"), {"q": "a"})
    assert response.content == b""


def test_organisation_picker_is_for_staff_only(client, role_user, organisations):
    client.force_login(role_user(Role.LOCAL_GROUP))
    response = client.get(reverse("partnerships:organisation_picker"), {"q": "friends"})
    assert response.status_code == 403


def test_user_picker_offers_staff_logins_not_local_groups(client, role_user):
    staff = role_user(Role.SECTION_STAFF, username="maria-staff")
    role_user(Role.LOCAL_GROUP, username="maria-group")
    client.force_login(staff)
    html = client.get(reverse("accounts:user_picker"), {"q": "maria"}).content.decode()
    assert "maria-staff" in html
    assert "maria-group" not in html


def test_picker_widget_shows_the_chosen_organisation_and_no_options(organisations):
    chosen = organisations[3]
    html = str(EmploymentForm(initial={"organisation": chosen.pk})["organisation"])
    assert f'value="{chosen.pk}"' in html
    assert "Amnesty friends 03" in html
    assert "<option" not in html


def test_picker_posts_the_id_and_the_queryset_validates_it(organisations):
    form = EmploymentForm(data={"organisation": str(organisations[0].pk), "role": "Chair"})
    assert form.is_valid(), form.errors
    assert not EmploymentForm(data={"organisation": "999999", "role": "x"}).is_valid()
