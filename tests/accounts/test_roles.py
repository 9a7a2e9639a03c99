import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_data_migration_creates_the_three_role_groups():
    assert set(Group.objects.values_list("name", flat=True)) >= {r.value for r in Role}


def test_staff_and_coordinator_groups_carry_permissions():
    for role in (Role.SECTION_STAFF, Role.COORDINATOR):
        codenames = set(
            Group.objects.get(name=role.value).permissions.values_list("codename", flat=True)
        )
        assert "view_localgroup" in codenames


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.SECTION_STAFF, "/"),
        (Role.LOCAL_GROUP, "/requests/mine/"),
    ],
)
def test_login_lands_each_role_on_its_start_page(client, role_user, role, expected):
    user = role_user(role)
    response = client.post(
        reverse("login"), {"username": user.username, "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    landing = client.get(response["Location"])
    assert landing.status_code == 302
    assert landing["Location"] == expected
    assert client.get(expected).status_code == 200


def test_coordinator_lands_in_the_admin(client, role_user):
    client.force_login(role_user(Role.COORDINATOR))
    response = client.get(reverse("accounts:landing"))
    assert response["Location"].startswith("/admin/")
    assert client.get(response["Location"]).status_code == 200


def test_wrong_password_shows_an_error_and_stays_on_login(client, role_user):
    user = role_user(Role.SECTION_STAFF)
    response = client.post(reverse("login"), {"username": user.username, "password": "nope"})
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()


def test_login_is_throttled_after_repeated_failures(client, role_user, settings):
    user = role_user(Role.SECTION_STAFF)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": user.username, "password": "nope"})
    response = client.post(
        reverse("login"), {"username": user.username, "password": "correct horse battery staple"}
    )
    assert response.status_code == 429


def test_local_group_cannot_open_the_dashboard_or_admin(client, role_user):
    client.force_login(role_user(Role.LOCAL_GROUP))
    # The dashboard's address is `/`: the group is sent to its own home, not refused.
    assert client.get(reverse("dashboard:home"))["Location"] == reverse("partnerships:my_requests")
    assert client.get(reverse("dashboard:reminders")).status_code == 403
    assert client.get(reverse("admin:index")).status_code == 302  # admin login: not staff


def test_staff_cannot_open_my_requests(client, role_user):
    client.force_login(role_user(Role.SECTION_STAFF))
    assert client.get(reverse("partnerships:my_requests")).status_code == 403


def test_navigation_shows_only_what_the_role_may_use(client, role_user):
    client.force_login(role_user(Role.LOCAL_GROUP))
    page = client.get(reverse("partnerships:my_requests")).content.decode()
    assert "My requests" in page
    assert "Dashboard" not in page
    assert "Administration" not in page


def test_footer_shows_the_version(client, role_user):
    from config import __version__

    client.force_login(role_user(Role.SECTION_STAFF))
    assert f"Partnerdesk {__version__}" in client.get("/").content.decode()
