import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from outreach.models import Keyword, Publication
from outreach.selectors.publications import (
    contacts_for_publication,
    keyword_suggestions,
    publications_for_contact,
)
from outreach.services.keywords import keywords_resolve
from tests.factories import ContactFactory, KeywordFactory, PublicationFactory

pytestmark = pytest.mark.django_db


def contact_with(keywords, **fields):
    contact = ContactFactory(**fields)
    contact.keywords.set(keywords)
    return contact


@pytest.fixture
def staff(role_user):
    return role_user(Role.SECTION_STAFF)


@pytest.fixture
def at_risk_reader(role_user):
    user = role_user(Role.SECTION_STAFF)
    user.user_permissions.add(Permission.objects.get(codename="view_at_risk_contact"))
    return type(user).objects.get(pk=user.pk)  # a fresh instance: no cached permissions


def test_contacts_matching_more_keywords_come_first(staff):
    torture, doctors, trade = (
        KeywordFactory(name="torture"),
        KeywordFactory(name="doctors"),
        KeywordFactory(name="trade"),
    )
    publication = PublicationFactory(keywords=[torture, doctors])
    both = contact_with([torture, doctors], last_name="Zeta")
    one = contact_with([doctors, trade], last_name="Alpha")
    contact_with([trade])  # no shared keyword
    ContactFactory()  # no interests at all

    matches = list(contacts_for_publication(publication=publication, user=staff))

    assert matches == [both, one]
    assert [m.match_count for m in matches] == [2, 1]
    assert [k.name for k in matches[1].matched_keywords] == ["doctors"]


def test_a_publication_without_keywords_matches_nobody(staff):
    contact_with([KeywordFactory()])
    assert not contacts_for_publication(publication=PublicationFactory(), user=staff).exists()


def test_contacts_at_risk_are_left_out_without_the_permission(staff, at_risk_reader):
    keyword = KeywordFactory()
    publication = PublicationFactory(keywords=[keyword])
    safe = contact_with([keyword])
    at_risk = contact_with([keyword], is_at_risk=True)

    assert list(contacts_for_publication(publication=publication, user=staff)) == [safe]
    assert set(contacts_for_publication(publication=publication, user=at_risk_reader)) == {
        safe,
        at_risk,
    }


def test_publication_page_hides_contacts_at_risk_from_staff(client, staff):
    keyword = KeywordFactory()
    publication = PublicationFactory(keywords=[keyword])
    contact_with([keyword], last_name="Visible")
    contact_with([keyword], last_name="Hidden", is_at_risk=True)
    client.force_login(staff)
    html = client.get(publication.get_absolute_url()).content.decode()
    assert "Visible" in html and "Hidden" not in html


def test_a_contact_should_have_received_the_publications_sharing_a_keyword():
    torture, lawyers = KeywordFactory(name="torture"), KeywordFactory(name="lawyers")
    contact = contact_with([torture])
    older = PublicationFactory(keywords=[torture], published_on=datetime.date(2025, 1, 1))
    newer = PublicationFactory(keywords=[torture, lawyers], published_on=datetime.date(2026, 1, 1))
    PublicationFactory(keywords=[lawyers])

    publications = list(publications_for_contact(contact=contact))

    assert publications == [newer, older]
    assert [k.name for k in publications[0].matched_keywords] == ["torture"]


def test_the_contact_include_lists_matching_publications():
    from django.template.loader import render_to_string

    keyword = KeywordFactory(name="torture")
    contact = contact_with([keyword])
    PublicationFactory(keywords=[keyword], title="Health professionals and torture")
    html = render_to_string(
        "outreach/_publications_for_contact.html",
        {"publications": publications_for_contact(contact=contact)},
    )
    assert "Health professionals and torture" in html and "torture" in html


def test_keywords_reuse_an_existing_spelling_whatever_the_case():
    existing = KeywordFactory(name="Death penalty")
    resolved = keywords_resolve(names=["death  PENALTY", " fair trial ", "", "Fair Trial"])
    assert resolved[0] == existing
    assert [k.name for k in resolved] == ["Death penalty", "fair trial"]
    assert Keyword.objects.count() == 2


def test_keyword_suggestions_put_prefix_matches_first():
    for name in ["torture", "anti-torture law", "trade unions", "tort reform"]:
        KeywordFactory(name=name)
    assert keyword_suggestions(query="tort") == ["tort reform", "torture", "anti-torture law"]
    assert keyword_suggestions(query="  ") == []


