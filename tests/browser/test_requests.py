"""A request's whole journey, in real Chromium: the group asks, a coordinator decides."""

import re

import pytest
from playwright.sync_api import expect

from partnerships.models import PartnershipRequest
from tests.factories import assess_risk

pytestmark = pytest.mark.browser


def log_out(page) -> None:
    page.context.clear_cookies()


def open_own_request(page, title: str, *, status: str) -> None:
    """From "My requests": check the row's status badge, then open the request."""
    row = page.get_by_role("row").filter(has_text=title)
    expect(row.locator(".badge")).to_have_text(status)
    row.get_by_role("link", name=title).click()


def submit_request_for_hrw(page, title: str) -> None:
    page.get_by_role("link", name="New request").click()
    page.get_by_label("Organisation name, acronym or website").fill("Human Rights Watch")
    page.get_by_role("button", name="Search the registry").click()
    page.get_by_role("link", name=re.compile("Human Rights Watch")).click()
    warning = page.locator("#existing-relationship")
    expect(warning).to_contain_text("Existing relationship")
    expect(warning).to_contain_text("Human Rights Watch")
    expect(warning).to_contain_text("owner:")
    expect(warning).to_contain_text("last activity:")
    page.get_by_label("Reach new audiences and grow our supporter base").check()
    page.get_by_label("Joint campaigning — needs authorisation").check()
    page.get_by_label("Activity title").fill(title)
    page.get_by_label("Description").fill("Screenings and a debate on refugee rights.")
    page.get_by_label("Starts on").fill("2030-05-01")
    page.get_by_label("Place").fill("Amsterdam public library")
    page.get_by_label("Expected public").fill("About 80 students")
    page.get_by_label("Co-branded").check()
    page.get_by_label("What the partner gains").fill("A young audience for their research.")
    page.get_by_label("Demands on the partner").fill("One speaker for one evening.")
    page.get_by_role("button", name="Submit request").click()
    expect(page.locator("#request-status")).to_have_text("Submitted")


def test_group_submits_coordinator_approves_and_group_is_told(
    page, live_server, login, mailoutbox, csp_violations
):
    title = "Refugee film week"
    login("localgroup1")
    submit_request_for_hrw(page, title)
    log_out(page)

    # Approval also needs a complete risk assessment (tests/browser/test_risk.py fills one in).
    assess_risk(PartnershipRequest.objects.get(activity_title=title))
    login("coordinator")
    expect(page).to_have_url(re.compile(r"/admin/partnerships/partnershiprequest/queue/$"))
    page.get_by_role("link", name=title).click()
    page.get_by_role("link", name="Decision checklist").click()
    for question in range(1, 7):
        page.locator(f"input[name=q{question}][value=yes]").check()
        page.locator(f"textarea[name=q{question}_note]").fill(f"Checked point {question}.")
    page.get_by_role("button", name="Save the checklist").click()
    expect(page.get_by_text("All six questions are answered")).to_be_visible()
    page.get_by_role("link", name="Approve", exact=True).click()
    page.get_by_label("Message to the group (optional)").fill("Good luck with the week.")
    page.get_by_role("button", name="Confirm: approve").click()
    expect(page.get_by_text("The request is approved")).to_be_visible()
    log_out(page)

    login("localgroup1")
    open_own_request(page, title, status="Approved")
    expect(page.locator("#decision")).to_contain_text("Decision: approved")
    expect(page.locator("#decision")).to_contain_text("Good luck with the week.")

    sent = [m for m in mailoutbox if title in m.subject]
    assert len(sent) == 1
    assert "approved" in sent[0].subject
    assert "amsterdam@groups.example.org" in sent[0].to
    assert csp_violations == []


def test_a_decline_shows_the_reason_to_the_group_and_hides_the_internal_note(
    page, live_server, login, csp_violations
):
    title = "Letter-writing marathon at the library"
    login("coordinator")
    page.get_by_role("link", name=title).click()
    page.get_by_role("link", name="Decline", exact=True).click()
    expect(page.locator("#decision-guidance")).to_contain_text("not a judgement")
    page.get_by_label("Reason, written for the group").fill(
        "The library event overlaps with our national campaign launch; please ask again in June."
    )
    page.get_by_label("Internal note (optional; the group never sees it)").fill(
        "INTERNAL: the organiser's chair is standing for election."
    )
    page.get_by_role("button", name="Confirm: decline").click()
    expect(page.get_by_text("The request is declined")).to_be_visible()
    log_out(page)

    login("localgroup1")
    open_own_request(page, title, status="Declined")
    expect(page.locator("#decision-reason")).to_contain_text("please ask again in June")
    expect(page.locator("body")).not_to_contain_text("INTERNAL")
    expect(page.locator("body")).not_to_contain_text("standing for election")
    assert csp_violations == []


def test_another_group_gets_404_for_a_groups_request(page, live_server, login):
    theirs = PartnershipRequest.objects.filter(created_by__username="localgroup1").first()
    login("localgroup2")
    response = page.goto(f"{live_server.url}/requests/{theirs.pk}/")
    assert response.status == 404
    response = page.goto(f"{live_server.url}/requests/{theirs.pk}/withdraw/")
    assert response.status == 404
