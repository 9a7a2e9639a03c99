import pytest
from django.urls import reverse

from accounts.roles import Role
from partnerships.models import Affiliation, Organisation
from tests.factories import (
    CoalitionFactory,
    CoalitionMembershipFactory,
    OrganisationFactory,
    SupportRequestFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

STAFF_PAGES = [
    ("partnerships:organisation_list", []),
    ("partnerships:organisation_create", []),
    ("partnerships:organisation_matches", []),
    ("partnerships:coalition_list", []),
    ("partnerships:coalition_create", []),
    ("partnerships:support_list", []),
    ("partnerships:support_create", []),
]


@pytest.fixture
def staff_client(client, role_user):
    user = role_user(Role.SECTION_STAFF, username="staffer")
    client.force_login(user)
    client.user = user
    return client


@pytest.mark.parametrize(("name", "args"), STAFF_PAGES)
def test_local_groups_are_refused_the_registry_pages(client, role_user, name, args):
    client.force_login(role_user(Role.LOCAL_GROUP))
    assert client.get(reverse(name, args=args)).status_code == 403


@pytest.mark.parametrize(("name", "args"), STAFF_PAGES)
def test_anonymous_visitors_are_sent_to_login(client, name, args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", [Role.SECTION_STAFF, Role.COORDINATOR])
@pytest.mark.parametrize(("name", "args"), STAFF_PAGES)
def test_staff_and_coordinators_reach_the_registry_pages(client, role_user, role, name, args):
    client.force_login(role_user(role))
    assert client.get(reverse(name, args=args)).status_code == 200


def test_local_group_cannot_merge_or_see_an_organisation(client, role_user):
    organisation = OrganisationFactory()
    client.force_login(role_user(Role.LOCAL_GROUP))
    for name in ("organisation_detail", "organisation_update", "organisation_merge"):
        url = reverse(f"partnerships:{name}", args=[organisation.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {"keep": organisation.pk, "confirm": "yes"}).status_code == 403
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_registry_search_tolerates_accents_and_finds_domains(staff_client):
    OrganisationFactory(name="Médecins Sans Frontières", website="https://www.msf.org")
    OrganisationFactory(name="Greenpeace", website="https://www.greenpeace.org")
    url = reverse("partnerships:organisation_list")
    for query in ("medecins", "msf.org", "https://msf.org"):
        names = [o.name for o in staff_client.get(url, {"q": query}).context["organisations"]]
        assert names == ["Médecins Sans Frontières"], query


def test_registry_filters_and_sorts(staff_client):
    OrganisationFactory(
        name="B union", kind="trade_union", focus_civil_political=True, country="NL"
    )
    OrganisationFactory(
        name="A union", kind="trade_union", focus_economic_social_cultural=True, country="BE"
    )
    OrganisationFactory(name="Church", kind="religious", focus_civil_political=True)
    url = reverse("partnerships:organisation_list")

    def names(**params):
        return [o.name for o in staff_client.get(url, params).context["organisations"]]

    assert names(kind="trade_union") == ["A union", "B union"]
    assert names(kind="trade_union", sort="-name") == ["B union", "A union"]
    assert names(rights_focus="civil_political", sort="name") == ["B union", "Church"]
    assert names(country="BE") == ["A union"]
    assert names(relationship_owner=staff_client.user.pk) == []


@pytest.mark.parametrize(
    "params",
    [{"page": "abc"}, {"page": "999"}, {"kind": "nonsense"}, {"sort": "password"},
     {"relationship_owner": "x"}, {"country": "ZZ"}, {"q": "%_'\"\\"}],
)  # fmt: skip
def test_bad_query_parameters_never_break_the_list(staff_client, params):
    OrganisationFactory()
    assert staff_client.get(reverse("partnerships:organisation_list"), params).status_code == 200


def test_list_is_paginated(staff_client):
    OrganisationFactory.create_batch(30)
    response = staff_client.get(reverse("partnerships:organisation_list"), {"page": 2})
    assert len(response.context["organisations"]) == 5
    assert "Page 2 of 2" in response.content.decode()


@pytest.mark.parametrize("rows", [10, 200])
def test_list_query_count_is_constant(staff_client, django_assert_max_num_queries, rows):
    owner = UserFactory()
    OrganisationFactory.create_batch(rows, relationship_owner=owner)
    with django_assert_max_num_queries(8):
        response = staff_client.get(reverse("partnerships:organisation_list"), {"sort": "name"})
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [10, 200])
def test_detail_query_count_is_constant(staff_client, django_assert_max_num_queries, rows):
    organisation = OrganisationFactory(relationship_owner=staff_client.user)
    Affiliation.objects.bulk_create(
        Affiliation(organisation=organisation, kind="political", description=f"Tie {n}")
        for n in range(rows)
    )
    for _ in range(rows // 10):
        CoalitionMembershipFactory(organisation=organisation)
        SupportRequestFactory(organisation=organisation)
    # The whole timeline is one query; the outreach, evaluation and risk panels add
    # their fixed ones (issue 15).
    with django_assert_max_num_queries(15):
        response = staff_client.get(organisation.get_absolute_url())
    assert len(response.context["timeline"]) == min(2 * (rows // 10), 25)


def test_detail_shows_the_timeline_of_coalitions_and_support_requests(staff_client):
    organisation = OrganisationFactory()
    CoalitionMembershipFactory(organisation=organisation, coalition__name="Broad platform")
    SupportRequestFactory(organisation=organisation, subject="Back our campaign")
    content = staff_client.get(organisation.get_absolute_url()).content.decode()
    assert "Joined Broad platform" in content
    assert "Asked for support: Back our campaign" in content


def _organisation_post(**overrides):
    data = {
        "name": "New organisation",
        "kind": "human_rights",
        "scope": "national",
        "relationship_status": "prospect",
        "affiliations-TOTAL_FORMS": "1",
        "affiliations-INITIAL_FORMS": "0",
        "affiliations-0-kind": "religious",
        "affiliations-0-description": "Founded by a church",
    }
    return {**data, **overrides}


def test_staff_create_an_organisation_with_an_affiliation(staff_client):
    response = staff_client.post(
        reverse("partnerships:organisation_create"),
        _organisation_post(website="https://new.example.org"),
    )
    organisation = Organisation.objects.get(name="New organisation")
    assert response.status_code == 302 and response["Location"] == organisation.get_absolute_url()
    assert organisation.affiliations.get().description == "Founded by a church"


def test_creating_a_likely_duplicate_shows_the_match_and_its_owner(staff_client):
    owner = UserFactory(username="marieke")
    OrganisationFactory(
        name="Human Rights Watch", website="https://www.hrw.org", relationship_owner=owner
    )
    url = reverse("partnerships:organisation_create")
    response = staff_client.post(url, _organisation_post(name="The Human Rights Watch, Inc."))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Possible existing relationship" in content and "owner: marieke" in content
    assert "This is a different organisation" in content
    assert Organisation.objects.count() == 1

    confirmed = staff_client.post(
        url, _organisation_post(name="The Human Rights Watch, Inc.", confirm_different="on")
    )
    assert confirmed.status_code == 302
    assert Organisation.objects.count() == 2


def test_editing_an_organisation_does_not_match_itself(staff_client):
    organisation = OrganisationFactory(name="Oxfam", website="https://www.oxfam.org")
    response = staff_client.post(
        reverse("partnerships:organisation_update", args=[organisation.pk]),
        _organisation_post(name="Oxfam International", website="https://www.oxfam.org",
                           **{"affiliations-TOTAL_FORMS": "0"}),
    )  # fmt: skip
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Oxfam International"


def test_a_taken_external_identifier_is_refused(staff_client):
    OrganisationFactory(external_id="NL-KVK-123")
    response = staff_client.post(
        reverse("partnerships:organisation_create"),
        _organisation_post(external_id="NL-KVK-123", confirm_different="on"),
    )
    assert "Another organisation already has this identifier." in response.content.decode()


def test_live_check_lists_matches_with_owner(staff_client):
    OrganisationFactory(
        name="Pro Asyl", website="https://www.proasyl.de", relationship_owner=staff_client.user
    )
    response = staff_client.get(
        reverse("partnerships:organisation_matches"),
        {"name": "PRO ASYL e.V."},
        HTTP_HX_REQUEST="true",
    )
    content = response.content.decode()
    assert "Pro Asyl" in content and "owner: staffer" in content
    assert "last activity: none recorded" in content
    empty = staff_client.get(
        reverse("partnerships:organisation_matches"), {"name": "Unknown", "exclude": "x"}
    )
    assert "Possible existing relationship" not in empty.content.decode()


def test_live_check_of_a_half_typed_website_answers_without_matches(staff_client):
    response = staff_client.get(
        reverse("partnerships:organisation_matches"), {"name": "", "website": "http://[::1"}
    )
    assert response.status_code == 200
    assert "Possible existing relationship" not in response.content.decode()


def test_merge_asks_for_confirmation_then_merges(staff_client):
    keep = OrganisationFactory(name="Amnesty partner")
    duplicate = OrganisationFactory(name="Amnesty partner Ltd")
    SupportRequestFactory(organisation=duplicate)
    url = reverse("partnerships:organisation_merge", args=[duplicate.pk])

    choose = staff_client.get(url)
    assert keep in [m.organisation for m in choose.context["suggestions"]]
    confirm = staff_client.get(url, {"keep": keep.pk})
    assert "1 support requests" in confirm.content.decode()
    assert Organisation.objects.filter(pk=duplicate.pk).exists()

    response = staff_client.post(url, {"keep": keep.pk, "confirm": "yes"})
    assert response.status_code == 302 and response["Location"] == keep.get_absolute_url()
    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    assert keep.support_requests.count() == 1


def test_merge_with_a_bad_target_shows_the_form_again(staff_client):
    duplicate = OrganisationFactory()
    url = reverse("partnerships:organisation_merge", args=[duplicate.pk])
    for keep in ("abc", duplicate.pk, 999999):
        response = staff_client.post(url, {"keep": keep, "confirm": "yes"})
        assert response.status_code == 200 and response.context["form"].errors
    assert (
        staff_client.get(reverse("partnerships:organisation_merge", args=[999999])).status_code
        == 404
    )


@pytest.mark.parametrize("rows", [10, 200])
def test_coalition_pages_query_count_is_constant(staff_client, django_assert_max_num_queries, rows):
    coalition = CoalitionFactory(section_is_member=True, secretariat_rotation_start="2024-01-01")
    for position in range(rows):
        CoalitionMembershipFactory(coalition=coalition, secretariat_position=position)
    for _ in range(rows // 10):
        CoalitionFactory()
    with django_assert_max_num_queries(8):
        assert staff_client.get(reverse("partnerships:coalition_list")).status_code == 200
    with django_assert_max_num_queries(10):
        response = staff_client.get(coalition.get_absolute_url())
    assert len(response.context["current_members"]) == rows


def test_coalition_list_counts_members_and_meetings_and_shows_the_secretariat(staff_client):
    coalition = CoalitionFactory(name="Platform", secretariat_rotation_start="2020-01-01")
    CoalitionMembershipFactory(
        coalition=coalition, organisation__name="Holder", secretariat_position=1
    )
    CoalitionMembershipFactory(coalition=coalition, left_on="2025-01-01")
    for day in (1, 2, 3):
        coalition.meetings.create(date=f"2025-01-0{day}", agenda="Policy review")
    content = staff_client.get(reverse("partnerships:coalition_list")).content.decode()
    assert "1 member organisation ·" in content and "3 meetings" in content
    assert "Secretariat: <strong>Holder</strong>" in content


def test_registry_filters_by_active_partnership(staff_client):
    from partnerships.models import Partnership

    partner = OrganisationFactory(name="Active partner")
    former = OrganisationFactory(name="Former partner")
    OrganisationFactory(name="Never a partner")
    for organisation, status in ((partner, "active"), (former, "concluded")):
        partnership = Partnership.objects.create(
            title=f"With {organisation.name}",
            visibility="co_branded",
            starts_on="2026-01-01",
            status=status,
            lead=staff_client.user,
        )
        partnership.organisations.add(organisation)
    url = reverse("partnerships:organisation_list")

    def names(**params):
        return [o.name for o in staff_client.get(url, params).context["organisations"]]

    assert names(has_active_partnership="true") == ["Active partner"]
    assert names(has_active_partnership="false", sort="name") == [
        "Former partner",
        "Never a partner",
    ]


def test_timeline_times_are_valid_html_without_microseconds(staff_client):
    import re

    from tests.factories import SupportRequestFactory

    organisation = OrganisationFactory()
    SupportRequestFactory(organisation=organisation)
    content = staff_client.get(organisation.get_absolute_url()).content.decode()
    values = re.findall(r'<time[^>]*datetime="([^"]+)"', content)
    assert values
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}", v) for v in values), values


def test_the_affiliations_formset_labels_once_and_deletes_only_saved_rows(staff_client):
    from partnerships.models import Affiliation

    organisation = OrganisationFactory()
    Affiliation.objects.create(organisation=organisation, kind="political", description="Party X")
    content = staff_client.get(
        reverse("partnerships:organisation_update", args=[organisation.pk])
    ).content.decode()
    assert content.count('name="affiliations-0-DELETE"') == 1
    assert 'name="affiliations-1-DELETE"' not in content  # an empty extra row
    assert content.count(">Description</th>") == 1


def test_the_registry_filters_say_any(staff_client):
    content = staff_client.get(reverse("partnerships:organisation_list")).content.decode()
    assert "---------" not in content
    assert ">Any</option>" in content


def test_the_country_filter_is_in_the_readers_alphabetical_order(staff_client):
    # "Afrique du Sud" before "Albanie" in French; "South Africa" far after in English.
    staff_client.user.language = "fr"
    staff_client.user.save(update_fields=["language"])
    content = staff_client.get(reverse("partnerships:organisation_list")).content.decode()
    assert '<option value="ZA">Afrique du Sud</option>' in content
    assert content.index('value="ZA"') < content.index('value="AL"')
