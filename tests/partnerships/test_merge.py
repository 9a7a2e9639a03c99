import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from accounts.roles import Role
from outreach.models import Employment
from partnerships.models import (
    Affiliation,
    CoalitionMembership,
    Organisation,
    StatementAgreement,
    SupportRequest,
)
from partnerships.selectors import organisation_related_counts
from partnerships.services.organisations import organisation_merge
from tests.factories import (
    CoalitionMembershipFactory,
    ContactFactory,
    JointStatementFactory,
    OrganisationFactory,
    SectorFactory,
    SupportRequestFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(role_user):
    return role_user(Role.SECTION_STAFF)


def test_merge_moves_every_related_record_including_other_apps(staff):
    keep = OrganisationFactory(name="Human Rights Watch")
    duplicate = OrganisationFactory(name="Human Rights Watch Inc.")
    Affiliation.objects.create(organisation=duplicate, kind="corporate", description="Board ties")
    sector = SectorFactory()
    sector.organisations.add(duplicate)
    contact = ContactFactory()
    Employment.objects.create(contact=contact, organisation=duplicate, role="Director")
    membership = CoalitionMembershipFactory(organisation=duplicate)
    statement = JointStatementFactory(coalition=membership.coalition)
    StatementAgreement.objects.create(
        statement=statement, organisation=duplicate, agreed_on="2026-01-01", recorded_by=staff
    )
    support = SupportRequestFactory(organisation=duplicate)

    report = organisation_merge(keep=keep, duplicate=duplicate, by=staff)

    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    assert list(keep.affiliations.values_list("description", flat=True)) == ["Board ties"]
    assert list(sector.organisations.all()) == [keep]
    assert list(contact.organisations.all()) == [keep]
    assert CoalitionMembership.objects.get(pk=membership.pk).organisation == keep
    assert StatementAgreement.objects.get(statement=statement).organisation == keep
    assert SupportRequest.objects.get(pk=support.pk).organisation == keep
    assert report.moved["outreach.Sector.organisations"] == 1
    assert report.moved["outreach.Employment.organisation"] == 1
    assert organisation_related_counts(keep)["sectors"] == 1


def test_merge_drops_rows_that_would_duplicate_ones_the_kept_record_has(staff):
    keep, duplicate = OrganisationFactory(), OrganisationFactory()
    sector = SectorFactory()
    sector.organisations.add(keep, duplicate)
    membership = CoalitionMembershipFactory(organisation=keep)
    CoalitionMembershipFactory(organisation=duplicate, coalition=membership.coalition)

    report = organisation_merge(keep=keep, duplicate=duplicate, by=staff)

    assert list(sector.organisations.all()) == [keep]
    assert CoalitionMembership.objects.filter(coalition=membership.coalition).count() == 1
    assert report.dropped == {
        "outreach.Sector.organisations": 1,
        "partnerships.CoalitionMembership.organisation": 1,
    }


def test_merge_fills_blank_fields_from_the_duplicate_and_keeps_existing_values(staff):
    keep = OrganisationFactory(name="Pro Asyl", website="", email="", external_id="")
    duplicate = OrganisationFactory(
        name="PRO ASYL e.V.",
        website="https://www.proasyl.de",
        email="info@proasyl.de",
        external_id="VR 1234",
        lgbtqi=True,
    )
    organisation_merge(keep=keep, duplicate=duplicate, by=staff)
    keep.refresh_from_db()
    assert keep.name == "Pro Asyl"
    assert keep.website == "https://www.proasyl.de"
    assert keep.website_domain == "proasyl.de"
    assert keep.external_id == "VR 1234"
    assert keep.lgbtqi is True


def test_merge_leaves_an_audit_entry_with_the_actor(staff):
    keep, duplicate = OrganisationFactory(), OrganisationFactory(name="Old record")
    organisation_merge(keep=keep, duplicate=duplicate, by=staff)
    entry = LogEntry.objects.get_for_object(keep).filter(changes__has_key="merged_from").get()
    assert entry.actor == staff
    assert entry.additional_data["merge"]["duplicate_name"] == "Old record"


def test_an_organisation_cannot_be_merged_into_itself(staff):
    organisation = OrganisationFactory()
    with pytest.raises(ValidationError):
        organisation_merge(keep=organisation, duplicate=organisation, by=staff)
