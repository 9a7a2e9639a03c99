"""The coordinator's review page and queue at the widths coordinators use (issue 12)."""

import re

import pytest
from playwright.sync_api import expect

from partnerships.models import PartnershipRequest, RequestStatus
from tests.browser.layout import boxes, no_horizontal_scroll, overlapping, screenshot

pytestmark = pytest.mark.browser

BLOCKS = "#content h1, .review-subtitle, .review-actions, .review-block"


@pytest.mark.parametrize("width", [1280, 1366, 1920])
def test_the_review_page_holds_everything_without_overlap(page, live_server, login, width):
    page.set_viewport_size({"width": width, "height": 900})
    login("coordinator")
    waiting = PartnershipRequest.objects.filter(status=RequestStatus.SUBMITTED).first()
    page.goto(f"{live_server.url}/admin/partnerships/partnershiprequest/{waiting.pk}/change/")
    for heading in ["The request", "Decision checklist", "The organisation",
                    "Past requests and decisions", "History"]:  # fmt: skip
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("relationship"))).to_be_visible()
    expect(page.locator("#review-organisation")).to_contain_text("Owner")
    expect(page.locator("#review-organisation")).to_contain_text("Last activity")
    expect(page.get_by_role("link", name="Approve")).to_be_visible()
    # The request in full: who, what, methods, visibility and dates.
    request_block = page.locator("#review-request")
    for fact in ["Local group", "Activity", "Methods", "Visibility", "Dates"]:
        expect(request_block.get_by_text(fact, exact=True)).to_be_visible()
    # Room for what the risk and evaluation apps add, beside the rest.
    expect(page.get_by_role("heading", name="Risk assessment")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("^Lessons learned"))).to_be_visible()
    screenshot(page, f"review-page-{width}")

    blocks = boxes(page, BLOCKS)
    assert len(blocks) >= 8, blocks
    assert overlapping(blocks) == []
    buttons = boxes(page, ".review-actions a")
    assert len(buttons) >= 3
    assert overlapping({**buttons, **boxes(page, "#content h1")}) == []
    # The buttons sit in one row under the title, not over it.
    title = next(iter(boxes(page, "#content h1").values()))
    tops = {round(box["y"]) for box in buttons.values()}
    assert len(tops) == 1 and min(tops) >= title["y"] + title["height"]
    assert no_horizontal_scroll(page)


def test_the_queue_is_readable_at_1366(page, live_server, login):
    page.set_viewport_size({"width": 1366, "height": 800})
    login("coordinator")
    expect(page).to_have_url(re.compile(r"/admin/partnerships/partnershiprequest/queue/$"))
    headers = page.locator("#result_list thead th").all_inner_texts()
    for column in ["WAITING", "STATUS", "LOCAL GROUP", "ORGANISATION", "KIND", "METHODS", "RISK"]:
        assert any(column in header.upper() for header in headers), headers
    table = page.locator("#result_list").bounding_box()
    assert table["width"] >= 1366 * 0.85  # no sidebar squeezes it
    assert no_horizontal_scroll(page)
    # The admin breadcrumbs' links are underlined, not told apart by colour alone.
    decoration = "a => getComputedStyle(a).textDecorationLine"
    assert page.eval_on_selector("div.breadcrumbs a", decoration) == "underline"
    # The filters are closed menus above the table; opening one lists its choices.
    status = page.locator(".queue-filter").filter(has_text="Status")
    assert status.bounding_box()["y"] < table["y"]
    status.locator("summary").click()
    expect(status.get_by_role("link", name="All", exact=True)).to_be_visible()
    screenshot(page, "review-queue-1366")


def test_a_ticked_queue_row_leads_to_its_decision_page(page, live_server, login):
    # The row checkboxes are Partnerdesk's own HTML (accounts.admin_mixins): Django's
    # actions script must still count, toggle and submit them.
    login("coordinator")
    rows = page.locator("#result_list input.action-select")
    expect(rows.first).to_be_visible()
    page.locator("#action-toggle").check()
    assert all(box.is_checked() for box in rows.all())
    expect(page.locator(".action-counter")).to_contain_text(f"{rows.count()} of {rows.count()}")
    page.locator("#action-toggle").uncheck()
    rows.first.check()
    expect(page.locator(".action-counter")).to_contain_text(f"1 of {rows.count()}")
    chosen = rows.first.get_attribute("value")
    page.locator("select[name=action]").select_option("approve_action")
    page.locator(".actions button[name=index]").click()
    expect(page).to_have_url(re.compile(rf"/partnershiprequest/{chosen}/decide/approve/$"))
