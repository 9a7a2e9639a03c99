import pytest
from playwright.sync_api import expect

from outreach import scoring

from .layout import SCREENSHOTS, screenshot

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


LAYOUT = """() => {
    const chart = Chart.getChart(document.getElementById("priority-chart"));
    return {labels: chart.$labelBoxes, leftOut: chart.$labelsLeftOut,
            points: chart.data.datasets[0].data.length,
            x: [chart.scales.x.min, chart.scales.x.max], y: [chart.scales.y.min, chart.scales.y.max]};
}"""


def test_the_chart_zooms_to_the_data_keeps_the_threshold_and_its_labels_do_not_overlap(
    page, live_server, login
):
    from itertools import combinations

    login("staff")
    page.goto(f"{live_server.url}/outreach/priorities/")
    _point(page, "Youth activists")
    layout = page.evaluate(LAYOUT)
    threshold = scoring.PRIORITY_THRESHOLD
    points = page.evaluate(CHART_POINTS)
    for axis, key in (("x", "x"), ("y", "y")):
        low, high = layout[axis]
        values = [p[key] for p in points]
        assert low <= min(values) and max(values) <= high  # every point is on the chart
        assert low < threshold < high  # the 70 line is visible
        assert low > 0 or min(values) < 10  # zoomed in: no empty band from 0
    # Every sector is named on the chart and no two names overlap.
    assert layout["leftOut"] == [] and len(layout["labels"]) == layout["points"]

    def overlap(a, b):
        return (a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]
                and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"])  # fmt: skip

    assert [
        (a["label"], b["label"]) for a, b in combinations(layout["labels"], 2) if overlap(a, b)
    ] == []
    rule = page.locator("#ranking-rule")
    expect(rule).to_contain_text(f"score {threshold} or more on both")
    expect(rule).to_contain_text("lower score")
    screenshot(page, "priorities-page")
    page.locator("figure.card").screenshot(path=str(SCREENSHOTS / "priorities-chart.png"))
