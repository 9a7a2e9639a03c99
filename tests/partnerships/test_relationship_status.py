"""An organisation's relationship status follows events (issue 12): the first approach
makes it contacted and asks who owns it, an approved partnership makes it active, a
concluded one past (ended), and a quiet relationship is *suggested* as dormant."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from accounts.errors import NotPermitted, NotPossible
from accounts.roles import Role
from outreach.services.approaches import approach_create, approach_update
from partnerships.models import Partnership, PartnershipStatus
from partnerships.models.organisations import RelationshipStatus as R
from partnerships.services import requests as request_services
from partnerships.services.relationships import (
    relationship_dormant_confirm,
    relationship_dormant_since,
)
from tests.factories import (
    ApproachFactory,
    EmploymentFactory,
    OrganisationFactory,
    PartnershipRequestFactory,
    assess_risk,
    complete_checklist,
)

pytestmark = pytest.mark.django_db
LONG_AGO = datetime.datetime(2024, 3, 1, 10, tzinfo=datetime.UTC)
NOW = datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC)


@pytest.fixture
def staff(role_user):
    return role_user(Role.SECTION_STAFF)


@pytest.fixture
def coordinator(role_user):
    return role_user(Role.COORDINATOR)


def approach(staff, organisation, **kw):
    return approach_create(
        created_by=staff, data={"organisation": organisation, "ask": "Co-sign"}, **kw
    )


def refreshed(organisation):
    organisation.refresh_from_db()
    return organisation


# --- first approach → contacted, and the owner ------------------------------------------


def test_the_first_approach_makes_a_prospect_contacted_and_gives_it_the_owner_named(
    staff, role_user
):
    owner = role_user(Role.SECTION_STAFF)
    organisation = OrganisationFactory(relationship_status=R.PROSPECT)
    approach(staff, organisation, relationship_owner=owner)
    organisation = refreshed(organisation)
    assert organisation.relationship_status == R.CONTACTED
    assert organisation.relationship_owner == owner


def test_an_approach_keeps_the_existing_owner(staff, role_user):
    owner = role_user(Role.SECTION_STAFF)
    organisation = OrganisationFactory(relationship_owner=owner)
    approach(staff, organisation, relationship_owner=staff)
    assert refreshed(organisation).relationship_owner == owner


def test_an_approach_to_a_dormant_relationship_revives_it_as_contacted(staff):
    organisation = OrganisationFactory(relationship_status=R.DORMANT)
    approach(staff, organisation)
    assert refreshed(organisation).relationship_status == R.CONTACTED


@pytest.mark.parametrize("status", [R.ACTIVE, R.ENDED, R.DECLINED])
def test_an_approach_never_moves_a_relationship_backwards(staff, status):
    organisation = OrganisationFactory(relationship_status=status)
    approach(staff, organisation)
    assert refreshed(organisation).relationship_status == status


def test_an_approach_to_someone_at_the_organisation_counts_as_contact(staff):
    employment = EmploymentFactory()
    approach_create(created_by=staff, data={"contact": employment.contact, "ask": "Co-sign"})
    assert refreshed(employment.organisation).relationship_status == R.CONTACTED


def test_naming_the_organisation_on_an_edited_approach_counts_too(staff):
    organisation = OrganisationFactory()
    existing = ApproachFactory()
    approach_update(approach=existing, data={"organisation": organisation})
    assert refreshed(organisation).relationship_status == R.CONTACTED


# --- approved → active, concluded → past --------------------------------------------------


def approve(coordinator, staff, organisation, **kw):
    request = PartnershipRequestFactory(organisation=organisation, status="in_review")
    complete_checklist(request)
    assess_risk(request)
    return request_services.partnership_request_approve(
        partnership_request=request, user=coordinator, lead=staff,
        starts_on=kw.pop("starts_on", timezone.localdate()), **kw,
    )  # fmt: skip


@pytest.mark.parametrize("status", [R.PROSPECT, R.CONTACTED, R.DORMANT, R.ENDED])
def test_an_approved_partnership_makes_the_relationship_active(coordinator, staff, status):
    organisation = OrganisationFactory(relationship_status=status)
    approve(coordinator, staff, organisation)
    assert refreshed(organisation).relationship_status == R.ACTIVE


def test_a_partnership_approved_after_it_ended_leaves_a_past_partner(coordinator, staff):
    organisation = OrganisationFactory(relationship_status=R.CONTACTED)
    today = timezone.localdate()
    approve(coordinator, staff, organisation, starts_on=today.replace(year=today.year - 1),
            ends_on=today - datetime.timedelta(days=1))  # fmt: skip
    assert refreshed(organisation).relationship_status == R.ENDED


def test_concluding_the_last_partnership_makes_a_past_partner(coordinator, staff):
    organisation = OrganisationFactory()
    partnership = approve(coordinator, staff, organisation)
    request_services.partnership_conclude(partnership=partnership, user=coordinator)
    assert refreshed(organisation).relationship_status == R.ENDED


def test_concluding_one_of_two_partnerships_keeps_the_relationship_active(coordinator, staff):
    organisation = OrganisationFactory()
    first = approve(coordinator, staff, organisation)
    approve(coordinator, staff, organisation)
    request_services.partnership_conclude(partnership=first, user=coordinator)
    assert refreshed(organisation).relationship_status == R.ACTIVE
    assert Partnership.objects.filter(status=PartnershipStatus.ACTIVE).count() == 1


# --- no activity → dormant, as a suggestion -------------------------------------------------


def quiet_since(when, **kw):
    with time_machine.travel(when, tick=False):
        organisation = OrganisationFactory(**kw)
        ApproachFactory(organisation=organisation, contact=None)
    return organisation


def test_a_quiet_relationship_is_suggested_as_dormant_but_not_changed(settings):
    settings.RELATIONSHIP_DORMANT_AFTER_DAYS = 365
    organisation = quiet_since(LONG_AGO, relationship_status=R.CONTACTED)
    with time_machine.travel(NOW, tick=False):
        assert relationship_dormant_since(organisation) == LONG_AGO.date()
    assert refreshed(organisation).relationship_status == R.CONTACTED


def test_recent_activity_means_no_dormant_suggestion(settings):
    settings.RELATIONSHIP_DORMANT_AFTER_DAYS = 365
    organisation = quiet_since(NOW - datetime.timedelta(days=200), relationship_status=R.ACTIVE)
    with time_machine.travel(NOW, tick=False):
        assert relationship_dormant_since(organisation) is None
        settings.RELATIONSHIP_DORMANT_AFTER_DAYS = 180  # the set time is a setting
        assert relationship_dormant_since(organisation) is not None


@pytest.mark.parametrize("status", [R.PROSPECT, R.DORMANT, R.DECLINED])
def test_only_a_relationship_under_way_can_go_dormant(status):
    organisation = quiet_since(LONG_AGO, relationship_status=status)
    with time_machine.travel(NOW, tick=False):
        assert relationship_dormant_since(organisation) is None


def test_an_active_partnership_is_never_dormant(coordinator, staff):
    with time_machine.travel(LONG_AGO, tick=False):
        organisation = OrganisationFactory()
        approve(coordinator, staff, organisation)
    with time_machine.travel(NOW, tick=False):
        assert relationship_dormant_since(refreshed(organisation)) is None


def test_confirming_the_suggestion_makes_it_dormant(staff):
    organisation = quiet_since(LONG_AGO, relationship_status=R.CONTACTED)
    with time_machine.travel(NOW, tick=False):
        relationship_dormant_confirm(organisation=organisation, user=staff)
    assert refreshed(organisation).relationship_status == R.DORMANT


def test_confirming_is_refused_when_the_relationship_is_not_quiet(staff):
    organisation = OrganisationFactory(relationship_status=R.ACTIVE)
    with pytest.raises(NotPossible, match="not quiet enough"):
        relationship_dormant_confirm(organisation=organisation, user=staff)
    assert refreshed(organisation).relationship_status == R.ACTIVE


def test_the_refusal_reads_in_the_users_language(staff):
    organisation = OrganisationFactory(relationship_status=R.ACTIVE)
    with translation.override("fr"), pytest.raises(NotPossible, match="pas assez calme"):
        relationship_dormant_confirm(organisation=organisation, user=staff)


def test_a_local_group_cannot_mark_a_relationship_dormant(role_user):
    organisation = quiet_since(LONG_AGO, relationship_status=R.CONTACTED)
    with time_machine.travel(NOW, tick=False), pytest.raises(NotPermitted):
        relationship_dormant_confirm(organisation=organisation, user=role_user(Role.LOCAL_GROUP))


def test_the_organisation_page_suggests_dormant_and_its_button_confirms(client, staff):
    organisation = quiet_since(LONG_AGO, relationship_status=R.ACTIVE)
    client.force_login(staff)
    with time_machine.travel(NOW, tick=False):
        page = client.get(organisation.get_absolute_url())
        assert 'data-testid="dormant-suggestion"' in page.content.decode()
        response = client.post(reverse("partnerships:organisation_dormant", args=[organisation.pk]))
        assert response.status_code == 302
        assert refreshed(organisation).relationship_status == R.DORMANT
        again = client.get(organisation.get_absolute_url())
        assert 'data-testid="dormant-suggestion"' not in again.content.decode()


# --- the approach form asks who owns the relationship ---------------------------------------


def form_data(organisation, **extra):
    return {"organisation": organisation.pk, "ask": "Co-sign", "channel": "email",
            "outcome": "awaiting", "approached_on": "02/03/2026", **extra}  # fmt: skip


def test_the_approach_form_asks_for_an_owner_when_the_organisation_has_none(client, staff):
    organisation = OrganisationFactory()
    client.force_login(staff)
    url = reverse("outreach:approach_create")
    page = client.get(url, {"organisation": organisation.pk})
    assert page.context["form"].fields["relationship_owner"].initial is None
    assert page.context["form"]["relationship_owner"].value() == staff.pk

    refused = client.post(url, form_data(organisation))
    assert refused.status_code == 200
    assert "Nobody owns the relationship" in refused.content.decode()

    client.post(url, form_data(organisation, relationship_owner=staff.pk))
    organisation = refreshed(organisation)
    assert organisation.relationship_owner == staff
    assert organisation.relationship_status == R.CONTACTED


def test_the_approach_form_does_not_ask_when_the_organisation_has_an_owner(client, staff):
    organisation = OrganisationFactory(relationship_owner=staff)
    client.force_login(staff)
    page = client.get(reverse("outreach:approach_create"), {"organisation": organisation.pk})
    assert "relationship_owner" not in page.context["form"].fields


def test_an_approach_through_the_api_to_an_owned_organisation_keeps_its_owner(staff, role_user):
    """The API asks for an owner only when nobody owns the relationship (the refusal and
    the named owner: tests/api/test_outreach.py)."""
    from rest_framework.test import APIClient

    owner = role_user(Role.SECTION_STAFF)
    organisation = OrganisationFactory(relationship_owner=owner)
    client = APIClient()
    client.force_authenticate(staff)
    response = client.post(
        "/api/approaches/",
        {"organisation": organisation.pk, "ask": "Co-sign", "approached_on": "2026-03-02",
         "channel": "email", "outcome": "awaiting"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    organisation = refreshed(organisation)
    assert (organisation.relationship_owner, organisation.relationship_status) == (
        owner,
        R.CONTACTED,
    )
