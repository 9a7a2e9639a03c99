"""Every page a role reaches from the navigation, and the first record of each list, opens
in a real browser without a server error, without a Content Security Policy violation, and
with a visible heading."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# The records of a list page, and the cards of a hub page (the outreach home).
FIRST_RECORD = "main table tbody tr a[href], main .list-group a.list-group-item[href]"
HUB_CARDS = "main a.card[href]"


def _hrefs(page, selector: str) -> list[str]:
    hrefs = page.eval_on_selector_all(selector, "links => links.map(link => link.href)")
    return [href.split("#")[0] for href in hrefs]


def _open(page, url: str, csp_violations: list[str]) -> None:
    response = page.goto(url)
    assert response is not None and response.status < 400, f"{url}: {response and response.status}"
    expect(page.locator("h1").first).to_be_visible()
    assert csp_violations == [], f"{url}: {csp_violations}"


def _tour(page, live_server, csp_violations) -> list[str]:
    """Open every navigation entry, each hub's cards, and each list's first record."""
    start = page.url
    nav = _hrefs(
        page,
        'nav[aria-label="Main navigation"] a.nav-link[href]:not([href="#"]), '
        'nav[aria-label="Main navigation"] a.dropdown-item[href]',
    )
    pages = [start, *nav]
    visited: list[str] = []
    while pages:
        url = pages.pop(0)
        if url in visited or not url.startswith(live_server.url):
            continue
        _open(page, url, csp_violations)
        visited.append(url)
        if "/admin/" in url:
            continue  # the admin is Django's own: its index is enough here
        pages += _hrefs(page, HUB_CARDS)
        base = url.split("?")[0]
        records = [href for href in _hrefs(page, FIRST_RECORD) if href.split("?")[0] != base]
        # A list's own records first (a support request, not the organisation beside it).
        own = [href for href in records if href.startswith(base)]
        pages += (own or records)[:1]
    return visited


def test_staff_tour_of_every_page(page, live_server, login, csp_violations):
    login("staff")
    visited = _tour(page, live_server, csp_violations)
    paths = {url.removeprefix(live_server.url).split("?")[0] for url in visited}
    for expected in (
        "/organisations/",
        "/coalitions/",
        "/support/",
        "/outreach/",
        "/outreach/priorities/",
        "/outreach/structures/",
        "/outreach/publications/",
        "/outreach/campaigns/",
        "/outreach/contacts/",
        "/outreach/approaches/",
        "/outreach/import/",
    ):
        assert expected in paths
    for prefix in (
        "/organisations/",
        "/coalitions/",
        "/support/",
        "/outreach/sectors/",
        "/outreach/structures/",
        "/outreach/publications/",
        "/outreach/campaigns/",
        "/outreach/contacts/",
        "/outreach/approaches/",
    ):
        assert any(path.startswith(prefix) and path[len(prefix) :] for path in paths), prefix


def test_coordinator_tour_of_every_page(page, live_server, login, csp_violations):
    login("coordinator")
    # A coordinator lands in the admin's review queue; the site's own pages start here.
    page.goto(f"{live_server.url}{reverse('dashboard:home')}")
    visited = _tour(page, live_server, csp_violations)
    assert any("/outreach/contacts/" in url for url in visited)
    assert any("/admin/" in url for url in visited)


def test_local_group_tour_of_its_pages(page, live_server, login, csp_violations):
    login("localgroup1")
    visited = _tour(page, live_server, csp_violations)
    paths = [url.removeprefix(live_server.url) for url in visited]
    assert "/requests/mine/" in paths
    assert any(path.startswith("/requests/") and path[10:11].isdigit() for path in paths)
    assert not any(path.startswith(("/organisations/", "/outreach/")) for path in paths)


def test_contact_form_suggests_keywords_from_the_shared_vocabulary(
    page, live_server, login, csp_violations
):
    login("staff")
    page.goto(f"{live_server.url}{reverse('outreach:contact_create')}")
    page.get_by_label("Interest keywords").press_sequentially("death penalty, tort", delay=30)
    options = page.locator("#id_keywords-suggestions option")
    expect(options.first).to_have_attribute("value", "death penalty, torture")
    assert csp_violations == []


def test_staff_record_an_approach_from_the_organisation_page(
    page, live_server, login, csp_violations, navigate
):
    login("staff")
    navigate("Partner registry", "Registry")
    page.get_by_role("link", name="International Commission of Jurists").first.click()
    expect(page.get_by_role("heading", name="Outreach")).to_be_visible()
    page.get_by_role("link", name="Record an approach").click()
    # The organisation picker arrives with the organisation already chosen.
    expect(page.locator("#id_organisation")).to_have_value(
        "International Commission of Jurists (ICJ)"
    )
    assert csp_violations == []
