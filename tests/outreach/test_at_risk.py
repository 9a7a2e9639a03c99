import pytest

from accounts.roles import Role
from outreach.models import AccessAction, AtRiskAccessLog
from tests.factories import ApproachFactory, ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def defender():
    return ContactFactory(first_name="Selma", last_name="Defender", is_at_risk=True)


def test_staff_do_not_have_the_at_risk_permission_and_coordinators_do(staff, coordinator):
    assert not staff.has_perm("outreach.view_at_risk_contact")
    assert coordinator.has_perm("outreach.view_at_risk_contact")


def test_contact_at_risk_is_missing_from_the_staff_list_search_and_count(staff_client, defender):
    ContactFactory(last_name="Visible")
    response = staff_client.get("/outreach/contacts/")
    assert "Visible" in response.content.decode()
    assert "Defender" not in response.content.decode()
    assert response.context["paginator"].count == 1
    response = staff_client.get("/outreach/contacts/", {"q": "Defender"})
    assert response.context["paginator"].count == 0
    assert "Selma" not in response.content.decode()


def test_contact_at_risk_detail_is_404_for_staff_and_nothing_is_logged(staff_client, defender):
    assert staff_client.get(f"/outreach/contacts/{defender.pk}/").status_code == 404
    assert staff_client.get(f"/outreach/contacts/{defender.pk}/edit/").status_code == 404
    assert staff_client.post(f"/outreach/contacts/{defender.pk}/bounced/").status_code == 404
    assert not AtRiskAccessLog.objects.exists()


def test_coordinator_sees_the_contact_at_risk_and_each_view_is_logged(
    coordinator_client, coordinator, defender
):
    response = coordinator_client.get("/outreach/contacts/")
    assert "Defender" in response.content.decode()
    # The list names the person: that is a view too, with the list's page.
    assert list(AtRiskAccessLog.objects.values_list("page", flat=True)) == ["/outreach/contacts/"]
    for _ in range(2):
        response = coordinator_client.get(f"/outreach/contacts/{defender.pk}/")
        assert response.status_code == 200
    logs = list(AtRiskAccessLog.objects.all())
    assert len(logs) == 3
    assert {(log.user, log.contact, log.action) for log in logs} == {
        (coordinator, defender, AccessAction.VIEW)
    }
    assert all(log.accessed_at for log in logs)
    assert "Who looked at this record" in response.content.decode()


def test_viewing_an_ordinary_contact_is_not_logged(coordinator_client):
    contact = ContactFactory()
    coordinator_client.get(f"/outreach/contacts/{contact.pk}/")
    assert not AtRiskAccessLog.objects.exists()


def test_access_log_page_only_for_those_with_the_permission(
    staff_client, client, coordinator, defender
):
    assert staff_client.get("/outreach/contacts/access-log/").status_code == 403
    client.force_login(coordinator)
    client.get(f"/outreach/contacts/{defender.pk}/")
    response = client.get("/outreach/contacts/access-log/")
    assert response.status_code == 200
    assert "Defender" in response.content.decode()


def test_staff_export_leaves_out_the_contact_at_risk_even_when_asking(staff_client, defender):
    ContactFactory(last_name="Visible")
    for params in ({}, {"include_at_risk": "1"}):
        content = staff_client.get("/outreach/contacts/export.csv", params).content.decode()
        assert "Visible" in content
        assert "Defender" not in content
    assert not AtRiskAccessLog.objects.exists()


def test_coordinator_export_includes_at_risk_only_on_purpose_and_logs_it(
    coordinator_client, coordinator, defender
):
    content = coordinator_client.get("/outreach/contacts/export.csv").content.decode()
    assert "Defender" not in content
    content = coordinator_client.get(
        "/outreach/contacts/export.csv", {"include_at_risk": "1"}
    ).content.decode()
    assert "Defender" in content
    log = AtRiskAccessLog.objects.get()
    assert (log.user, log.action) == (coordinator, AccessAction.EXPORT)


def test_staff_cannot_mark_a_contact_at_risk(staff_client, staff):
    contact = ContactFactory()
    staff_client.post(
        f"/outreach/contacts/{contact.pk}/edit/",
        {"last_name": contact.last_name, "email": contact.email, "is_at_risk": "on"},
    )
    contact.refresh_from_db()
    assert not contact.is_at_risk


def test_approaches_to_a_person_at_risk_are_hidden_from_staff_and_the_timeline(
    staff_client, defender
):
    from partnerships.timeline import timeline_for

    organisation = OrganisationFactory()
    approach = ApproachFactory(contact=defender, organisation=organisation, ask="Secret ask")
    ApproachFactory(organisation=organisation, contact=None, ask="Public ask")
    assert "Secret ask" not in staff_client.get("/outreach/approaches/").content.decode()
    assert staff_client.get(f"/outreach/approaches/{approach.pk}/").status_code == 404
    titles = [entry.title for entry in timeline_for(organisation)]
    assert titles == ["Approach: Public ask"]


def test_local_group_reaches_no_contact_page(client, role_user):
    client.force_login(role_user(Role.LOCAL_GROUP))
    contact = ContactFactory()
    for url in (
        "/outreach/contacts/",
        f"/outreach/contacts/{contact.pk}/",
        "/outreach/approaches/",
        "/outreach/import/",
        "/outreach/contacts/export.csv",
    ):
        assert client.get(url).status_code == 403, url


def test_opening_the_edit_form_of_a_contact_at_risk_is_logged_too(coordinator_client, defender):
    assert coordinator_client.get(f"/outreach/contacts/{defender.pk}/edit/").status_code == 200
    assert AtRiskAccessLog.objects.filter(contact=defender).count() == 1


def test_structure_admin_hides_members_at_risk_from_staff(client, role_user):
    from outreach.models import StructureMember
    from tests.factories import ContactFactory, OutreachStructureFactory

    structure = OutreachStructureFactory()
    safe = ContactFactory(last_name="Visible")
    hidden = ContactFactory(last_name="Defender", is_at_risk=True)
    for contact in (safe, hidden):
        StructureMember.objects.create(structure=structure, contact=contact)
    client.force_login(role_user(Role.SECTION_STAFF))
    page = client.get(f"/admin/outreach/outreachstructure/{structure.pk}/change/")
    assert page.status_code == 200
    assert "Visible" in page.content.decode()
    assert "Defender" not in page.content.decode()
