"""Dead ends found by trying Partnerdesk as a new user (issue 12), in real Chromium."""

import re
from unittest import mock

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from tests.browser.layout import screenshot

pytestmark = pytest.mark.browser


def test_a_local_group_opening_the_home_address_lands_on_its_requests(page, live_server, login):
    login("localgroup1")
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/requests/mine/$"))
    expect(page.get_by_role("heading", name=re.compile("^My requests"))).to_be_visible()
    screenshot(page, "local-group-opens-home")


def test_choose_this_one_keeps_what_the_group_typed(page, live_server, login):
    login("localgroup1")
    page.goto(f"{live_server.url}/requests/new/details/")
    page.get_by_label("Activity title").fill("Film night on refugee rights")
    page.get_by_label("Description").fill("A documentary and a talk.")
    page.get_by_label("Joint campaigning — needs authorisation").check()
    page.locator("#id_new-name").fill("Human Rigths Watch")
    page.locator("#id_new-kind").select_option(label="Human rights NGO")
    page.get_by_role("button", name="Save as draft").click()
    warning = page.locator("#existing-relationship")
    expect(warning).to_contain_text("Human Rights Watch")
    expect(
        page.get_by_label("None of the organisations listed above is the one I mean")
    ).to_be_visible()
    warning.get_by_role("button", name="Choose this one").first.click()
    expect(page.get_by_role("heading", name=re.compile("with Human Rights Watch"))).to_be_visible()
    expect(page.get_by_label("Activity title")).to_have_value("Film night on refugee rights")
    expect(page.get_by_label("Description")).to_have_value("A documentary and a talk.")
    expect(page.get_by_label("Joint campaigning — needs authorisation")).to_be_checked()
    screenshot(page, "choose-this-one-keeps-the-form")


def test_the_mailing_table_follows_the_send_without_reload(page, live_server, login):
    from outreach.models import MailingKind
    from outreach.services import mailings as services
    from outreach.tasks import start_mailing
    from tests.factories import ContactFactory, UrgentActionFactory, UserFactory

    login("staff")
    ContactFactory.create_batch(2, occupation="zookeeper")
    ua = UrgentActionFactory(approved=True, occupations="zookeeper")
    with mock.patch.object(services, "mailing_enqueue"):
        mailing = services.mailing_create(
            urgent_action=ua,
            user=UserFactory.with_role(Role.SECTION_STAFF),
            kind=MailingKind.ISSUED,
        )
    page.goto(f"{live_server.url}/outreach/mailings/{mailing.pk}/")
    table = page.locator("#mailing-recipients")
    expect(table.locator("tbody")).to_contain_text("Queued")
    start_mailing.delay(mailing.pk)  # eager in tests: sends now, while the page stays open
    expect(page.locator("#mailing-status")).to_have_text("Done", timeout=15_000)
    expect(table.locator("tbody tr").first).to_contain_text("Sent", timeout=15_000)
    expect(table.locator("tbody")).not_to_contain_text("Queued")
    for row in table.locator("tbody tr").all():
        expect(row.locator("td").nth(4)).to_have_text("1")  # one attempt each
    screenshot(page, "mailing-table-after-send")
