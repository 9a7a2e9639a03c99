"""The evaluation loop in real Chromium: a group records and evaluates an activity, the
partner answers through the signed link, staff read both side by side, and the lesson
comes back to the coordinator deciding the next request from the same organisation."""

import re

import pytest
from playwright.sync_api import expect

from partnerships.models import Organisation, PartnershipRequest

pytestmark = pytest.mark.browser

ORGANISATION = "Food First International Action Network"
LESSON = "Invite every major party to speak, or read their statements aloud."


def record_activity(page, navigate) -> None:
    navigate("Joint activities")
    page.get_by_role("link", name="Record an activity").click()
    page.get_by_label("Partnership").select_option(label="Panel on the right to food")
    page.get_by_label("Title").fill("Right-to-food debate")
    page.get_by_label("Method of cooperation").select_option(
        label="Co-sponsoring a conference or forum"
    )
    page.get_by_label("Starts on").fill("2026-02-10")
    page.get_by_label("Ends on").fill("2026-02-10")
    page.get_by_label("Place").fill("Utrecht city library")
    page.get_by_label("Run by").select_option(label="The local group")
    page.get_by_label("People reached").fill("120")
    page.locator('[name="targets-0-indicator"]').fill("Visitors")
    page.locator('[name="targets-0-unit"]').fill("people")
    page.locator('[name="targets-0-target"]').fill("100")
    page.locator('[name="targets-0-actual"]').fill("120")
    page.locator('[name="targets-1-indicator"]').fill("Parties speaking")
    page.locator('[name="targets-1-unit"]').fill("parties")
    page.locator('[name="targets-1-target"]').fill("4")
    page.locator('[name="targets-1-actual"]').fill("3")
    page.get_by_role("button", name="Save activity").click()
    expect(page.get_by_role("heading", name="Right-to-food debate")).to_be_visible()
    table = page.locator("#targets-table")
    expect(table.get_by_role("row").filter(has_text="Visitors")).to_contain_text("Reached")
    expect(table.get_by_role("row").filter(has_text="Parties speaking")).to_contain_text("Partly")
    expect(page.locator("canvas.evaluation-chart")).to_have_attribute("data-chart-drawn", "true")


def complete_evaluation(page) -> None:
    page.get_by_role("link", name="Evaluate").click()
    questions = page.locator("fieldset.evaluation-question")
    expect(questions).to_have_count(8)
    # Two targets, one reached and one partly: "Are targets being reached?" reads Partly.
    expect(questions.nth(2).get_by_label("Partly", exact=True)).to_be_checked()
    for index in range(8):
        if index == 2:
            continue
        questions.nth(index).get_by_label("No" if index == 3 else "Yes", exact=True).check()
    page.get_by_label("Overall rating").select_option(label="4 of 5")
    page.get_by_label("Recommendation").select_option(label="Continue")
    page.get_by_label("A lesson for next time").fill(LESSON)
    page.screenshot(path="var/screenshots/evaluation-form.png", full_page=True)
    page.get_by_role("button", name="Complete the evaluation").click()
    expect(page.get_by_text("The evaluation is complete.")).to_be_visible()


def send_partner_link(page, mailoutbox) -> str:
    page.get_by_label("The partner contact's e-mail").fill("coordinator@fian.example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_text("is on its way to coordinator@fian.example.org")).to_be_visible()
    (message,) = [m for m in mailoutbox if m.to == ["coordinator@fian.example.org"]]
    return re.search(r"http\S+/evaluation/partner/\S+", message.body).group()


def test_group_evaluates_partner_answers_staff_compare_and_the_lesson_returns(
    page, live_server, login, navigate, mailoutbox, csp_violations
):
    login("localgroup1")
    record_activity(page, navigate)
    complete_evaluation(page)
    link = send_partner_link(page, mailoutbox)
    page.context.clear_cookies()

    # The partner: anonymous, through the signed link.
    page.goto(live_server.url + link.split("8000", 1)[-1])
    expect(page.get_by_role("heading", name=re.compile("Right-to-food debate"))).to_be_visible()
    expect(page.get_by_role("link", name="Log in")).to_have_count(0)
    page.get_by_role("group", name=re.compile("beneficial to both")).get_by_label("Yes").check()
    page.get_by_role("group", name=re.compile("negative effects")).get_by_label("No").check()
    page.get_by_label("What should we change next time?").fill("Send the invitations earlier.")
    page.get_by_role("group", name=re.compile("work with us again")).get_by_label("Yes").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    page.reload()  # the link is used now
    expect(page.get_by_role("heading", name="Thank you, we have your answers")).to_be_visible()
    page.screenshot(path="var/screenshots/evaluation-partner-used.png", full_page=True)

    # Staff: ours and the partner's side by side.
    login("staff")
    navigate("Joint activities")
    page.get_by_role("link", name="Right-to-food debate").click()
    table = page.locator("table.side-by-side")
    expect(table.get_by_role("columnheader", name="Partner's answer")).to_be_visible()
    expect(table).to_contain_text("Send the invitations earlier.")
    benefit = table.get_by_role("row").filter(has_text="beneficial to both")
    expect(benefit.get_by_role("cell").nth(1)).to_contain_text("Yes")
    page.screenshot(path="var/screenshots/evaluation-activity.png", full_page=True)
    page.get_by_role("link", name="Panel on the right to food").first.click()
    expect(page.locator("#ratings-table")).to_contain_text("4")
    page.screenshot(path="var/screenshots/evaluation-partnership.png", full_page=True)
    # The demo's film festival has two evaluations: its page draws the trend of ratings.
    navigate("Joint activities")
    page.get_by_role("link", name="Human rights film festival 2025").first.click()
    expect(page.locator('canvas[data-chart-kind="ratings"]')).to_have_attribute(
        "data-chart-drawn", "true"
    )
    expect(page.locator("#ratings-table tbody tr")).to_have_count(2)
    page.screenshot(path="var/screenshots/evaluation-ratings.png", full_page=True)
    page.context.clear_cookies()

    # A new request from the same organisation: the coordinator sees the lesson.
    fian = Organisation.objects.get(name=ORGANISATION)
    request = PartnershipRequest.objects.filter(organisation=fian).first()
    new = PartnershipRequest.objects.create(
        local_group=request.local_group, organisation=fian, created_by=request.created_by,
        status="submitted", purposes=["new_audiences"], methods=["campaigning"],
        activity_title="Food sovereignty week", activity_description="Talks and a market.",
        activity_starts_on="2030-06-01", activity_place="Utrecht", expected_public="200",
        visibility="co_branded", partner_gains="Audience", partner_demands="Two speakers",
    )  # fmt: skip
    login("coordinator")
    page.goto(f"{live_server.url}/admin/partnerships/partnershiprequest/{new.pk}/change/")
    panel = page.locator("#lessons-panel")
    expect(panel).to_contain_text(LESSON)
    expect(panel.get_by_role("link", name="Right-to-food debate")).to_be_visible()
    page.screenshot(path="var/screenshots/evaluation-review-lessons.png", full_page=True)
    assert csp_violations == []
