"""The shared list pieces in a browser: the filter panel folds away on a phone, and
column headers sort."""

import re

import pytest
from playwright.sync_api import expect

from .layout import screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_on_a_phone_the_registry_filters_fold_away_and_the_list_shows_first(
    page, live_server, login, csp_violations
):
    page.set_viewport_size(PHONE)
    login("staff")
    page.goto(f"{live_server.url}/organisations/")
    panel = page.locator("#list-filters")
    expect(panel).to_be_hidden()
    first_row = page.locator("table tbody tr").first
    expect(first_row).to_be_visible()
    # The first organisation is on the first screen, not below a page of filters.
    assert first_row.bounding_box()["y"] < PHONE["height"] / 2
    screenshot(page, "registry-390-filters-folded")

    page.get_by_role("button", name="Filters").click()
    expect(panel).to_be_visible()
    page.locator("#id_kind").select_option(label="Trade union")
    page.get_by_role("button", name="Filter", exact=True).click()
    # A filter is on: the panel stays open so the person sees why the list is short.
    expect(page.locator("#list-filters")).to_be_visible()
    screenshot(page, "registry-390-filter-on")

    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/organisations/")
    expect(page.locator("#list-filters")).to_be_visible()
    expect(page.get_by_role("button", name="Filters")).to_be_hidden()
    screenshot(page, "registry-1280")
    assert csp_violations == []


def test_a_column_header_sorts_the_registry_and_a_second_click_reverses_it(
    page, live_server, login
):
    login("staff")
    page.goto(f"{live_server.url}/organisations/?kind=trade_union")
    names = page.locator("table tbody tr td:first-child")
    ascending = names.all_inner_texts()
    assert len(ascending) > 1 and ascending == sorted(ascending, key=str.lower)
    header = page.get_by_role("columnheader", name="Name")
    expect(header).to_have_attribute("aria-sort", "ascending")

    header.get_by_role("link").click()
    expect(page).to_have_url(
        re.compile(r"kind=trade_union.*sort=-name|sort=-name.*kind=trade_union")
    )
    expect(page.get_by_role("columnheader", name="Name")).to_have_attribute(
        "aria-sort", "descending"
    )
    assert names.all_inner_texts() == list(reversed(ascending))
