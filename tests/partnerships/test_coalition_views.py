import pytest
from django.urls import reverse

from accounts.roles import Role
from partnerships.models import Coalition, StatementAgreement
from partnerships.models.coalitions import StatementStatus
from tests.factories import (
    CoalitionFactory,
    CoalitionMembershipFactory,
    JointStatementFactory,
    OrganisationFactory,
    SupportRequestFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, role_user):
    client.force_login(role_user(Role.SECTION_STAFF))
    return client


def _coalition_post(organisation, **overrides):
    data = {
        "name": "Broad human rights platform",
        "purpose": "Review foreign policy on human rights.",
        "scope": "national",
        "section_is_member": "on",
        "secretariat_rotation_start": "2025-01-01",
        "secretariat_term_months": "12",
        "section_secretariat_position": "1",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-0-organisation": organisation.pk,
        "memberships-0-role": "member",
        "memberships-0-joined_on": "2020-05-01",
        "memberships-0-secretariat_position": "2",
    }
    return {**data, **overrides}


def test_staff_create_a_coalition_with_members(staff_client):
    organisation = OrganisationFactory(name="Council of Churches")
    response = staff_client.post(
        reverse("partnerships:coalition_create"), _coalition_post(organisation)
    )
    coalition = Coalition.objects.get()
    assert response.status_code == 302
    assert list(coalition.organisations.all()) == [organisation]
    detail = staff_client.get(coalition.get_absolute_url()).content.decode()
    assert "Council of Churches" in detail and "Secretariat:" in detail


