import pytest
from playwright.sync_api import expect

from outreach.models import Contact, Employment
from partnerships.models import Organisation

pytestmark = pytest.mark.browser


def test_staff_pick_an_employer_by_typing_its_name(page, live_server, login, csp_violations):
    organisation = Organisation.objects.order_by("pk").first()
    contact = Contact.objects.filter(is_at_risk=False).order_by("pk").first()
    login("staff")
    page.goto(f"{live_server.url}/outreach/contacts/{contact.pk}/")
    page.get_by_text("Add an organisation").click()
    page.locator("#id_organisation").fill(organisation.name)
    page.get_by_role("option", name=str(organisation), exact=True).click()
    expect(page.locator("#id_organisation")).to_have_value(str(organisation))
    page.get_by_label("Role").fill("Board member")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text("Board member").first).to_be_visible()
    assert Employment.objects.filter(contact=contact, organisation=organisation).exists()
    assert csp_violations == []
