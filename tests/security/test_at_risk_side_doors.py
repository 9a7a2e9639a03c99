"""People at risk through the side doors: every page, count and message that could name,
count or confirm one. Each side door twice: as staff the person is absent, as a
coordinator (who holds `outreach.view_at_risk_contact`) present."""

import datetime
import io
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from dashboard.models import CalendarFeed
from dashboard.services import reminders
from outreach.models import ActionReport, Delivery, NetworkMailing, StructureMember
from outreach.services import mailings as mailing_services
from tests.factories import (
    ApproachFactory,
    ContactFactory,
    EmploymentFactory,
    OrganisationFactory,
    OutreachStructureFactory,
    UrgentActionFactory,
)

pytestmark = pytest.mark.django_db

NAME = "Hiddenname"
REPORT_TEXT = "Visited the detention centre"


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.fixture
def network(defender):
    structure = OutreachStructureFactory(kind="network")
    visible = StructureMember.objects.create(
        structure=structure, contact=ContactFactory(last_name="Openname"), role="Lawyer"
    )
    hidden = StructureMember.objects.create(
        structure=structure, contact=defender, role="Secret role"
    )
    mailing = NetworkMailing.objects.create(
        structure=structure, title="Newsletter", sent_on=datetime.date(2026, 3, 1)
    )
    ActionReport.objects.create(
        mailing=mailing, member=hidden, reported_on=datetime.date(2026, 3, 2), action=REPORT_TEXT
    )
    ActionReport.objects.create(
        mailing=mailing, member=visible, reported_on=datetime.date(2026, 3, 2), action="Wrote"
    )
    return structure, hidden


# --- the admin ------------------------------------------------------------------------


def test_admin_action_reports_hide_the_person_at_risk_from_staff(staff_client, network):
    _, hidden = network
    report = hidden.action_reports.get()
    html = _html(staff_client.get(reverse("admin:outreach_actionreport_changelist")))
    assert NAME not in html and REPORT_TEXT not in html
    page = staff_client.get(reverse("admin:outreach_actionreport_change", args=[report.pk]))
    assert page.status_code in (302, 404)  # the admin's "does not exist" redirect
    assert NAME not in page.content.decode()


def test_admin_action_reports_show_the_person_to_coordinators(coordinator_client, network):
    html = _html(coordinator_client.get(reverse("admin:outreach_actionreport_changelist")))
    assert NAME in html


def test_admin_structure_inline_hides_the_member_from_staff(
    staff_client, coordinator_client, network
):
    structure, _ = network
    url = reverse("admin:outreach_outreachstructure_change", args=[structure.pk])
    assert NAME not in _html(staff_client.get(url))
    assert "Secret role" not in _html(staff_client.get(url))


def test_admin_structure_inline_shows_the_member_to_coordinators(coordinator_client, network):
    structure, _ = network
    url = reverse("admin:outreach_outreachstructure_change", args=[structure.pk])
    assert "Secret role" in _html(coordinator_client.get(url))


@pytest.fixture
def mailing(defender, role_user):
    """A mailing to the defender (included on purpose), then one ordinary recipient."""
    ContactFactory(last_name="Openname", occupation="lawyer")
    defender.occupation = "lawyer"
    defender.is_at_risk = False  # marked at risk only after the audience was frozen
    defender.save()
    ua = UrgentActionFactory(approved=True)
    with mock.patch.object(mailing_services, "mailing_enqueue"):
        created = mailing_services.mailing_create(
            urgent_action=ua, user=role_user(Role.SECTION_STAFF), kind="issued"
        )
    defender.is_at_risk = True
    defender.save()
    return created


def test_admin_deliveries_hide_the_person_at_risk_from_staff(staff_client, mailing, defender):
    response = staff_client.get(reverse("admin:outreach_delivery_changelist"))
    assert response.context["cl"].result_count == 1
    delivery = Delivery.objects.get(contact=defender)
    page = staff_client.get(reverse("admin:outreach_delivery_change", args=[delivery.pk]))
    assert page.status_code in (302, 404)


def test_admin_deliveries_show_the_person_to_coordinators(coordinator_client, mailing):
    response = coordinator_client.get(reverse("admin:outreach_delivery_changelist"))
    assert response.context["cl"].result_count == 2


# --- the mailing page -------------------------------------------------------------------


def test_mailing_recipients_table_hides_a_contact_marked_at_risk_later(
    staff_client, coordinator_client, mailing
):
    url = reverse("outreach:mailing_detail", args=[mailing.pk])
    html = _html(staff_client.get(url))
    assert NAME not in html and "selma@hidden.example" not in html
    assert "Openname" in html
    assert NAME in _html(coordinator_client.get(url))


# --- outreach structures ----------------------------------------------------------------


def test_structure_page_leaves_the_member_out_of_list_count_and_reports(staff_client, network):
    structure, _ = network
    response = staff_client.get(structure.get_absolute_url())
    html = _html(response)
    assert NAME not in html and "Secret role" not in html and REPORT_TEXT not in html
    assert "Restricted contact" not in html  # omitted, not described
    assert len(response.context["members"]) == 1
    assert "1 of 1 member reported back" in html
    listing = staff_client.get(reverse("outreach:structure_list"))
    assert [s.member_count for s in listing.context["structures"]] == [1]


def test_structure_page_shows_the_member_to_coordinators(coordinator_client, network):
    structure, _ = network
    html = _html(coordinator_client.get(structure.get_absolute_url()))
    assert NAME in html and "Secret role" in html and REPORT_TEXT in html
    assert "2 of 2 members reported back" in html