def test_keyword_autocomplete_answers_json(client, staff):
    KeywordFactory(name="torture")
    client.force_login(staff)
    response = client.get(reverse("outreach:keyword_autocomplete"), {"q": "tor"})
    assert response.json() == {"results": ["torture"]}


def test_staff_create_a_publication_with_new_and_existing_keywords(client, staff):
    KeywordFactory(name="torture")
    client.force_login(staff)
    response = client.post(
        reverse("outreach:publication_create"),
        {
            "title": "Doctors against torture",
            "reference": "ACT 75/01/26",
            "published_on": "2026-02-01",
            "keywords": "Torture, doctors, , doctors",
            "url": "https://www.example.org/doctors",
            "summary": "",
        },
    )
    publication = Publication.objects.get()
    assert response["Location"] == publication.get_absolute_url()
    assert sorted(k.name for k in publication.keywords.all()) == ["doctors", "torture"]
    assert Keyword.objects.count() == 2


def test_a_publication_with_only_a_file_is_accepted(client, staff):
    client.force_login(staff)
    client.post(
        reverse("outreach:publication_create"),
        {
            "title": "Report",
            "published_on": "2026-02-01",
            "keywords": "",
            "file": SimpleUploadedFile("report.pdf", b"%PDF-1.4"),
        },
    )
    assert Publication.objects.get().file.name.endswith(".pdf")


def test_a_publication_needs_a_link_or_a_file(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("outreach:publication_create"),
        {"title": "Report", "published_on": "2026-02-01", "keywords": "x"},
    )
    assert "Give a link to the publication or upload its file." in response.content.decode()
    assert not Publication.objects.exists()


def test_editing_keeps_and_changes_keywords(client, staff):
    publication = PublicationFactory(keywords=[KeywordFactory(name="torture")])
    client.force_login(staff)
    form_page = client.get(reverse("outreach:publication_update", args=[publication.pk]))
    assert 'value="torture"' in form_page.content.decode()
    client.post(
        reverse("outreach:publication_update", args=[publication.pk]),
        {
            "title": publication.title,
            "published_on": "2026-01-15",
            "keywords": "torture, detention",
            "url": publication.url,
        },
    )
    assert sorted(k.name for k in publication.keywords.all()) == ["detention", "torture"]


def test_publication_list_searches_by_keyword_without_repeating_rows(client, staff):
    torture = KeywordFactory(name="torture")
    PublicationFactory(title="Match", keywords=[torture, KeywordFactory(name="tortoise")])
    PublicationFactory(title="Other")
    client.force_login(staff)
    response = client.get(reverse("outreach:publication_list"), {"q": "tort", "sort": "bogus"})
    assert [p.title for p in response.context["publications"]] == ["Match"]


@pytest.mark.parametrize("count", [10, 200])
def test_publication_list_runs_a_constant_number_of_queries(
    client, staff, django_assert_max_num_queries, count
):
    keywords = [KeywordFactory() for _ in range(3)]
    for _ in range(count):
        PublicationFactory(keywords=keywords)
    client.force_login(staff)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("outreach:publication_list")).status_code == 200


@pytest.mark.parametrize("count", [10, 200])
def test_publication_page_runs_a_constant_number_of_queries(
    client, staff, django_assert_max_num_queries, count
):
    keywords = [KeywordFactory() for _ in range(3)]
    publication = PublicationFactory(keywords=keywords)
    for _ in range(count):
        contact_with(keywords)
    client.force_login(staff)
    with django_assert_max_num_queries(10):
        assert client.get(publication.get_absolute_url()).status_code == 200


def test_an_executable_upload_is_refused(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("outreach:publication_create"),
        {
            "title": "Report",
            "published_on": "2026-02-01",
            "file": SimpleUploadedFile("report.exe", b"MZ"),
        },
    )
    assert "File extension “exe” is not allowed" in response.content.decode()
    assert not Publication.objects.exists()


def test_matching_contacts_say_whether_they_can_be_mailed(staff):
    keyword = KeywordFactory()
    publication = PublicationFactory(keywords=[keyword])
    consenting = contact_with([keyword], last_name="A")
    contact_with([keyword], last_name="B", mailing_consent=False)
    rows = contacts_for_publication(publication=publication, user=staff).order_by("last_name")
    assert [(c, c.is_mailable) for c in rows][0] == (consenting, True)
    assert [c.is_mailable for c in rows] == [True, False]
