"""Every page that shows a coordinator a person at risk writes an access record with
the page; staff, who cannot see the person, write none. The access-log page filters."""

import datetime

import pytest
from django.urls import reverse

from outreach.models import AtRiskAccessLog, Delivery, Mailing, NetworkMailing, StructureMember
from outreach.models.structures import ActionReport
from tests.factories import (
    ApproachFactory,
    EmploymentFactory,
    KeywordFactory,
    OrganisationFactory,
    OutreachStructureFactory,
    UrgentActionFactory,
)
from tests.factories import PublicationFactory as _PublicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(defender, staff):
    """Every kind of page that can show the defender, keyed by a label."""
    approach = ApproachFactory(contact=defender)
    structure = OutreachStructureFactory(kind="network")
    member = StructureMember.objects.create(structure=structure, contact=defender)
    news = NetworkMailing.objects.create(
        structure=structure, title="News", sent_on=datetime.date(2026, 1, 1)
    )
    report = ActionReport.objects.create(
        mailing=news, member=member, reported_on=datetime.date(2026, 1, 2), action="Wrote"
    )
    keyword = KeywordFactory()
    defender.keywords.add(keyword)
    publication = _PublicationFactory(keywords=[keyword])
    organisation = OrganisationFactory()
    EmploymentFactory(contact=defender, organisation=organisation)
    other = OutreachStructureFactory(name="Other network")
    mailing = Mailing.objects.create(
        urgent_action=UrgentActionFactory(approved=True),
        kind="issued",
        recipient_count=1,
        created_by=staff,
    )
    Delivery.objects.create(mailing=mailing, contact=defender)
    return {
        "contact": defender.get_absolute_url(),
        "contact edit": reverse("outreach:contact_update", args=[defender.pk]),
        "contact list": reverse("outreach:contact_list"),
        "approach": approach.get_absolute_url(),
        "approach edit": reverse("outreach:approach_update", args=[approach.pk]),
        "approach list": reverse("outreach:approach_list"),
        "approach for the person": reverse("outreach:approach_create") + f"?contact={defender.pk}",
        "structure": structure.get_absolute_url(),
        "structure member search": other.get_absolute_url() + "?q=Hiddenname",
        "report form": reverse(
            "outreach:action_report_create", args=[structure.pk, report.mailing_id]
        ),
        "publication": publication.get_absolute_url(),
        "mailing recipients": reverse("outreach:mailing_detail", args=[mailing.pk]),
        "search": reverse("outreach:contact_list") + "?q=Hiddenname",
        "organisation contacts panel": organisation.get_absolute_url(),
        "admin report": reverse("admin:outreach_actionreport_change", args=[report.pk]),
        "admin reports": reverse("admin:outreach_actionreport_changelist"),
        "admin report history": reverse("admin:outreach_actionreport_history", args=[report.pk]),
        "admin structure members": reverse(
            "admin:outreach_outreachstructure_change", args=[structure.pk]
        ),
        "admin delivery": reverse(
            "admin:outreach_delivery_change", args=[mailing.deliveries.get().pk]
        ),
        "admin deliveries": reverse("admin:outreach_delivery_changelist"),
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
    assert by_page.context["paginator"].count == 6
    by_name = coordinator_client.get(log_url, {"contact": "Hiddenname"})
    assert by_name.context["paginator"].count == everything
    assert coordinator_client.get(log_url, {"contact": "Nobody"}).context["paginator"].count == 0
    assert coordinator_client.get(log_url, {"since": "²"}).status_code == 200


def test_every_admin_showing_contact_rows_hides_and_logs_them():
    """Structural: an admin (or inline) of rows about contacts uses the visible_to mixin,
    and an admin holding such an inline logs what the inline shows."""
    from django.contrib import admin

    from outreach.admin import LogsContactInlinesAdminMixin, VisibleContactsAdminMixin
    from outreach.models.contacts import ContactRelatedQuerySet

    def about_contacts(model) -> bool:
        return isinstance(model._default_manager.none(), ContactRelatedQuerySet)

    unguarded, unlogged = [], []
    for model, model_admin in admin.site._registry.items():
        if about_contacts(model) and not isinstance(model_admin, VisibleContactsAdminMixin):
            unguarded.append(model.__name__)
        for inline in model_admin.inlines:
            if about_contacts(inline.model):
                if not issubclass(inline, VisibleContactsAdminMixin):
                    unguarded.append(inline.__name__)
                if not isinstance(model_admin, LogsContactInlinesAdminMixin):
                    unlogged.append(model.__name__)
    assert (unguarded, unlogged) == ([], [])


def test_the_admin_delete_page_of_a_row_about_the_person_is_logged(client, defender):
    from tests.factories import UserFactory

    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    member = StructureMember.objects.create(
        structure=OutreachStructureFactory(kind="network"), contact=defender
    )
    news = NetworkMailing.objects.create(
        structure=member.structure, title="News", sent_on=datetime.date(2026, 1, 1)
    )
    report = ActionReport.objects.create(
        mailing=news, member=member, reported_on=datetime.date(2026, 1, 2), action="Wrote"
    )
    url = reverse("admin:outreach_actionreport_delete", args=[report.pk])
    assert client.get(url).status_code == 200
    assert list(AtRiskAccessLog.objects.values_list("user", "page")) == [(superuser.pk, url)]
