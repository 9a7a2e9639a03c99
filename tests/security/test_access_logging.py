"""Every page that shows a coordinator a person at risk writes an access record with
the page; staff, who cannot see the person, write none. The access-log page filters."""

import datetime

import pytest
from django.urls import reverse

from outreach.models import AtRiskAccessLog, NetworkMailing, StructureMember
from outreach.models.structures import ActionReport
from tests.factories import ApproachFactory, KeywordFactory, OutreachStructureFactory
from tests.factories import PublicationFactory as _PublicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(defender):
    """Every kind of page that can show the defender, keyed by a label."""
    approach = ApproachFactory(contact=defender)
    structure = OutreachStructureFactory(kind="network")
    member = StructureMember.objects.create(structure=structure, contact=defender)
    mailing = NetworkMailing.objects.create(
        structure=structure, title="News", sent_on=datetime.date(2026, 1, 1)
    )
    report = ActionReport.objects.create(
        mailing=mailing, member=member, reported_on=datetime.date(2026, 1, 2), action="Wrote"
    )
    keyword = KeywordFactory()
    defender.keywords.add(keyword)
    publication = _PublicationFactory(keywords=[keyword])
    return {
        "contact": defender.get_absolute_url(),
        "approach": approach.get_absolute_url(),
        "structure": structure.get_absolute_url(),
        "publication": publication.get_absolute_url(),
        "search": reverse("outreach:contact_list") + "?q=Hiddenname",
        "admin report": reverse("admin:outreach_actionreport_change", args=[report.pk]),
        "admin reports": reverse("admin:outreach_actionreport_changelist"),
    }


def test_each_page_showing_a_person_at_risk_to_a_coordinator_is_logged(
    coordinator_client, coordinator, defender, pages
):
    for label, url in pages.items():
        before = AtRiskAccessLog.objects.count()
        response = coordinator_client.get(url)
        assert response.status_code == 200, label
        entry = AtRiskAccessLog.objects.order_by("-pk").first()
        assert AtRiskAccessLog.objects.count() == before + 1, label
        assert (entry.user, entry.contact, entry.page) == (coordinator, defender, url.split("?")[0])


def test_staff_see_no_person_at_risk_and_write_no_record(staff_client, pages):
    for url in pages.values():
        staff_client.get(url)
    assert not AtRiskAccessLog.objects.exists()


def test_the_access_log_page_filters_by_who_whom_and_where(coordinator_client, pages, defender):
    for url in pages.values():
        coordinator_client.get(url)
    log_url = reverse("outreach:access_log")
    everything = coordinator_client.get(log_url).context["paginator"].count
    assert everything == len(pages)
    by_page = coordinator_client.get(log_url, {"where": "/admin/"})
    assert by_page.context["paginator"].count == 2
    by_name = coordinator_client.get(log_url, {"contact": "Hiddenname"})
    assert by_name.context["paginator"].count == everything
    assert coordinator_client.get(log_url, {"contact": "Nobody"}).context["paginator"].count == 0
    assert coordinator_client.get(log_url, {"since": "²"}).status_code == 200
