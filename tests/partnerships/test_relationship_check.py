import pytest

from partnerships.matching import domain_of, normalise_name
from partnerships.selectors import find_existing_relationships
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Médecins Sans Frontières", "medecins sans frontieres"),
        ("The Human Rights Watch, Inc.", "Human Rights Watch"),
        ("Pro Asyl e.V.", "PRO ASYL"),
        ("Stichting Vluchteling", "Vluchteling"),
        ("Anti-Slavery International Ltd", "anti slavery international"),
    ],
)
def test_names_that_differ_only_in_accents_case_punctuation_or_suffix_match(a, b):
    assert normalise_name(a) == normalise_name(b)


def test_different_organisations_do_not_normalise_alike():
    assert normalise_name("Human Rights Watch") != normalise_name("Human Rights First")


@pytest.mark.parametrize(
    ("value", "domain"),
    [
        ("https://www.hrw.org/en/news", "hrw.org"),
        ("hrw.org", "hrw.org"),
        ("press@hrw.org", "hrw.org"),
        ("someone@gmail.com", ""),
        ("", ""),
        ("http://[::1", ""),
    ],
)
def test_domain_of_websites_and_addresses(value, domain):
    assert domain_of(value) == domain


def test_existing_relationship_is_found_by_name_acronym_or_domain():
    hrw = OrganisationFactory(
        name="Human Rights Watch", acronym="HRW", website="https://www.hrw.org"
    )
    OrganisationFactory(name="Unrelated", website="https://unrelated.example.org")
    for query in (
        {"name": "The Human Rights Watch Inc."},
        {"name": "HRW"},
        {"name": "Something else", "website": "http://hrw.org/about"},
        {"name": "Something else", "email": "info@hrw.org"},
    ):
        matches = find_existing_relationships(**query)
        assert [m.organisation for m in matches] == [hrw], query
        assert matches[0].reasons


def test_no_match_for_a_new_organisation_or_webmail_address():
    OrganisationFactory(name="Human Rights Watch", website="https://www.hrw.org")
    assert find_existing_relationships(name="Greenpeace", email="someone@gmail.com") == []


def test_the_record_matching_on_most_counts_comes_first():
    by_domain = OrganisationFactory(name="Alpha", website="https://www.amnesty.nl")
    by_both = OrganisationFactory(name="Amnesty Nederland", website="https://amnesty.nl")
    matches = find_existing_relationships(name="Amnesty Nederland", website="amnesty.nl")
    assert [m.organisation for m in matches] == [by_both, by_domain]


@pytest.mark.parametrize(
    "query",
    [
        {"name": "Défense des Enfants International"},
        {"name": "defense des enfants international asbl"},
        {"name": "Other", "email": "press@dci.example"},
        {"name": "DCI"},
    ],
)
def test_matches_tolerate_accents_suffixes_and_email_domains(query):
    dci = OrganisationFactory(
        name="Defense des Enfants International", acronym="D.C.I.", email="info@dci.example"
    )
    assert [m.organisation for m in find_existing_relationships(**query)] == [dci]
