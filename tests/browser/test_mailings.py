import pytest
from playwright.sync_api import expect

from outreach.models import UrgentAction
from outreach.selectors.mailings import urgent_action_audience
from tests.factories import ContactFactory

pytestmark = pytest.mark.browser


def demo_audience() -> int:
    return urgent_action_audience(UrgentAction.objects.get(reference="UA 102/26")).count()


def test_staff_previews_and_sends_an_approved_urgent_action(
    page, live_server, login, csp_violations, navigate
):
    login("staff")
    ContactFactory.create_batch(3, occupation="lawyer")
    ContactFactory(occupation="lawyer", is_at_risk=True)
    count = demo_audience()
    navigate("Urgent Actions", "Outreach")
    page.get_by_role("link", name="UA 102/26").click()
    expect(page.locator("#audience-count")).to_have_text(str(count))
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name=f"Send to {count} contacts").click()
    expect(page.get_by_role("heading", name="UA 102/26 · Issued")).to_be_visible()
    expect(page.locator("#progress-sent")).to_have_text(str(count))
    expect(page.locator("#mailing-status")).to_have_text("Done")
    expect(page.get_by_role("cell", name="Sent", exact=True)).to_have_count(count)
    assert csp_violations == []


def test_cancelling_the_confirmation_sends_nothing(page, live_server, login):
    login("staff")
    ContactFactory(occupation="lawyer")
    page.goto(f"{live_server.url}/outreach/urgent-actions/")
    page.get_by_role("link", name="UA 102/26").click()
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Send to").click()
    expect(page.locator("#ua-status")).to_have_text("Approved")