def test_coalition_form_rejects_a_section_turn_without_membership_and_bad_dates(staff_client):
    organisation = OrganisationFactory()
    response = staff_client.post(
        reverse("partnerships:coalition_create"),
        _coalition_post(
            organisation, section_is_member="", **{"memberships-0-left_on": "2019-01-01"}
        ),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Only a member takes its turn" in content
    assert "A member cannot leave before it joined." in content
    assert not Coalition.objects.exists()


def test_duplicate_members_are_refused(staff_client):
    organisation = OrganisationFactory()
    data = _coalition_post(organisation, **{
        "memberships-TOTAL_FORMS": "2",
        "memberships-1-organisation": organisation.pk,
        "memberships-1-role": "member",
        "memberships-1-joined_on": "2021-01-01",
    })  # fmt: skip
    response = staff_client.post(reverse("partnerships:coalition_create"), data)
    assert response.status_code == 200 and not Coalition.objects.exists()


def test_issuing_without_every_agreement_shows_a_clear_message(staff_client):
    membership = CoalitionMembershipFactory(organisation__name="Trade Union Federation")
    statement = JointStatementFactory(coalition=membership.coalition)
    response = staff_client.post(
        reverse("partnerships:statement_issue", args=[statement.pk]), follow=True
    )
    assert "Still to agree: Trade Union Federation" in response.content.decode()
    statement.refresh_from_db()
    assert statement.status == StatementStatus.DRAFT


def test_recording_agreements_through_the_page_then_issuing(staff_client):
    membership = CoalitionMembershipFactory()
    statement = JointStatementFactory(coalition=membership.coalition)
    staff_client.post(
        reverse("partnerships:statement_agree", args=[statement.pk]),
        {
            "organisation": membership.organisation_id,
            "agreed_on": "2026-02-01",
            "note": "By e-mail",
        },
    )
    assert StatementAgreement.objects.get().note == "By e-mail"
    staff_client.post(reverse("partnerships:statement_issue", args=[statement.pk]))
    statement.refresh_from_db()
    assert statement.status == StatementStatus.ISSUED


def test_agreement_of_a_non_member_is_refused_with_a_message(staff_client):
    statement = JointStatementFactory(coalition=CoalitionMembershipFactory().coalition)
    response = staff_client.post(
        reverse("partnerships:statement_agree", args=[statement.pk]),
        {"organisation": OrganisationFactory().pk, "agreed_on": "2026-02-01"},
        follow=True,
    )
    assert response.status_code == 200 and not StatementAgreement.objects.exists()
    assert "Select a valid choice" in response.content.decode()


def test_statement_actions_need_post_and_a_known_statement(staff_client):
    statement = JointStatementFactory()
    assert (
        staff_client.get(reverse("partnerships:statement_issue", args=[statement.pk])).status_code
        == 405
    )
    assert (
        staff_client.post(reverse("partnerships:statement_issue", args=[99999])).status_code == 404
    )


def test_meeting_is_recorded_for_its_coalition(staff_client):
    coalition = CoalitionFactory()
    response = staff_client.post(
        reverse("partnerships:meeting_create", args=[coalition.pk]),
        {"date": "2026-03-01", "agenda": "Annual report", "minutes": ""},
    )
    assert response.status_code == 302
    assert coalition.meetings.get().agenda == "Annual report"


def test_a_meeting_is_only_edited_under_its_own_coalition(staff_client):
    meeting = CoalitionFactory().meetings.create(date="2026-01-01", agenda="x")
    other = CoalitionFactory()
    url = reverse("partnerships:meeting_update", args=[other.pk, meeting.pk])
    assert staff_client.get(url).status_code == 404


def test_declining_support_without_a_reply_shows_the_guidance(staff_client):
    request = SupportRequestFactory()
    url = reverse("partnerships:support_decide", args=[request.pk])
    response = staff_client.post(url, {"decision": "decline", "reply": " "})
    content = response.content.decode()
    assert response.status_code == 200  # a form with its error, like every other form
    assert "A decline needs a reply written with care" in content
    assert "not a judgement of the other organisation" in content
    request.refresh_from_db()
    assert not request.is_decided


def test_declining_support_with_a_reply_is_shown_on_the_request(staff_client):
    request = SupportRequestFactory()
    staff_client.post(
        reverse("partnerships:support_decide", args=[request.pk]),
        {"decision": "decline", "reply": "Thank you for asking us."},
    )
    content = staff_client.get(request.get_absolute_url()).content.decode()
    assert "Decision: Decline" in content and "Thank you for asking us." in content


def test_support_request_is_recorded_and_listed(staff_client):
    organisation = OrganisationFactory()
    response = staff_client.post(
        reverse("partnerships:support_create"),
        {"organisation": organisation.pk, "requested_by": "A. Officer", "subject": "Back our strike",
         "received_on": "2026-01-10"},
    )  # fmt: skip
    assert response.status_code == 302
    listing = staff_client.get(reverse("partnerships:support_list"), {"decision": "pending"})
    assert "Back our strike" in listing.content.decode()


def test_support_request_from_the_future_is_refused(staff_client):
    response = staff_client.post(
        reverse("partnerships:support_create"),
        {"organisation": OrganisationFactory().pk, "requested_by": "x", "subject": "y",
         "received_on": "2999-01-01"},
    )  # fmt: skip
    assert "cannot have been received in the future" in response.content.decode()


@pytest.mark.parametrize("rows", [10, 200])
def test_support_list_query_count_is_constant(staff_client, django_assert_max_num_queries, rows):
    SupportRequestFactory.create_batch(rows)
    with django_assert_max_num_queries(6):
        assert staff_client.get(reverse("partnerships:support_list")).status_code == 200


@pytest.mark.parametrize("rows", [10, 200])
def test_statement_page_query_count_is_constant(
    staff_client, django_assert_max_num_queries, rows, role_user
):
    statement = JointStatementFactory(coalition__section_is_member=True)
    recorder = role_user(Role.COORDINATOR)
    for n in range(rows):
        membership = CoalitionMembershipFactory(coalition=statement.coalition)
        if n % 2:
            StatementAgreement.objects.create(
                statement=statement, organisation=membership.organisation,
                agreed_on="2026-01-01", recorded_by=recorder,
            )  # fmt: skip
    with django_assert_max_num_queries(10):
        response = staff_client.get(statement.get_absolute_url())
    assert len(response.context["rows"]) == rows
    assert len(response.context["missing"]) == rows // 2 + 1  # and the Section


@pytest.mark.parametrize("members", [2, 20])
def test_the_coalition_form_names_every_member_in_a_fixed_number_of_queries(
    staff_client, django_assert_max_num_queries, members
):
    # Each member's picker read its organisation alone: 22 queries at twenty members.
    coalition = CoalitionFactory()
    names = []
    for number in range(members):
        organisation = OrganisationFactory(name=f"Member number {number:02}")
        CoalitionMembershipFactory(coalition=coalition, organisation=organisation)
        names.append(organisation.name)
    with django_assert_max_num_queries(5):
        response = staff_client.get(reverse("partnerships:coalition_update", args=[coalition.pk]))
    html = response.content.decode()
    assert all(f'value="{name}"' in html for name in names)


def test_a_posted_member_that_is_no_organisation_is_named_by_no_one(staff_client):
    # The pickers' shared read keeps the form's own errors: an unknown id stays unnamed.
    coalition = CoalitionFactory()
    post = _coalition_post(OrganisationFactory(), **{"memberships-0-organisation": "999999"})
    response = staff_client.post(
        reverse("partnerships:coalition_update", args=[coalition.pk]), post
    )
    assert response.status_code == 200
    assert "memberships-0-organisation" in response.content.decode()
    assert response.context["memberships"].forms[0].errors["organisation"]
