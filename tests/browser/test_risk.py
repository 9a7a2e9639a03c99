"""Risk in real Chromium: staff assess and the heatmap moves; a group's advice changes
live; a coordinator's approval is refused with the reason on screen."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def heatmap_count(page, likelihood: int, impact: int) -> int:
    cell = page.locator(f"#risk-heatmap td[data-likelihood='{likelihood}'][data-impact='{impact}']")
    return int(cell.inner_text())


def test_staff_fill_in_an_assessment_and_the_heatmap_changes(page, live_server, login, navigate, csp_violations):  # fmt: skip
    login("staff")
    navigate("Risk register", menu="Risk")
    expect(page.get_by_role("heading", name="Risk register")).to_be_visible()
    before = heatmap_count(page, 3, 4)
    page.get_by_role("link", name="New assessment").click()
    # The registry is searched as you type, never offered as one long list.
    page.locator("#id_organisation").fill("Human Rights Watch")
    page.get_by_role("option", name="Human Rights Watch (HRW)", exact=True).click()
    page.get_by_label("Title").fill("HRW joint report launch")
    for row in range(6):
        page.locator(f"[name=lines-{row}-likelihood]").fill("4")
        page.locator(f"[name=lines-{row}-impact]").fill("4")
        page.locator(f"[name=lines-{row}-residual_likelihood]").fill("1")
        page.locator(f"[name=lines-{row}-residual_impact]").fill("2")
    # The reputational line stays high after mitigation: 3 × 4.
    page.locator("[name=lines-4-residual_likelihood]").fill("3")
    page.locator("[name=lines-4-residual_impact]").fill("4")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#assessment-rating")).to_have_text("High")
    page.get_by_role("link", name="Risk register").first.click()
    assert heatmap_count(page, 3, 4) == before + 1
    page.get_by_text("The same numbers as a table").click()
    table = page.locator("#risk-heatmap-table")
    expect(table.get_by_role("row", name=re.compile("^Impact 4"))).to_contain_text(str(before + 1))
    page.screenshot(path="var/screenshots/risk-register.png", full_page=True)
    assert csp_violations == []


def test_a_local_group_sees_the_advice_change_as_it_adds_a_party_political_speaker(page, live_server, login, csp_violations):  # fmt: skip
    login("localgroup1")
    page.get_by_role("link", name="New request").click()
    page.get_by_label("Organisation name, acronym or website").fill("Human Rights Watch")
    page.get_by_role("button", name="Search the registry").click()
    page.get_by_role("link", name=re.compile("Human Rights Watch")).click()
    page.get_by_label("Activity title").fill("Debate on refugee rights")
    page.get_by_label("Co-branded").check()
    advice = page.locator("#advice-recommendation")
    expect(advice).to_have_attribute("data-value", "partner_branded")
    page.get_by_label("Speakers").fill("Jan de Vries; mp; Labour")
    page.get_by_label("Speakers").blur()
    expect(advice).to_have_attribute("data-value", "reconsider")
    expect(page.locator("#advice-conditions")).to_contain_text("Name the major parties")
    page.get_by_label("Major parties").fill("Labour, Liberal")
    page.get_by_label("Parties invited").fill("Labour, Liberal")
    page.get_by_label("Parties invited").blur()
    expect(advice).to_have_attribute("data-value", "partner_branded")
    page.screenshot(path="var/screenshots/risk-request-advice.png", full_page=True)
    assert csp_violations == []


def test_a_coordinators_approval_is_refused_with_the_risk_reason_shown(page, live_server, login, csp_violations):  # fmt: skip
    title = "Joint stall at the climate march"
    login("coordinator")
    # Searched for, so requests that earlier tests added cannot push it off the first page.
    page.goto(f"{live_server.url}/admin/partnerships/partnershiprequest/queue/?q=climate+march")
    queue_row = page.get_by_role("row").filter(has_text=title)
    expect(queue_row).to_contain_text("Do not participate as partners")
    queue_row.get_by_role("link", name=title).click()
    expect(page.locator("#risk-panel")).to_contain_text("Do not participate as partners")
    expect(page.locator("#risk-panel")).to_contain_text("5 × 4 = 20 (severe)")
    page.get_by_role("link", name="Decision checklist").click()
    for question in range(1, 7):
        page.locator(f"input[name=q{question}][value=yes]").check()
        page.locator(f"textarea[name=q{question}_note]").fill(f"Checked point {question}.")
    page.get_by_role("button", name="Save the checklist").click()
    page.get_by_role("link", name="Approve", exact=True).click()
    page.get_by_role("button", name="Confirm: approve").click()
    error = page.locator(".messagelist .error")
    expect(error).to_contain_text("do not participate as partners")
    expect(error).to_contain_text("physical risk 5×4 = 20 after mitigation (severe)")
    page.screenshot(path="var/screenshots/risk-approval-refused.png", full_page=True)
    assert csp_violations == []
