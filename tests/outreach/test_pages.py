import pytest

from outreach.models import Contact
from tests.factories import (
    ApproachFactory,
    ContactFactory,
    EmploymentFactory,
    KeywordFactory,
    PublicationFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db

MAX_QUERIES = 13


def make_contacts(count: int) -> None:
    sector, keyword = SectorFactory(), KeywordFactory()
    for employment in EmploymentFactory.create_batch(count):
        employment.contact.sectors.add(sector)
        employment.contact.keywords.add(keyword)
        ApproachFactory(contact=employment.contact, organisation=employment.organisation)


@pytest.mark.parametrize("rows", [10, 200])
def test_contact_list_query_count_does_not_grow(staff_client, django_assert_max_num_queries, rows):
    make_contacts(rows)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = staff_client.get("/outreach/contacts/", {"sort": "-updated", "status": "active"})
    assert response.status_code == 200
    assert len(response.context["object_list"]) == min(rows, 25)


@pytest.mark.parametrize("rows", [10, 200])
def test_approach_list_query_count_does_not_grow(staff_client, django_assert_max_num_queries, rows):
    make_contacts(rows)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = staff_client.get("/outreach/approaches/")
    assert response.status_code == 200
    assert len(response.context["object_list"]) == min(rows, 25)


@pytest.mark.parametrize("rows", [10, 200])
def test_access_log_query_count_does_not_grow(
    coordinator_client, django_assert_max_num_queries, rows
):
    from outreach.services.contacts import at_risk_access_log

    contacts = ContactFactory.create_batch(rows, is_at_risk=True)
    user = coordinator_client.get("/outreach/contacts/").wsgi_request.user
    at_risk_access_log(contacts=contacts, user=user)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = coordinator_client.get("/outreach/contacts/access-log/")
    assert response.status_code == 200


def test_the_access_logs_who_filter_offers_each_user_with_entries_once(coordinator_client):
    from outreach.filters import AccessLogFilter
    from outreach.services.contacts import at_risk_access_log
    from tests.factories import UserFactory

    reader, other, idle = UserFactory(), UserFactory(), UserFactory()
    contacts = ContactFactory.create_batch(3, is_at_risk=True)
    at_risk_access_log(contacts=contacts, user=reader)  # three entries
    at_risk_access_log(contacts=contacts[:1], user=other)
    offered = list(AccessLogFilter().form.fields["user"].queryset)
    assert sorted(offered, key=lambda user: user.pk) == [reader, other]
    assert idle not in offered


def test_contact_detail_shows_employments_and_approaches(staff_client):
    employment = EmploymentFactory(role="Union officer")
    ApproachFactory(contact=employment.contact, ask="Join the campaign")
    page = staff_client.get(employment.contact.get_absolute_url()).content.decode()
    assert "Union officer" in page
    assert str(employment.organisation) in page
    assert "Join the campaign" in page


def test_contact_detail_lists_the_publications_matching_their_interests(staff_client):
    torture, trade = KeywordFactory(name="torture"), KeywordFactory(name="trade")
    contact = ContactFactory()
    contact.keywords.add(torture)
    PublicationFactory(title="Stop torture report", keywords=[torture])
    PublicationFactory(title="Trade and arms", keywords=[trade])
    page = staff_client.get(contact.get_absolute_url()).content.decode()
    assert "Publications matching their interests" in page
    assert "Stop torture report" in page
    assert "Trade and arms" not in page


@pytest.mark.parametrize(
    "params",
    [
        {"sector": "abc"},
        {"country": "XX"},
        {"status": "gone"},
        {"consent": "maybe"},
        {"keyword": "999999"},
        {"sort": "password"},
        {"page": "999"},
        {"page": "abc"},
    ],
)
def test_contact_list_survives_bad_query_parameters(staff_client, params):
    ContactFactory()
    response = staff_client.get("/outreach/contacts/", params)
    assert response.status_code in (200, 404)


def test_contact_list_filters_by_sector_consent_keyword_country(staff_client):
    sector, keyword = SectorFactory(), KeywordFactory()
    match = ContactFactory(country="KE", last_name="Match")
    match.sectors.add(sector)
    match.keywords.add(keyword)
    ContactFactory(country="KE", last_name="Other", mailing_consent=False, consent_given_at=None)
    params = {"sector": sector.pk, "keyword": keyword.pk, "country": "KE", "consent": "yes"}
    response = staff_client.get("/outreach/contacts/", params)
    assert list(response.context["object_list"]) == [match]
    response = staff_client.get("/outreach/contacts/", {"consent": "no"})
    assert [c.last_name for c in response.context["object_list"]] == ["Other"]


def test_staff_create_and_edit_a_contact(staff_client, staff):
    sector = SectorFactory()
    response = staff_client.post(
        "/outreach/contacts/new/",
        {
            "first_name": "Ana",
            "last_name": "Lima",
            "email": "ana@example.org",
            "sectors": [sector.pk],
            "consent_source": "signed the petition form",
        },
    )
    contact = Contact.objects.get()
    assert response["Location"] == contact.get_absolute_url()
    assert contact.has_consent and contact.owner == staff
    response = staff_client.post(
        f"/outreach/contacts/{contact.pk}/edit/",
        {"first_name": "Ana", "last_name": "Lima-Souza", "email": "ana@example.org"},
    )
    contact.refresh_from_db()
    assert contact.last_name == "Lima-Souza"
    assert contact.has_consent  # editing never touches consent


def test_contact_keywords_are_typed_with_autocomplete_from_the_shared_vocabulary(staff_client):
    torture = KeywordFactory(name="Torture")
    form_page = staff_client.get("/outreach/contacts/new/").content.decode()
    assert 'data-keyword-autocomplete="/outreach/keywords/autocomplete/"' in form_page
    assert "js/keywords.js" in form_page
    staff_client.post(
        "/outreach/contacts/new/",
        {"last_name": "Lima", "email": "ana@example.org", "keywords": "torture, death penalty"},
    )
    contact = Contact.objects.get()
    assert torture in contact.keywords.all()  # the existing spelling is reused
    assert sorted(contact.keywords.values_list("name", flat=True)) == ["Torture", "death penalty"]
    edit_page = staff_client.get(f"/outreach/contacts/{contact.pk}/edit/").content.decode()
    assert (
        'value="Torture, death penalty"' in edit_page
        or 'value="death penalty, Torture"' in edit_page
    )


def test_two_contacts_cannot_share_an_email(staff_client):
    ContactFactory(email="ana@example.org")
    response = staff_client.post(
        "/outreach/contacts/new/", {"last_name": "Lima", "email": "ANA@example.org"}
    )
    assert "already in use or reserved" in response.content.decode()


def test_employments_are_added_and_removed(staff_client):
    contact = ContactFactory()
    organisation = EmploymentFactory().organisation
    staff_client.post(
        f"/outreach/contacts/{contact.pk}/employments/",
        {"organisation": organisation.pk, "role": "Chair", "start_date": "2025-01-01"},
    )
    employment = contact.employments.get()
    response = staff_client.post(
        f"/outreach/contacts/{contact.pk}/employments/",
        {"organisation": organisation.pk, "start_date": "2025-01-01", "end_date": "2024-01-01"},
        follow=True,
    )
    assert "end date is before the start date" in response.content.decode()
    staff_client.post(f"/outreach/contacts/{contact.pk}/employments/{employment.pk}/end/")
    employment.refresh_from_db()
    assert employment.end_date is not None
    response = staff_client.post(
        f"/outreach/contacts/{contact.pk}/employments/{employment.pk}/end/", follow=True
    )
    assert "already ended" in response.content.decode()
    staff_client.post(f"/outreach/contacts/{contact.pk}/employments/{employment.pk}/remove/")
    assert not contact.employments.exists()


def test_navigation_shows_contacts_approaches_and_import_to_staff(staff_client):
    page = staff_client.get("/outreach/contacts/").content.decode()
    for href in ("/outreach/contacts/", "/outreach/approaches/", "/outreach/import/"):
        assert f'href="{href}"' in page


@pytest.mark.parametrize("rows", [10, 200])
def test_contact_detail_query_count_does_not_grow(
    coordinator_client, django_assert_max_num_queries, rows
):
    contact = ContactFactory(is_at_risk=True)
    EmploymentFactory.create_batch(rows, contact=contact)
    ApproachFactory.create_batch(rows, contact=contact)
    contact.sectors.add(*SectorFactory.create_batch(3))
    keyword = KeywordFactory()
    contact.keywords.add(keyword)
    PublicationFactory.create_batch(rows, keywords=[keyword])
    with django_assert_max_num_queries(15):
        response = coordinator_client.get(contact.get_absolute_url())
    assert response.status_code == 200


def test_approach_list_search_finds_by_contact_organisation_or_ask(staff_client):
    wanted = ApproachFactory(ask="Petition on prison conditions")
    ApproachFactory(ask="Something else")
    response = staff_client.get("/outreach/approaches/", {"q": "prison"})
    assert list(response.context["object_list"]) == [wanted]
    response = staff_client.get("/outreach/approaches/", {"q": wanted.contact.last_name})
    assert list(response.context["object_list"]) == [wanted]
