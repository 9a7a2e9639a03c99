import pytest
from playwright.sync_api import expect

from outreach import scoring

pytestmark = pytest.mark.browser

CHART_POINTS = """() => Chart.getChart(document.getElementById("priority-chart"))
    .data.datasets[0].data.map(p => ({label: p.label, x: p.x, y: p.y, priority: p.priority}))"""

TRAIL = """(label) => Chart.getChart(document.getElementById("priority-chart"))
    .data.datasets.find(d => d.label === label).data"""


def _point(page, label: str) -> dict:
    # The chart is drawn once Chart.js has loaded: wait for it rather than race it.
    page.wait_for_function(
        '() => window.Chart && Chart.getChart(document.getElementById("priority-chart"))'
    )
    return next(p for p in page.evaluate(CHART_POINTS) if p["label"] == label)


def test_staff_score_a_sector_and_see_it_move_on_the_chart(
    page, live_server, login, csp_violations, navigate
):
    login("staff")
    navigate("Outreach overview", "Outreach")
    page.get_by_role("link", name="Outreach priorities").click()
    expect(page.get_by_role("heading", name="Outreach priorities")).to_be_visible()

    row = page.locator('#priority-table tr[data-sector="youth-activists"]')
    expect(row.locator('[data-col="domestic"]')).to_have_text("72.0")
    expect(row.locator('[data-col="international"]')).to_have_text("50.0")
    before = _point(page, "Youth activists")
    assert (before["x"], before["y"], before["priority"]) == (72.0, 50.0, False)

    row.get_by_role("link", name="Assess Youth activists").click()
    for criterion in scoring.ALL_CRITERIA:
        page.locator(f"#id_{criterion}").fill("5")
    page.get_by_label("Recruitment").check()
    page.get_by_role("button", name="Save the assessment").click()

    expect(
        page.get_by_text("Youth activists scored 100 domestic and 100 international")
    ).to_be_visible()
    row = page.locator('#priority-table tr[data-sector="youth-activists"]')
    expect(row.locator('[data-col="domestic"]')).to_have_text("100.0")
    expect(row.locator('[data-col="international"]')).to_have_text("100.0")
    expect(row.get_by_text("Priority")).to_be_visible()
    after = _point(page, "Youth activists")
    assert (after["x"], after["y"], after["priority"]) == (100.0, 100.0, True)
    trail = page.evaluate(TRAIL, "Youth activists (previous assessment)")
    assert trail == [{"x": 72.0, "y": 50.0}, {"x": 100.0, "y": 100.0}]
    # Priorities rank first: the sector now heads the table.
    expect(page.locator("#priority-table tbody tr").first).to_have_attribute(
        "data-sector", "youth-activists"
    )
    assert csp_violations == []


def test_an_out_of_range_score_is_explained_and_the_chart_is_unchanged(
    page, live_server, login, csp_violations
):
    login("staff")
    page.goto(f"{live_server.url}/outreach/sectors/youth-activists/assess/")
    page.locator("#id_size").fill("9")
    page.get_by_role("button", name="Save the assessment").click()
    expect(page.get_by_text("Ensure this value is less than or equal to 5.")).to_be_visible()
    page.goto(f"{live_server.url}/outreach/priorities/")
    assert _point(page, "Youth activists")["x"] == 72.0
    assert csp_violations == []
