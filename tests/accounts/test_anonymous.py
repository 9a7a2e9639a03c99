import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/", "/requests/mine/", "/accounts/profile/", "/accounts/password_change/"]
)
def test_anonymous_users_are_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anonymous_admin_goes_to_the_admin_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("url_name", ["login", "password_reset", "password_reset_done"])
def test_login_and_password_reset_are_public(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert "Partnerdesk" in response.content.decode()


def test_password_reset_sends_a_mail_to_a_known_address(client, role_user, mailoutbox):
    from accounts.roles import Role

    user = role_user(Role.SECTION_STAFF)
    client.post(reverse("password_reset"), {"email": user.email})
    assert len(mailoutbox) == 1
    assert "/accounts/reset/" in mailoutbox[0].body


def test_admin_is_titled_partnerdesk_administration(admin_client):
    assert "Partnerdesk administration" in admin_client.get("/admin/").content.decode()
