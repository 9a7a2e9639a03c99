import pytest
from playwright.sync_api import expect

from outreach.models import AtRiskAccessLog

pytestmark = pytest.mark.browser


def test_coordinator_opens_the_contact_at_risk_and_the_visit_is_logged(
    page, live_server, login, csp_violations
):
    login("coordinator")
    page.goto(f"{live_server.url}/outreach/contacts/")  # coordinators land in the admin
    page.get_by_label("Search").fill("Hana Ito")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("row").filter(has_text="at risk").get_by_role("link").first.click()
    expect(page.get_by_text("Your visit to this page is logged")).to_be_visible()
    expect(page.get_by_role("heading", name="Who looked at this record")).to_be_visible()
    # The search results that named them, then the record itself.
    pages = AtRiskAccessLog.objects.filter(user__username="coordinator").values_list(
        "page", flat=True
    )
    assert sorted(pages)[0] == "/outreach/contacts/" and len(pages) == 2
    assert csp_violations == []


def test_staff_mark_an_overdue_follow_up_done(page, live_server, login, csp_violations, navigate):
    login("staff")
    navigate("Approaches", "Outreach")
    page.get_by_role("link", name="1 overdue").click()
    page.get_by_role("button", name="Mark done").first.click()
    expect(page.get_by_text("Follow-up marked as done.")).to_be_visible()
    expect(page.get_by_role("link", name="0 overdue")).to_be_visible()
    assert csp_violations == []
