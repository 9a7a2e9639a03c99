"""django-axes locks by username, by address and by both; behind a proxy each client
counts alone; the lockout is a page that says how long it lasts. Sessions end after
the configured idle time, and with the browser for coordinators when configured."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from accounts.roles import Role

pytestmark = pytest.mark.django_db

LIMIT = 5


@pytest.fixture(autouse=True)
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = LIMIT


def _login(username: str, password: str = "wrong", **meta):
    return Client().post(reverse("login"), {"username": username, "password": password}, **meta)


def test_guessing_one_account_from_many_addresses_locks_the_account(role_user):
    user = role_user(Role.SECTION_STAFF, username="target")
    for n in range(LIMIT):
        _login("target", REMOTE_ADDR=f"10.0.0.{n + 1}")
    response = _login("target", "correct horse battery staple", REMOTE_ADDR="10.0.9.9")
    assert response.status_code == 429
    assert user.username in response.content.decode()


def test_spraying_many_accounts_from_one_address_locks_the_address(role_user):
    role_user(Role.SECTION_STAFF, username="innocent")
    for n in range(LIMIT):
        _login(f"guess{n}", REMOTE_ADDR="10.1.1.1")
    response = _login("innocent", "correct horse battery staple", REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 429
    other = _login("innocent", "correct horse battery staple", REMOTE_ADDR="10.1.1.2")
    assert other.status_code == 302  # another address is not affected


def test_the_lockout_page_is_in_the_apps_look_and_says_how_long(settings):
    settings.AXES_COOLOFF_TIME = 1
    for _ in range(LIMIT):
        _login("someone", REMOTE_ADDR="10.2.2.2")
    response = _login("someone", REMOTE_ADDR="10.2.2.2")
    html = response.content.decode()
    assert response.status_code == 429
    assert "Logging in is paused" in html and "60 minutes" in html
    assert 'href="/static/' in html or "partnerdesk" in html.lower()  # base.html, not a bare text


def test_behind_a_proxy_each_forwarded_client_counts_alone(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "192.168.0.1"}
    for n in range(LIMIT):
        _login(f"guess{n}", HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    assert _login("guess", HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy).status_code == 429
    other = _login("guess", HTTP_X_FORWARDED_FOR="198.51.100.4", **proxy)
    assert other.status_code == 200  # the login form again, not the lockout
    # A client cannot escape by writing its own X-Forwarded-For: the proxy's entry counts.
    spoofed = _login("guess", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7", **proxy)
    assert spoofed.status_code == 429


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(LIMIT):
        _login(f"guess{n}", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}", REMOTE_ADDR="10.3.3.3")
    assert (
        _login("guess", HTTP_X_FORWARDED_FOR="198.51.100.4", REMOTE_ADDR="10.3.3.3").status_code
        == 429
    )


def test_production_settings_trust_one_proxy_by_default(monkeypatch):
    import importlib
    import sys

    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("ALLOWED_HOSTS", "partnerdesk.example.org")
    monkeypatch.delitem(sys.modules, "config.settings.production", raising=False)
    production = importlib.import_module("config.settings.production")
    monkeypatch.delitem(sys.modules, "config.settings.production")
    assert production.TRUSTED_PROXY_COUNT == 1
    assert production.AXES_CLIENT_IP_CALLABLE == "accounts.lockout.client_ip"
    assert production.AXES_LOCKOUT_PARAMETERS == [
        "username", "ip_address", ["username", "ip_address"],
    ]  # fmt: skip


def test_sessions_expire_after_the_idle_time_and_activity_renews_them(settings, role_user):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    staff = Client()
    with time_machine.travel("2026-03-02 08:00Z", tick=False) as clock:
        staff.force_login(role_user(Role.SECTION_STAFF))
        assert staff.session.get_expiry_age() == 8 * 3600
        clock.shift(datetime.timedelta(hours=5))
        assert staff.get(reverse("dashboard:home")).status_code == 200  # renews
        clock.shift(datetime.timedelta(hours=7))  # 12 h after login, 7 h idle
        assert staff.get(reverse("dashboard:home")).status_code == 200
        clock.shift(datetime.timedelta(hours=8, minutes=1))  # idle too long
        assert staff.get(reverse("dashboard:home")).status_code == 302


def test_coordinator_sessions_end_with_the_browser_when_configured(settings, role_user):
    settings.SESSION_COORDINATORS_EXPIRE_AT_BROWSER_CLOSE = True
    coordinator, staff = Client(), Client()
    coordinator.force_login(role_user(Role.COORDINATOR))
    staff.force_login(role_user(Role.SECTION_STAFF))
    assert coordinator.session.get_expire_at_browser_close()
    assert not staff.session.get_expire_at_browser_close()
    settings.SESSION_COORDINATORS_EXPIRE_AT_BROWSER_CLOSE = False
    again = Client()
    again.force_login(role_user(Role.COORDINATOR, username="second-coordinator"))
    assert not again.session.get_expire_at_browser_close()
