import pytest
from django.db.models import Count

from outreach.models import AtRiskAccessLog, Contact, Delivery, Mailing, UrgentActionStatus
from outreach.models.contacts import EMAIL_TAKEN_NEUTRAL
from tests.factories import (
    ContactFactory,
    EmploymentFactory,
    KeywordFactory,
    OrganisationFactory,
    SectorFactory,
    UrgentActionFactory,
)

pytestmark = pytest.mark.django_db


def test_looking_at_a_person_at_risk_is_logged(api_client_for, coordinator):
    person = ContactFactory(is_at_risk=True)
    client = api_client_for(coordinator)
    assert client.get(f"/api/contacts/{person.pk}/").status_code == 200
    assert client.get("/api/contacts/").status_code == 200
    logs = AtRiskAccessLog.objects.filter(contact=person, user=coordinator)
    assert logs.count() == 2


def test_staff_without_the_permission_never_see_a_person_at_risk(api_client_for, staff):
    ContactFactory(last_name="Visible")
    ContactFactory(last_name="Hidden", is_at_risk=True)
    rows = api_client_for(staff).get("/api/contacts/").json()["results"]
    assert [row["last_name"] for row in rows] == ["Visible"]


def test_staff_without_the_permission_cannot_mark_a_contact_at_risk(api_client_for, staff):
    response = api_client_for(staff).post(
        "/api/contacts/", {"last_name": "Okafor", "is_at_risk": True}
    )
    # The page's form has no such field for them: the flag is ignored, never set.
    assert response.status_code == 201
    assert Contact.objects.get(last_name="Okafor").is_at_risk is False


def test_consent_is_recorded_only_with_its_source(api_client_for, staff):
    client = api_client_for(staff)
    client.post("/api/contacts/", {"last_name": "A", "email": "a@example.net"})
    client.post(
        "/api/contacts/",
        {"last_name": "B", "email": "b@example.net", "consent_source": "signed up at an event"},
    )
    assert list(Contact.objects.mailable().values_list("last_name", flat=True)) == ["B"]


def test_duplicate_email_is_a_field_error(api_client_for, staff):
    ContactFactory(email="same@example.net")
    response = api_client_for(staff).post(
        "/api/contacts/", {"last_name": "Twin", "email": "SAME@example.net"}
    )
    assert response.status_code == 400
    # Staff may not see people at risk, so the refusal confirms nobody (the trust rule).
    assert response.json()["email"] == [EMAIL_TAKEN_NEUTRAL]


def test_contacts_are_keyset_paginated(api_client_for, staff):
    for name in "ABCDE":
        ContactFactory(last_name=name)
    client = api_client_for(staff)
    page = client.get("/api/contacts/", {"page_size": 3}).json()
    assert [row["last_name"] for row in page["results"]] == ["A", "B", "C"]
    page = client.get(page["next"]).json()
    assert [row["last_name"] for row in page["results"]] == ["D", "E"]


def test_contacts_are_listed_in_the_registers_order(api_client_for, staff):
    # Last name, first name, id, as on the contact list (the contact_name_id index).
    for first in ["Zoe", "Ada", "Mia"]:
        ContactFactory(last_name="Jansen", first_name=first)
    rows = api_client_for(staff).get("/api/contacts/").json()["results"]
    assert [row["first_name"] for row in rows] == ["Ada", "Mia", "Zoe"]


def test_a_listed_contact_shows_its_relations_as_on_its_own(api_client_for, staff):
    person = ContactFactory()
    other = ContactFactory()
    for name in ["Youth", "Arts"]:
        person.sectors.add(SectorFactory(name=name))
    person.keywords.add(KeywordFactory(name="water"), KeywordFactory(name="asylum"))
    for name in ["Zeta Union", "Alpha Trust"]:
        EmploymentFactory(contact=person, organisation=OrganisationFactory(name=name))
    client = api_client_for(staff)
    listed = {row["id"]: row for row in client.get("/api/contacts/").json()["results"]}
    alone = client.get(f"/api/contacts/{person.pk}/").json()
    assert listed[person.pk] == alone
    assert alone["keywords"] == ["asylum", "water"]  # in the related models' order: names
    assert alone["sectors"] == list(person.sectors.order_by("name").values_list("pk", flat=True))
    assert alone["organisations"] == list(
        person.organisations.order_by("name").values_list("pk", flat=True)
    )
    assert listed[other.pk]["sectors"] == listed[other.pk]["organisations"] == []


