import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_staff_adding_a_known_organisation_sees_the_existing_relationship_and_its_owner(
    page, live_server, login, csp_violations, navigate
):
    login("staff")
    navigate("Partner registry", "Registry")
    page.get_by_role("link", name="Add an organisation").click()
    # Typing is enough: the check runs live as the name is written.
    page.get_by_label("Name").press_sequentially("Federatie Nederlandse Vakbeweging e.V.")
    warning = page.get_by_test_id("relationship-warning")
    expect(warning).to_contain_text("Federatie Nederlandse Vakbeweging (FNV)")
    expect(warning).to_contain_text("owner: staff")

    page.locator("#id_kind").select_option(label="Trade union")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert").first).to_contain_text("may already hold this organisation")
    expect(page.get_by_test_id("relationship-warning")).to_contain_text("owner: staff")

    page.get_by_label("This is a different organisation").check()
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_role("heading", name="Federatie Nederlandse Vakbeweging e.V.")
    ).to_be_visible()
    assert csp_violations == []


def test_staff_read_older_timeline_entries_and_the_keyboard_follows(
    page, live_server, login, csp_violations
):
    from partnerships.models import Organisation
    from partnerships.timeline import timeline_for
    from tests.factories import SupportRequestFactory

    organisation = Organisation.objects.get(acronym="ICJ")
    for number in range(30):
        SupportRequestFactory(organisation=organisation, subject=f"Older petition {number:02}")
    login("staff")
    page.goto(f"{live_server.url}{organisation.get_absolute_url()}")
    entries = page.locator("#timeline > li:not(.timeline-older)")
    expect(entries).to_have_count(25)
    page.get_by_role("link", name="Show older entries").focus()
    page.keyboard.press("Enter")
    expect(entries).to_have_count(min(len(timeline_for(organisation)), 50))
    # The first new entry has the focus, where the link was.
    expect(entries.nth(25)).to_be_focused()
    assert csp_violations == []
