import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_staff_move_an_organisation_along_the_spectrum(page, live_server, login, csp_violations):
    login("staff")
    page.goto(f"{live_server.url}/outreach/campaigns/")
    page.get_by_role("link", name="Stop torture").click()
    neutral = page.locator(".spectrum-col-neutral")
    expect(neutral).to_contain_text("Médecins Sans Frontières")

    neutral.get_by_role("link", name="Médecins Sans Frontières (MSF)").click()
    page.get_by_label("Position").select_option(label="Passive ally")
    page.get_by_label("Reason").fill("Agreed to share the report with its members.")
    page.get_by_role("button", name="Move").click()

    expect(page.locator(".spectrum-col-passive-ally")).to_contain_text("Médecins Sans Frontières")
    expect(neutral).not_to_contain_text("Médecins Sans Frontières")
    first_move = page.locator("#spectrum-moves tbody tr").first
    expect(first_move).to_contain_text("towards ally (+1)")
    expect(first_move).to_contain_text("Agreed to share the report")
    assert csp_violations == []


def test_keyword_field_suggests_from_the_shared_vocabulary(
    page, live_server, login, csp_violations
):
    login("staff")
    page.goto(f"{live_server.url}/outreach/publications/new/")
    page.get_by_label("Keywords").press_sequentially("lawyers, tort", delay=30)
    options = page.locator("#id_keywords-suggestions option")
    expect(options.first).to_have_attribute("value", "lawyers, torture")
    assert csp_violations == []


def test_outreach_pages_load_without_csp_violations(
    page, live_server, login, csp_violations, navigate
):
    login("staff")
    for card in ["Structures", "Publications", "Campaigns"]:
        navigate("Outreach overview", "Outreach")
        page.get_by_role("heading", name=card, exact=True).click()
        expect(page.get_by_role("main").get_by_role("table")).to_be_visible()
    page.goto(f"{live_server.url}/outreach/sectors/the-legal-network/")
    page.wait_for_function(
        '() => window.Chart && Chart.getChart(document.getElementById("history-chart"))'
    )
    assert csp_violations == []
