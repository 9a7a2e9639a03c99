import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_staff_make_a_key_on_the_profile_page_and_read_the_docs_offline(
    page, live_server, login, csp_violations
):
    login("staff")
    page.goto(f"{live_server.url}/accounts/profile/")
    page.get_by_label("What is the key for?").fill("our website")
    page.get_by_role("button", name="Create a key").click()
    key = page.get_by_test_id("new-api-key").locator("code").inner_text()
    assert len(key) > 30
    expect(page.get_by_role("cell", name="our website")).to_be_visible()
    expect(page.get_by_role("cell", name="never")).to_be_visible()

    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(live_server.url) else outside.append(request.url)
        ),
    )
    page.get_by_role("link", name="Partnerdesk API").click()
    # Swagger UI is a large script: on a loaded machine it takes a while to start.
    expect(page.get_by_text("/api/organisations/matches/").first).to_be_visible(timeout=60_000)
    page.screenshot(path="var/screenshots/api_docs.png")
    assert outside == [] and csp_violations == []
