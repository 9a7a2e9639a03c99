import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import UrgentActionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.SECTION_STAFF, Role.COORDINATOR])
def test_urgent_actions_are_listed_read_only_in_the_admin(client, role_user, role):
    urgent_action = UrgentActionFactory()
    client.force_login(role_user(role))
    listing = client.get(reverse("admin:outreach_urgentaction_changelist"))
    assert listing.status_code == 200
    assert urgent_action.reference in listing.content.decode()
    assert client.get(reverse("admin:outreach_urgentaction_add")).status_code == 403
    change = client.post(
        reverse("admin:outreach_urgentaction_change", args=[urgent_action.pk]), {"title": "x"}
    )
    assert change.status_code == 403
    urgent_action.refresh_from_db()
    assert urgent_action.title != "x"


def test_local_groups_never_reach_the_mailing_admin(client, role_user):
    client.force_login(role_user(Role.LOCAL_GROUP))
    response = client.get(reverse("admin:outreach_delivery_changelist"))
    assert response.status_code == 302