def test_removing_a_hidden_member_is_404_names_nobody_and_keeps_the_reports(staff_client, network):
    structure, hidden = network
    url = reverse("outreach:structure_member_remove", args=[structure.pk, hidden.pk])
    response = staff_client.post(url, follow=True)
    assert response.status_code == 404
    assert NAME not in response.content.decode()
    assert StructureMember.objects.filter(pk=hidden.pk).exists()
    assert ActionReport.objects.filter(member=hidden).exists()


def test_action_report_form_offers_no_hidden_member(staff_client, coordinator_client, network):
    structure, hidden = network
    mailing = structure.mailings.get()
    url = reverse("outreach:action_report_create", args=[structure.pk, mailing.pk])
    form = staff_client.get(url).context["form"]
    assert hidden not in form.fields["member"].queryset
    response = staff_client.post(
        url, {"member": hidden.pk, "reported_on": "2026-03-03", "action": "Sneaky"}
    )
    assert response.status_code == 200  # the form refuses the choice
    assert not ActionReport.objects.filter(action="Sneaky").exists()
    form = coordinator_client.get(url).context["form"]
    assert hidden in form.fields["member"].queryset


# --- reminders, dashboard, digest, calendar ---------------------------------------------


@pytest.fixture
def overdue_follow_ups(defender, staff, coordinator):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for owner in (staff, coordinator):
        ApproachFactory(contact=defender, follow_up_on=yesterday, follow_up_owner=owner)
        ApproachFactory(follow_up_on=yesterday, follow_up_owner=owner)


def test_reminders_omit_a_person_at_risk_for_staff(staff, staff_client, overdue_follow_ups):
    items = reminders.reminder_items(user=staff)
    assert len(items) == 1
    assert all("person at risk" not in item.title for item in items)
    html = _html(staff_client.get(reverse("dashboard:reminders")))
    assert "person at risk" not in html


def test_reminders_keep_a_person_at_risk_for_coordinators(coordinator, overdue_follow_ups):
    titles = [item.title for item in reminders.reminder_items(user=coordinator)]
    assert len(titles) == 2
    assert any("person at risk" in title for title in titles)
    assert not any(NAME in title for title in titles)  # mail and calendars never name them


def test_digest_and_calendar_omit_a_person_at_risk_for_staff(staff, overdue_follow_ups):
    reminders.reminder_digest_send(user=staff, today=timezone.localdate())
    assert "person at risk" not in mail.outbox[0].body
    ical = reminders.calendar_feed_ical(user=staff).decode()
    assert ical.count("BEGIN:VEVENT") == 2 - 1
    assert "person at risk" not in ical


def test_calendar_feed_view_omits_the_person_at_risk(client, staff, overdue_follow_ups):
    feed = CalendarFeed.objects.create(user=staff)
    ical = client.get(reverse("dashboard:calendar_feed", args=[feed.token])).content.decode()
    assert ical.count("BEGIN:VEVENT") == 1


def test_dashboard_overdue_count_equals_the_list_it_links_to(staff_client, overdue_follow_ups):
    figures = {f.label: f for f in staff_client.get("/").context["figures"]}
    figure = figures["Follow-ups overdue"]
    listing = staff_client.get(figure.url)
    # The dashboard counts the user's own follow-ups: staff own two, one is hidden.
    assert figure.value == listing.context["paginator"].count == 1


# --- "already exists" messages ----------------------------------------------------------


def test_contact_form_does_not_confirm_a_hidden_address(staff_client, defender):
    visible = ContactFactory(email="open@example.net")
    answers = []
    for email in (defender.email, visible.email):
        response = staff_client.post(
            reverse("outreach:contact_create"), {"last_name": "New", "email": email}
        )
        assert response.status_code == 200
        answers.append(response.context["form"].errors["email"])
    assert answers[0] == answers[1]  # a hidden and a visible owner read the same
    assert "restricted" not in str(answers[0]).lower()
    assert "Another contact" not in str(answers[0])


def test_contact_form_tells_coordinators_who_has_the_address(coordinator_client, defender):
    response = coordinator_client.post(
        reverse("outreach:contact_create"), {"last_name": "New", "email": defender.email}
    )
    assert "Another contact already has" in str(response.context["form"].errors["email"])


def test_contact_import_does_not_confirm_a_hidden_address(staff_client, defender):
    csv = f"last_name,email\nNew,{defender.email}\n".encode()
    upload = io.BytesIO(csv)
    upload.name = "contacts.csv"
    response = staff_client.post(reverse("outreach:import"), {"kind": "contacts", "file": upload})
    html = response.content.decode()
    assert "restricted" not in html.lower()
    assert "already in use or reserved" in html


# --- counts on confirmation pages -------------------------------------------------------


def test_merge_preview_counts_only_visible_rows(staff_client, coordinator_client, defender):
    duplicate, keep = OrganisationFactory(), OrganisationFactory()
    EmploymentFactory(organisation=duplicate, contact=defender)
    EmploymentFactory(organisation=duplicate)
    url = reverse("partnerships:organisation_merge", args=[duplicate.pk])
    counts = staff_client.get(url, {"keep": keep.pk}).context["counts"]
    assert counts["employments"] == 1
    counts = coordinator_client.get(url, {"keep": keep.pk}).context["counts"]
    assert counts["employments"] == 2