def test_staff_write_a_draft_a_coordinator_approves_and_staff_send(
    api_client_for, staff, coordinator, django_capture_on_commit_callbacks
):
    ContactFactory(occupation="lawyer")
    staff_client = api_client_for(staff)
    body = {"reference": "UA 1/27", "title": "Lawyer detained", "summary": "Held.",
            "body": "Write to the minister.", "urgency": "high", "occupations": "lawyer"}  # fmt: skip
    created = staff_client.post("/api/urgent-actions/", body)
    assert created.status_code == 201 and created.json()["status"] == UrgentActionStatus.DRAFT
    pk = created.json()["id"]
    assert staff_client.post(f"/api/urgent-actions/{pk}/approve/").status_code == 403
    approved = api_client_for(coordinator).post(f"/api/urgent-actions/{pk}/approve/")
    assert approved.json()["status"] == UrgentActionStatus.APPROVED
    assert staff_client.patch(f"/api/urgent-actions/{pk}/", {"title": "x"}).status_code == 409
    with django_capture_on_commit_callbacks(execute=True):
        sent = staff_client.post(f"/api/urgent-actions/{pk}/send/")
    assert sent.status_code == 201
    progress = staff_client.get(f"/api/mailings/{sent.json()['id']}/").json()["progress"]
    assert progress["total"] == 1
    assert progress["sent"] + progress["failed"] + progress["remaining"] == 1
    again = staff_client.post(f"/api/urgent-actions/{pk}/send/")
    assert again.status_code == 409
    assert "Only an approved Urgent Action" in again.json()["detail"]


def test_deliveries_hide_people_at_risk(api_client_for, staff, coordinator):
    mailing = Mailing.objects.create(
        urgent_action=UrgentActionFactory(approved=True), created_by=coordinator
    )
    for contact in (ContactFactory(), ContactFactory(is_at_risk=True)):
        Delivery.objects.create(mailing=mailing, contact=contact)
    seen = {
        user.username: len(api_client_for(user).get("/api/deliveries/").json()["results"])
        for user in (staff, coordinator)
    }
    assert seen == {staff.username: 1, coordinator.username: 2}
    assert Delivery.objects.aggregate(n=Count("pk"))["n"] == 2


def test_an_approach_names_only_a_contact_the_user_may_see(api_client_for, staff, coordinator):
    person = ContactFactory(is_at_risk=True, email="defender@example.net")
    body = {"approached_on": "2026-11-02", "channel": "meeting", "ask": "Testify",
            "outcome": "awaiting", "contact_email": person.email}  # fmt: skip
    refused = api_client_for(staff).post("/api/approaches/", body)
    assert refused.status_code == 400 and "contact_email" in refused.json()
    created = api_client_for(coordinator).post("/api/approaches/", body)
    assert created.status_code == 201 and created.json()["contact"] == person.pk


def test_staff_assess_a_sector_and_a_reassessment_changes_only_what_moved(
    api_client_for, staff, group_user
):
    from outreach import scoring
    from tests.factories import SectorFactory

    sector = SectorFactory()
    client = api_client_for(staff)
    url = f"/api/sectors/{sector.pk}/assess/"
    scores = dict.fromkeys(scoring.ALL_CRITERIA, 3)
    first = client.post(url, {"assessed_on": "2026-11-01", **scores, "aims": ["action"]})
    assert first.status_code == 201, first.json()
    moved = scoring.ALL_CRITERIA[0]
    second = client.post(url, {"assessed_on": "2026-11-20", moved: 5})
    assert second.status_code == 201, second.json()
    assert second.json()[moved] == 5
    assert second.json()[scoring.ALL_CRITERIA[1]] == 3
    assert sector.assessments.count() == 2
    assert client.post(url, {"assessed_on": "2026-11-21", moved: 99}).status_code == 400
    assert api_client_for(group_user).post(url, {moved: 4}).status_code == 403


def test_staff_add_an_organisation_to_a_sector_and_take_it_out(api_client_for, staff):
    from tests.factories import OrganisationFactory, SectorFactory

    sector, organisation = SectorFactory(), OrganisationFactory()
    client = api_client_for(staff)
    body = {"organisation": organisation.pk}
    added = client.post(f"/api/sectors/{sector.pk}/add-organisation/", body)
    assert added.status_code == 200 and added.json()["organisation_count"] == 1
    removed = client.post(f"/api/sectors/{sector.pk}/remove-organisation/", body)
    assert removed.status_code == 200 and removed.json()["organisation_count"] == 0
    assert (
        client.post(f"/api/sectors/{sector.pk}/add-organisation/", {"organisation": 0}).status_code
        == 400
    )


def test_an_approach_to_an_unowned_organisation_is_owned_by_the_caller_or_the_named_owner(
    api_client_for, staff, coordinator
):
    """As on the page: the question of who owns the relationship defaults to the person
    recording the approach; naming someone else makes them the owner."""
    from partnerships.models import Organisation
    from tests.factories import OrganisationFactory

    body = {"approached_on": "2026-11-02", "channel": "meeting", "ask": "Co-sign our letter",
            "outcome": "awaiting"}  # fmt: skip
    client = api_client_for(staff)
    by_default, named = (
        OrganisationFactory(relationship_owner=None),
        OrganisationFactory(relationship_owner=None),
    )
    assert (
        client.post("/api/approaches/", {**body, "organisation": by_default.pk}).status_code == 201
    )
    response = client.post(
        "/api/approaches/",
        {**body, "organisation": named.pk, "relationship_owner": coordinator.pk},
    )
    assert response.status_code == 201, response.json()
    owners = dict(
        Organisation.objects.filter(pk__in=[by_default.pk, named.pk]).values_list(
            "pk", "relationship_owner"
        )
    )
    assert owners == {by_default.pk: staff.pk, named.pk: coordinator.pk}
