import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_staff_logs_in_and_lands_on_the_dashboard(page, live_server, login, csp_violations):
    login("staff")
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    expect(page.locator("footer")).to_contain_text("Partnerdesk")
    assert csp_violations == []


def test_coordinator_lands_in_the_admin(page, live_server, login):
    login("coordinator")
    expect(page).to_have_url(f"{live_server.url}/admin/partnerships/partnershiprequest/queue/")
    expect(page.get_by_text("Partnerdesk administration").first).to_be_visible()


def test_local_group_logs_out_through_the_menu(page, live_server, login):
    login("localgroup1")
    expect(page.get_by_role("heading", name="My requests")).to_be_visible()
    page.get_by_role("button", name="localgroup1").click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Log in to Partnerdesk")).to_be_visible()
    page.goto(f"{live_server.url}/requests/mine/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/requests/mine/")
